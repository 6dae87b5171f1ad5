/**
 * Shape checks for responses whose type the SDK promises.
 *
 * @module
 */

import { AegisProtocolError } from "./errors.ts";
import { isRecord } from "../../internal/guards.ts";

/** Fails unless the orchestrator answered with a JSON array (bare-array list endpoints). */
export function expectArray<T>(value: unknown, what: string): T[] {
  if (!Array.isArray(value)) {
    throw new AegisProtocolError(`expected a JSON array from ${what}, got ${describe(value)}`);
  }
  return value as T[];
}

/** Fails unless the orchestrator answered with a JSON object. */
export function expectObject<T>(value: unknown, what: string): T {
  if (!isRecord(value)) {
    throw new AegisProtocolError(`expected a JSON object from ${what}, got ${describe(value)}`);
  }
  return value as T;
}

function describe(value: unknown): string {
  if (value === undefined) return "an empty body";
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}
