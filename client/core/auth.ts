/**
 * Authentication strategies: a static bearer token, an async token function, and OAuth2
 * client credentials against Keycloak with caching, refresh ahead of expiry and one shared
 * token request for concurrent calls.
 *
 * Waiting for a token is part of the call that needs it: {@link waitForToken} bounds the wait by
 * the call's timeout and signal, a failed or timed-out wait counts as one of the call's
 * attempts, and a token request nobody waits for any more is cancelled (no timer or socket
 * outlives the calls that wanted it). 401 answers cannot drive token requests faster than one
 * per {@link FORCED_REFRESH_MIN_INTERVAL_MS} while the server accepts none of them.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

import {
  AegisAbortError,
  AegisConnectionError,
  AegisError,
  AegisTimeoutError,
} from "../../errors.ts";
import { isRecord } from "../../internal/guards.ts";
import { AegisApiError, TokenRequestError } from "./errors.ts";
import {
  type AuthSettings,
  checkToken,
  type RequestOptions,
  type TokenProvider,
} from "./options.ts";
import type { RequestSpec } from "./pipeline.ts";
import { type RequestLabel, where } from "./response.ts";
import { judgeStatus } from "./retry.ts";
import { describeValue } from "../../internal/describe.ts";

/**
 * A token the server never accepted is replaced after a 401 at most once per this interval;
 * within it, further 401s are final instead of fetching yet another token: a token rejected
 * right after it was issued points at configuration (realm, audience, scopes), which a new token
 * does not fix. (A token that worked and is then rejected, revoked or expired early, is replaced
 * at once.)
 */
export const FORCED_REFRESH_MIN_INTERVAL_MS = 10_000;

/** Lifetime assumed when the token endpoint does not say (`expires_in` absent), in seconds. */
const DEFAULT_TOKEN_LIFETIME_SECS = 300;

/** Sends one request through the client's pipeline and returns its parsed JSON body. */
export type SendRequest = (spec: RequestSpec, options: RequestOptions) => Promise<unknown>;

/**
 * The strategy the validated settings ask for (`undefined` for `auth: "none"`). The token
 * request goes through `send`, the client's own pipeline, without auth and without redirects.
 */
export function createAuth(
  settings: AuthSettings,
  send: SendRequest,
  onToken: (expiresInSecs: number) => void,
): AuthStrategy | undefined {
  switch (settings.kind) {
    case "none":
      return undefined;
    case "bearer":
      return new StaticTokenAuth(settings.token);
    case "function":
      return new FunctionTokenAuth(settings.provider);
  }
  const { tokenUrl, tokenPath } = settings;
  return new ClientCredentialsAuth({
    tokenUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    refreshBufferSecs: settings.refreshBufferSecs,
    requestToken: (form, signal) =>
      send({
        method: "POST",
        path: tokenPath,
        url: tokenUrl,
        body: form.toString(),
        contentType: "application/x-www-form-urlencoded",
        auth: false,
        idempotent: true,
        followRedirects: false,
        // One attempt per wait: the waiting call's own retry budget repeats it.
      }, { signal, maxRetries: 0 }),
    onToken,
  });
}

/** Supplies bearer tokens to the request pipeline. */
export interface AuthStrategy {
  /** A token usable right now without waiting (the hot path), or `undefined` to wait for one. */
  ready(): string | undefined;
  /** The token to send, or `undefined` to send no `Authorization` header. */
  token(signal?: AbortSignal): Promise<string | undefined>;
  /** Called when the server answered a request with `token` by anything but a 401. */
  accepted(token: string): void;
  /**
   * Called after a 401 with the token that was rejected. Returns true when a retry with a new
   * token may succeed (the strategy dropped its cached token).
   */
  invalidate(rejected: string): boolean;
}

/** A wait for a token that failed: the pipeline treats it like a failed attempt. */
export interface TokenFailure {
  error: AegisError;
  /** True when another attempt may get a token (timeouts, connection errors, 5xx, 429). */
  retryable: boolean;
  /** The token endpoint's `Retry-After`, in ms. */
  retryAfterMs?: number;
}

/** Where and how long a call waits for its token. */
export interface TokenWait {
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** The call's per-attempt timeout: the wait is one attempt. */
  timeoutMs: number;
  /** For messages. */
  label: RequestLabel;
  /** Longest `Retry-After` from the token endpoint worth waiting for. */
  maxRetryAfterMs: number;
}

/**
 * Waits for `auth`'s token within the call's timeout and signal. Resolves with the token, or
 * with a {@link TokenFailure} for the pipeline's retry loop; errors of a token function that are
 * not SDK errors are rethrown unchanged.
 */
export async function waitForToken(
  auth: AuthStrategy,
  wait: TokenWait,
): Promise<string | undefined | TokenFailure> {
  const { signal, timeoutMs, label } = wait;
  if (signal?.aborted) return aborted(signal, label);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await auth.token(controller.signal);
  } catch (error) {
    if (signal?.aborted) return aborted(signal, label);
    if (timedOut) {
      return {
        error: new AegisTimeoutError(
          `request timed out after ${timeoutMs} ms waiting for an OAuth2 token [${where(label)}]`,
        ),
        // Nothing was sent yet: another attempt is safe whatever the request.
        retryable: true,
      };
    }
    if (error instanceof TokenRequestError) return judgeTokenFailure(error, wait.maxRetryAfterMs);
    if (error instanceof AegisError) return { error, retryable: false };
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function aborted(signal: AbortSignal, label: RequestLabel): TokenFailure {
  return {
    error: new AegisAbortError(`request aborted [${where(label)}]`, { cause: signal.reason }),
    retryable: false,
  };
}

function judgeTokenFailure(error: TokenRequestError, maxRetryAfterMs: number): TokenFailure {
  const cause = error.cause;
  if (cause instanceof AegisConnectionError || cause instanceof AegisTimeoutError) {
    return { error, retryable: true };
  }
  if (cause instanceof AegisApiError && !cause.embedded) {
    const verdict = judgeStatus(cause.status, cause.headers, true, maxRetryAfterMs);
    return { error, retryable: verdict.retryable, retryAfterMs: verdict.retryAfterMs };
  }
  return { error, retryable: false };
}

/** Sends the same token forever; a 401 is final. */
export class StaticTokenAuth implements AuthStrategy {
  readonly #token: string;
  /** Wraps `token`. */
  constructor(token: string) {
    this.#token = checkToken(token, "bearerToken");
  }
  /** The static token. */
  ready(): string {
    return this.#token;
  }
  /** Returns the static token. */
  token(): Promise<string> {
    return Promise.resolve(this.#token);
  }
  /** Nothing to learn: the token never changes. */
  accepted(): void {}
  /** A static token cannot be refreshed. */
  invalidate(): boolean {
    return false;
  }
}

/** Calls a user function before every request; a 401 retries once with a fresh call. */
export class FunctionTokenAuth implements AuthStrategy {
  readonly #provider: TokenProvider;
  /** Wraps `provider`. */
  constructor(provider: TokenProvider) {
    this.#provider = provider;
  }
  /** The function is asked every time. */
  ready(): undefined {
    return undefined;
  }
  /** Asks the provider for a token; `signal` ends with the call's timeout or abort. */
  async token(signal?: AbortSignal): Promise<string | undefined> {
    const token = await this.#provider(signal);
    return token === undefined ? undefined : checkToken(token, "token");
  }
  /** The provider caches its own tokens. */
  accepted(): void {}
  /** The provider may return a new token next time. */
  invalidate(): boolean {
    return true;
  }
}

/** What the token endpoint returned, as the strategy needs it. */
interface CachedToken {
  accessToken: string;
  /** True once the server answered a request with it by anything but a 401. */
  accepted: boolean;
  /** Epoch ms at which the token expires. */
  expiresAt: number;
  /** Epoch ms after which it is refreshed. */
  refreshAt: number;
}

/** One token request and the calls waiting for it. */
interface Flight {
  promise: Promise<CachedToken>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

/** Settings of {@link ClientCredentialsAuth}. */
export interface ClientCredentialsSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshBufferSecs: number;
  /** Sends the form POST (the client's pipeline, without auth); `signal` cancels it. */
  requestToken: (form: URLSearchParams, signal: AbortSignal) => Promise<unknown>;
  /** Clock (tests). */
  now?: () => number;
  /** Told when a token is obtained. */
  onToken?: (expiresInSecs: number) => void;
}

/**
 * OAuth2 client credentials (form POST to Keycloak). Tokens are cached until
 * `expires_in − refreshBufferSecs`; the call that finds the token due waits for the refresh
 * (and keeps using the old, still valid token if the refresh fails), so nothing runs in the
 * background. Concurrent callers share one request, which is cancelled when the last of them
 * gives up.
 */
export class ClientCredentialsAuth implements AuthStrategy {
  readonly #settings: ClientCredentialsSettings;
  #cached: CachedToken | undefined;
  #flight: Flight | undefined;
  #lastUnacceptedDrop = -Infinity;

  /** Creates the strategy; nothing is requested until the first call. */
  constructor(settings: ClientCredentialsSettings) {
    this.#settings = settings;
  }

  /** The cached token while it is not due for a refresh. */
  ready(): string | undefined {
    const cached = this.#cached;
    return cached !== undefined && this.#now() < cached.refreshAt ? cached.accessToken : undefined;
  }

  /** Returns a valid cached token or waits for a new one (shared among concurrent callers). */
  async token(signal?: AbortSignal): Promise<string> {
    const ready = this.ready();
    if (ready !== undefined) return ready;
    const stale = this.#cached;
    try {
      return (await this.#join(signal)).accessToken;
    } catch (error) {
      if (signal?.aborted || stale === undefined || this.#cached !== stale) throw error;
      const now = this.#now();
      if (now >= stale.expiresAt) throw error;
      // The refresh failed but the token is still valid: use it, and do not ask again (one
      // request per call) before the minimum interval.
      stale.refreshAt = Math.min(stale.expiresAt, now + FORCED_REFRESH_MIN_INTERVAL_MS);
      return stale.accessToken;
    }
  }

  /** Marks the cached token as one the server accepts. */
  accepted(token: string): void {
    const cached = this.#cached;
    if (cached !== undefined && cached.accessToken === token) cached.accepted = true;
  }

  /**
   * Drops the cached token if it is the one that was rejected, so the retry fetches a new one.
   * A token that worked before (then expired or was revoked) is dropped at once; one the server
   * never accepted at most once per {@link FORCED_REFRESH_MIN_INTERVAL_MS}: within the interval
   * the 401 is final, since a brand-new token would most likely be refused the same way.
   */
  invalidate(rejected: string): boolean {
    const cached = this.#cached;
    // A newer token is cached or on its way: retry with it, without a request of its own.
    if (cached === undefined || cached.accessToken !== rejected) return true;
    if (!cached.accepted) {
      const now = this.#now();
      if (now - this.#lastUnacceptedDrop < FORCED_REFRESH_MIN_INTERVAL_MS) return false;
      this.#lastUnacceptedDrop = now;
    }
    this.#cached = undefined;
    return true;
  }

  #join(signal: AbortSignal | undefined): Promise<CachedToken> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const flight = this.#flight ?? this.#start();
    flight.waiters++;
    return new Promise<CachedToken>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return false;
        left = true;
        signal?.removeEventListener("abort", onAbort);
        flight.waiters--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        // Nobody waits for this token any more: cancel its request, timer and socket.
        if (flight.waiters === 0 && !flight.settled) {
          if (this.#flight === flight) this.#flight = undefined;
          flight.controller.abort();
        }
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      flight.promise.then(
        (token) => {
          if (leave()) resolve(token);
        },
        (error) => {
          if (leave()) reject(error);
        },
      );
    });
  }

  #start(): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      controller,
      waiters: 0,
      settled: false,
      promise: this.#fetchToken(controller.signal).then((token) => {
        if (!controller.signal.aborted) this.#cached = token;
        return token;
      }).finally(() => {
        flight.settled = true;
        if (this.#flight === flight) this.#flight = undefined;
      }),
    };
    // Waiters handle failures; a request everyone left fails unobserved.
    flight.promise.catch(() => {});
    this.#flight = flight;
    return flight;
  }

  async #fetchToken(signal: AbortSignal): Promise<CachedToken> {
    const s = this.#settings;
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: s.clientId,
      client_secret: s.clientSecret,
    });
    let body: unknown;
    try {
      body = await s.requestToken(form, signal);
    } catch (error) {
      const status = error instanceof AegisApiError ? error.status : undefined;
      const detail = error instanceof AegisError ? error.message : "request failed";
      throw new TokenRequestError(`token request failed: ${detail}`, status, { cause: error });
    }
    const token = parseTokenResponse(body);
    const now = this.#now();
    // Short-lived tokens get half their lifetime as the buffer, so they are still reused.
    const buffer = Math.min(s.refreshBufferSecs, token.expiresIn / 2);
    s.onToken?.(token.expiresIn);
    return {
      accessToken: token.accessToken,
      accepted: false,
      expiresAt: now + token.expiresIn * 1000,
      refreshAt: now + (token.expiresIn - buffer) * 1000,
    };
  }

  #now(): number {
    return this.#settings.now?.() ?? Date.now();
  }
}

/**
 * The fields of a token response the client uses, checked: a JSON object with a visible-ASCII
 * `access_token`, a `Bearer` `token_type` when present, and a positive number of seconds in
 * `expires_in` (300 when absent). Anything else is a {@link TokenRequestError}.
 */
function parseTokenResponse(body: unknown): { accessToken: string; expiresIn: number } {
  if (!isRecord(body)) {
    throw new TokenRequestError("token endpoint answered something other than a JSON object");
  }
  const accessToken = body.access_token;
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new TokenRequestError("token endpoint answered without an access_token");
  }
  if (!/^[\x21-\x7e]+$/.test(accessToken)) {
    throw new TokenRequestError(
      "token endpoint answered an access_token that cannot be sent in an Authorization header " +
        "(it must be visible ASCII)",
    );
  }
  const type = body.token_type;
  if (type !== undefined && (typeof type !== "string" || type.toLowerCase() !== "bearer")) {
    throw new TokenRequestError(
      `token endpoint issued a token of type ${
        describeValue(type)
      }; only Bearer tokens are supported`,
    );
  }
  const raw = body.expires_in;
  let expiresIn: number;
  if (raw === undefined) expiresIn = DEFAULT_TOKEN_LIFETIME_SECS;
  else if (typeof raw === "number") expiresIn = raw;
  else if (typeof raw === "string" && /^\d+$/.test(raw.trim())) expiresIn = Number(raw);
  else {
    throw new TokenRequestError(
      `token endpoint answered expires_in ${describeValue(raw)}; it must be a number of seconds`,
    );
  }
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new TokenRequestError(
      `token endpoint returned an already-expired token (expires_in ${describeValue(raw)})`,
    );
  }
  return { accessToken, expiresIn };
}
