/**
 * OAuth2 client credentials against Keycloak: tokens cached until shortly before they expire,
 * one shared token request for concurrent calls, refresh after a 401. `AegisClient` uses it for
 * its `keycloakUrl`/`realm`/`clientId`/`clientSecret` options; with `AegisCore` and function
 * imports it is `auth: clientCredentials({...})`, so that apps that authenticate otherwise do not
 * bundle it.
 *
 * @module
 */

import {
  AegisConnectionError,
  AegisError,
  AegisTimeoutError,
  InvalidArgumentError,
} from "../../errors.ts";
import { describeValue } from "../../internal/describe.ts";
import { isRecord } from "../../internal/guards.ts";
import type {
  AuthProvider,
  AuthStrategy,
  SendRequest,
  StartableAuthProvider,
  TokenFailure,
} from "./auth.ts";
import { AegisApiError, TokenRequestError } from "./errors.ts";
import {
  checkBaseUrl,
  DEFAULT_TOKEN_REFRESH_BUFFER_SECS,
  nonNegativeNumber,
  OAUTH_NAMES_OPTIONS,
  OAUTH_OPTIONS,
  type OAuthInput,
  type OAuthOptions,
  type OAuthSettings,
} from "./options.ts";
import { encodeSegment } from "./path.ts";
import { judgeStatus } from "./retry.ts";

/** Options of {@link clientCredentials}. */
export interface ClientCredentialsOptions extends OAuthOptions {
  /** Refresh the token this many seconds before it expires (default 30). */
  tokenRefreshBufferSecs?: number;
}

/**
 * OAuth2 client credentials for a client's `auth` option: the client posts them to
 * `{keycloakUrl}/realms/{realm}/protocol/openid-connect/token` through its own pipeline (its
 * timeouts, retries and signal; no redirects followed), caches the token until
 * `tokenRefreshBufferSecs` before it expires, shares one token request between concurrent calls
 * and fetches a new token after a 401. The secret is never logged, printed or put in errors.
 * `AegisClient` also takes these four settings as options of its own.
 *
 * @example With function imports
 * ```ts
 * import { AegisCore, clientCredentials, listAgents } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({
 *   baseUrl: "http://fake",
 *   auth: clientCredentials({ keycloakUrl: "http://fake", ...fake.oauth }),
 *   fetch: fake.fetch,
 * });
 * console.log((await listAgents(core)).length, fake.tokenRequests); // 0 1
 * ```
 */
export function clientCredentials(options: ClientCredentialsOptions): AuthProvider {
  return clientCredentialsProvider(checkOAuthOptions(options));
}

/**
 * The provider for OAuth2 settings as given, checked. Internal: `AegisClient` hands it to the
 * core for its OAuth2 options and variables.
 */
export function clientCredentialsFrom(input: OAuthInput): StartableAuthProvider {
  return clientCredentialsProvider(oauthSettings(input));
}

function clientCredentialsProvider(settings: OAuthSettings): StartableAuthProvider {
  return {
    description: "OAuth2 client credentials",
    start: (send: SendRequest, onToken: (expiresInSecs: number) => void): AuthStrategy =>
      new ClientCredentialsAuth({
        tokenUrl: settings.tokenUrl,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        refreshBufferSecs: settings.refreshBufferSecs,
        requestToken: (form, signal) =>
          send({
            method: "POST",
            path: settings.tokenPath,
            url: settings.tokenUrl,
            body: form.toString(),
            contentType: "application/x-www-form-urlencoded",
            auth: false,
            idempotent: true,
            followRedirects: false,
            // One attempt per wait: the waiting call's own retry budget repeats it.
          }, { signal, maxRetries: 0 }),
        onToken,
      }),
  };
}

/**
 * Checks the options of `clientCredentials()`. Internal: not part of the public API.
 */
function checkOAuthOptions(
  options: OAuthOptions & { tokenRefreshBufferSecs?: number },
): OAuthSettings {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(
      "clientCredentials",
      "takes { keycloakUrl, realm, clientId, clientSecret }",
    );
  }
  const refreshBufferSecs = nonNegativeNumber(
    options.tokenRefreshBufferSecs,
    DEFAULT_TOKEN_REFRESH_BUFFER_SECS,
    "tokenRefreshBufferSecs",
  );
  return oauthSettings({
    values: options,
    names: OAUTH_NAMES_OPTIONS,
    refreshBufferSecs,
    where: "",
  });
}

/**
 * Checks OAuth2 settings as given (all four, a valid URL and realm) and derives the token URL.
 * (`clientCredentialsFrom` for the core, `clientCredentials` for its own options.)
 */
function oauthSettings(
  { values, names, refreshBufferSecs, where }: OAuthInput,
): OAuthSettings {
  const missing = OAUTH_OPTIONS.filter((key) =>
    typeof values[key] !== "string" || values[key] === ""
  );
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      missing.map((key) => names[key]).join(", "),
      `OAuth2 client credentials${where} need ${names.keycloakUrl}, ${names.realm}, ` +
        `${names.clientId} and ${names.clientSecret}`,
    );
  }
  const tokenPath = `/realms/${
    encodeSegment(values.realm!, names.realm)
  }/protocol/openid-connect/token`;
  return {
    tokenUrl: checkBaseUrl(values.keycloakUrl!, names.keycloakUrl) + tokenPath,
    tokenPath,
    clientId: values.clientId!,
    clientSecret: values.clientSecret!,
    refreshBufferSecs,
  };
}

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
 * `expires_in - refreshBufferSecs`; the call that finds the token due waits for the refresh
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

  /**
   * A failed token request is retried like the call it belongs to: after a connection failure or
   * timeout, or a status the retry policy retries (429, 5xx, within `maxRetryAfterMs`).
   */
  judgeFailure(error: unknown, maxRetryAfterMs: number): TokenFailure | undefined {
    if (!(error instanceof TokenRequestError)) return undefined;
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
