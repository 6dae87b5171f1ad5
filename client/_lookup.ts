/**
 * Follow-up lookups that explain an ambiguous answer: the orchestrator answers 200 for streams
 * of resources it does not have and then ends them without events.
 *
 * Internal module.
 *
 * @module
 */

import { NotFoundError } from "./core/errors.ts";
import type { RequestOptions } from "./core/options.ts";

/** The per-call options a follow-up lookup shares with the call that needed it. */
export function lookupOptions(options: RequestOptions): RequestOptions {
  return {
    signal: options.signal,
    timeout: options.timeout,
    headers: options.headers,
    tenantId: options.tenantId,
  };
}

/**
 * Awaits a lookup of the resource behind a stream that ended before its first event: its
 * `NotFoundError` explains the empty stream; any other outcome leaves the stream's own ending.
 */
export async function rethrowNotFound(lookup: Promise<unknown>): Promise<void> {
  try {
    await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) throw error;
  }
}
