/**
 * The one request pipeline every SDK call goes through: URL and query building, headers and
 * auth, per-attempt timeouts, cancellation, retries with backoff and `Retry-After`, the 401
 * refresh-and-retry, body reading and error mapping, and SSE streams.
 *
 * @module
 */

import {
  type AuthStrategy,
  ClientCredentialsAuth,
  FunctionTokenAuth,
  StaticTokenAuth,
} from "./auth.ts";
import {
  AegisAbortError,
  type AegisApiError,
  AegisConnectionError,
  AegisError,
  AegisProtocolError,
  AegisTimeoutError,
  InvalidArgumentError,
  parseRetryAfter,
} from "./errors.ts";
import type { ClientOptions, Logger, LogLevel, RequestOptions } from "./options.ts";
import { rejectControlCharacters } from "./path.ts";
import { redactHeaders, redactUrl } from "./redact.ts";
import {
  apiErrorFromResponse,
  bodyReadError,
  embeddedError,
  parseJson,
  readText,
  type RequestLabel,
  where,
} from "./response.ts";
import { EventStream, type EventStreamSpec } from "./stream.ts";

/** HTTP methods the orchestrator uses. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A query-string value; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/** Declarative description of one API call, written by resource modules. */
export interface RequestSpec {
  /** HTTP method. */
  method: HttpMethod;
  /** Encoded path (build it with the `path` template tag). */
  path: string;
  /** Query parameters. */
  query?: Record<string, QueryValue>;
  /** JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** Raw body (text, bytes, Blob, form data, stream). */
  body?: BodyInit;
  /** Content type of a raw body. */
  contentType?: string;
  /** Extra headers for this endpoint. */
  headers?: Record<string, string>;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** Safe to repeat after a failure that may have reached the server (default: by method). */
  idempotent?: boolean;
  /** The endpoint reports failures as HTTP 200 bodies with an `error` field. */
  embeddedErrors?: boolean;
  /** Absolute URL instead of `baseUrl + path` (the token endpoint). */
  url?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
const IDEMPOTENT_METHODS = new Set<HttpMethod>(["GET", "HEAD", "PUT", "DELETE"]);
// Not 500: the orchestrator answers deterministic failures (invalid manifests, duplicate
// deploys, unknown agents) with 500, so repeating them only adds latency.
const RETRYABLE_STATUSES = new Set([408, 429, 502, 503, 504]);
/** Statuses meaning the server did not act on the request, so even a POST may be repeated. */
const UNPROCESSED_STATUSES = new Set([429, 503]);
const LEVELS: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** One attempt's outcome before retry decisions. */
type Attempt =
  | {
    kind: "response";
    response: Response;
    controller: AbortController;
    stop: () => void;
    unlink: () => void;
    /** True once this attempt's timer fired (so a failed body read is a timeout). */
    timedOut: () => boolean;
    timeoutMs: number;
  }
  | { kind: "error"; error: AegisError; retryable: boolean; retryAfterMs?: number };

/**
 * The transport shared by every resource: holds the configuration and credentials and runs the
 * request pipeline. `AegisClient` extends it; resource functions (`getExecution(core, id)`) take
 * it as their first argument, so an app that imports only a few functions bundles only those.
 *
 * @example Call a resource function on a bare core
 * ```ts
 * import { AegisCore, getExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getExecution(core, "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11").catch((e) => console.log(e.status)); // 404
 * ```
 */
export class AegisCore {
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #auth: AuthStrategy | undefined;
  readonly #timeout: number;
  readonly #maxRetries: number;
  readonly #maxRetryAfter: number;
  readonly #maxResponseBytes: number;
  /** Validated client-wide headers, lower-case names. */
  readonly #headers: Record<string, string>;
  readonly #tenantId: string | undefined;
  readonly #logger: Logger | undefined;
  readonly #logLevel: number;

  /**
   * Creates a client from options, or — like the seed reference — from a base URL and an
   * optional bearer token.
   */
  constructor(options: ClientOptions | string, bearerToken?: string) {
    const opts: ClientOptions = typeof options === "string"
      ? { baseUrl: options, bearerToken }
      : options;
    this.baseUrl = checkBaseUrl(opts.baseUrl);
    const fetchImpl = opts.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") {
      throw new InvalidArgumentError("fetch", "no fetch implementation is available");
    }
    this.#fetch = fetchImpl;
    this.#timeout = positive(opts.timeout, DEFAULT_TIMEOUT_MS, "timeout");
    this.#maxRetries = nonNegativeInteger(opts.maxRetries, DEFAULT_MAX_RETRIES, "maxRetries");
    this.#maxRetryAfter = positive(opts.maxRetryAfter, DEFAULT_MAX_RETRY_AFTER_MS, "maxRetryAfter");
    this.#maxResponseBytes = positive(
      opts.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      "maxResponseBytes",
    );
    this.#headers = headerRecord(opts.headers);
    if (opts.tenantId !== undefined) checkHeaderValue(opts.tenantId, "tenantId");
    this.#tenantId = opts.tenantId;
    this.#logger = opts.logger;
    this.#logLevel = LEVELS[opts.logLevel ?? "warn"];
    this.#auth = this.#createAuth(opts);
  }

  /**
   * Sends a request and returns its parsed JSON body (`undefined` for an empty body).
   *
   * @example
   * ```ts
   * import { AegisCore } from "@aegis/sdk/client";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const core = new AegisCore({ baseUrl: "http://fake", fetch: fake.fetch });
   * const health = await core.request<{ status: string }>({ method: "GET", path: "/health/live" });
   * console.log(health.status); // "healthy"
   * ```
   */
  async request<T>(spec: RequestSpec, options: RequestOptions = {}): Promise<T> {
    const label = labelOf(spec);
    return await this.#run(spec, options, async (response, stop, controller) => {
      try {
        const text = await readText(response, this.#maxResponseBytes, label, controller.signal);
        const body = parseJson(text, label, response.headers.get("content-type"));
        if (spec.embeddedErrors) {
          const error = embeddedError(body, response, label);
          if (error) throw error;
        }
        return body as T;
      } finally {
        stop();
      }
    });
  }

  /**
   * Sends a request and returns the successful `Response` with its body unread (downloads).
   * The timeout covers the wait for the headers; the call's `signal` still aborts the body.
   *
   * @example
   * ```ts
   * import { AegisCore } from "@aegis/sdk/client";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const core = new AegisCore({ baseUrl: "http://fake", fetch: fake.fetch });
   * const response = await core.requestResponse({ method: "GET", path: "/health" });
   * console.log(response.headers.get("content-type"));
   * ```
   */
  async requestResponse(spec: RequestSpec, options: RequestOptions = {}): Promise<Response> {
    return await this.#run(spec, options, (response, stop) => {
      stop();
      return Promise.resolve(response);
    }, true);
  }

  /**
   * Opens an SSE stream. Resolves once the response headers arrived (HTTP errors throw here);
   * iterate the result with `for await`.
   *
   * @example
   * ```ts
   * import { AegisCore } from "@aegis/sdk/client";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const agentId = "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10";
   * const stream = await core.stream(
   *   { method: "GET", path: `/v1/agents/${agentId}/events` },
   *   { decode: (m) => JSON.parse(m.data) },
   * ).catch((e) => console.log(e.status)); // 404: no such agent
   * ```
   */
  async stream<T>(
    spec: RequestSpec,
    streamSpec: EventStreamSpec<T>,
    options: RequestOptions = {},
  ): Promise<EventStream<T>> {
    const label = labelOf(spec);
    const headers = { accept: "text/event-stream", ...spec.headers };
    return await this.#run({ ...spec, headers }, options, (response, stop, controller) => {
      stop();
      if (response.body === null) {
        return Promise.reject(new AegisProtocolError(`event stream has no body [${where(label)}]`));
      }
      return Promise.resolve(
        new EventStream<T>(
          { response, controller, callerSignal: options.signal, label },
          streamSpec,
        ),
      );
    }, true);
  }

  /** Runs attempts until one succeeds and `consume` accepts it, or retries are exhausted. */
  async #run<R>(
    spec: RequestSpec,
    options: RequestOptions,
    consume: (response: Response, stop: () => void, controller: AbortController) => Promise<R>,
    keepConnection = false,
  ): Promise<R> {
    const label = labelOf(spec);
    const replayable = !(spec.body instanceof ReadableStream);
    const maxRetries = replayable
      ? nonNegativeInteger(options.maxRetries, this.#maxRetries, "maxRetries")
      : 0;
    const idempotent = spec.idempotent ?? IDEMPOTENT_METHODS.has(spec.method);
    let retries = 0;
    let refreshedAuth = false;
    for (;;) {
      throwIfAborted(options.signal, label);
      const token = spec.auth === false ? undefined : await this.#token(options.signal, label);
      const attempt = await this.#attempt(spec, options, label, token, idempotent);
      if (attempt.kind === "response") {
        const { response, controller, stop, unlink } = attempt;
        if (
          response.status === 401 && token !== undefined && !refreshedAuth &&
          replayable && this.#auth?.invalidate(token)
        ) {
          refreshedAuth = true;
          stop();
          unlink();
          await response.body?.cancel().catch(() => {});
          this.#log("info", "401 received; retrying once with a fresh token", { ...label });
          continue;
        }
        if (response.ok) {
          try {
            const result = await consume(response, stop, controller);
            // Streams and downloads stay linked to the caller's signal until they end. Others
            // read their body to the end, so there is nothing to abort (and aborting costs a
            // DOMException per call on Node).
            if (!keepConnection) unlink();
            return result;
          } catch (error) {
            controller.abort();
            unlink();
            const mapped = this.#mapFailure(error, attempt, options, label);
            if (
              mapped instanceof AegisConnectionError && idempotent && retries < maxRetries
            ) {
              retries++;
              await this.#backoff(retries, undefined, options.signal, label, mapped);
              continue;
            }
            throw mapped;
          }
        }
        const failure = await this.#failure(response, stop, label, idempotent);
        controller.abort();
        unlink();
        if (!failure.retryable || retries >= maxRetries) throw failure.error;
        retries++;
        await this.#backoff(retries, failure.retryAfterMs, options.signal, label, failure.error);
        continue;
      }
      if (!attempt.retryable || retries >= maxRetries) throw attempt.error;
      retries++;
      await this.#backoff(retries, attempt.retryAfterMs, options.signal, label, attempt.error);
    }
  }

  /** One fetch with its own timeout; maps transport failures. */
  async #attempt(
    spec: RequestSpec,
    options: RequestOptions,
    label: RequestLabel,
    token: string | undefined,
    idempotent: boolean,
  ): Promise<Attempt> {
    // Built first: invalid headers must fail before any timer or listener exists.
    const headers = this.#requestHeaders(spec, options, token);
    const controller = new AbortController();
    const timeoutMs = positive(options.timeout, this.#timeout, "timeout");
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    options.signal?.addEventListener("abort", onCallerAbort, { once: true });
    const stop = () => clearTimeout(timer);
    const unlink = () => options.signal?.removeEventListener("abort", onCallerAbort);
    const url = this.#url(spec);
    const init: RequestInit & { duplex?: "half" } = {
      method: spec.method,
      headers,
      signal: controller.signal,
    };
    if (spec.json !== undefined) init.body = JSON.stringify(spec.json);
    else if (spec.body !== undefined) init.body = spec.body;
    if (init.body instanceof ReadableStream) init.duplex = "half";
    // Log data is only built when someone listens: this is the per-call hot path.
    const debug = this.#logger !== undefined && this.#logLevel <= LEVELS.debug;
    const started = debug ? Date.now() : 0;
    if (debug) this.#log("debug", "request", { ...label, url: redactUrl(url) });
    try {
      // Called detached: Workers' fetch throws "Illegal invocation" when `this` is not global.
      const fetchImpl = this.#fetch;
      const response = await fetchImpl(url, init);
      if (debug) {
        this.#log("debug", "response", {
          ...label,
          status: response.status,
          ms: Date.now() - started,
        });
      }
      return {
        kind: "response",
        response,
        controller,
        stop,
        unlink,
        timedOut: () => timedOut,
        timeoutMs,
      };
    } catch (error) {
      stop();
      unlink();
      if (options.signal?.aborted) {
        return {
          kind: "error",
          error: new AegisAbortError(`request aborted [${where(label)}]`, {
            cause: options.signal.reason,
          }),
          retryable: false,
        };
      }
      if (timedOut) {
        return {
          kind: "error",
          error: new AegisTimeoutError(
            `request timed out after ${timeoutMs} ms [${where(label)}]`,
            {
              cause: error,
            },
          ),
          retryable: idempotent,
        };
      }
      if (error instanceof AegisError) return { kind: "error", error, retryable: false };
      return {
        kind: "error",
        error: new AegisConnectionError(
          `could not reach the orchestrator: ${errorText(error)} [${where(label)}]`,
          { cause: error },
        ),
        retryable: idempotent,
      };
    }
  }

  /** Reads an error response and decides whether it may be retried. */
  async #failure(
    response: Response,
    stop: () => void,
    label: RequestLabel,
    idempotent: boolean,
  ): Promise<{ error: AegisApiError; retryable: boolean; retryAfterMs?: number }> {
    let text = "";
    try {
      text = await readText(response, 1024 * 1024, label);
    } catch {
      // An unreadable error body must not hide the status, which is what matters.
    } finally {
      stop();
    }
    const error = apiErrorFromResponse(response, text, label);
    const status = response.status;
    const retryable = RETRYABLE_STATUSES.has(status) &&
      (idempotent || UNPROCESSED_STATUSES.has(status));
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    if (retryable && retryAfterMs !== undefined && retryAfterMs > this.#maxRetryAfter) {
      this.#log("warn", "Retry-After exceeds maxRetryAfter; not retrying", {
        ...label,
        retryAfterMs,
      });
      return { error, retryable: false };
    }
    return { error, retryable, retryAfterMs };
  }

  #mapFailure(
    error: unknown,
    attempt: Extract<Attempt, { kind: "response" }>,
    options: RequestOptions,
    label: RequestLabel,
  ): unknown {
    if (error instanceof AegisError) return error;
    if (options.signal?.aborted) {
      return new AegisAbortError(`request aborted [${where(label)}]`, {
        cause: options.signal.reason,
      });
    }
    if (attempt.timedOut()) {
      return new AegisTimeoutError(
        `request timed out after ${attempt.timeoutMs} ms while reading the body [${where(label)}]`,
        { cause: error },
      );
    }
    return bodyReadError(error, label);
  }

  /** Waits before the next attempt: `Retry-After` exactly, else exponential backoff with jitter. */
  async #backoff(
    retry: number,
    retryAfterMs: number | undefined,
    signal: AbortSignal | undefined,
    label: RequestLabel,
    cause: AegisError,
  ): Promise<void> {
    const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
    // Jitter only ever lengthens a server-mandated wait, never shortens it.
    const delay = retryAfterMs !== undefined
      ? retryAfterMs + Math.random() * 100
      : exponential * (0.5 + Math.random() * 0.5);
    this.#log("warn", "retrying", {
      ...label,
      retry,
      delayMs: Math.round(delay),
      cause: cause.name,
    });
    await sleep(delay, signal, label);
  }

  async #token(signal: AbortSignal | undefined, label: RequestLabel): Promise<string | undefined> {
    if (!this.#auth) return undefined;
    try {
      return await this.#auth.token(signal);
    } catch (error) {
      if (signal?.aborted) {
        throw new AegisAbortError(`request aborted [${where(label)}]`, { cause: signal.reason });
      }
      throw error;
    }
  }

  #url(spec: RequestSpec): string {
    let url = spec.url ?? this.baseUrl + spec.path;
    if (spec.query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(spec.query)) {
        if (value !== undefined && value !== null) params.append(key, String(value));
      }
      const qs = params.toString();
      if (qs) url += (url.includes("?") ? "&" : "?") + qs;
    }
    return url;
  }

  /**
   * A plain record, not `Headers`: fetch builds its own `Headers` anyway, and constructing and
   * validating one more per call is a measurable share of the per-call overhead.
   */
  #requestHeaders(
    spec: RequestSpec,
    options: RequestOptions,
    token: string | undefined,
  ): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json", ...this.#headers };
    if (spec.json !== undefined) headers["content-type"] = "application/json";
    else if (spec.contentType) headers["content-type"] = spec.contentType;
    if (spec.headers) {
      for (const name in spec.headers) {
        const value = spec.headers[name];
        rejectControlCharacters(value, `header ${name}`);
        headers[name.toLowerCase()] = value;
      }
    }
    if (options.headers) Object.assign(headers, headerRecord(options.headers));
    const tenant = options.tenantId ?? this.#tenantId;
    if (tenant !== undefined) headers["x-tenant-id"] = checkHeaderValue(tenant, "tenantId");
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return headers;
  }

  #createAuth(opts: ClientOptions): AuthStrategy | undefined {
    if (opts.bearerToken !== undefined) return new StaticTokenAuth(opts.bearerToken);
    if (opts.token !== undefined) return new FunctionTokenAuth(opts.token);
    const oauth = [opts.keycloakUrl, opts.realm, opts.clientId, opts.clientSecret];
    if (oauth.every((v) => v === undefined)) return undefined;
    const missing = (["keycloakUrl", "realm", "clientId", "clientSecret"] as const)
      .filter((key) => typeof opts[key] !== "string" || opts[key] === "");
    if (missing.length > 0) {
      throw new InvalidArgumentError(
        missing.join(", "),
        "OAuth2 client credentials need keycloakUrl, realm, clientId and clientSecret",
      );
    }
    const tokenPath = `/realms/${encodeURIComponent(opts.realm!)}/protocol/openid-connect/token`;
    const tokenUrl = checkBaseUrl(opts.keycloakUrl!) + tokenPath;
    return new ClientCredentialsAuth({
      tokenUrl,
      clientId: opts.clientId!,
      clientSecret: opts.clientSecret!,
      refreshBufferSecs: opts.tokenRefreshBufferSecs ?? 30,
      requestToken: (form, signal) =>
        this.request({
          method: "POST",
          path: tokenPath,
          url: tokenUrl,
          body: form.toString(),
          contentType: "application/x-www-form-urlencoded",
          auth: false,
          idempotent: true,
        }, { signal }),
      onToken: (expiresIn) => this.#log("info", "obtained an OAuth2 token", { expiresIn }),
    });
  }

  #log(level: Exclude<LogLevel, "off">, message: string, data: Record<string, unknown>): void {
    if (!this.#logger || LEVELS[level] < this.#logLevel) return;
    const sink = this.#logger[level];
    if (typeof sink !== "function") return;
    try {
      sink.call(this.#logger, `[aegis] ${message}`, redactHeaders(data));
    } catch {
      // A broken logger must not break requests.
    }
  }

  /** Deno's `inspect`: show the configuration, never credentials. */
  [Symbol.for("Deno.customInspect")](): string {
    return `${this.constructor.name} { baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }

  /** Node's and Bun's `inspect`: show the configuration, never credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.constructor.name} { baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }

  /** `JSON.stringify(client)` shows the base URL only. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }
}

function labelOf(spec: RequestSpec): RequestLabel {
  return { method: spec.method, path: spec.path };
}

function sleep(ms: number, signal: AbortSignal | undefined, label: RequestLabel): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AegisAbortError(`request aborted [${where(label)}]`, { cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AegisAbortError(`request aborted [${where(label)}]`, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function throwIfAborted(signal: AbortSignal | undefined, label: RequestLabel): void {
  if (signal?.aborted) {
    throw new AegisAbortError(`request aborted [${where(label)}]`, { cause: signal.reason });
  }
}

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("baseUrl", "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError("baseUrl", "must use http or https");
  }
  if (url.search || url.hash) {
    throw new InvalidArgumentError("baseUrl", "must not have a query string or fragment");
  }
  return url.href.replace(/\/+$/, "");
}

/** Validates caller-supplied headers (names and values) into a lower-case record. */
function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (init === undefined) return record;
  try {
    // `Headers` refuses CR/LF and invalid names with a bare TypeError; name the culprit.
    for (const [name, value] of new Headers(init)) record[name] = value;
  } catch (error) {
    throw new InvalidArgumentError(
      "headers",
      `not a valid HTTP header: ${(error as Error).message}`,
    );
  }
  return record;
}

function checkHeaderValue(value: string, name: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidArgumentError(name, "must be a non-empty string");
  }
  rejectControlCharacters(value, name);
  return value;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, "must be a positive finite number");
  }
  return value;
}

function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, "must be a non-negative integer");
  }
  return value;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}
