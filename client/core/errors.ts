/**
 * The errors of the HTTP API and the one mapper that turns a failed response into them: typed
 * errors per status class, the orchestrator's `{error, message}`, plain-text and HTTP-200
 * `error` bodies, redirects the SDK refused to follow, interrupted streams and token failures.
 * The base {@link AegisError} and the transport errors live in the root `errors.ts`.
 *
 * @module
 */

import { AegisError } from "../../errors.ts";
import { isRecord } from "../../internal/guards.ts";
import type { RequestLabel } from "./response.ts";
import { parseRetryAfter } from "./retry.ts";

/** Fields shared by every {@link AegisApiError}. */
export interface ApiErrorInit {
  /** HTTP status. `200` for the orchestrator's "HTTP 200 with an `error` field" answers. */
  status: number;
  /** HTTP method of the failed request. */
  method: string;
  /** Path (without query string) of the failed request. */
  path: string;
  /** The request URL without user credentials, query string or fragment. */
  url?: string;
  /** Machine-readable code (`body.error` when the body is `{error, message}`), if any. */
  code?: string;
  /** The server's human-readable message, if any. */
  serverMessage?: string;
  /** Parsed JSON body, or the raw text for plain-text error bodies. */
  body?: unknown;
  /** Response headers. */
  headers?: Headers;
  /** `x-request-id` response header when a proxy in front of the orchestrator sets one. */
  requestId?: string;
  /** True when the server reported the failure inside an HTTP 200 body. */
  embedded?: boolean;
}

/**
 * The orchestrator answered with an error: a non-2xx status, or an HTTP 200 body whose `error`
 * field reports a failure (approvals, stimuli, swarms and a few lists do this).
 *
 * @example Inspect an API error
 * ```ts
 * import { AegisApiError, NotFoundError } from "@aegis/sdk";
 *
 * const error: unknown = new NotFoundError({ status: 404, method: "GET", path: "/v1/agents/x" });
 * if (error instanceof AegisApiError) console.log(error.status, error.code, error.path);
 * ```
 */
export class AegisApiError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisApiError";
  /** HTTP status (200 for embedded errors). */
  readonly status: number;
  /** Machine-readable error code, when the server sent one. */
  readonly code: string | undefined;
  /** The server's message, when it sent one. */
  readonly serverMessage: string | undefined;
  /** Parsed JSON body or raw text body. */
  readonly body: unknown;
  /** Response headers. */
  readonly headers: Headers;
  /** Proxy request id, if present. */
  readonly requestId: string | undefined;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request path (the base URL's path included), without the query string. */
  readonly path: string;
  /** The request URL without user credentials, query string or fragment, when known. */
  readonly url: string | undefined;
  /** True when the failure came inside an HTTP 200 body. */
  readonly embedded: boolean;

  /** Creates an API error from the parts of a failed response. */
  constructor(init: ApiErrorInit) {
    const what = init.serverMessage ?? init.code ?? statusText(init.status);
    const prefix = init.embedded ? `${init.status} (error in body)` : String(init.status);
    super(`${prefix} ${what} [${init.method} ${init.path}]`);
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.body = init.body;
    this.headers = init.headers ?? new Headers();
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.url = init.url;
    this.embedded = init.embedded ?? false;
  }
}

/**
 * HTTP 400: the request was malformed (plain-text axum rejections included).
 *
 * @example
 * ```ts
 * import { BadRequestError } from "@aegis/sdk";
 * const e = new BadRequestError({ status: 400, method: "GET", path: "/v1/executions" });
 * console.log(e.status); // 400
 * ```
 */
export class BadRequestError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "BadRequestError";
}

/**
 * HTTP 401: the credentials were missing, invalid or expired.
 *
 * @example
 * ```ts
 * import { AuthenticationError } from "@aegis/sdk";
 * const e = new AuthenticationError({ status: 401, method: "GET", path: "/v1/agents" });
 * console.log(e instanceof AuthenticationError); // true
 * ```
 */
export class AuthenticationError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AuthenticationError";
}

/**
 * HTTP 402: payment required (for example a suspended colony).
 *
 * @example
 * ```ts
 * import { PaymentRequiredError } from "@aegis/sdk";
 * const e = new PaymentRequiredError({ status: 402, method: "GET", path: "/v1/agents", code: "colony_suspended" });
 * console.log(e.code); // "colony_suspended"
 * ```
 */
export class PaymentRequiredError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "PaymentRequiredError";
}

/**
 * HTTP 403: authenticated, but not allowed (missing scope, operator-only route, ...).
 *
 * @example
 * ```ts
 * import { PermissionDeniedError } from "@aegis/sdk";
 * const e = new PermissionDeniedError({ status: 403, method: "GET", path: "/v1/stimuli", code: "operator_required" });
 * console.log(e.code);
 * ```
 */
export class PermissionDeniedError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "PermissionDeniedError";
}

/**
 * HTTP 404, or an HTTP 200 body reporting that the resource does not exist.
 *
 * @example
 * ```ts
 * import { NotFoundError } from "@aegis/sdk";
 * const e = new NotFoundError({ status: 404, method: "GET", path: "/v1/agents/x" });
 * console.log(e.status);
 * ```
 */
export class NotFoundError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "NotFoundError";
}

/**
 * HTTP 409: conflict (duplicate name, version mismatch, idempotent duplicate, ...).
 *
 * @example
 * ```ts
 * import { ConflictError } from "@aegis/sdk";
 * const e = new ConflictError({ status: 409, method: "POST", path: "/v1/stimuli", code: "idempotent_duplicate" });
 * console.log(e.code);
 * ```
 */
export class ConflictError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "ConflictError";
}

/**
 * HTTP 422: the body parsed but was rejected (missing fields, input-schema validation, ...).
 *
 * @example
 * ```ts
 * import { UnprocessableEntityError } from "@aegis/sdk";
 * const e = new UnprocessableEntityError({ status: 422, method: "POST", path: "/v1/volumes" });
 * console.log(e.status);
 * ```
 */
export class UnprocessableEntityError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "UnprocessableEntityError";
}

/**
 * HTTP 429: rate limited. `retryAfterMs` is the server's `Retry-After`, when it sent one.
 *
 * @example
 * ```ts
 * import { RateLimitError } from "@aegis/sdk";
 * const e = new RateLimitError({ status: 429, method: "GET", path: "/v1/agents" });
 * console.log(e.retryAfterMs); // undefined
 * ```
 */
export class RateLimitError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "RateLimitError";
  /** Milliseconds the server asked the client to wait, if it said. */
  get retryAfterMs(): number | undefined {
    return parseRetryAfter(this.headers.get("retry-after"), Date.now());
  }
}

/**
 * HTTP 5xx: the orchestrator (or a proxy in front of it) failed.
 *
 * @example
 * ```ts
 * import { InternalServerError } from "@aegis/sdk";
 * const e = new InternalServerError({ status: 503, method: "GET", path: "/v1/agents" });
 * console.log(e.status);
 * ```
 */
export class InternalServerError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "InternalServerError";
}

/**
 * HTTP 501: the feature is not configured on this orchestrator (e.g. `billing_not_configured`,
 * or secret listing, which is never supported).
 *
 * @example
 * ```ts
 * import { NotImplementedError } from "@aegis/sdk";
 * const e = new NotImplementedError({ status: 501, method: "GET", path: "/v1/billing/prices", code: "billing_not_configured" });
 * console.log(e.code);
 * ```
 */
export class NotImplementedError extends InternalServerError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "NotImplementedError";
}

/**
 * HTTP 501 with code `billing_not_configured`: the orchestrator has no Stripe billing set up.
 * Every billing call can throw it; it is a {@link NotImplementedError}, so existing `501`
 * handling keeps working.
 *
 * @example Tell "billing is off" apart from other failures
 * ```ts
 * import { BillingNotConfiguredError } from "@aegis/sdk";
 *
 * const e = new BillingNotConfiguredError({
 *   status: 501, method: "GET", path: "/v1/billing/prices", code: "billing_not_configured",
 * });
 * if (e instanceof BillingNotConfiguredError) console.log("billing is not enabled here");
 * ```
 */
export class BillingNotConfiguredError extends NotImplementedError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "BillingNotConfiguredError";
}

/**
 * The server answered a redirect the SDK did not follow. The SDK follows a redirect only to the
 * same origin (so never to another host, port or scheme, and never from https to http), never
 * for the OAuth2 token request, and never in a way that would turn a POST into a GET or re-send
 * a streamed body. `location` is where the redirect pointed, without its query string;
 * `status` is `0` and `location` `undefined` where the runtime hides redirects from code
 * (browsers).
 *
 * @example Tell a refused redirect apart from other API errors
 * ```ts
 * import { AegisRedirectError } from "@aegis/sdk";
 *
 * const e = new AegisRedirectError(
 *   { status: 307, method: "POST", path: "/v1/agents/x/execute" },
 *   "https://elsewhere.example/v1/agents/x/execute",
 *   "it leads to another origin",
 * );
 * console.log(e.status, e.location); // 307 "https://elsewhere.example/v1/agents/x/execute"
 * ```
 */
export class AegisRedirectError extends AegisApiError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisRedirectError";
  /** Target of the redirect (origin and path, no query string or credentials), if known. */
  readonly location: string | undefined;
  /** Why the SDK did not follow it. */
  readonly reason: string;

  /** Creates the error for a redirect to `location` that was not followed because of `reason`. */
  constructor(init: ApiErrorInit, location: string | undefined, reason: string) {
    const target = location === undefined ? "" : ` to ${location}`;
    const status = init.status === 0 ? "" : `${init.status} `;
    super({ ...init, serverMessage: `redirect${target} not followed: ${reason}` });
    this.message = `${status}redirect${target} not followed: ${reason} ` +
      `[${init.method} ${init.path}]`;
    this.location = location;
    this.reason = reason;
  }
}

/**
 * An event stream ended (connection cut, server closed) before its terminal event. The
 * orchestrator sends no `id:` fields and cannot resume, so the SDK reports the gap instead of
 * silently reconnecting and replaying or losing events.
 *
 * @example
 * ```ts
 * import { AegisStreamInterruptedError } from "@aegis/sdk";
 * const e = new AegisStreamInterruptedError("stream ended early", 3);
 * console.log(e.eventsReceived); // 3
 * ```
 */
export class AegisStreamInterruptedError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisStreamInterruptedError";
  /** How many events had been delivered before the interruption. */
  readonly eventsReceived: number;
  /** Creates the error; `eventsReceived` tells how far the consumer got. */
  constructor(message: string, eventsReceived: number, options?: { cause?: unknown }) {
    super(message, options);
    this.eventsReceived = eventsReceived;
  }
}

/**
 * The OAuth2 token endpoint refused or failed to issue a token.
 *
 * @example
 * ```ts
 * import { TokenRequestError } from "@aegis/sdk";
 * const e = new TokenRequestError("token endpoint answered 401 invalid_client", 401);
 * console.log(e.status);
 * ```
 */
export class TokenRequestError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "TokenRequestError";
  /** HTTP status of the token endpoint's answer, if it answered. */
  readonly status: number | undefined;
  /** Creates the error. */
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

const MAX_MESSAGE_CHARS = 500;

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
    url: label.url,
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
    url: label.url,
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

/** `"upstream_rate_limit: slow down"` -> `"upstream_rate_limit"` (dispatch gateway errors). */
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
  if (meansNotFound(init)) return new NotFoundError(init);
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

/**
 * Several handlers report a missing resource with 400 or 500 ("Agent not found" from execute,
 * "Failed to start workflow execution: ... not found"); callers should meet one class for it.
 * Upstream LLM errors (`upstream_model_not_found`) are not about the caller's resources.
 */
function meansNotFound(init: ApiErrorInit): boolean {
  if (init.status !== 400 && init.status !== 422 && init.status !== 500) return false;
  if (init.code?.startsWith("upstream_")) return false;
  return /\bnot found\b/i.test(init.serverMessage ?? "");
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS) + "\u2026" : text;
}
