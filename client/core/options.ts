/**
 * Options accepted by {@link AegisCore} (and so by `AegisClient`) and by every call.
 *
 * @module
 */

/** A log sink. Any subset of the levels may be implemented; `console` fits. */
export interface Logger {
  /** Request/response traces. */
  debug?(message: string, data?: Record<string, unknown>): void;
  /** Notable but normal events (token refreshed). */
  info?(message: string, data?: Record<string, unknown>): void;
  /** Retries and degraded behaviour. */
  warn?(message: string, data?: Record<string, unknown>): void;
  /** Failures. */
  error?(message: string, data?: Record<string, unknown>): void;
}

/** Minimum level passed to the logger. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Supplies a bearer token; called before every request, so it may cache and refresh. */
export type TokenProvider = (
  signal?: AbortSignal,
) => string | undefined | Promise<string | undefined>;

/** Options of a client. Only `baseUrl` is required. */
export interface ClientOptions {
  /** Orchestrator base URL, e.g. `http://localhost:8088` (a trailing slash is fine). */
  baseUrl: string;
  /** Static bearer token (a Keycloak JWT). */
  bearerToken?: string;
  /** Async token function, called before each request (cache inside it). */
  token?: TokenProvider;
  /** Keycloak base URL for OAuth2 client credentials (with `realm`, `clientId`, `clientSecret`). */
  keycloakUrl?: string;
  /** Keycloak realm, e.g. `aegis-system`. */
  realm?: string;
  /** OAuth2 client id. */
  clientId?: string;
  /** OAuth2 client secret. Never logged, printed or put in errors. */
  clientSecret?: string;
  /** Refresh the OAuth2 token this many seconds before it expires (default 30). */
  tokenRefreshBufferSecs?: number;
  /** `fetch` implementation (default: the global one). Tests pass a fake orchestrator's fetch. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in milliseconds (default 60 000). */
  timeout?: number;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number;
  /** Upper bound for honouring `Retry-After`, in ms (default 60 000); longer waits are not retried. */
  maxRetryAfter?: number;
  /** Headers sent with every request. */
  headers?: HeadersInit;
  /** Tenant to act for (`X-Tenant-Id`): service-account delegation or a team slug `t-{uuid}`. */
  tenantId?: string;
  /** Log sink; secrets in headers and query strings are redacted before it sees them. */
  logger?: Logger;
  /** Minimum log level (default `warn`). */
  logLevel?: LogLevel;
  /** Largest JSON/text response body accepted, in bytes (default 64 MiB). */
  maxResponseBytes?: number;
}

/** Options every call accepts, overriding the client's. */
export interface RequestOptions {
  /** Aborts the call (and any retries or open stream). */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call. */
  timeout?: number;
  /** Retries for this call. */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: HeadersInit;
  /** `X-Tenant-Id` for this call. */
  tenantId?: string;
}
