/**
 * The canonical SEAL message writer: JavaScript values -> byte for byte what the orchestrator
 * rebuilds with `serde_json` (`serde_json::to_vec(json!({payload, security_token, timestamp}))`,
 * serde_json 1.0.149 without `preserve_order`, floats printed by zmij) from the request body the
 * SDK sends with `JSON.stringify`. Whatever the orchestrator would not read back unchanged is
 * refused, so the signed bytes always equal what it verifies.
 *
 * The other direction (JSON text -> canonical text, for verifiers) lives in
 * `serde_json_reader.ts`; serde's number parsing and printing in `serde_number.ts`.
 *
 * @module
 */

import { SEALError } from "./error.ts";
import { parseSerdeNumber } from "./serde_number.ts";

/** Any JSON value: what a SEAL payload may contain. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * The MCP JSON-RPC request a SEAL envelope usually carries. The orchestrator takes the tool name
 * from `params.name` when `method` is `"tools/call"` (arguments from `params.arguments`), else
 * from `method` itself (arguments = `params`).
 */
export type McpPayload = {
  /** JSON-RPC version, `"2.0"`. Not checked by the orchestrator. */
  jsonrpc: string;
  /** Request id. Not checked by the orchestrator. */
  id: string | number | null;
  /** `"tools/call"`, or the tool name itself. */
  method: string;
  /** `{name, arguments}` for `tools/call`; the tool arguments otherwise. */
  params?: { [key: string]: JsonValue } | JsonValue[] | null;
};

/**
 * serde_json's recursion limit: a request body may nest at most 127 arrays/objects, and the
 * envelope object is one of them.
 */
export const MAX_DOCUMENT_DEPTH = 127;
/**
 * Deepest payload an envelope can carry: the envelope object takes one level. (`MAX_DOCUMENT_DEPTH
 * - 1`, written out: bundlers keep a module-level value computed from another, used or not.)
 */
export const MAX_PAYLOAD_DEPTH = 126;

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Serialises `value` exactly as the orchestrator re-serialises it after receiving
 * `JSON.stringify(value)`: keys in Unicode code-point order at every depth (not JavaScript's
 * UTF-16 sort order), no whitespace, serde_json string escapes, whole numbers that fit u64/i64 as
 * the digits `JSON.stringify` writes (`1e16` -> `10000000000000000`), other numbers in serde/zmij
 * float layout (`0.5`, `0.00001`, `1e-6`, `1.5e-7`, `1e+21`).
 *
 * Values the wire cannot carry faithfully are refused with a {@link SEALError} whose code is
 * `unsupported_value` (or `too_deep`) and whose `path` names the JSON location:
 * `undefined` (as a member value or array element: `JSON.stringify` would silently drop or turn it
 * into `null`, so the bytes would differ from what was signed), lone surrogates, `BigInt`,
 * functions, symbols and symbol keys, non-plain objects (`Date`, `Map`, class instances, typed
 * arrays, ...), `NaN`/`+/-Infinity`, `-0` (sent as `0`), numbers that serde_json's parser would not
 * read back as the same double (some 16-17 digit values), and nesting deeper than 127
 * arrays/objects. Every other double is signed, however large.
 *
 * Runs in time linear in the size of the output (plus key sorting).
 *
 * @example Code-point key order and serde float layout
 * ```ts
 * import { canonicalJson } from "@aegis/sdk/seal";
 *
 * canonicalJson({ b: 1e-6, a: [true, null], "\ud83d\ude00": "x", "\uffff": "y" });
 * // => '{"a":[true,null],"b":1e-6,"\uffff":"y","\ud83d\ude00":"x"}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonWithin(value, MAX_DOCUMENT_DEPTH);
}

/** {@link canonicalJson} with another nesting limit (a payload inside an envelope gets 126). */
export function canonicalJsonWithin(value: unknown, maxDepth: number): string {
  const parts: string[] = [];
  writeValue(value, parts, maxDepth, []);
  return parts.join("");
}

/**
 * Builds the bytes a SEAL signature covers: the UTF-8 of
 * `{"payload":<canonical payload>,"security_token":"<token>","timestamp":<integer seconds>}`.
 *
 * `timestampUnix` is whole Unix seconds (the floor of the envelope's timestamp). The payload
 * follows the rules of {@link canonicalJson}, with at most 126 levels of nesting (the envelope
 * object around it is the 127th).
 *
 * @example Reproduce the bytes the orchestrator verifies
 * ```ts
 * import { createCanonicalMessage } from "@aegis/sdk/seal";
 *
 * const bytes = createCanonicalMessage("token", { method: "tools/list", jsonrpc: "2.0", id: 1 }, 1743600000);
 * new TextDecoder().decode(bytes);
 * // => '{"payload":{"id":1,"jsonrpc":"2.0","method":"tools/list"},"security_token":"token","timestamp":1743600000}'
 * ```
 */
export function createCanonicalMessage(
  securityToken: string,
  payload: unknown,
  timestampUnix: number,
): Uint8Array {
  if (typeof securityToken !== "string" || !isWellFormed(securityToken)) {
    throw new SEALError(
      "invalid_argument",
      "securityToken must be a well-formed string (no lone surrogates)",
    );
  }
  if (!Number.isSafeInteger(timestampUnix)) {
    throw new SEALError(
      "invalid_timestamp",
      "timestampUnix must be a safe integer number of Unix seconds",
    );
  }
  const parts: string[] = ['{"payload":'];
  writeValue(payload, parts, MAX_PAYLOAD_DEPTH, []);
  parts.push(',"security_token":', JSON.stringify(securityToken), ',"timestamp":');
  parts.push(String(timestampUnix), "}");
  return encoder.encode(parts.join(""));
}

/** Assembles the canonical message around an already canonical payload text. */
export function canonicalMessageFromParts(
  canonicalPayload: string,
  securityToken: string,
  timestampUnix: number,
): Uint8Array {
  return encoder.encode(
    `{"payload":${canonicalPayload},"security_token":${
      JSON.stringify(securityToken)
    },"timestamp":${timestampUnix}}`,
  );
}

// ---------------------------------------------------------------------------------------------
// JS values -> canonical text

type PathSegment = string | number;

function renderPath(path: readonly PathSegment[]): string {
  let out = "$";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function refuse(path: readonly PathSegment[], what: string): never {
  const where = renderPath(path);
  throw new SEALError("unsupported_value", `cannot sign ${what} at ${where}`, { path: where });
}

function tooDeep(path: readonly PathSegment[], limit: number): never {
  const where = renderPath(path);
  throw new SEALError(
    "too_deep",
    `nesting deeper than ${limit} arrays/objects at ${where} (the orchestrator's JSON parser refuses it)`,
    { path: where },
  );
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  // A null-prototype parent also admits plain objects made in another realm (iframe, vm).
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

function writeValue(
  value: unknown,
  parts: string[],
  depthLeft: number,
  path: PathSegment[],
): void {
  switch (typeof value) {
    case "string":
      if (!isWellFormed(value)) refuse(path, "a string with a lone surrogate");
      parts.push(JSON.stringify(value));
      return;
    case "boolean":
      parts.push(value ? "true" : "false");
      return;
    case "number":
      parts.push(canonicalNumberFromJs(value, path));
      return;
    case "undefined":
      refuse(path, "undefined (JSON.stringify would drop it or send null)");
      break;
    case "bigint":
      refuse(path, "a BigInt");
      break;
    case "function":
      refuse(path, "a function");
      break;
    case "symbol":
      refuse(path, "a symbol");
      break;
  }
  if (value === null) {
    parts.push("null");
    return;
  }
  const object = value as object;
  if (depthLeft <= 0) tooDeep(path, path.length);
  if (Array.isArray(object)) {
    parts.push("[");
    for (let i = 0; i < object.length; i++) {
      if (i > 0) parts.push(",");
      path.push(i);
      writeValue(object[i], parts, depthLeft - 1, path);
      path.pop();
    }
    parts.push("]");
    return;
  }
  if (!isPlainObject(object)) {
    const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
    refuse(path, `a non-plain object (${typeof name === "string" ? name : "unknown class"})`);
  }
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    if (Object.prototype.propertyIsEnumerable.call(object, symbol)) {
      refuse(path, "an object with a symbol key");
    }
  }
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareCodePoints);
  parts.push("{");
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    path.push(key);
    if (!isWellFormed(key)) refuse(path, "a key with a lone surrogate");
    if (i > 0) parts.push(",");
    parts.push(JSON.stringify(key), ":");
    writeValue(record[key], parts, depthLeft - 1, path);
    path.pop();
  }
  parts.push("}");
}

function canonicalNumberFromJs(value: number, path: readonly PathSegment[]): string {
  if (!Number.isFinite(value)) refuse(path, `${value} (JSON has no NaN or Infinity)`);
  if (Object.is(value, -0)) refuse(path, "-0 (JSON.stringify sends it as 0)");
  // The orchestrator reads the digits JSON.stringify writes (the shortest that round-trip):
  // integers that fit u64/i64 stay integers, everything else becomes a double by serde's own
  // (not correctly rounded) algorithm. What it holds must read back as this very double, or it
  // would verify (and act on) another number than the caller meant; then it prints that value
  // in its own layout, which is what gets signed.
  const parsed = parseSerdeNumber(JSON.stringify(value));
  if (parsed === undefined || !Object.is(parsed.value, value)) {
    refuse(path, `the number ${value} (the orchestrator would read it as a different number)`);
  }
  return parsed.canonical;
}

// ---------------------------------------------------------------------------------------------
// Shared primitives

/**
 * Orders strings by Unicode code point (= UTF-8 byte order, Rust's `BTreeMap<String>` order).
 * JavaScript's default sort compares UTF-16 code units, which puts astral characters (surrogate
 * pairs, U+D800-U+DFFF) before U+E000-U+FFFF; remapping those two ranges fixes exactly that.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` has no lone surrogates (so it has a UTF-8 encoding). */
export function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === "function" ? native.call(text) : !LONE_SURROGATE.test(text);
}
