/**
 * The SDK's error hierarchy. Every error the SDK throws is an {@link AegisError}, so one
 * `instanceof` check separates SDK failures from bugs in the caller's own code.
 *
 * ```
 * AegisError
 * ├── AegisApiError (status, code, body, headers, requestId, method, path)
 * │   ├── BadRequestError 400 · AuthenticationError 401 · PaymentRequiredError 402
 * │   ├── PermissionDeniedError 403 · NotFoundError 404 · ConflictError 409
 * │   ├── UnprocessableEntityError 422 · RateLimitError 429
 * │   └── InternalServerError 5xx · NotImplementedError 501 (BillingNotConfiguredError)
 * ├── AegisConnectionError · AegisTimeoutError · AegisAbortError
 * ├── AegisProtocolError (the server answered something the wire contract does not allow)
 * ├── AegisStreamInterruptedError (an SSE stream ended before its terminal event)
 * ├── InvalidArgumentError (the caller passed something that cannot be sent safely)
 * ├── TokenRequestError (the OAuth2 token endpoint failed)
 * ├── SEALError (seal/) · ManifestValidationError (manifest/) · DispatchProtocolError (bootstrap/)
 * ```
 *
 * Messages never contain credentials: the pipeline only ever puts the method, the path and the
 * server's own error text into them.
 *
 * @module
 */

/**
 * Base class of every error thrown by the SDK.
 *
 * @example Separate SDK failures from other exceptions
 * ```ts
 * import { AegisError } from "@aegis/sdk";
 *
 * try {
 *   throw new AegisError("something failed");
 * } catch (error) {
 *   if (error instanceof AegisError) console.log(error.name, error.message);
 * }
 * ```
 */
export class AegisError extends Error {
  /** Creates an error; `cause` is kept for debugging and never printed into the message. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Fields shared by every {@link AegisApiError}. */
export interface ApiErrorInit {
  /** HTTP status. `200` for the orchestrator's "HTTP 200 with an `error` field" answers. */
  status: number;
  /** HTTP method of the failed request. */
  method: string;
  /** Path (without query string) of the failed request. */
  path: string;
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
  /** Request path, without the query string. */
  readonly path: string;
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
export class BadRequestError extends AegisApiError {}

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
export class AuthenticationError extends AegisApiError {}

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
export class PaymentRequiredError extends AegisApiError {}

/**
 * HTTP 403: authenticated, but not allowed (missing scope, operator-only route, …).
 *
 * @example
 * ```ts
 * import { PermissionDeniedError } from "@aegis/sdk";
 * const e = new PermissionDeniedError({ status: 403, method: "GET", path: "/v1/stimuli", code: "operator_required" });
 * console.log(e.code);
 * ```
 */
export class PermissionDeniedError extends AegisApiError {}

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
export class NotFoundError extends AegisApiError {}

/**
 * HTTP 409: conflict (duplicate name, version mismatch, idempotent duplicate, …).
 *
 * @example
 * ```ts
 * import { ConflictError } from "@aegis/sdk";
 * const e = new ConflictError({ status: 409, method: "POST", path: "/v1/stimuli", code: "idempotent_duplicate" });
 * console.log(e.code);
 * ```
 */
export class ConflictError extends AegisApiError {}

/**
 * HTTP 422: the body parsed but was rejected (missing fields, input-schema validation, …).
 *
 * @example
 * ```ts
 * import { UnprocessableEntityError } from "@aegis/sdk";
 * const e = new UnprocessableEntityError({ status: 422, method: "POST", path: "/v1/volumes" });
 * console.log(e.status);
 * ```
 */
export class UnprocessableEntityError extends AegisApiError {}

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
export class InternalServerError extends AegisApiError {}

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
export class NotImplementedError extends InternalServerError {}

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
export class BillingNotConfiguredError extends NotImplementedError {}

/**
 * The request never produced a response: DNS failure, refused or reset connection, or a
 * response body that broke off mid-way.
 *
 * @example
 * ```ts
 * import { AegisConnectionError } from "@aegis/sdk";
 * const e = new AegisConnectionError("connection refused [GET /health/live]");
 * console.log(e.message);
 * ```
 */
export class AegisConnectionError extends AegisError {}

/**
 * The request (or an idle stream) exceeded its time limit.
 *
 * @example
 * ```ts
 * import { AegisTimeoutError } from "@aegis/sdk";
 * const e = new AegisTimeoutError("timed out after 100 ms [GET /v1/agents]");
 * console.log(e.name); // "AegisTimeoutError"
 * ```
 */
export class AegisTimeoutError extends AegisError {}

/**
 * The caller aborted the request through its `AbortSignal`. `reason` is the signal's reason.
 *
 * @example
 * ```ts
 * import { AegisAbortError } from "@aegis/sdk";
 * const e = new AegisAbortError("aborted [GET /v1/agents]", { cause: "user" });
 * console.log(e.cause); // "user"
 * ```
 */
export class AegisAbortError extends AegisError {}

/**
 * The server answered something the wire contract does not allow: non-JSON where JSON was
 * expected, invalid UTF-8 in a stream, an SSE line larger than the configured bound, ….
 *
 * @example
 * ```ts
 * import { AegisProtocolError } from "@aegis/sdk";
 * const e = new AegisProtocolError("expected JSON, got text/html [GET /v1/agents]");
 * console.log(e.message);
 * ```
 */
export class AegisProtocolError extends AegisError {}

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
  /** How many events had been delivered before the interruption. */
  readonly eventsReceived: number;
  /** Creates the error; `eventsReceived` tells how far the consumer got. */
  constructor(message: string, eventsReceived: number, options?: { cause?: unknown }) {
    super(message, options);
    this.eventsReceived = eventsReceived;
  }
}

/**
 * The caller passed a value that cannot be sent safely (an id that would escape its route, a
 * header value with CR/LF, a missing required argument, …). Nothing was sent.
 *
 * @example
 * ```ts
 * import { InvalidArgumentError } from "@aegis/sdk";
 * const e = new InvalidArgumentError("agentId", "must not be '..'");
 * console.log(e.argument, e.message);
 * ```
 */
export class InvalidArgumentError extends AegisError {
  /** Name of the offending argument or option. */
  readonly argument: string;
  /** Creates the error for `argument`, explaining `problem`. */
  constructor(argument: string, problem: string) {
    super(`invalid ${argument}: ${problem}`);
    this.argument = argument;
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

/**
 * Parses a `Retry-After` header (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns `undefined` when absent or unparseable; never negative.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from "@aegis/sdk/client";
 * console.log(parseRetryAfter("2", Date.now())); // 2000
 * console.log(parseRetryAfter("soon", Date.now())); // undefined
 * ```
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (/^\d+\.\d+$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
