/**
 * Authentication strategies: a static bearer token, an async token function, and the providers
 * of other credentials (OAuth2 client credentials: `client_credentials.ts`, which an app bundles
 * only when it uses them).
 *
 * Waiting for a token is part of the call that needs it: {@link waitForToken} bounds the wait by
 * the call's timeout and signal, a failed or timed-out wait counts as one of the call's
 * attempts, and a token request nobody waits for any more is cancelled (no timer or socket
 * outlives the calls that wanted it).
 *
 * Internal module except {@link AuthProvider}, the type of a client's `auth` credentials.
 *
 * @module
 */

import { AegisAbortError, AegisError, AegisTimeoutError } from "../../errors.ts";
import {
  type AuthSettings,
  checkToken,
  type RequestOptions,
  type TokenProvider,
} from "./options.ts";
import type { RequestSpec } from "./pipeline.ts";
import { type RequestLabel, where } from "./response.ts";

/** Sends one request through the client's pipeline and returns its parsed JSON body. */
export type SendRequest = (spec: RequestSpec, options: RequestOptions) => Promise<unknown>;

/**
 * The strategy the validated settings ask for (`undefined` for `auth: "none"`). A provider's
 * token requests go through `send`, the client's own pipeline.
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
    case "provider":
      return settings.provider.start(send, onToken);
  }
}

/**
 * Credentials that a client turns into tokens through its own pipeline, such as OAuth2 client
 * credentials (made by `clientCredentials`). Pass one as a client's `auth` option.
 */
export interface AuthProvider {
  /** What the credentials are, for messages ("OAuth2 client credentials"). */
  readonly description: string;
}

/**
 * What an {@link AuthProvider} is underneath: how a client starts it. Internal: the public type
 * stays opaque, so that the strategy interface is free to change.
 */
export interface StartableAuthProvider extends AuthProvider {
  /** Makes the token source of one client; `send` runs the client's pipeline. */
  start(send: SendRequest, onToken: (expiresInSecs: number) => void): AuthStrategy;
}

/** Whether `value` is an {@link AuthProvider} (one the SDK made). */
export function isAuthProvider(value: unknown): value is StartableAuthProvider {
  return typeof value === "object" && value !== null &&
    typeof (value as Partial<StartableAuthProvider>).start === "function" &&
    typeof (value as Partial<StartableAuthProvider>).description === "string";
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
  /**
   * Whether a failure of {@link AuthStrategy.token} is worth another attempt, for strategies
   * that can tell (a token endpoint that answered 503 may answer the next time). Absent, or
   * `undefined` for an error: SDK errors end the call, others are rethrown unchanged.
   */
  judgeFailure?(error: unknown, maxRetryAfterMs: number): TokenFailure | undefined;
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
    const judged = auth.judgeFailure?.(error, wait.maxRetryAfterMs);
    if (judged !== undefined) return judged;
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
