/**
 * The one error mapper and body reader: turns responses (including the orchestrator's
 * plain-text errors and its HTTP-200 bodies with an `error` field) into typed values or errors.
 *
 * @module
 */

import {
  AegisApiError,
  AegisConnectionError,
  AegisProtocolError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  BillingNotConfiguredError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  NotImplementedError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.ts";
import { isRecord } from "../../internal/guards.ts";

/** Where a response came from, for error messages. */
export interface RequestLabel {
  method: string;
  path: string;
}

const MAX_MESSAGE_CHARS = 500;

/**
 * Reads a body completely as UTF-8, refusing more than `limit` bytes and invalid UTF-8.
 * A body that breaks off mid-way becomes an {@link AegisConnectionError}. Aborting `signal`
 * ends the read even with a `fetch` that ignores its own signal (it then throws the reason).
 */
export async function readText(
  response: Response,
  limit: number,
  label: RequestLabel,
  signal?: AbortSignal,
): Promise<string> {
  if (response.body === null) return "";
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body.cancel().catch(() => {});
    throw new AegisProtocolError(
      `response body of ${declared} bytes exceeds the ${limit}-byte limit [${where(label)}]`,
    );
  }
  const reader = response.body.getReader();
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        await reader.cancel().catch(() => {});
        throw new AegisProtocolError(
          `response body exceeds the ${limit}-byte limit [${where(label)}]`,
        );
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  // One non-streaming decode of the whole body: a streaming decoder costs several times more
  // per call on Node and Deno, and small JSON bodies usually arrive in one chunk.
  try {
    return utf8.decode(chunks.length === 1 ? chunks[0] : concatBytes(chunks, received));
  } catch (error) {
    throw new AegisProtocolError(`response body is not valid UTF-8 [${where(label)}]`, {
      cause: error,
    });
  }
}

/** Stateless when used without `stream`, so one instance serves every call. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

function concatBytes(chunks: Uint8Array[], total: number): Uint8Array {
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/** Parses a JSON body; anything else is an {@link AegisProtocolError}. Empty text → `undefined`. */
export function parseJson(text: string, label: RequestLabel, contentType: string | null): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const kind = contentType ? ` (${contentType.split(";")[0]})` : "";
    throw new AegisProtocolError(
      `expected a JSON body but got ${text.length} characters of something else${kind} ` +
        `[${where(label)}]`,
      { cause: error },
    );
  }
}

/**
 * Builds the typed error for a failed response from its status, headers and body text.
 * `{error, message}`, `{error}`, `{error:"insufficient_scope", required}`, the edge router's
 * `{status, code, message}` and plain-text bodies are all understood.
 */
export function apiErrorFromResponse(
  response: Response,
  text: string,
  label: RequestLabel,
): AegisApiError {
  let body: unknown = text;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const init: ApiErrorInit = {
    status: response.status,
    method: label.method,
    path: label.path,
    body,
    headers: response.headers,
    requestId: response.headers.get("x-request-id") ?? undefined,
    ...describeBody(body),
  };
  return createApiError(init);
}

/**
 * Returns the typed error an HTTP-200 body carries (`{"error": "..."}`), or `undefined` when
 * the body is a normal result.
 */
export function embeddedError(
  body: unknown,
  response: Response,
  label: RequestLabel,
): AegisApiError | undefined {
  if (!isRecord(body) || typeof body.error !== "string") return undefined;
  return createApiError({
    status: response.status,
    method: label.method,
    path: label.path,
    body,
    headers: response.headers,
    embedded: true,
    ...describeBody(body),
  });
}

function describeBody(body: unknown): Pick<ApiErrorInit, "code" | "serverMessage"> {
  if (typeof body === "string") {
    const trimmed = body.trim();
    return trimmed ? { serverMessage: truncate(trimmed) } : {};
  }
  if (!isRecord(body)) return {};
  const error = typeof body.error === "string" ? body.error : undefined;
  const message = typeof body.message === "string" ? body.message : undefined;
  if (error !== undefined && message !== undefined) {
    return { code: error, serverMessage: truncate(message) };
  }
  if (error !== undefined && typeof body.required === "string") {
    return { code: error, serverMessage: truncate(`${error} (requires ${body.required})`) };
  }
  if (error !== undefined) {
    const looksLikeCode = /^[a-z][a-z0-9_]*$/.test(error);
    return looksLikeCode
      ? { code: error, serverMessage: error }
      : { code: codeFromMessage(error), serverMessage: truncate(error) };
  }
  if (typeof body.code === "string") {
    return {
      code: body.code,
      serverMessage: message === undefined ? undefined : truncate(message),
    };
  }
  return message === undefined ? {} : { serverMessage: truncate(message) };
}

/** `"upstream_rate_limit: slow down"` → `"upstream_rate_limit"` (dispatch gateway errors). */
function codeFromMessage(message: string): string | undefined {
  const match = /^([a-z][a-z0-9_]*):\s/.exec(message);
  return match?.[1];
}

/** 501 codes that name a specific missing feature, each with its own error class. */
const NOT_IMPLEMENTED_BY_CODE: Record<string, typeof NotImplementedError> = {
  billing_not_configured: BillingNotConfiguredError,
};

function createApiError(init: ApiErrorInit): AegisApiError {
  if (init.embedded) {
    const text = init.serverMessage ?? "";
    if (/not found/i.test(text)) return new NotFoundError(init);
    if (/^invalid/i.test(text)) return new BadRequestError(init);
    return new AegisApiError(init);
  }
  switch (init.status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 402:
      return new PaymentRequiredError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new ConflictError(init);
    case 422:
      return new UnprocessableEntityError(init);
    case 429:
      return new RateLimitError(init);
    case 501:
      return init.code !== undefined && Object.hasOwn(NOT_IMPLEMENTED_BY_CODE, init.code)
        ? new NOT_IMPLEMENTED_BY_CODE[init.code](init)
        : new NotImplementedError(init);
  }
  return init.status >= 500 ? new InternalServerError(init) : new AegisApiError(init);
}

/** Wraps a failure to read a body that had started arriving. */
export function bodyReadError(error: unknown, label: RequestLabel): AegisConnectionError {
  return new AegisConnectionError(`response body broke off [${where(label)}]`, { cause: error });
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS) + "…" : text;
}

/** `GET /v1/agents` style label for messages. */
export function where(label: RequestLabel): string {
  return `${label.method} ${label.path}`;
}
