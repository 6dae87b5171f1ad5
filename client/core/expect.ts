/**
 * Shape checks for responses whose type the SDK promises.
 *
 * @module
 */

import { AegisProtocolError } from "../../errors.ts";
import { isRecord } from "../../internal/guards.ts";
import { describeValue } from "../../internal/describe.ts";

/** Fails unless the orchestrator answered with a JSON array (bare-array list endpoints). */
export function expectArray<T>(value: unknown, what: string): T[] {
  if (!Array.isArray(value)) {
    throw new AegisProtocolError(
      `expected a JSON array from ${what}, got ${describeValue(value, { reveal: false })}`,
    );
  }
  return value as T[];
}

/** Fails unless the orchestrator answered with a JSON object. */
export function expectObject<T>(value: unknown, what: string): T {
  if (!isRecord(value)) {
    throw new AegisProtocolError(
      `expected a JSON object from ${what}, got ${describeValue(value, { reveal: false })}`,
    );
  }
  return value as T;
}
