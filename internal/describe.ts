/**
 * The one way the SDK names a wrong value in an error message ("expected a string, got ..."), so
 * every message uses the same words.
 *
 * @module
 */

/** Options for {@link describeValue}. */
export interface DescribeValueOptions {
  /**
   * Show strings, numbers and booleans themselves (default `true`). `false` names only the kind
   * of value, for fields that may hold secrets or bodies that may be large.
   */
  reveal?: boolean;
  /** Longest string shown before it is cut with `...` (default 40). */
  maxLength?: number;
}

/**
 * Describes `value` for an error message: `nothing`, `null`, `an array`, `an object`, and for
 * other values either the value (`"text"`, `number 3`, `boolean true`) or, with
 * `reveal: false`, its kind (`a string`, `a number`).
 *
 * @example
 * ```ts
 * import { describeValue } from "./describe.ts";
 *
 * console.log(describeValue([1, 2])); // an array
 * console.log(describeValue("mac")); // "mac"
 * console.log(describeValue("s3cr3t", { reveal: false })); // a string
 * ```
 */
export function describeValue(value: unknown, options: DescribeValueOptions = {}): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (options.reveal === false) return `a ${typeof value}`;
  if (typeof value === "string") {
    const max = options.maxLength ?? 40;
    return JSON.stringify(value.length > max ? `${value.slice(0, max)}\u2026` : value);
  }
  return `${typeof value} ${String(value)}`;
}
