/**
 * Shape checks shared by the client, the bootstrap loop and the fake orchestrator.
 *
 * Internal module: reached through the entry points that re-export from it.
 *
 * @module
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * True when `value` is a hyphenated UUID (any case), the form the orchestrator issues.
 *
 * @example
 * ```ts
 * import { isUuid } from "./guards.ts";
 *
 * console.log(isUuid("0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b")); // true
 * console.log(isUuid("exec-uuid")); // false
 * ```
 */
export function isUuid(value: unknown): boolean {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
