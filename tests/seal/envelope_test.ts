import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createSealEnvelope,
  Ed25519Key,
  SEALClient,
  SEALError,
  verifySealEnvelope,
  verifySealEnvelopeJson,
} from "../../seal/mod.ts";
import { parseRfc3339, wholeSecondsBetween } from "../../seal/envelope.ts";
import { encodeBase64 } from "../../internal/encoding.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";

const T0 = Date.parse("2026-01-01T00:00:00.123Z");
const payload = {
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "echo", arguments: { text: "héllo 😀", n: 0.5 } },
};
const key = await Ed25519Key.fromSeed(new Uint8Array(32).fill(7));
const publicKey = key.getPublicKeyBytes();
const envelope = await createSealEnvelope("tok.en.x", payload, key, { now: T0 });

const isCode = (code: string) => (error: unknown) => {
  assert.ok(error instanceof SEALError, `not a SEALError: ${error}`);
  assert.equal(error.code, code, error.message);
  return true;
};

async function verifyWith(changes: Record<string, unknown>, nowMs = T0): Promise<unknown> {
  return await verifySealEnvelope({ ...envelope, ...changes }, publicKey, 30, { now: nowMs });
}

describe("createSealEnvelope", () => {
  it("builds the seal/v1 envelope with a millisecond Z timestamp", () => {
    assert.deepEqual(Object.keys(envelope), [
      "protocol",
      "security_token",
      "signature",
      "payload",
      "timestamp",
    ]);
    assert.equal(envelope.protocol, "seal/v1");
    assert.equal(envelope.timestamp, "2026-01-01T00:00:00.123Z");
    assert.match(envelope.signature, /^[A-Za-z0-9+/]{86}==$/);
    assert.equal(envelope.payload, payload);
  });

  it("accepts Date and number clocks and refuses unusable ones", async () => {
    const fromDate = await createSealEnvelope("t", payload, key, { now: new Date(T0) });
    assert.equal(
      fromDate.signature,
      (await createSealEnvelope("t", payload, key, { now: T0 })).signature,
    );
    await assert.rejects(
      createSealEnvelope("t", payload, key, { now: NaN }),
      isCode("invalid_argument"),
    );
    await assert.rejects(
      createSealEnvelope("t", payload, key, { now: Date.UTC(10000, 0, 1) }),
      isCode("invalid_timestamp"),
    );
  });

  it("refuses bad arguments before signing", async () => {
    await assert.rejects(createSealEnvelope("", payload, key), isCode("invalid_argument"));
    await assert.rejects(
      createSealEnvelope("t", payload, {} as Ed25519Key),
      isCode("invalid_argument"),
    );
    await assert.rejects(
      createSealEnvelope("t", { when: new Date() }, key),
      isCode("unsupported_value"),
    );
    const erased = await Ed25519Key.generate();
    erased.erase();
    await assert.rejects(createSealEnvelope("t", payload, erased), isCode("key_erased"));
  });

  it("round-trips through JSON.stringify with both verifiers", async () => {
    const text = JSON.stringify(envelope);
    assert.deepEqual(await verifySealEnvelopeJson(text, publicKey, 30, { now: T0 }), payload);
    assert.deepEqual(
      await verifySealEnvelope(JSON.parse(text), encodeBase64(publicKey), 30, { now: T0 }),
      payload,
    );
  });
});

describe("verifySealEnvelope: strict checks", () => {
  it("rejects non-object envelopes and missing or mistyped fields", async () => {
    for (const value of [null, undefined, 42, "text", [envelope], true]) {
      await assert.rejects(
        verifySealEnvelope(value, publicKey, 30, { now: T0 }),
        isCode("malformed_envelope"),
      );
    }
    await assert.rejects(verifyWith({ protocol: undefined }), isCode("malformed_envelope"));
    await assert.rejects(verifyWith({ timestamp: null }), isCode("malformed_envelope"));
    await assert.rejects(verifyWith({ timestamp: 1767225600 }), isCode("malformed_envelope"));
    await assert.rejects(verifyWith({ signature: 5 }), isCode("malformed_envelope"));
    await assert.rejects(verifyWith({ security_token: undefined }), isCode("malformed_envelope"));
    await assert.rejects(verifyWith({ payload: undefined }), isCode("malformed_envelope"));
    // Inherited members do not count as fields.
    const inherited = Object.create({ payload });
    Object.assign(inherited, { ...envelope, payload: undefined });
    delete inherited.payload;
    await assert.rejects(
      verifySealEnvelope(inherited, publicKey, 30, { now: T0 }),
      isCode("malformed_envelope"),
    );
  });

  it("requires protocol seal/v1 exactly", async () => {
    for (const protocol of ["seal/v2", "SEAL/v1", "seal/v1 ", "x".repeat(100_000)]) {
      await assert.rejects(verifyWith({ protocol }), isCode("invalid_protocol"));
    }
  });

  it("parses timestamps like chrono's parse_from_rfc3339", async () => {
    const accepted = [
      "2026-01-01T00:00:00.123Z",
      "2026-01-01t00:00:00.123z",
      "2026-01-01 00:00:00.123Z",
      "2026-01-01T00:00:00Z",
      "2026-01-01T00:00:00.123456789123Z",
      "2026-01-01T05:30:00.123+05:30",
      "2025-12-31T23:00:00.123-01:00",
      "2025-12-31T23:00:00.123\u221201:00",
      "2026-01-01T00:00:00.123+00:00",
      "2026-01-01T00:00:00.123-00:00",
    ];
    for (const timestamp of accepted) {
      const parsed = parseRfc3339(timestamp);
      assert.ok(typeof parsed !== "string", `${timestamp}: ${parsed}`);
      assert.equal(parsed.unixSeconds, 1767225600, timestamp);
    }
    const rejected = [
      "2026-01-01T00:00:00.123",
      "2026-01-01",
      "2026-02-30T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-00-01T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T00:60:00Z",
      "2026-01-01T00:00:61Z",
      "2026-01-01T00:00:00.Z",
      "2026-01-01T00:00:00+24:00",
      "2026-01-01T00:00:00+05:60",
      "2026-01-01T00:00:00+0530",
      "2026-01-01T00:00:00+05",
      "2026-01-01T00:00:00 Z",
      "2026-01-01T00:00:00UTC",
      "26-01-01T00:00:00Z",
      "+2026-01-01T00:00:00Z",
      "2026-1-01T00:00:00Z",
      "2026-01-01X00:00:00Z",
      " 2026-01-01T00:00:00Z",
      "2026-01-01T00:00:00Z ",
      "2026-01-01T00:00:00.1e3Z",
      "２０２６-01-01T00:00:00Z",
      "",
    ];
    for (const timestamp of rejected) {
      assert.equal(typeof parseRfc3339(timestamp), "string", timestamp);
      await assert.rejects(verifyWith({ timestamp }), isCode("invalid_timestamp"), timestamp);
    }
    assert.equal(
      (parseRfc3339("2024-02-29T00:00:00Z") as { unixSeconds: number }).unixSeconds,
      1709164800,
    );
    assert.equal(
      (parseRfc3339("0000-01-01T00:00:00Z") as { unixSeconds: number }).unixSeconds,
      -62167219200,
    );
    const leap = parseRfc3339("2016-12-31T23:59:60.5Z");
    assert.ok(typeof leap !== "string");
    assert.equal(leap.unixSeconds, 1483228799);
    assert.equal(leap.nanos, 1_500_000_000);
  });

  it("freshness: exact difference truncated to whole seconds, past and future", () => {
    const ts = parseRfc3339("2026-01-01T00:00:00.600Z") as Exclude<
      ReturnType<typeof parseRfc3339>,
      string
    >;
    const base = Date.parse("2026-01-01T00:00:00.600Z");
    assert.equal(wholeSecondsBetween(base + 30_999, ts), 30);
    assert.equal(wholeSecondsBetween(base + 31_000, ts), 31);
    assert.equal(wholeSecondsBetween(base - 30_999, ts), -30);
    assert.equal(wholeSecondsBetween(base - 31_000, ts), -31);
    assert.equal(wholeSecondsBetween(base + 0.5, ts), 0);
  });

  it("rejects stale and future envelopes, with a custom window too", async () => {
    await assert.doesNotReject(verifyWith({}, T0 + 30_999));
    await assert.doesNotReject(verifyWith({}, T0 - 30_999));
    await assert.rejects(verifyWith({}, T0 + 31_000), isCode("stale_timestamp"));
    await assert.rejects(verifyWith({}, T0 - 31_000), isCode("stale_timestamp"));
    await assert.rejects(
      verifySealEnvelope(envelope, publicKey, 5, { now: T0 + 6_000 }),
      isCode("stale_timestamp"),
    );
    await assert.doesNotReject(
      verifySealEnvelope(envelope, publicKey, Infinity, { now: T0 + 1e12 }),
    );
  });

  it("requires strict padded standard base64 of 64 bytes", async () => {
    const urlSafe = envelope.signature.replaceAll("+", "-").replaceAll("/", "_");
    const bad = [
      envelope.signature.replace(/=+$/, ""),
      `${envelope.signature.slice(0, 40)}\n${envelope.signature.slice(40)}`,
      encodeBase64(new Uint8Array(63)),
      encodeBase64(new Uint8Array(65)),
      "",
      "!".repeat(88),
      "A".repeat(1_000_000),
      envelope.signature.slice(0, 85) + "B==",
    ];
    if (urlSafe !== envelope.signature) bad.push(urlSafe);
    for (const signature of bad) {
      await assert.rejects(verifyWith({ signature }), isCode("invalid_signature_encoding"));
    }
  });

  it("detects tampering with payload, token, timestamp second, key and signature", async () => {
    await assert.rejects(
      verifyWith({ payload: { ...payload, id: 2 } }),
      isCode("bad_signature"),
    );
    await assert.rejects(verifyWith({ security_token: "tok.en.y" }), isCode("bad_signature"));
    await assert.rejects(
      verifyWith({ timestamp: "2026-01-01T00:00:01.123Z" }),
      isCode("bad_signature"),
    );
    // Sub-second digits are not signed: changing them keeps the signature valid.
    await assert.doesNotReject(verifyWith({ timestamp: "2026-01-01T00:00:00.999Z" }));
    const other = await Ed25519Key.generate();
    await assert.rejects(
      verifySealEnvelope(envelope, other.getPublicKeyBytes(), 30, { now: T0 }),
      isCode("bad_signature"),
    );
    const flipped = encodeBase64(
      Uint8Array.from(atob(envelope.signature), (c, i) => c.charCodeAt(0) ^ (i === 5 ? 1 : 0)),
    );
    await assert.rejects(verifyWith({ signature: flipped }), isCode("bad_signature"));
  });

  it("validates its own arguments", async () => {
    await assert.rejects(
      verifySealEnvelope(envelope, new Uint8Array(31), 30, { now: T0 }),
      isCode("invalid_public_key"),
    );
    await assert.rejects(verifySealEnvelope(envelope, "nope!", 30), isCode("invalid_public_key"));
    await assert.rejects(verifySealEnvelope(envelope, publicKey, -1), isCode("invalid_argument"));
    await assert.rejects(verifySealEnvelope(envelope, publicKey, NaN), isCode("invalid_argument"));
    await assert.rejects(
      verifySealEnvelope(envelope, publicKey, 30, { now: new Date(NaN) }),
      isCode("invalid_argument"),
    );
  });

  it("the JSON verifier rejects non-text input and malformed bodies", async () => {
    await assert.rejects(
      verifySealEnvelopeJson(42 as unknown as string, publicKey, 30, { now: T0 }),
      isCode("malformed_envelope"),
    );
    await assert.rejects(
      verifySealEnvelopeJson(new Uint8Array([0x7b, 0xff, 0x7d]), publicKey, 30, { now: T0 }),
      isCode("malformed_envelope"),
    );
    const text = JSON.stringify(envelope);
    for (
      const body of [
        text.slice(0, -1),
        `${text} x`,
        `[${text}]`,
        "",
        '"envelope"',
        text.replace('"protocol"', '"protocol":"seal/v1","protocol"'),
      ]
    ) {
      await assert.rejects(
        verifySealEnvelopeJson(body, publicKey, 30, { now: T0 }),
        isCode("malformed_envelope"),
        body.slice(0, 40),
      );
    }
    // Unknown fields may hold lone-surrogate escapes: serde only skips them.
    await assert.doesNotReject(
      verifySealEnvelopeJson(text.replace("{", '{"extra":"\\ud800",'), publicKey, 30, { now: T0 }),
    );
  });

  it("skips unknown members by syntax only, like the orchestrator", async () => {
    const text = JSON.stringify(envelope);
    const withMember = (member: string) => text.replace("{", `{${member},`);
    const deep = "[".repeat(300) + "]".repeat(300);
    for (
      const member of [
        '"big":1e999',
        '"tiny":-1e-99999999999',
        '"huge":123456789012345678901234567890123456789e400',
        '"negzero":-0',
        `"deep":${deep}`,
        `"deepObject":${'{"a":'.repeat(200)}1${"}".repeat(200)}`,
        '"escapes":["\\udc00\\ud800x", {"\\udfff": "\\u0000"}]',
        '"mixed":{"a":[1,{"b":null}],"c":true,"d":false,"e":"x"}',
        '"payloads":{"payload":1,"payload":2}',
      ]
    ) {
      await assert.doesNotReject(
        verifySealEnvelopeJson(withMember(member), publicKey, 30, { now: T0 }),
        member.slice(0, 40),
      );
    }
    for (
      const member of [
        '"bad":01',
        '"bad":1.',
        '"bad":-',
        '"bad":[1,]',
        '"bad":{"a":1,}',
        '"bad":{1:2}',
        '"bad":tru',
        '"bad":"\\x"',
        '"bad":"\\u12"',
        '"bad":"\u0001"',
        `"bad":${"[".repeat(300)}`,
        '"bad":NaN',
      ]
    ) {
      await assert.rejects(
        verifySealEnvelopeJson(withMember(member), publicKey, 30, { now: T0 }),
        isCode("malformed_envelope"),
        member.slice(0, 40),
      );
    }
  });

  it("bytes: invalid UTF-8 passes in skipped members only", async () => {
    const encoder = new TextEncoder();
    const bytes = (before: string, invalid: number[], after: string) =>
      Uint8Array.from([...encoder.encode(before), ...invalid, ...encoder.encode(after)]);
    const text = JSON.stringify(envelope);
    const [head, tail] = [text.slice(0, 1), text.slice(1)];
    for (const invalid of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      await assert.doesNotReject(
        verifySealEnvelopeJson(bytes(`${head}"extra":"a`, invalid, `b",${tail}`), publicKey, 30, {
          now: T0,
        }),
      );
      // The same bytes inside the payload are refused: serde validates the strings it keeps.
      const [before, after] = text.split("héllo");
      await assert.rejects(
        verifySealEnvelopeJson(bytes(before, invalid, after), publicKey, 30, { now: T0 }),
        isCode("malformed_envelope"),
      );
    }
  });

  it("POST /v1/seal/invoke (fake orchestrator) accepts unknown members as the verifier does", async () => {
    const fake = createFakeOrchestrator();
    const own = await Ed25519Key.generate();
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
      key: own,
    });
    const { security_token } = await seal.attest();
    const invoke = async (member: string) => {
      const signed = await createSealEnvelope(security_token, {
        jsonrpc: "2.0",
        id: crypto.randomUUID(),
        method: "tools/call",
        params: { name: "echo", arguments: { big: 1e16 } },
      }, own);
      const body = JSON.stringify(signed).replace("{", `{${member},`);
      const response = await fake.fetch("http://aegis.test/v1/seal/invoke", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      return { status: response.status, body: await response.text() };
    };
    for (const member of ['"x":1e999', `"deep":${"[".repeat(300)}${"]".repeat(300)}`]) {
      assert.deepEqual(await invoke(member), { status: 200, body: '{"big":10000000000000000}' });
    }
    assert.equal((await invoke('"x":01')).status, 400);
  });

  it("accepts the envelope fields as an array in declaration order, as serde does", async () => {
    const { protocol, security_token, signature, timestamp } = envelope;
    const fields = [protocol, security_token, signature, envelope.payload, timestamp];
    assert.deepEqual(
      await verifySealEnvelopeJson(JSON.stringify(fields), publicKey, 30, { now: T0 }),
      payload,
    );
    for (const body of [fields.slice(0, 4), [...fields, 1]]) {
      await assert.rejects(
        verifySealEnvelopeJson(JSON.stringify(body), publicKey, 30, { now: T0 }),
        isCode("malformed_envelope"),
      );
    }
  });
});
