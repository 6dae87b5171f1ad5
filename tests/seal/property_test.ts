import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  canonicalJson,
  createSealEnvelope,
  Ed25519Key,
  type JsonValue,
  SEALError,
  verifySealEnvelope,
  verifySealEnvelopeJson,
} from "../../seal/mod.ts";
import { parseSerdeNumber } from "../../seal/serde_number.ts";
import { SerdeJsonReader } from "../../seal/serde_json_reader.ts";
import { parseRfc3339, parseSealEnvelopeText } from "../../seal/envelope.ts";

const T0 = Date.parse("2026-03-01T10:00:00.250Z");
const key = await Ed25519Key.fromSeed(new Uint8Array(32).fill(42));
const publicKey = key.getPublicKeyBytes();

/** Doubles JSON.stringify can carry to serde_json unchanged (what canonicalJson accepts). */
function wireSafeNumber(value: number): boolean {
  if (!Number.isFinite(value) || Object.is(value, -0)) return false;
  return Object.is(parseSerdeNumber(JSON.stringify(value))?.value, value);
}

const jsonKey = fc.oneof(
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.constantFrom("a", "b", "\ue000", "\uffff", "😀", "𝒳", "é", ""),
);
const jsonNumber = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter(wireSafeNumber),
  fc.constantFrom(0.5, 1e-5, 1e-6, 1.5e-7, 123.456, 0.30000000000000004, 2 ** 53, 1e16, 1e21),
  // Every double this large is a whole number; most fit u64 and stay integers on the orchestrator.
  fc.double({ min: 2 ** 53, max: Number.MAX_VALUE, noNaN: true }).filter(wireSafeNumber),
);
const { json: jsonValue } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false),
    fc.string({ unit: "binary", maxLength: 12 }),
    jsonNumber,
    fc.array(tie("json"), { maxLength: 4 }),
    fc.dictionary(jsonKey, tie("json"), { maxKeys: 4 }),
  ),
}));
const mcpPayload = fc.record({
  jsonrpc: fc.constant("2.0"),
  id: fc.oneof(fc.integer(), fc.string()),
  method: fc.constant("tools/call"),
  params: fc.record({ name: fc.string({ minLength: 1 }), arguments: jsonValue }),
});
const token = fc.string({ unit: "binary", minLength: 1, maxLength: 40 });

/** Rebuilds an object with its keys inserted in reverse order, at every depth. */
function reverseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: JsonValue } = {};
  for (const k of Object.keys(value).reverse()) {
    Object.defineProperty(out, k, {
      value: reverseKeys(value[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

async function outcome(run: () => Promise<unknown>): Promise<"ok" | SEALError> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof SEALError) return error;
    throw error;
  }
}

describe("SEAL properties", () => {
  it("sign → JSON.stringify → parse → verify holds, payload comes back equal", async () => {
    await fc.assert(
      fc.asyncProperty(mcpPayload, token, async (payload, securityToken) => {
        const envelope = await createSealEnvelope(securityToken, payload, key, { now: T0 });
        const text = JSON.stringify(envelope);
        const fromText = await verifySealEnvelopeJson(text, publicKey, 30, { now: T0 + 1500 });
        assert.deepEqual(fromText, JSON.parse(text).payload);
        const fromObject = await verifySealEnvelope(JSON.parse(text), publicKey, 30, {
          now: T0 - 1500,
        });
        assert.deepEqual(fromObject, JSON.parse(text).payload);
      }),
      { numRuns: 150 },
    );
  });

  it("any single-character change fails, unless it leaves every signed value unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(
        mcpPayload,
        token,
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        async (payload, securityToken, position, replacement) => {
          const envelope = await createSealEnvelope(securityToken, payload, key, { now: T0 });
          const text = JSON.stringify(envelope);
          const at = position % text.length;
          if (text.charCodeAt(at) === replacement) return;
          const mutated = text.slice(0, at) + String.fromCharCode(replacement) +
            text.slice(at + 1);
          const result = await outcome(() =>
            verifySealEnvelopeJson(mutated, publicKey, 30, { now: T0 })
          );
          if (result === "ok") {
            // Only semantically invisible edits may pass: e.g. `\u001f` → `\u001F`, or a
            // millisecond digit of the timestamp (sub-second precision is not signed).
            const before = parseSealEnvelopeText(text);
            const after = parseSealEnvelopeText(mutated);
            assert.equal(after.securityToken, before.securityToken);
            assert.equal(after.signature, before.signature);
            assert.equal(after.canonicalPayload(), before.canonicalPayload());
            const seconds = (ts: string | undefined) =>
              (parseRfc3339(ts ?? "") as { unixSeconds: number }).unixSeconds;
            assert.equal(seconds(after.timestamp), seconds(before.timestamp));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("changing the token, one payload value or the signed second always fails", async () => {
    await fc.assert(
      fc.asyncProperty(
        mcpPayload,
        token,
        fc.string({ minLength: 1 }),
        async (payload, t, extra) => {
          const envelope = await createSealEnvelope(t, payload, key, { now: T0 });
          const tampered = [
            { ...envelope, security_token: t + extra },
            { ...envelope, payload: { ...payload, id: [payload.id] } },
            {
              ...envelope,
              payload: {
                ...payload,
                params: { ...payload.params, name: payload.params.name + extra },
              },
            },
            { ...envelope, timestamp: "2026-03-01T10:00:01.250Z" },
          ];
          for (const candidate of tampered) {
            const result = await outcome(() =>
              verifySealEnvelope(candidate, publicKey, 30, { now: T0 })
            );
            assert.ok(result instanceof SEALError && result.code === "bad_signature");
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the verifiers never throw anything but SEALError", async () => {
    const envelopeLike = fc.record(
      {
        protocol: fc.oneof(fc.constant("seal/v1"), fc.anything()),
        security_token: fc.oneof(fc.string(), fc.anything()),
        signature: fc.oneof(fc.base64String(), fc.anything()),
        payload: fc.anything(),
        timestamp: fc.oneof(fc.constant("2026-03-01T10:00:00Z"), fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), envelopeLike), async (input) => {
        const result = await outcome(() => verifySealEnvelope(input, publicKey, 30, { now: T0 }));
        assert.ok(result instanceof SEALError);
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.string({ unit: "binary" }), fc.uint8Array()),
        async (input) => {
          const result = await outcome(() =>
            verifySealEnvelopeJson(input, publicKey, 30, { now: T0 })
          );
          assert.ok(result instanceof SEALError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("canonicalJson is deterministic, ignores key insertion order, and equals serde's view of JSON.stringify", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const canonical = canonicalJson(value);
        assert.equal(canonicalJson(value), canonical);
        assert.equal(canonicalJson(reverseKeys(value)), canonical);
        const reader = new SerdeJsonReader(JSON.stringify(value));
        assert.equal(reader.readValue(128).canonical, canonical);
      }),
      { numRuns: 300 },
    );
  });

  it("a double is refused exactly when the orchestrator would read JSON.stringify's text as another number", () => {
    const doubles = fc.oneof(
      fc.double(),
      fc.double({ min: 2 ** 53, max: 2 ** 70 }),
      fc.double({ min: -(2 ** 70), max: -(2 ** 53) }),
      fc.double({ min: 1e15, max: 1e22 }),
      fc.integer({ min: 0, max: 2 ** 31 }).map((n) => n * 2 ** 40),
    );
    fc.assert(
      fc.property(doubles, (value) => {
        const sent = JSON.stringify(value);
        let canonical: string;
        try {
          canonical = canonicalJson(value);
        } catch (error) {
          assert.ok(error instanceof SEALError && error.code === "unsupported_value");
          // Refused: not finite, -0 (sent as 0), or serde reads the digits as another double.
          const read = parseSerdeNumber(sent);
          assert.ok(
            !Number.isFinite(value) || Object.is(value, -0) || read === undefined ||
              !Object.is(read.value, value),
            `${value} was refused although the orchestrator reads it back unchanged`,
          );
          return;
        }
        // Signed: the orchestrator re-prints exactly the signed text, and that text reads back
        // as the caller's double.
        const reader = new SerdeJsonReader(sent);
        assert.equal(reader.readValue(128).canonical, canonical);
        assert.ok(Object.is(Number(canonical), value), `${value} → ${canonical}`);
        if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) {
          // Whole numbers in i64 range stay integers: the exact digits JSON.stringify wrote.
          assert.equal(canonical, sent);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("every double is either refused or carried exactly by JSON.stringify", () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        let canonical: string;
        try {
          canonical = canonicalJson(value);
        } catch (error) {
          assert.ok(error instanceof SEALError && error.code === "unsupported_value");
          return;
        }
        const parsed = parseSerdeNumber(JSON.stringify(value));
        assert.ok(parsed !== undefined);
        assert.equal(parsed.canonical, canonical);
        assert.ok(Object.is(parsed.value, value));
      }),
      { numRuns: 2000 },
    );
  });
});
