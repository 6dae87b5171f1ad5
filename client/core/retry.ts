/**
 * The retry policy, in one place: which requests may be repeated, which answers are worth
 * repeating, how long to wait (exponential backoff with jitter, or the server's `Retry-After`
 * exactly, never shortened), and the abort-aware wait itself.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

import { AegisAbortError } from "../../errors.ts";
import { type RequestLabel, where } from "./response.ts";

/** Retries after the first attempt, unless the client or the call says otherwise. */
export const DEFAULT_MAX_RETRIES = 2;
/** Longest `Retry-After` honoured by default; a longer one ends the call instead. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
/** Added to a server-mandated wait: jitter only ever lengthens it. */
const RETRY_AFTER_JITTER_MS = 100;
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE"]);
// Not 500: the orchestrator answers deterministic failures (invalid manifests, duplicate
// deploys, unknown agents) with 500, so repeating them only adds latency.
const RETRYABLE_STATUSES = new Set([408, 429, 502, 503, 504]);
/**
 * Statuses meaning the server did not act on the request, so even a POST may be repeated,
 * unless the route declares its own list (`RequestSpec.unprocessedStatuses`).
 */
const UNPROCESSED_STATUSES: readonly number[] = [429, 503];

/**
 * Whether a request may be repeated after a failure that may have reached the server: the
 * endpoint's own declaration when it has one, else by method.
 */
export function isIdempotent(method: string, declared: boolean | undefined): boolean {
  return declared ?? IDEMPOTENT_METHODS.has(method);
}

/** What the policy says about one failed HTTP answer. */
export interface StatusVerdict {
  /** The answer may be retried (the budget of retries is checked by the caller). */
  retryable: boolean;
  /** The server's `Retry-After`, in ms, when it sent one. */
  retryAfterMs?: number;
  /** The server asked for a longer wait than `maxRetryAfterMs`, so the call ends now. */
  waitTooLong?: boolean;
}

/**
 * Decides whether an HTTP error answer is retried: 408, 429 and 502-504 for idempotent
 * requests; for the others only the statuses at which the route did not act (`unprocessed`:
 * the route's declaration, else 429 and 503); never when the server's `Retry-After` exceeds
 * `maxRetryAfterMs`.
 */
export function judgeStatus(
  status: number,
  headers: Headers,
  idempotent: boolean,
  maxRetryAfterMs: number,
  unprocessed: readonly number[] = UNPROCESSED_STATUSES,
  now: number = Date.now(),
): StatusVerdict {
  const retryable = RETRYABLE_STATUSES.has(status) &&
    (idempotent || unprocessed.includes(status));
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now);
  if (retryable && retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
    return { retryable: false, retryAfterMs, waitTooLong: true };
  }
  return { retryable, retryAfterMs };
}

/**
 * The wait before retry number `retry` (1-based): `Retry-After` plus a little jitter when the
 * server sent one, else exponential backoff (0.5 s doubling up to 8 s) with jitter on its
 * upper half.
 */
export function backoffDelay(retry: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return retryAfterMs + Math.random() * RETRY_AFTER_JITTER_MS;
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
  return exponential * (0.5 + Math.random() * 0.5);
}

/**
 * Parses a `Retry-After` header (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns `undefined` when absent or unparseable; never negative.
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

/** Waits `ms`, ending early with an {@link AegisAbortError} when `signal` aborts. */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  label: RequestLabel,
): Promise<void> {
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
