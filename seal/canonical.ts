/**
 * The canonical SEAL message: byte for byte what the orchestrator rebuilds with `serde_json`
 * (`serde_json::to_vec(json!({payload, security_token, timestamp}))`, serde_json 1.0.149 without
 * `preserve_order`, floats printed by zmij) before it checks the Ed25519 signature.
 *
 * Two directions are covered here:
 * - JS values → canonical text ({@link canonicalJson}): the values the SDK will send with
 *   `JSON.stringify`. Whatever `JSON.stringify` cannot carry faithfully is refused, so the signed
 *   bytes always equal what the orchestrator rebuilds from the request body.
 * - JSON text → canonical text (used by the verifiers and the fake orchestrator): numbers are
 *   re-parsed with serde_json's own (not correctly rounded) algorithm and re-printed as serde
 *   does, so a signature made by any correct signer is judged exactly like the orchestrator would.
 *
 * @module
 */

import { SEALError } from "./error.ts";

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
/** Deepest payload an envelope can carry: the envelope object takes one level. */
export const MAX_PAYLOAD_DEPTH: number = MAX_DOCUMENT_DEPTH - 1;

const encoder = new TextEncoder();

/**
 * Serialises `value` exactly as the orchestrator re-serialises it after receiving
 * `JSON.stringify(value)`: keys in Unicode code-point order at every depth (not JavaScript's
 * UTF-16 sort order), no whitespace, serde_json string escapes, safe integers as digits, other
 * numbers in serde/zmij float layout (`0.5`, `0.00001`, `1e-6`, `1.5e-7`).
 *
 * Values the wire cannot carry faithfully are refused with a {@link SEALError} whose code is
 * `unsupported_value` (or `too_deep`) and whose `path` names the JSON location:
 * `undefined` (as a member value or array element: `JSON.stringify` would silently drop or turn it
 * into `null`, so the bytes would differ from what was signed), lone surrogates, `BigInt`,
 * functions, symbols and symbol keys, non-plain objects (`Date`, `Map`, class instances, typed
 * arrays, …), `NaN`/`±Infinity`, `-0` (sent as `0`), integral numbers beyond
 * `Number.MAX_SAFE_INTEGER` (JavaScript has already rounded them), floats that serde_json's
 * parser would not read back as the same double (some 16–17 digit values), and nesting deeper
 * than 127 arrays/objects.
 *
 * Runs in time linear in the size of the output (plus key sorting).
 *
 * @example Code-point key order and serde float layout
 * ```ts
 * import { canonicalJson } from "@aegis/sdk/seal";
 *
 * canonicalJson({ b: 1e-6, a: [true, null], "😀": "x", "\uffff": "y" });
 * // => '{"a":[true,null],"b":1e-6,"\uffff":"y","😀":"x"}'
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
// JS values → canonical text

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
  if (Number.isInteger(value)) {
    if (Object.is(value, -0)) refuse(path, "-0 (JSON.stringify sends it as 0)");
    if (!Number.isSafeInteger(value)) {
      refuse(path, `the integer ${value} (beyond 2^53, already rounded by JavaScript)`);
    }
    return String(value);
  }
  // JSON.stringify writes the shortest round-trip digits; serde_json must read them back as the
  // very same double, or it would verify (and act on) a different number than was signed.
  const parsed = parseSerdeNumber(JSON.stringify(value));
  if (parsed === undefined || !Object.is(parsed.value, value)) {
    refuse(path, `the float ${value} (serde_json would parse it as a different double)`);
  }
  return formatF64(value);
}

// ---------------------------------------------------------------------------------------------
// Shared primitives

/**
 * Orders strings by Unicode code point (= UTF-8 byte order, Rust's `BTreeMap<String>` order).
 * JavaScript's default sort compares UTF-16 code units, which puts astral characters (surrogate
 * pairs, U+D800–U+DFFF) before U+E000–U+FFFF; remapping those two ranges fixes exactly that.
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

/**
 * Formats a finite double the way serde_json 1.0.149 (zmij) does: shortest round-trip digits;
 * plain notation when 1e-5 ≤ |x| < 1e16, with `.0` for integral values; otherwise
 * `d[.ddd]e±N`. `-0` prints as `-0.0`.
 */
export function formatF64(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  // JavaScript's Number-to-string also yields the shortest round-trip digits, closest to the
  // exact value; only the layout differs, so the digits and exponent are extracted and re-laid.
  const text = String(Math.abs(value));
  const e = text.indexOf("e");
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponentShift = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const allDigits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const pointPosition = (dot < 0 ? mantissa.length : dot) + exponentShift;
  let leadingZeros = 0;
  while (allDigits.charCodeAt(leadingZeros) === 48) leadingZeros++;
  let end = allDigits.length;
  while (end > leadingZeros + 1 && allDigits.charCodeAt(end - 1) === 48) end--;
  const digits = allDigits.slice(leadingZeros, end);
  const exponent = pointPosition - leadingZeros - 1;
  if (exponent >= -5 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    if (digits.length <= exponent + 1) {
      return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}.0`;
    }
    return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
  return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
}

/** A JSON number as serde_json holds it after parsing: its canonical re-print and JS value. */
export interface SerdeNumber {
  /** What `serde_json::to_vec` prints for it. */
  canonical: string;
  /** The double serde_json computed (for u64/i64 integers: the nearest double). */
  value: number;
}

const U64_MAX_DIV_10 = 1844674407370955161n;
const I64_MIN_MAGNITUDE = 9223372036854775808n;
const U64_MAX = 18446744073709551615n;
const POW10: readonly number[] = Array.from({ length: 309 }, (_, i) => Number(`1e${i}`));
const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Parses a JSON number literal the way serde_json 1.0.149 does with default features (no
 * `float_roundtrip`): integers that fit u64 (or i64 when negative) stay exact; everything else
 * becomes an f64 built from a u64 significand (extra digits dropped) multiplied or divided by a
 * power of ten — which is not correctly rounded for some 16–17 digit inputs. Returns `undefined`
 * for invalid literals and for values serde_json rejects as out of range.
 */
export function parseSerdeNumber(literal: string): SerdeNumber | undefined {
  if (!NUMBER_LITERAL.test(literal)) return undefined;
  const negative = literal.charCodeAt(0) === 45;
  const body = negative ? literal.slice(1) : literal;
  const isInteger = !/[.eE]/.test(body);
  if (isInteger && body.length <= 15) {
    if (negative && body === "0") return { canonical: "-0.0", value: -0 };
    return { canonical: literal, value: Number(literal) };
  }
  if (isInteger) {
    const magnitude = BigInt(body);
    if (!negative && magnitude <= U64_MAX) return { canonical: literal, value: Number(magnitude) };
    if (negative && magnitude <= I64_MIN_MAGNITUDE) {
      return { canonical: literal, value: -Number(magnitude) };
    }
    if (negative && magnitude <= U64_MAX) {
      const value = -Number(magnitude);
      return { canonical: formatF64(value), value };
    }
  }
  let significand = 0n;
  let exponent = 0;
  let i = 0;
  let overflowed = false;
  // Integer part: once the significand would overflow u64, further digits only scale it.
  for (; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 48 || c > 57) break;
    const digit = c - 48;
    if (overflowed) {
      exponent++;
    } else if (
      significand > U64_MAX_DIV_10 || (significand === U64_MAX_DIV_10 && digit > 5)
    ) {
      overflowed = true;
      exponent++;
    } else {
      significand = significand * 10n + BigInt(digit);
    }
  }
  if (body[i] === ".") {
    i++;
    // Fraction digits are checked one by one, independently of an earlier overflow (as serde
    // does); the first one that would overflow drops itself and the rest.
    let dropRest = false;
    for (; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (dropRest) continue;
      const digit = c - 48;
      if (significand > U64_MAX_DIV_10 || (significand === U64_MAX_DIV_10 && digit > 5)) {
        dropRest = true;
      } else {
        significand = significand * 10n + BigInt(digit);
        exponent--;
      }
    }
  }
  if (body[i] === "e" || body[i] === "E") {
    i++;
    let positiveExponent = true;
    if (body[i] === "+") i++;
    else if (body[i] === "-") {
      positiveExponent = false;
      i++;
    }
    let written = 0;
    for (; i < body.length; i++) {
      const digit = body.charCodeAt(i) - 48;
      if (written >= 214748364 && (written > 214748364 || digit > 7)) {
        if (significand !== 0n && positiveExponent) return undefined;
        const zero = negative ? -0 : 0;
        return { canonical: formatF64(zero), value: zero };
      }
      written = written * 10 + digit;
    }
    exponent = positiveExponent
      ? Math.min(exponent + written, 2147483647)
      : Math.max(exponent - written, -2147483648);
  }
  const value = f64FromParts(!negative, significand, exponent);
  if (value === undefined) return undefined;
  return { canonical: formatF64(value), value };
}

function f64FromParts(
  positive: boolean,
  significand: bigint,
  exponent: number,
): number | undefined {
  let f = Number(significand);
  for (;;) {
    const index = Math.abs(exponent);
    if (exponent !== -2147483648 && index < POW10.length) {
      if (exponent >= 0) {
        f *= POW10[index];
        if (!Number.isFinite(f)) return undefined;
      } else {
        f /= POW10[index];
      }
      break;
    }
    if (f === 0) break;
    if (exponent >= 0) return undefined;
    f /= 1e308;
    exponent += 308;
  }
  return positive ? f : -f;
}

// ---------------------------------------------------------------------------------------------
// JSON text → value + canonical text (serde_json's grammar and limits)

/**
 * A JSON text the orchestrator's parser would refuse. `category` mirrors serde_json's: `syntax`
 * (axum answers 400) or `data` (a field missing or of the wrong type; axum answers 422).
 */
export class JsonTextError extends SEALError {
  /** serde_json's error category. */
  readonly category: "syntax" | "data";
  /** Creates the error. */
  constructor(
    category: "syntax" | "data",
    message: string,
    code: "malformed_envelope" | "too_deep" = "malformed_envelope",
  ) {
    super(code, message);
    this.category = category;
  }
}

/** A parsed JSON value together with its canonical (serde re-serialised) text. */
export interface ParsedJson {
  /** The value as `JSON.parse` would return it. */
  value: JsonValue;
  /** What `serde_json::to_vec` prints for the value serde_json parsed. */
  canonical: string;
}

// Raw control characters must be rejected inside strings, so the run stops at them.
// deno-lint-ignore no-control-regex
const RAW_STRING_RUN = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;
const WHITESPACE_RUN = /[ \t\n\r]*/y;
const NUMBER_RUN = /-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * A strict JSON reader with serde_json's rules: only ` \t\n\r` whitespace, no trailing commas,
 * control characters must be escaped, `\u` escapes must form valid scalar values (no lone
 * surrogates), duplicate keys keep the last value, and at most 127 nested arrays/objects.
 */
export class SerdeJsonReader {
  /** Current offset into the text. */
  pos = 0;
  readonly #text: string;

  /** Reads from `text`. */
  constructor(text: string) {
    this.#text = text;
  }

  /** Fails with a syntax error at the current position. */
  fail(message: string): never {
    throw new JsonTextError("syntax", `invalid JSON: ${message} at offset ${this.pos}`);
  }

  /** Skips serde_json whitespace. */
  skipWhitespace(): void {
    WHITESPACE_RUN.lastIndex = this.pos;
    WHITESPACE_RUN.test(this.#text);
    this.pos = WHITESPACE_RUN.lastIndex;
  }

  /** The next significant character (after whitespace), or `""` at the end. */
  peek(): string {
    this.skipWhitespace();
    return this.#text[this.pos] ?? "";
  }

  /** Consumes `char` (after whitespace) or fails. */
  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  /** Fails unless only whitespace remains. */
  expectEnd(): void {
    if (this.peek() !== "") this.fail("trailing characters");
  }

  /**
   * Reads a string literal. `strictSurrogates` false accepts lone `\uD800`-style escapes, as serde
   * does for values it merely skips (unknown fields).
   */
  readString(strictSurrogates = true): string {
    const text = this.#text;
    if (text[this.pos] !== '"') this.fail("expected a string");
    this.pos++;
    let out = "";
    for (;;) {
      RAW_STRING_RUN.lastIndex = this.pos;
      RAW_STRING_RUN.test(text);
      const runEnd = RAW_STRING_RUN.lastIndex;
      if (runEnd > this.pos) out += text.slice(this.pos, runEnd);
      this.pos = runEnd;
      if (this.pos >= text.length) this.fail("EOF while parsing a string");
      const c = text.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("control character (\\u0000-\\u001F) found while parsing a string");
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(this.pos + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += text.slice(this.pos, this.pos + 2);
          this.pos += 2;
          continue;
        }
        this.fail("invalid unicode (lone surrogate in the text)");
      }
      out += this.#readEscape(strictSurrogates);
    }
  }

  #readEscape(strictSurrogates: boolean): string {
    const text = this.#text;
    const kind = text[this.pos + 1];
    this.pos += 2;
    switch (kind) {
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "/":
        return "/";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u":
        break;
      default:
        this.pos--;
        this.fail("invalid escape");
    }
    const unit = this.#readHex4();
    if (unit < 0xd800 || unit > 0xdfff || !strictSurrogates) {
      if (unit >= 0xd800 && unit <= 0xdbff && text.startsWith("\\u", this.pos)) {
        const low = Number.parseInt(text.slice(this.pos + 2, this.pos + 6), 16);
        if (low >= 0xdc00 && low <= 0xdfff && HEX4.test(text.slice(this.pos + 2, this.pos + 6))) {
          this.pos += 6;
          return String.fromCharCode(unit, low);
        }
      }
      return String.fromCharCode(unit);
    }
    if (unit >= 0xdc00) this.fail("lone trailing surrogate in hex escape");
    if (!text.startsWith("\\u", this.pos)) this.fail("unexpected end of hex escape");
    this.pos += 2;
    const low = this.#readHex4();
    if (low < 0xdc00 || low > 0xdfff) this.fail("lone leading surrogate in hex escape");
    return String.fromCharCode(unit, low);
  }

  #readHex4(): number {
    const hex = this.#text.slice(this.pos, this.pos + 4);
    if (!HEX4.test(hex)) this.fail("invalid hex escape");
    this.pos += 4;
    return Number.parseInt(hex, 16);
  }

  /**
   * Reads any JSON value. `depthLeft` is how many more arrays/objects may be opened (serde_json
   * starts at 128 and fails when an opening bracket brings it to 0).
   */
  readValue(depthLeft: number, strictSurrogates = true): ParsedJson {
    const c = this.peek();
    switch (c) {
      case "{":
        return this.#readObject(depthLeft, strictSurrogates);
      case "[":
        return this.#readArray(depthLeft, strictSurrogates);
      case '"': {
        const value = this.readString(strictSurrogates);
        return { value, canonical: JSON.stringify(value) };
      }
      case "t":
        return this.#readLiteral("true", true);
      case "f":
        return this.#readLiteral("false", false);
      case "n":
        return this.#readLiteral("null", null);
      case "":
        return this.fail("EOF while parsing a value");
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER_RUN.lastIndex = this.pos;
      NUMBER_RUN.test(this.#text);
      const literal = this.#text.slice(this.pos, NUMBER_RUN.lastIndex);
      const parsed = parseSerdeNumber(literal);
      if (parsed === undefined) this.fail("invalid number or number out of range");
      this.pos = NUMBER_RUN.lastIndex;
      return { value: Number(literal), canonical: parsed.canonical };
    }
    return this.fail("expected value");
  }

  #readLiteral(word: string, value: boolean | null): ParsedJson {
    if (!this.#text.startsWith(word, this.pos)) this.fail("expected value");
    this.pos += word.length;
    return { value, canonical: word };
  }

  #enter(depthLeft: number): number {
    if (depthLeft - 1 <= 0) {
      throw new JsonTextError(
        "syntax",
        `invalid JSON: recursion limit exceeded at offset ${this.pos}`,
        "too_deep",
      );
    }
    this.pos++;
    return depthLeft - 1;
  }

  #readArray(depthLeft: number, strictSurrogates: boolean): ParsedJson {
    const inner = this.#enter(depthLeft);
    const values: JsonValue[] = [];
    const canonical: string[] = [];
    if (this.peek() === "]") {
      this.pos++;
      return { value: values, canonical: "[]" };
    }
    for (;;) {
      const item = this.readValue(inner, strictSurrogates);
      values.push(item.value);
      canonical.push(item.canonical);
      const next = this.peek();
      this.pos++;
      if (next === "]") break;
      if (next !== ",") {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
    return { value: values, canonical: `[${canonical.join(",")}]` };
  }

  #readObject(depthLeft: number, strictSurrogates: boolean): ParsedJson {
    const inner = this.#enter(depthLeft);
    const members = new Map<string, ParsedJson>();
    if (this.peek() === "}") {
      this.pos++;
      return { value: {}, canonical: "{}" };
    }
    for (;;) {
      if (this.peek() !== '"') this.fail("key must be a string");
      const key = this.readString(strictSurrogates);
      this.expect(":");
      // Map.set keeps the first insertion position but takes the last value: serde's BTreeMap
      // insert does the same, and the order is re-established by sorting below.
      members.set(key, this.readValue(inner, strictSurrogates));
      const next = this.peek();
      this.pos++;
      if (next === "}") break;
      if (next !== ",") {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
    const canonical: string[] = [];
    for (const key of [...members.keys()].sort(compareCodePoints)) {
      canonical.push(`${JSON.stringify(key)}:${(members.get(key) as ParsedJson).canonical}`);
    }
    // The returned value keeps first-appearance key order, like JSON.parse.
    const value: { [key: string]: JsonValue } = {};
    for (const [key, member] of members) {
      if (key === "__proto__") {
        Object.defineProperty(value, key, {
          value: member.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        value[key] = member.value;
      }
    }
    return { value, canonical: `{${canonical.join(",")}}` };
  }
}
