/**
 * The pipeline's logging: level filtering, redaction of secrets before the sink sees them, and
 * isolation from sinks that throw.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

import type { Logger, LogLevel } from "./options.ts";
import { redactHeaders } from "./redact.ts";

const LEVELS: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** A level the pipeline writes at (`off` only filters). */
export type WriteLevel = Exclude<LogLevel, "off">;

/** Writes redacted records to the caller's logger at or above its level. */
export class RequestLog {
  readonly #logger: Logger | undefined;
  readonly #level: number;

  /** Logs to `logger` (nothing when absent) from `level` up. */
  constructor(logger: Logger | undefined, level: LogLevel) {
    this.#logger = logger;
    this.#level = LEVELS[level];
  }

  /** Whether a record at `level` would be written: build costly log data only when it is. */
  enabled(level: WriteLevel): boolean {
    return this.#logger !== undefined && LEVELS[level] >= this.#level;
  }

  /** Writes one record; a broken logger never breaks a request. */
  write(level: WriteLevel, message: string, data: Record<string, unknown>): void {
    if (!this.#logger || LEVELS[level] < this.#level) return;
    const sink = this.#logger[level];
    if (typeof sink !== "function") return;
    try {
      sink.call(this.#logger, `[aegis] ${message}`, redactHeaders(data));
    } catch {
      // A broken logger must not break requests.
    }
  }
}
