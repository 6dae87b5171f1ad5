/**
 * Authentication strategies: a static bearer token, an async token function, and OAuth2
 * client credentials against Keycloak with caching, refresh ahead of expiry and one shared
 * in-flight refresh for concurrent calls.
 *
 * @module
 */

import { AegisError, InvalidArgumentError, TokenRequestError } from "./errors.ts";
import type { TokenProvider } from "./options.ts";

/** Supplies bearer tokens to the request pipeline. */
export interface AuthStrategy {
  /** The token to send, or `undefined` to send no `Authorization` header. */
  token(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * Called after a 401 with the token that was rejected. Returns true when a retry with a new
   * token may succeed (the strategy dropped its cached token).
   */
  invalidate(rejected: string): boolean;
}

/** Sends the same token forever; a 401 is final. */
export class StaticTokenAuth implements AuthStrategy {
  readonly #token: string;
  /** Wraps `token`. */
  constructor(token: string) {
    this.#token = checkToken(token);
  }
  /** Returns the static token. */
  token(): Promise<string> {
    return Promise.resolve(this.#token);
  }
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
  /** Asks the provider for a token. */
  async token(signal?: AbortSignal): Promise<string | undefined> {
    const token = await this.#provider(signal);
    return token === undefined ? undefined : checkToken(token);
  }
  /** The provider may return a new token next time. */
  invalidate(): boolean {
    return true;
  }
}

/** What the token endpoint returned, as the strategy needs it. */
interface CachedToken {
  accessToken: string;
  /** Epoch ms at which the token expires. */
  expiresAt: number;
  /** Epoch ms after which it is refreshed. */
  refreshAt: number;
}

/** Settings of {@link ClientCredentialsAuth}. */
export interface ClientCredentialsSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshBufferSecs: number;
  /** Sends the form POST (the client's pipeline, without auth). */
  requestToken: (form: URLSearchParams, signal?: AbortSignal) => Promise<unknown>;
  /** Clock (tests). */
  now?: () => number;
  /** Told when a token is obtained. */
  onToken?: (expiresInSecs: number) => void;
}

/**
 * OAuth2 client credentials (form POST to Keycloak). Tokens are cached until
 * `expires_in − refreshBufferSecs`; concurrent callers share one in-flight request; a 401
 * drops the cached token so the next call fetches a new one.
 */
export class ClientCredentialsAuth implements AuthStrategy {
  readonly #settings: ClientCredentialsSettings;
  #cached: CachedToken | undefined;
  #inFlight: Promise<CachedToken> | undefined;

  /** Creates the strategy; nothing is requested until the first call. */
  constructor(settings: ClientCredentialsSettings) {
    this.#settings = settings;
  }

  /** Returns a valid cached token or fetches one (shared among concurrent callers). */
  async token(signal?: AbortSignal): Promise<string> {
    const now = this.#now();
    if (this.#cached && now < this.#cached.refreshAt) return this.#cached.accessToken;
    // A token inside its refresh window is still valid: hand it out while one refresh runs.
    if (this.#cached && now < this.#cached.expiresAt) {
      this.#refresh(undefined).catch(() => {});
      return this.#cached.accessToken;
    }
    const fresh = await this.#refresh(signal);
    return fresh.accessToken;
  }

  /** Drops the cached token if it is the one that was rejected. */
  invalidate(rejected: string): boolean {
    if (this.#cached?.accessToken === rejected) this.#cached = undefined;
    return true;
  }

  #refresh(signal: AbortSignal | undefined): Promise<CachedToken> {
    if (this.#inFlight) return raceAbort(this.#inFlight, signal);
    // The shared request is not tied to any one caller's signal: one caller giving up must
    // not fail the others waiting on it.
    const inFlight = this.#fetchToken().then(
      (token) => {
        this.#cached = token;
        return token;
      },
    ).finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = inFlight;
    return raceAbort(inFlight, signal);
  }

  async #fetchToken(): Promise<CachedToken> {
    const s = this.#settings;
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: s.clientId,
      client_secret: s.clientSecret,
    });
    let body: unknown;
    try {
      body = await s.requestToken(form);
    } catch (error) {
      const status = typeof (error as { status?: unknown }).status === "number"
        ? (error as { status: number }).status
        : undefined;
      const detail = error instanceof AegisError ? error.message : "request failed";
      throw new TokenRequestError(`token request failed: ${detail}`, status, { cause: error });
    }
    const record = body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof record?.access_token !== "string" || record.access_token.length === 0) {
      throw new TokenRequestError("token endpoint answered without an access_token");
    }
    const expiresIn = record.expires_in === undefined ? 300 : Number(record.expires_in);
    if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new TokenRequestError(
        `token endpoint returned an already-expired token (expires_in ${
          String(record.expires_in)
        })`,
      );
    }
    const now = this.#now();
    // Short-lived tokens get half their lifetime as the buffer, so they are still reused.
    const buffer = Math.min(s.refreshBufferSecs, expiresIn / 2);
    s.onToken?.(expiresIn);
    return {
      accessToken: checkToken(record.access_token),
      expiresAt: now + expiresIn * 1000,
      refreshAt: now + (expiresIn - buffer) * 1000,
    };
  }

  #now(): number {
    return this.#settings.now?.() ?? Date.now();
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Tokens go into a header: refuse anything that could split it. */
function checkToken(token: string): string {
  if (typeof token !== "string" || token.length === 0) {
    throw new InvalidArgumentError("token", "must be a non-empty string");
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InvalidArgumentError(
      "token",
      "must contain only visible ASCII characters (no spaces, CR or LF)",
    );
  }
  return token;
}
