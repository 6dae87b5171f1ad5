/**
 * Options accepted by {@link AegisCore} (and so by `AegisClient`) and by every call, and the
 * checks that turn them into a validated configuration before anything is sent.
 *
 * @module
 */

import { InvalidArgumentError } from "../../errors.ts";
import { type AuthProvider, isAuthProvider, type StartableAuthProvider } from "./auth.ts";
import { ENV, envHint, readEnv } from "./env.ts";
import type { ClientHooks, HookRunner, Hooks, TraceContextProvider } from "./hooks.ts";
import type { RunnableHookRunner } from "./hook_runner.ts";
import { rejectControlCharacters, rejectLoneSurrogates } from "./path.ts";
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER_MS } from "./retry.ts";

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

/**
 * Options of a client. Every option may be left out where the runtime has environment variables
 * (Deno with `--allow-env`, Node, Bun): `baseUrl` then comes from `AEGIS_BASE_URL`, credentials
 * from `AEGIS_TOKEN` or `AEGIS_KEYCLOAK_URL` + `AEGIS_REALM` + `AEGIS_CLIENT_ID` +
 * `AEGIS_CLIENT_SECRET`, `tenantId` from `AEGIS_TENANT_ID` and `logLevel` from
 * `AEGIS_LOG_LEVEL`. Options given explicitly always win; credentials are taken from the
 * environment only when no credential option is given at all.
 *
 * Credentials are required: a client built without any (and none in the environment) is an
 * error, and so is a credential given as `undefined` (usually an unset variable or secret).
 * A client that sends no credentials, for the health probes or SEAL tool listing, says so with
 * `auth: "none"`.
 *
 * @example Credentials from the environment, or explicitly none
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const probe = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
 * console.log((await probe.healthLive()).status); // "healthy"
 * ```
 */
export interface ClientOptions {
  /**
   * Orchestrator base URL, e.g. `http://localhost:8088` (a trailing slash is fine). Default:
   * `AEGIS_BASE_URL`. User credentials in the URL (`user:pass@`) are refused.
   */
  baseUrl?: string;
  /** Static bearer token (a Keycloak JWT). Default: `AEGIS_TOKEN` (when no credential is given). */
  bearerToken?: string;
  /** Async token function, called before each request (cache inside it). */
  token?: TokenProvider;
  /**
   * Keycloak base URL for OAuth2 client credentials (with `realm`, `clientId`, `clientSecret`).
   * Default: `AEGIS_KEYCLOAK_URL` (when no credential is given). `AegisClient` only: an
   * `AegisCore` takes `auth: clientCredentials({...})` instead, so that apps without OAuth2 do
   * not bundle its client.
   */
  keycloakUrl?: string;
  /** Keycloak realm, e.g. `aegis-system`. Default: `AEGIS_REALM`. `AegisClient` only. */
  realm?: string;
  /** OAuth2 client id. Default: `AEGIS_CLIENT_ID`. `AegisClient` only. */
  clientId?: string;
  /**
   * OAuth2 client secret. Never logged, printed or put in errors. Default: `AEGIS_CLIENT_SECRET`.
   * `AegisClient` only.
   */
  clientSecret?: string;
  /**
   * `"none"`: send no credentials and read none from the environment. Only the health probes,
   * the SEAL routes and the dispatch gateway answer such a client. Or credentials that need
   * the client's pipeline: `clientCredentials({ keycloakUrl, realm, clientId, clientSecret })`.
   */
  auth?: "none" | AuthProvider;
  /** Refresh the OAuth2 token this many seconds before it expires (default 30). `AegisClient` only. */
  tokenRefreshBufferSecs?: number;
  /** `fetch` implementation (default: the global one). Tests pass a fake orchestrator's fetch. */
  fetch?: typeof fetch;
  /**
   * Per-attempt timeout in milliseconds (default 60 000). Waiting for an OAuth2 token is an
   * attempt too: it is bounded by the same timeout, the call's `maxRetries` and its `signal`.
   */
  timeout?: number;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number;
  /** Upper bound for honouring `Retry-After`, in ms (default 60 000); longer waits are not retried. */
  maxRetryAfter?: number;
  /** Headers sent with every request. */
  headers?: HeadersInit;
  /**
   * Tenant to act for (`X-Tenant-Id`): service-account delegation or a team slug `t-{uuid}`.
   * Default: `AEGIS_TENANT_ID`.
   */
  tenantId?: string;
  /**
   * Log sink; secrets in headers and query strings are redacted before it sees them. Default:
   * none, or `console` when `AEGIS_LOG_LEVEL` is set.
   */
  logger?: Logger;
  /** Minimum log level (default `warn`, or `AEGIS_LOG_LEVEL`). */
  logLevel?: LogLevel;
  /** Largest JSON/text response body accepted, in bytes (default 64 MiB). */
  maxResponseBytes?: number;
  /**
   * Request lifecycle hooks (see {@link Hooks}): before each attempt, after each response,
   * before each retry, on the final error, on each stream event. They see redacted data only.
   */
  hooks?: Hooks;
  /**
   * Propagates a W3C trace context: called before each attempt, its result is sent as
   * `traceparent`/`tracestate`. With OpenTelemetry:
   * `traceContext: () => trace.getActiveSpan()?.spanContext()`.
   */
  traceContext?: TraceContextProvider;
  /**
   * What runs `hooks` and `traceContext` (the client's and the calls'): `hookRunner` from
   * `@aegis/sdk/client`. A bare `AegisCore` needs it to take them, so that apps without hooks
   * do not bundle the code that runs them; `AegisClient` has it built in.
   */
  hookRunner?: HookRunner;
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
  /** Hooks for this call, run after the client's. */
  hooks?: Hooks;
  /** Trace context for this call, instead of the client's `traceContext`. */
  traceContext?: TraceContextProvider;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** 64 MiB, written out (see `MAX_ERROR_BODY_BYTES` in `pipeline.ts`). */
const DEFAULT_MAX_RESPONSE_BYTES = 67_108_864;
/** Default of `tokenRefreshBufferSecs`. Internal: not part of the public API. */
export const DEFAULT_TOKEN_REFRESH_BUFFER_SECS = 30;
const LOG_LEVELS: readonly string[] = ["debug", "info", "warn", "error", "off"];
/** Options that carry credentials: given as `undefined`, they are a mistake, not anonymity. */
const CREDENTIAL_OPTIONS = [
  "bearerToken",
  "token",
  "keycloakUrl",
  "realm",
  "clientId",
  "clientSecret",
] as const;
/** The names of the OAuth2 settings. Internal: not part of the public API. */
export const OAUTH_OPTIONS = ["keycloakUrl", "realm", "clientId", "clientSecret"] as const;
/** One of {@link OAUTH_OPTIONS}. Internal: not part of the public API. */
export type OAuthOption = typeof OAUTH_OPTIONS[number];
/** The kinds of credentials a client takes, as options. */
const CREDENTIAL_KINDS = "bearerToken, token, or keycloakUrl + realm + clientId + clientSecret";
const CREDENTIAL_HELP = `pass ${CREDENTIAL_KINDS}, or set ${ENV.bearerToken}, or ` +
  `${ENV.keycloakUrl} + ${ENV.realm} + ${ENV.clientId} + ${ENV.clientSecret}`;

/**
 * The error for a feature a bare `AegisCore` leaves out, so that apps that do not use it do not
 * bundle it: what to pass instead, or `AegisClient`, which has it built in.
 */
function notBuiltIn(name: string, feature: string, instead: string): InvalidArgumentError {
  return new InvalidArgumentError(
    name,
    `a bare AegisCore has no ${feature} built in (so that apps without it do not bundle it): ` +
      `pass ${instead} (from @aegis/sdk/client), or use AegisClient, which has it`,
  );
}

/** The four settings of OAuth2 client credentials. */
export interface OAuthOptions {
  /** Keycloak base URL, e.g. `https://auth.example.com` (no user credentials in it). */
  keycloakUrl: string;
  /** Keycloak realm, e.g. `aegis-system`. */
  realm: string;
  /** OAuth2 client id. */
  clientId: string;
  /** OAuth2 client secret. Never logged, printed or put in errors. */
  clientSecret: string;
}

/** OAuth2 client credentials after validation. Internal: not part of the public API. */
export interface OAuthSettings {
  /** `{keycloakUrl}/realms/{realm}/protocol/openid-connect/token`. */
  tokenUrl: string;
  /** The path of `tokenUrl` (for messages). */
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  refreshBufferSecs: number;
}

/**
 * Under this key `AegisClient` gives the core its OAuth2 client (the core has none built in, so
 * that apps without OAuth2 do not bundle it). Internal: not part of the public API.
 */
export const CLIENT_CREDENTIALS: unique symbol = Symbol("aegis.clientCredentials");

/**
 * OAuth2 settings as they were given (options or variables), under the names they were given
 * by, for messages. Internal: not part of the public API.
 */
export interface OAuthInput {
  values: Partial<Record<OAuthOption, string>>;
  names: Record<OAuthOption, string>;
  refreshBufferSecs: number;
  /** Where they come from, for messages: `""` or `" from the environment"`. */
  where: string;
}

/** Client options as `AegisClient` passes them on. Internal: not part of the public API. */
export interface ClientOptionsWithOAuth extends ClientOptions {
  /** Checks OAuth2 settings and makes their provider. */
  [CLIENT_CREDENTIALS]?: (input: OAuthInput) => StartableAuthProvider;
}

/**
 * How the client authenticates, after validation. Internal: not part of the public API.
 */
export type AuthSettings =
  | { kind: "none" }
  | { kind: "bearer"; token: string }
  | { kind: "function"; provider: TokenProvider }
  | { kind: "provider"; provider: StartableAuthProvider };

/**
 * The client-wide settings after validation, environment variables applied.
 * Internal: not part of the public API.
 */
export interface ResolvedOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeout: number;
  maxRetries: number;
  maxRetryAfter: number;
  maxResponseBytes: number;
  /** Client-wide headers, lower-case names. */
  headers: Record<string, string>;
  tenantId: string | undefined;
  logger: Logger | undefined;
  logLevel: LogLevel;
  auth: AuthSettings;
  /** Hooks and trace context provider; `undefined` when there are none. */
  hooks: ClientHooks | undefined;
  /** What runs hooks; `undefined` when the client has none (and so takes no hooks). */
  hookRunner: RunnableHookRunner | undefined;
}

/**
 * Validates the client options, filling what is left out from `AEGIS_*` environment variables,
 * and names the first option (or variable) that is wrong. Accepts the constructor's arguments
 * as given: options, nothing, or the `(baseUrl, bearerToken?)` form.
 */
export function resolveClientOptions(
  options?: ClientOptions | string,
  bearerToken?: string,
): ResolvedOptions {
  const opts: ClientOptionsWithOAuth = clientOptionsOf(options, bearerToken);
  const baseUrl = resolveBaseUrl(opts.baseUrl);
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new InvalidArgumentError("fetch", "no fetch implementation is available");
  }
  const timeout = positive(opts.timeout, DEFAULT_TIMEOUT_MS, "timeout");
  const maxRetries = nonNegativeInteger(opts.maxRetries, DEFAULT_MAX_RETRIES, "maxRetries");
  const maxRetryAfter = positive(opts.maxRetryAfter, DEFAULT_MAX_RETRY_AFTER_MS, "maxRetryAfter");
  const maxResponseBytes = positive(
    opts.maxResponseBytes,
    DEFAULT_MAX_RESPONSE_BYTES,
    "maxResponseBytes",
  );
  const headers = headerRecord(opts.headers);
  let tenantId = opts.tenantId;
  if (tenantId !== undefined) checkHeaderValue(tenantId, "tenantId");
  else {
    tenantId = readEnv(ENV.tenantId).value;
    if (tenantId !== undefined) checkHeaderValue(tenantId, ENV.tenantId);
  }
  let logger = opts.logger;
  let logLevel = opts.logLevel;
  if (logLevel !== undefined) checkLogLevel(logLevel, "logLevel");
  else {
    const fromEnv = readEnv(ENV.logLevel).value?.toLowerCase();
    if (fromEnv !== undefined) {
      logLevel = checkLogLevel(fromEnv, ENV.logLevel);
      // Setting the variable is how a user asks to see the log: without a logger, the console.
      logger ??= globalThis.console;
    }
  }
  return {
    baseUrl,
    fetch: fetchImpl,
    timeout,
    maxRetries,
    maxRetryAfter,
    maxResponseBytes,
    headers,
    tenantId,
    logger,
    logLevel: logLevel ?? "warn",
    auth: resolveAuth(opts),
    ...resolveHooks(opts),
  };
}

/**
 * The constructor's arguments as one options object: options, nothing, or the
 * `(baseUrl, bearerToken?)` form. Internal: not part of the public API.
 */
export function clientOptionsOf(
  options: ClientOptions | string | undefined,
  bearerToken: string | undefined,
): ClientOptions {
  const opts: ClientOptions = typeof options === "string"
    ? (bearerToken === undefined ? { baseUrl: options } : { baseUrl: options, bearerToken })
    : options ?? {};
  if (typeof opts !== "object" || opts === null) {
    throw new InvalidArgumentError("options", "must be an object (or a base URL string)");
  }
  return opts;
}

/**
 * Validates the options of one call, and its query values (which `URLSearchParams` would
 * silently alter), before anything (a token request included) is sent.
 * The pipeline checks them again while building the request: this only moves the failure first.
 */
export function checkRequestOptions(
  options: RequestOptions,
  query?: Record<string, unknown>,
): void {
  if (query !== undefined) {
    for (const key in query) {
      const value = query[key];
      if (typeof value === "string") rejectLoneSurrogates(value, `query parameter ${key}`);
    }
  }
  if (options.tenantId !== undefined) checkHeaderValue(options.tenantId, "tenantId");
  if (options.headers !== undefined) headerRecord(options.headers);
  if (options.timeout !== undefined) positive(options.timeout, 0, "timeout");
  if (options.maxRetries !== undefined) nonNegativeInteger(options.maxRetries, 0, "maxRetries");
}

/** The client's hook runner and, checked by it, its hooks and trace context provider. */
function resolveHooks(
  opts: ClientOptions,
): Pick<ResolvedOptions, "hooks" | "hookRunner"> {
  const runner = opts.hookRunner;
  if (runner !== undefined && !isHookRunner(runner)) {
    throw new InvalidArgumentError("hookRunner", "must be hookRunner from @aegis/sdk/client");
  }
  if (opts.hooks === undefined && opts.traceContext === undefined) {
    return { hooks: undefined, hookRunner: runner };
  }
  if (runner === undefined) throw noHookRunner(opts.hooks !== undefined ? "hooks" : "traceContext");
  return { hooks: runner.check(opts.hooks, opts.traceContext), hookRunner: runner };
}

/** Whether `value` is the SDK's hook runner (an object with its `check` and `forCall`). */
function isHookRunner(value: unknown): value is RunnableHookRunner {
  const runner = value as { check?: unknown; forCall?: unknown } | null;
  return typeof runner === "object" && runner !== null && typeof runner.check === "function" &&
    typeof runner.forCall === "function";
}

/**
 * The error for hooks given to a client without a hook runner. Internal: not part of the
 * public API.
 */
export function noHookRunner(name: "hooks" | "traceContext"): InvalidArgumentError {
  return notBuiltIn(name, "hook runner", "hookRunner in the client's options");
}

function resolveBaseUrl(given: string | undefined): string {
  if (given !== undefined) return checkBaseUrl(given);
  const fromEnv = readEnv(ENV.baseUrl);
  if (fromEnv.value === undefined) {
    throw new InvalidArgumentError(
      "baseUrl",
      `is required: pass { baseUrl } or set ${ENV.baseUrl}` +
        envHint(fromEnv.access, Object.values(ENV)),
    );
  }
  return checkBaseUrl(fromEnv.value, ENV.baseUrl);
}

function resolveAuth(opts: ClientOptionsWithOAuth): AuthSettings {
  for (const key of CREDENTIAL_OPTIONS) {
    if (key in opts && opts[key] === undefined) {
      throw new InvalidArgumentError(
        key,
        "is undefined (often an unset variable or secret): pass a value, leave the option " +
          'out to use the environment\'s credentials, or pass auth: "none" for a client that ' +
          "sends no credentials",
      );
    }
  }
  const given = CREDENTIAL_OPTIONS.filter((key) => opts[key] !== undefined);
  if (opts.auth !== undefined) {
    if (opts.auth !== "none" && !isAuthProvider(opts.auth)) {
      throw new InvalidArgumentError(
        "auth",
        `must be "none", clientCredentials({...}), or left out (credentials go in ${CREDENTIAL_KINDS})`,
      );
    }
    const what = opts.auth === "none" ? '"none"' : opts.auth.description;
    if (given.length > 0) {
      throw new InvalidArgumentError("auth", `${what} conflicts with ${given.join(", ")}`);
    }
    return opts.auth === "none" ? { kind: "none" } : { kind: "provider", provider: opts.auth };
  }
  const refreshBufferSecs = nonNegativeNumber(
    opts.tokenRefreshBufferSecs,
    DEFAULT_TOKEN_REFRESH_BUFFER_SECS,
    "tokenRefreshBufferSecs",
  );
  if (given.length > 0) {
    const kinds = new Set(
      given.map((key) => OAUTH_OPTIONS.includes(key as OAuthOption) ? "" : key),
    );
    if (kinds.size > 1) {
      throw new InvalidArgumentError(
        given.join(", "),
        `give one kind of credentials: ${CREDENTIAL_KINDS}`,
      );
    }
    if (opts.bearerToken !== undefined) {
      return { kind: "bearer", token: checkToken(opts.bearerToken, "bearerToken") };
    }
    if (opts.token !== undefined) {
      if (typeof opts.token !== "function") {
        throw new InvalidArgumentError(
          "token",
          "must be a function returning a token (a fixed token goes in bearerToken)",
        );
      }
      return { kind: "function", provider: opts.token };
    }
    return oauthProvider(opts, given, {
      values: opts,
      names: OAUTH_NAMES_OPTIONS,
      refreshBufferSecs,
      where: "",
    });
  }
  return environmentAuth(opts, refreshBufferSecs);
}

/**
 * The OAuth2 provider `AegisClient` supplies for `settings`; on a bare `AegisCore`, which has
 * none, an error that says what to do instead.
 */
function oauthProvider(
  opts: ClientOptionsWithOAuth,
  names: readonly string[],
  input: OAuthInput,
): AuthSettings {
  const provider = opts[CLIENT_CREDENTIALS];
  if (provider === undefined) {
    throw notBuiltIn(
      names.join(", "),
      "OAuth2 client",
      "auth: clientCredentials({ keycloakUrl, realm, clientId, clientSecret })",
    );
  }
  return { kind: "provider", provider: provider(input) };
}

/** The OAuth2 settings' names as options. Internal: not part of the public API. */
export const OAUTH_NAMES_OPTIONS: Record<OAuthOption, string> = /* @__PURE__ */ Object.fromEntries(
  OAUTH_OPTIONS.map((name) => [name, name]),
) as Record<OAuthOption, string>;
const OAUTH_NAMES_ENV: Record<OAuthOption, string> = {
  keycloakUrl: ENV.keycloakUrl,
  realm: ENV.realm,
  clientId: ENV.clientId,
  clientSecret: ENV.clientSecret,
};

/** Credentials from `AEGIS_TOKEN`, or the four `AEGIS_*` OAuth2 variables, or a clear error. */
function environmentAuth(opts: ClientOptionsWithOAuth, refreshBufferSecs: number): AuthSettings {
  const token = readEnv(ENV.bearerToken);
  const oauth: Partial<Record<OAuthOption, string>> = {};
  for (const key of OAUTH_OPTIONS) oauth[key] = readEnv(OAUTH_NAMES_ENV[key]).value;
  const oauthSet = OAUTH_OPTIONS.filter((key) => oauth[key] !== undefined);
  if (token.value !== undefined && oauthSet.length > 0) {
    throw new InvalidArgumentError(
      ENV.bearerToken,
      `is set together with ${oauthSet.map((key) => OAUTH_NAMES_ENV[key]).join(", ")}: ` +
        "set one kind of credentials",
    );
  }
  if (token.value !== undefined) {
    return { kind: "bearer", token: checkToken(token.value, ENV.bearerToken) };
  }
  if (oauthSet.length > 0) {
    return oauthProvider(
      opts,
      oauthSet.map((key) => OAUTH_NAMES_ENV[key]),
      {
        values: oauth,
        names: OAUTH_NAMES_ENV,
        refreshBufferSecs,
        where: " from the environment",
      },
    );
  }
  throw new InvalidArgumentError(
    "credentials",
    `none given: ${CREDENTIAL_HELP}${envHint(token.access, Object.values(ENV))}. ` +
      'For a client that sends no credentials (health probes), pass auth: "none"',
  );
}

/**
 * An absolute http(s) URL without user credentials, query or fragment, returned without
 * trailing slashes. The messages never repeat the value: it may hold a password.
 */
export function checkBaseUrl(value: string, name = "baseUrl"): string {
  if (typeof value !== "string") {
    throw new InvalidArgumentError(name, `must be a string URL, got ${typeof value}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(name, "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(name, "must use http or https");
  }
  if (url.username !== "" || url.password !== "") {
    throw new InvalidArgumentError(
      name,
      "must not contain user credentials (user:password@): they would show up wherever the " +
        "URL does; pass credentials as bearerToken, token or OAuth2 client credentials",
    );
  }
  if (url.search || url.hash) {
    throw new InvalidArgumentError(name, "must not have a query string or fragment");
  }
  return url.href.replace(/\/+$/, "");
}

/** Validates caller-supplied headers (names and values) into a lower-case record. */
export function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (init === undefined) return record;
  try {
    // `Headers` refuses CR/LF, characters beyond Latin-1 and invalid names with a bare
    // TypeError; name the culprit.
    for (const [name, value] of new Headers(init)) record[name] = value;
  } catch (error) {
    throw new InvalidArgumentError(
      "headers",
      `not a valid HTTP header: ${(error as Error).message}`,
    );
  }
  return record;
}

/**
 * A tenant id (or another value the orchestrator reads from a header): non-empty, visible ASCII
 * only. Anything else fetch would refuse (beyond Latin-1), strip (edge whitespace) or send as
 * bytes the server cannot read, so it is refused here, before anything is sent.
 */
export function checkHeaderValue(value: string, name: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidArgumentError(name, "must be a non-empty string");
  }
  rejectControlCharacters(value, name);
  const bad = /[^\x21-\x7e]/.exec(value);
  if (bad) {
    throw new InvalidArgumentError(
      name,
      `must contain only visible ASCII characters (such as a tenant slug t-{uuid}); ` +
        `${describeCharacter(bad[0])} at index ${bad.index} is not`,
    );
  }
  return value;
}

/**
 * Any other header value: what fetch sends unchanged (Latin-1, no control characters, no
 * leading or trailing whitespace, which fetch would strip). Refused here, typed, before anything
 * is sent, instead of surfacing as a runtime `TypeError` mid-request.
 */
export function checkHeaderText(value: string, name: string): string {
  if (typeof value !== "string") {
    throw new InvalidArgumentError(name, `must be a string, got ${typeof value}`);
  }
  rejectControlCharacters(value, name);
  const wide = /[\u0100-\uffff]/.exec(value);
  if (wide) {
    throw new InvalidArgumentError(
      name,
      `cannot be sent in an HTTP header: ${describeCharacter(wide[0])} at index ${wide.index} ` +
        "is beyond Latin-1",
    );
  }
  if (/^[ \t]|[ \t]$/.test(value)) {
    throw new InvalidArgumentError(name, "must not start or end with whitespace");
  }
  return value;
}

/** A bearer token goes into a header: visible ASCII only, so nothing can split or widen it. */
export function checkToken(token: string, name: string): string {
  if (typeof token !== "string" || token.length === 0) {
    throw new InvalidArgumentError(name, "must be a non-empty string");
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InvalidArgumentError(
      name,
      "must contain only visible ASCII characters (no spaces, CR or LF)",
    );
  }
  return token;
}

function checkLogLevel(value: string, name: string): LogLevel {
  if (!LOG_LEVELS.includes(value)) {
    throw new InvalidArgumentError(name, `must be one of ${LOG_LEVELS.join(", ")}`);
  }
  return value as LogLevel;
}

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  return code === 0x20 ? "a space" : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Internal: not part of the public API. */
export function nonNegativeNumber(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, "must be a non-negative finite number");
  }
  return value;
}

/** `value` when it is a positive finite number, `fallback` when it is absent. */
export function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, "must be a positive finite number");
  }
  return value;
}

/** `value` when it is a non-negative integer, `fallback` when it is absent. */
export function nonNegativeInteger(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, "must be a non-negative integer");
  }
  return value;
}
