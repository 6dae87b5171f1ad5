// Every case of shared/vectors/seal-v1.json (and the .jsonl twin) as a test: verifier verdicts
// and rejection categories, canonical bytes rebuilt from the wire text, deterministic
// signatures from the seeds, and the JS signer's canonical form.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  createCanonicalMessage,
  createSealEnvelope,
  Ed25519Key,
  SEALError,
  type SEALErrorCode,
  verifySealEnvelope,
  verifySealEnvelopeJson,
} from "../../seal/mod.ts";
import { parseSealEnvelopeText } from "../../seal/envelope.ts";
import { canonicalMessageFromParts } from "../../seal/canonical.ts";
import { decodeHex, encodeHex } from "../../internal/encoding.ts";

interface VectorCase {
  id: string;
  category: "positive" | "negative" | "edge";
  expected?: "accept" | "reject";
  rust_reject_stage?: string | null;
  seed_hex?: string;
  public_key_b64: string;
  security_token?: string;
  payload_json?: string;
  timestamp_iso?: string;
  timestamp_unix?: number;
  verify_now_unix: number;
  canonical_hex?: string;
  expected_signature_b64?: string;
  envelope_json: string;
}

const fixtures = new URL("../fixtures/", import.meta.url);
const vectors = JSON.parse(await readFile(new URL("seal-v1.json", fixtures), "utf8")) as {
  cases: VectorCase[];
};
const jsonl = (await readFile(new URL("seal-v1.envelopes.jsonl", fixtures), "utf8"))
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) =>
    JSON.parse(line) as {
      id: string;
      envelope_json: string;
      public_key: string;
      now: number;
      expect: "accept" | "reject";
    }
  );

/** Which SEALError codes each orchestrator rejection stage may map to. */
const STAGE_CODES: Record<string, SEALErrorCode[]> = {
  signature: ["invalid_signature_encoding", "bad_signature"],
  freshness: ["stale_timestamp"],
  protocol: ["invalid_protocol"],
  handler: ["malformed_envelope"],
  timestamp: ["invalid_timestamp"],
  "http-deserialize": ["malformed_envelope", "too_deep"],
};

/** Payloads holding a number the orchestrator would read back as another one (`-0`, some 17-digit floats). */
const JS_SIGNER_REFUSES = new Set(["pos-13-integral-floats", "pos-23-float-17-digits"]);
/**
 * Payloads `JSON.parse` already changes (integers beyond 2^53; integral floats such as `1e15`,
 * which JavaScript cannot tell from integers): signed as JavaScript holds them.
 */
const JS_VALUE_DIFFERS = new Set(["pos-10-large-ints", "pos-14-exponent-thresholds"]);

function accepts(c: VectorCase): boolean {
  return c.category === "positive" || c.expected === "accept";
}

async function verdict(run: () => Promise<unknown>): Promise<"accept" | SEALError> {
  try {
    await run();
    return "accept";
  } catch (error) {
    assert.ok(error instanceof SEALError, `expected SEALError, got ${error}`);
    return error;
  }
}

describe("seal-v1 vectors: verifier (JSON text)", () => {
  assert.equal(vectors.cases.length, 58);
  for (const c of vectors.cases) {
    it(`${c.id} → ${accepts(c) ? "accept" : `reject (${c.rust_reject_stage})`}`, async () => {
      const result = await verdict(() =>
        verifySealEnvelopeJson(c.envelope_json, c.public_key_b64, 30, {
          now: c.verify_now_unix * 1000,
        })
      );
      if (accepts(c)) {
        assert.equal(result, "accept", result instanceof SEALError ? result.message : "");
      } else {
        assert.ok(result instanceof SEALError, "must be rejected");
        const allowed = STAGE_CODES[c.rust_reject_stage ?? ""];
        assert.ok(allowed, `unknown stage ${c.rust_reject_stage}`);
        assert.ok(
          allowed.includes(result.code),
          `${c.id}: code ${result.code} not in ${allowed.join("|")} (${result.message})`,
        );
      }
    });
  }

  it("the bytes form (UTF-8) gives the same verdicts", async () => {
    for (const c of vectors.cases) {
      const result = await verdict(() =>
        verifySealEnvelopeJson(new TextEncoder().encode(c.envelope_json), c.public_key_b64, 30, {
          now: c.verify_now_unix * 1000,
        })
      );
      assert.equal(result === "accept", accepts(c), c.id);
    }
  });

  it("returns the payload as JSON.parse would", async () => {
    const c = vectors.cases.find((v) => v.id === "pos-19-pretty-wire-duplicate-key")!;
    const payload = await verifySealEnvelopeJson(c.envelope_json, c.public_key_b64, 30, {
      now: c.verify_now_unix * 1000,
    });
    assert.deepEqual(payload, JSON.parse(c.envelope_json).payload);
  });
});

describe("seal-v1 vectors: envelopes.jsonl", () => {
  it("has every case, and each verdict matches `expect`", async () => {
    assert.equal(jsonl.length, vectors.cases.length);
    for (const line of jsonl) {
      const result = await verdict(() =>
        verifySealEnvelopeJson(line.envelope_json, line.public_key, 30, { now: line.now * 1000 })
      );
      assert.equal(result === "accept" ? "accept" : "reject", line.expect, line.id);
    }
  });
});

describe("seal-v1 vectors: canonical bytes and signatures", () => {
  for (const c of vectors.cases.filter((v) => v.seed_hex !== undefined)) {
    it(`${c.id}: rebuilt bytes, public key and signature match`, async () => {
      const fields = parseSealEnvelopeText(c.envelope_json);
      const rebuilt = canonicalMessageFromParts(
        fields.canonicalPayload(),
        c.security_token!,
        c.timestamp_unix!,
      );
      assert.equal(encodeHex(rebuilt), c.canonical_hex);
      const key = await Ed25519Key.fromSeed(decodeHex(c.seed_hex!)!);
      assert.equal(key.getPublicKeyBase64(), c.public_key_b64);
      // Ed25519 is deterministic: same seed and bytes give the recorded signature.
      assert.equal(await key.signBase64(rebuilt), c.expected_signature_b64);
      assert.equal(fields.signature, c.expected_signature_b64);
    });

    it(
      `${c.id}: JS signer ${
        JS_SIGNER_REFUSES.has(c.id)
          ? "refuses"
          : JS_VALUE_DIFFERS.has(c.id)
          ? "signs JavaScript's value of"
          : "reproduces"
      } it`,
      async () => {
        const payload = JSON.parse(c.payload_json!);
        if (JS_SIGNER_REFUSES.has(c.id)) {
          assert.throws(
            () => createCanonicalMessage(c.security_token!, payload, c.timestamp_unix!),
            (error: unknown) => error instanceof SEALError && error.code === "unsupported_value",
          );
          return;
        }
        const bytes = createCanonicalMessage(c.security_token!, payload, c.timestamp_unix!);
        // What the orchestrator rebuilds from the JSON the SDK sends is exactly what was signed.
        const sent = parseSealEnvelopeText(
          JSON.stringify({ ...JSON.parse(c.envelope_json), payload }),
        );
        assert.equal(
          encodeHex(
            canonicalMessageFromParts(
              sent.canonicalPayload(),
              c.security_token!,
              c.timestamp_unix!,
            ),
          ),
          encodeHex(bytes),
        );
        if (JS_VALUE_DIFFERS.has(c.id)) {
          assert.notEqual(encodeHex(bytes), c.canonical_hex);
          return;
        }
        assert.equal(encodeHex(bytes), c.canonical_hex);
        const key = await Ed25519Key.fromSeed(decodeHex(c.seed_hex!)!);
        const envelope = await createSealEnvelope(c.security_token!, payload, key, {
          now: new Date(c.timestamp_iso!),
        });
        assert.equal(envelope.timestamp, c.timestamp_iso);
        assert.equal(envelope.signature, c.expected_signature_b64);
        // The object verifier accepts what the JS signer can represent.
        await verifySealEnvelope(JSON.parse(c.envelope_json), c.public_key_b64, 30, {
          now: c.verify_now_unix * 1000,
        });
      },
    );
  }
});

describe("seal-v1 vectors: object verifier on JSON.parse output", () => {
  it("never accepts a case the orchestrator rejects, and throws only SEALError", async () => {
    for (const c of vectors.cases) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(c.envelope_json);
      } catch {
        continue;
      }
      const result = await verdict(() =>
        verifySealEnvelope(parsed, c.public_key_b64, 30, { now: c.verify_now_unix * 1000 })
      );
      if (!accepts(c) && c.rust_reject_stage !== "http-deserialize") {
        assert.ok(result instanceof SEALError, `${c.id} must be rejected`);
      }
    }
  });
});

describe("contract §6.5 reference vector", () => {
  it("seed 0x01×32 signs the documented bytes to the documented signature", async () => {
    const key = await Ed25519Key.fromSeed(new Uint8Array(32).fill(1));
    assert.equal(key.getPublicKeyBase64(), "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=");
    const payload = {
      jsonrpc: "2.0",
      id: "req-1",
      method: "tools/call",
      params: { name: "fs.read", arguments: { path: "/workspace/demo.txt" } },
    };
    const envelope = await createSealEnvelope("test-jwt.token.here", payload, key, {
      now: Date.parse("2025-04-02T13:20:00.000Z"),
    });
    assert.equal(
      new TextDecoder().decode(createCanonicalMessage("test-jwt.token.here", payload, 1743600000)),
      '{"payload":{"id":"req-1","jsonrpc":"2.0","method":"tools/call","params":{"arguments":{"path":"/workspace/demo.txt"},"name":"fs.read"}},"security_token":"test-jwt.token.here","timestamp":1743600000}',
    );
    assert.equal(
      envelope.signature,
      "5C0bKQ3HhaIHLKBGZpRIhU80f9ExZKNpmM/FOGuLR6Ef9IrWOQvyLgjVXIV5NYdpqmF2MbxwLJ4SN5Msp7gCBw==",
    );
    assert.equal(envelope.timestamp, "2025-04-02T13:20:00.000Z");
  });
});
