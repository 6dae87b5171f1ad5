/**
 * SEAL envelopes: creation (signing) and strict verification, judged exactly like the
 * orchestrator's `POST /v1/seal/invoke` judges them.
 *
 * @module
 */

import { decodeBase64Strict } from "../internal/encoding.ts";
import {
  canonicalJsonWithin,
  canonicalMessageFromParts,
  createCanonicalMessage,
  isWellFormed,
  type JsonValue,
  MAX_PAYLOAD_DEPTH,
} from "./canonical.ts";
import { SEALError } from "./error.ts";
import {
  decodeEd25519PublicKey,
  Ed25519Key,
  hasCanonicalS,
  importVerifyKey,
  verifyEd25519,
} from "./key.ts";
import { JsonTextError, type ParsedJson, SerdeJsonReader } from "./serde_json_reader.ts";

/** The only protocol value the orchestrator accepts. */
export const SEAL_PROTOCOL = "seal/v1";

/**
 * A signed SEAL envelope, as sent to `POST /v1/seal/invoke`. Send it with `JSON.stringify`:
 * {@link createSealEnvelope} only signs payloads whose `JSON.stringify` form the orchestrator
 * parses back to exactly the signed values.
 */
export interface SealEnvelope<P = JsonValue> {
  /** Always `"seal/v1"`. */
  protocol: string;
  /** The session token returned by attestation. */
  security_token: string;
  /** Standard padded base64 of the 64-byte Ed25519 signature. */
  signature: string;
  /** The MCP JSON-RPC request. */
  payload: P;
  /** RFC 3339 instant, `YYYY-MM-DDTHH:MM:SS.sssZ`; its whole seconds are signed. */
  timestamp: string;
}

/** Options of {@link createSealEnvelope}. */
export interface CreateSealEnvelopeOptions {
  /** Signing instant (a `Date` or Unix milliseconds); defaults to the current time. */
  now?: Date | number;
}

/** Options of {@link verifySealEnvelope} and {@link verifySealEnvelopeJson}. */
export interface VerifySealEnvelopeOptions {
  /** The verifier's clock (a `Date` or Unix milliseconds); defaults to the current time. */
  now?: Date | number;
}

function resolveNow(now: Date | number | undefined, argument: string): number {
  const ms = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new SEALError(
      "invalid_argument",
      `${argument} must be a valid Date or Unix milliseconds`,
    );
  }
  return ms;
}

/**
 * Signs `payload` for `securityToken` and returns the envelope to send.
 *
 * The envelope's `timestamp` is `now` as `YYYY-MM-DDTHH:MM:SS.sssZ`; the signature covers
 * {@link createCanonicalMessage} with the floor of its Unix seconds. The payload must follow
 * the rules of `canonicalJson` (otherwise `unsupported_value` / `too_deep` is thrown and nothing
 * is signed). The returned envelope references `payload` itself: do not mutate it afterwards.
 *
 * @example Sign an MCP tool call
 * ```ts
 * import { createSealEnvelope, Ed25519Key } from "@aegis/sdk/seal";
 *
 * using key = await Ed25519Key.generate();
 * const envelope = await createSealEnvelope(
 *   "<security-token>",
 *   { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "fs.read", arguments: { path: "/a" } } },
 *   key,
 * );
 * const body = JSON.stringify(envelope); // POST this to /v1/seal/invoke
 * ```
 */
export async function createSealEnvelope<P>(
  securityToken: string,
  payload: P,
  key: Ed25519Key,
  options?: CreateSealEnvelopeOptions,
): Promise<SealEnvelope<P>> {
  if (typeof securityToken !== "string" || securityToken.length === 0) {
    throw new SEALError("invalid_argument", "securityToken must be a non-empty string");
  }
  if (!(key instanceof Ed25519Key)) {
    throw new SEALError("invalid_argument", "key must be an Ed25519Key");
  }
  const date = new Date(resolveNow(options?.now, "options.now"));
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) {
    throw new SEALError(
      "invalid_timestamp",
      "the signing time must lie in years 0000-9999 (RFC 3339)",
    );
  }
  const timestamp = date.toISOString();
  const message = createCanonicalMessage(
    securityToken,
    payload,
    Math.floor(date.getTime() / 1000),
  );
  const signature = await key.signBase64(message);
  return { protocol: SEAL_PROTOCOL, security_token: securityToken, signature, payload, timestamp };
}

/**
 * Verifies an envelope given as a JavaScript object (for example from `JSON.parse`) and returns
 * its payload. Checks, in the orchestrator's order: fields present and typed, `protocol` is
 * `"seal/v1"`, `timestamp` is strict RFC 3339 with an offset, it is within `maxAgeSeconds` of
 * now (past or future, the exact difference truncated to whole seconds), the signature is strict
 * padded standard base64 of 64 bytes, and Ed25519 verifies over the canonical message.
 *
 * Only {@link SEALError} is ever thrown. Numbers are judged as the values `JSON.parse` produced,
 * which cannot represent everything serde_json reads from the text (`1.0` vs `1`, integers beyond
 * 2^53, ...): such payloads fail with `unsupported_value` or `bad_signature`. Use
 * {@link verifySealEnvelopeJson} on the raw request body for an exact verdict.
 *
 * `publicKey` may be the raw 32 bytes, SPKI DER, or a string with standard base64, URL-safe
 * base64 or PEM. `maxAgeSeconds` defaults to 30 (the orchestrator's fixed window); `Infinity`
 * disables the freshness check.
 *
 * @example Verify an envelope
 * ```ts
 * import { createSealEnvelope, Ed25519Key, verifySealEnvelope } from "@aegis/sdk/seal";
 *
 * const key = await Ed25519Key.generate();
 * const envelope = await createSealEnvelope("token", { jsonrpc: "2.0", id: 1, method: "tools/list" }, key);
 * const payload = await verifySealEnvelope(JSON.parse(JSON.stringify(envelope)), key.getPublicKeyBytes());
 * console.log(payload);
 * ```
 */
export async function verifySealEnvelope(
  envelope: unknown,
  publicKey: Uint8Array | string,
  maxAgeSeconds = 30,
  options?: VerifySealEnvelopeOptions,
): Promise<JsonValue> {
  const key = await prepareVerification(publicKey, maxAgeSeconds);
  const nowMs = resolveNow(options?.now, "options.now");
  const fields = readEnvelopeObject(envelope);
  await verifyEnvelopeFields(fields, key, maxAgeSeconds, nowMs);
  return fields.payload;
}

/**
 * Verifies an envelope given as JSON text (or its UTF-8 bytes), exactly as the orchestrator
 * does: the text is parsed with serde_json's grammar and limits (strict escapes, no lone
 * surrogates, at most 127 nested arrays/objects, duplicate keys keep the last value) and its
 * numbers are re-serialised the way serde_json parses and prints them -- including serde's
 * not-correctly-rounded float parsing. Members the orchestrator does not know are skipped by
 * syntax only, as serde does (any number, any escape, any depth), and the five fields may also
 * come as an array in declaration order. Returns the payload as `JSON.parse` would.
 *
 * Errors are {@link SEALError}s: `malformed_envelope`/`too_deep` for text the orchestrator would
 * refuse before verification, then the codes listed on {@link verifySealEnvelope}.
 *
 * @example Verify a request body
 * ```ts
 * import { createSealEnvelope, Ed25519Key, verifySealEnvelopeJson } from "@aegis/sdk/seal";
 *
 * const key = await Ed25519Key.generate();
 * const envelope = await createSealEnvelope("token", { jsonrpc: "2.0", id: 1, method: "tools/list" }, key);
 * const payload = await verifySealEnvelopeJson(JSON.stringify(envelope), key.getPublicKeyBase64());
 * console.log(payload);
 * ```
 */
export async function verifySealEnvelopeJson(
  text: string | Uint8Array,
  publicKey: Uint8Array | string,
  maxAgeSeconds = 30,
  options?: VerifySealEnvelopeOptions,
): Promise<JsonValue> {
  const key = await prepareVerification(publicKey, maxAgeSeconds);
  const nowMs = resolveNow(options?.now, "options.now");
  const fields = parseSealEnvelopeText(text);
  await verifyEnvelopeFields(fields, key, maxAgeSeconds, nowMs);
  return fields.payload;
}

async function prepareVerification(
  publicKey: Uint8Array | string,
  maxAgeSeconds: number,
): Promise<CryptoKey> {
  if (typeof maxAgeSeconds !== "number" || Number.isNaN(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new SEALError("invalid_argument", "maxAgeSeconds must be a non-negative number");
  }
  return await importVerifyKey(decodeEd25519PublicKey(publicKey));
}

// ---------------------------------------------------------------------------------------------
// Envelope fields

/** The envelope's members as the orchestrator's request struct holds them. */
export interface EnvelopeFields {
  /** `protocol`, if present and not null. */
  protocol: string | undefined;
  /** `timestamp`, if present and not null. */
  timestamp: string | undefined;
  /** `security_token`. */
  securityToken: string;
  /** `signature`. */
  signature: string;
  /** The payload as a JS value. */
  payload: JsonValue;
  /** Produces the payload's canonical text (may throw `unsupported_value`/`too_deep`). */
  canonicalPayload: () => string;
}

function malformed(message: string): SEALError {
  return new SEALError("malformed_envelope", message);
}

function ownField(record: object, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, name)
    ? (record as Record<string, unknown>)[name]
    : undefined;
}

function readEnvelopeObject(envelope: unknown): EnvelopeFields {
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    throw malformed("the SEAL envelope must be a JSON object");
  }
  const optionalString = (name: string): string | undefined => {
    const value = ownField(envelope, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      throw malformed(`invalid type for field \`${name}\`: expected a string`);
    }
    return value;
  };
  const requiredString = (name: string): string => {
    const value = ownField(envelope, name);
    if (value === undefined) throw malformed(`missing field \`${name}\``);
    if (typeof value !== "string") {
      throw malformed(`invalid type for field \`${name}\`: expected a string`);
    }
    return value;
  };
  const protocol = optionalString("protocol");
  const securityToken = requiredString("security_token");
  const signature = requiredString("signature");
  const payload = ownField(envelope, "payload");
  if (payload === undefined) throw malformed("missing field `payload`");
  const timestamp = optionalString("timestamp");
  return {
    protocol,
    timestamp,
    securityToken,
    signature,
    payload: payload as JsonValue,
    canonicalPayload: () => canonicalJsonWithin(payload, MAX_PAYLOAD_DEPTH),
  };
}

/** The orchestrator's envelope struct fields, in declaration order. */
const ENVELOPE_ARRAY_ORDER = ["protocol", "security_token", "signature", "payload", "timestamp"];
const ENVELOPE_FIELDS = /* @__PURE__ */ new Set(ENVELOPE_ARRAY_ORDER);
const decoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8; each byte of an invalid sequence becomes a lone surrogate (U+DC80-U+DCFF), which
 * the reader refuses wherever serde_json validates UTF-8 (strings it keeps) and lets through in
 * strings it merely skips -- where serde_json does not look at the bytes either.
 */
function decodeUtf8KeepingInvalidBytes(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    // Rare path: decode the valid runs and mark every invalid byte.
  }
  let out = "";
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += decoder.decode(bytes.subarray(runStart, i)) + String.fromCharCode(0xdc00 | bytes[i]);
    i++;
    runStart = i;
  }
  return out + decoder.decode(bytes.subarray(runStart));
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const continuation = (k: number, low = 0x80, high = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80;
    const high = b0 === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80;
    const high = b0 === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Parses envelope JSON text the way axum's `Json<SealEnvelope>` extractor does. Throws
 * {@link JsonTextError}: category `syntax` (axum 400) for invalid JSON, `data` (axum 422) for a
 * missing, duplicated or wrongly typed field.
 */
export function parseSealEnvelopeText(text: string | Uint8Array): EnvelopeFields {
  let source: string;
  if (typeof text === "string") {
    source = text;
  } else if (text instanceof Uint8Array) {
    source = decodeUtf8KeepingInvalidBytes(text);
  } else {
    throw malformed("the SEAL envelope text must be a string or UTF-8 bytes");
  }
  const reader = new SerdeJsonReader(source);
  const seen = new Map<string, string | ParsedJson | undefined>();
  const dataError = (message: string): never => {
    throw new JsonTextError("data", message);
  };
  const readField = (key: string): void => {
    const next = reader.peek();
    if (key === "payload") {
      seen.set(key, reader.readValue(127));
    } else if (next === '"') {
      seen.set(key, reader.readString());
    } else if ((key === "protocol" || key === "timestamp") && next === "n") {
      reader.readValue(127);
      seen.set(key, undefined);
    } else {
      // serde reports the wrong type from the first character of an array or object, and
      // reads scalars (a malformed one is a syntax error) before reporting it.
      if (next !== "[" && next !== "{") reader.readValue(127);
      dataError(`invalid type for field \`${key}\`: expected a string`);
    }
  };
  const first = reader.peek();
  if (first === "[") {
    // serde's derived structs also accept their fields as an array, in declaration order.
    reader.pos++;
    for (let index = 0; index < ENVELOPE_ARRAY_ORDER.length; index++) {
      if (index > 0 && reader.peek() === ",") reader.pos++;
      else if (index > 0 && reader.peek() !== "]") reader.fail("expected ',' or ']'");
      if (reader.peek() === "]") {
        dataError(`invalid length ${index}, expected the 5 SEAL envelope fields`);
      }
      readField(ENVELOPE_ARRAY_ORDER[index]);
    }
    reader.expect("]");
  } else if (first !== "{") {
    if (first !== "") reader.readValue(128);
    throw new JsonTextError(
      first === "" ? "syntax" : "data",
      first === ""
        ? "invalid JSON: EOF while parsing a value"
        : "invalid type: expected the SEAL envelope object",
    );
  } else {
    reader.pos++;
    if (reader.peek() === "}") {
      reader.pos++;
    } else {
      for (;;) {
        if (reader.peek() !== '"') reader.fail("key must be a string");
        const key = reader.readString();
        reader.expect(":");
        if (!ENVELOPE_FIELDS.has(key)) {
          // Members the orchestrator does not know are skipped by syntax only, like serde does.
          reader.skipValue();
        } else {
          if (seen.has(key)) dataError(`duplicate field \`${key}\``);
          readField(key);
        }
        const separator = reader.peek();
        reader.pos++;
        if (separator === "}") break;
        if (separator !== ",") {
          reader.pos--;
          reader.fail("expected ',' or '}'");
        }
      }
    }
  }
  for (const name of ["security_token", "signature", "payload"]) {
    if (!seen.has(name)) dataError(`missing field \`${name}\``);
  }
  reader.expectEnd();
  const payload = seen.get("payload") as ParsedJson;
  return {
    protocol: seen.get("protocol") as string | undefined,
    timestamp: seen.get("timestamp") as string | undefined,
    securityToken: seen.get("security_token") as string,
    signature: seen.get("signature") as string,
    payload: payload.value,
    canonicalPayload: () => payload.canonical,
  };
}

function quoted(text: string): string {
  return text.length > 64 ? `'${text.slice(0, 64)}\u2026'` : `'${text}'`;
}

/**
 * Runs the orchestrator's checks on parsed envelope fields, in its order: presence of
 * `protocol`/`timestamp`, protocol value, timestamp syntax, freshness, signature encoding,
 * Ed25519 over the canonical message. Throws {@link SEALError}; messages follow the orchestrator's
 * wording.
 */
export async function verifyEnvelopeFields(
  fields: EnvelopeFields,
  key: CryptoKey,
  maxAgeSeconds: number,
  nowMs: number,
): Promise<void> {
  if (fields.protocol === undefined || fields.timestamp === undefined) {
    throw malformed("SEAL envelope requires both 'protocol' and 'timestamp' fields");
  }
  if (fields.protocol !== SEAL_PROTOCOL) {
    throw new SEALError(
      "invalid_protocol",
      `unsupported SEAL protocol ${quoted(fields.protocol)}`,
    );
  }
  const timestamp = parseRfc3339(fields.timestamp);
  if (typeof timestamp === "string") {
    throw new SEALError(
      "invalid_timestamp",
      `invalid SEAL timestamp ${quoted(fields.timestamp)}: ${timestamp}`,
    );
  }
  const age = wholeSecondsBetween(nowMs, timestamp);
  if (Math.abs(age) > maxAgeSeconds) {
    throw new SEALError(
      "stale_timestamp",
      `envelope timestamp is outside the ${maxAgeSeconds} second freshness window (${
        Math.abs(age)
      }s)`,
    );
  }
  // A 64-byte signature is 88 base64 characters; longer strings are not worth decoding.
  const signature = fields.signature.length <= 128
    ? decodeBase64Strict(fields.signature)
    : new Uint8Array(0);
  if (signature === undefined) {
    throw new SEALError(
      "invalid_signature_encoding",
      "Invalid base64 signature: invalid symbol, length, padding or trailing bits",
    );
  }
  if (signature.length !== 64) {
    throw new SEALError(
      "invalid_signature_encoding",
      "Invalid signature length (must be 64 bytes)",
    );
  }
  if (!isWellFormed(fields.securityToken)) {
    throw malformed("security_token contains a lone surrogate");
  }
  const message = canonicalMessageFromParts(
    fields.canonicalPayload(),
    fields.securityToken,
    timestamp.unixSeconds,
  );
  if (!hasCanonicalS(signature)) {
    throw new SEALError("bad_signature", "Signature verification failed: non-canonical s");
  }
  if (!await verifyEd25519(key, signature, message)) {
    throw new SEALError("bad_signature", "Signature verification failed");
  }
}

// ---------------------------------------------------------------------------------------------
// RFC 3339 (chrono 0.4.44 `DateTime::parse_from_rfc3339`) and freshness

/** A parsed envelope timestamp, in UTC. */
export interface ParsedTimestamp {
  /** Whole Unix seconds (floor): the integer that is signed. */
  unixSeconds: number;
  /** Days since 1970-01-01 (UTC). */
  days: number;
  /** Second of the UTC day; a leap second reads as 59. */
  secondOfDay: number;
  /** Nanoseconds; >= 1e9 during a leap second (`:60`), as chrono represents it. */
  nanos: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+\-\u2212])(\d{2}):(\d{2}))$/;

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses a timestamp like chrono's `parse_from_rfc3339`: `YYYY-MM-DD`, `T`/`t`/space, `HH:MM:SS`,
 * optional `.` and any number of digits (nanoseconds kept, the rest ignored), then `Z`/`z` or
 * `+/-HH:MM` (offset below 24 h; U+2212 accepted as minus). Seconds may be 60 (a leap second).
 * Returns the reason as a string when invalid.
 */
export function parseRfc3339(text: string): ParsedTimestamp | string {
  if (text.length > 200) return "input is too long";
  const match = RFC3339.exec(text);
  if (match === null) return "not an RFC 3339 date-time with a UTC offset";
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return "input is out of range (no such date)";
  }
  if (hour > 23 || minute > 59 || second > 60) return "input is out of range (no such time)";
  let offsetSeconds = 0;
  if (match[8] !== undefined) {
    const offsetHours = Number(match[9]);
    const offsetMinutes = Number(match[10]);
    if (offsetHours > 23 || offsetMinutes > 59) return "input is out of range (offset)";
    offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (match[8] === "+" ? 1 : -1);
  }
  const fraction = match[7] ?? "";
  let nanos = fraction === "" ? 0 : Number(fraction.slice(0, 9).padEnd(9, "0"));
  const wholeSecond = second === 60 ? 59 : second;
  if (second === 60) nanos += 1_000_000_000;
  const unixSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
    wholeSecond - offsetSeconds;
  const days = Math.floor(unixSeconds / 86400);
  return { unixSeconds, days, secondOfDay: unixSeconds - days * 86400, nanos };
}

/**
 * `now - timestamp` truncated toward zero to whole seconds, computed like chrono's
 * `signed_duration_since` (including its leap-second adjustment).
 */
export function wholeSecondsBetween(nowMs: number, timestamp: ParsedTimestamp): number {
  let nowSeconds = Math.floor(nowMs / 1000);
  let nowNanos = Math.round((nowMs - nowSeconds * 1000) * 1e6);
  if (nowNanos >= 1e9) {
    nowSeconds++;
    nowNanos -= 1e9;
  }
  const nowDays = Math.floor(nowSeconds / 86400);
  const nowSecondOfDay = nowSeconds - nowDays * 86400;
  let seconds = (nowDays - timestamp.days) * 86400 + nowSecondOfDay - timestamp.secondOfDay;
  if (nowSecondOfDay > timestamp.secondOfDay && timestamp.nanos >= 1e9) seconds++;
  const total = BigInt(seconds) * 1_000_000_000n + BigInt(nowNanos - timestamp.nanos);
  return Number(total / 1_000_000_000n);
}
