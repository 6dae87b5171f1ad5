import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { Ed25519Key, SEALError } from "../../seal/mod.ts";
import { decodeEd25519PublicKey, hasCanonicalS } from "../../seal/key.ts";
import { decodeHex, encodeBase64, encodeHex } from "../../internal/encoding.ts";

// RFC 8032 §7.1, TEST 1 and TEST 2.
const TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const TEST1_SIGNATURE =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
const TEST2_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
const TEST2_SIGNATURE =
  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

const isCode = (code: string) => (error: unknown) =>
  error instanceof SEALError && error.code === code;

/** A 64-byte signature whose S half is `s` (little-endian), R zero. */
function signatureWithS(s: bigint): Uint8Array {
  const signature = new Uint8Array(64);
  for (let i = 0; i < 32; i++) signature[32 + i] = Number((s >> BigInt(8 * i)) & 0xffn);
  return signature;
}

describe("hasCanonicalS: S below the group order L (RFC 8032 section 5.1.7)", () => {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  it("accepts S < L and refuses S >= L, at every byte of L", () => {
    assert.equal(hasCanonicalS(signatureWithS(0n)), true);
    assert.equal(hasCanonicalS(signatureWithS(L - 1n)), true);
    assert.equal(hasCanonicalS(signatureWithS(L)), false);
    assert.equal(hasCanonicalS(signatureWithS(L + 1n)), false);
    assert.equal(hasCanonicalS(signatureWithS(2n ** 256n - 1n)), false);
    // One step above and below L at each byte: a wrong byte of L flips one of these.
    for (let i = 0; i < 32; i++) {
      const step = 1n << BigInt(8 * i);
      assert.equal(hasCanonicalS(signatureWithS(L - step)), true, `L - 2^${8 * i}`);
      assert.equal(hasCanonicalS(signatureWithS(L + step)), false, `L + 2^${8 * i}`);
    }
  });
});

describe("Ed25519Key", () => {
  it("fromSeed reproduces RFC 8032 test vectors", async () => {
    const key1 = await Ed25519Key.fromSeed(decodeHex(TEST1_SEED)!);
    assert.equal(encodeHex(key1.getPublicKeyBytes()), TEST1_PUBLIC);
    assert.equal(encodeHex(await key1.sign(new Uint8Array(0))), TEST1_SIGNATURE);
    const key2 = await Ed25519Key.fromSeed(decodeHex(TEST2_SEED)!);
    assert.equal(encodeHex(await key2.sign(new Uint8Array([0x72]))), TEST2_SIGNATURE);
    assert.equal(
      await key2.signBase64(new Uint8Array([0x72])),
      encodeBase64(decodeHex(TEST2_SIGNATURE)!),
    );
  });

  it("fromSeed leaves the caller's seed untouched and rejects bad seeds", async () => {
    const seed = decodeHex(TEST1_SEED)!;
    await Ed25519Key.fromSeed(seed);
    assert.equal(encodeHex(seed), TEST1_SEED);
    await assert.rejects(Ed25519Key.fromSeed(new Uint8Array(31)), isCode("invalid_argument"));
    await assert.rejects(
      Ed25519Key.fromSeed("x".repeat(32) as unknown as Uint8Array),
      isCode("invalid_argument"),
    );
  });

  it("generate gives distinct keys whose signatures verify with WebCrypto", async () => {
    const a = await Ed25519Key.generate();
    const b = await Ed25519Key.generate();
    assert.notEqual(a.getPublicKeyBase64(), b.getPublicKeyBase64());
    assert.equal(a.getPublicKeyBytes().length, 32);
    const message = new TextEncoder().encode("hello");
    const signature = await a.sign(message);
    assert.equal(signature.length, 64);
    const publicKey = await crypto.subtle.importKey(
      "raw",
      a.getPublicKeyBytes() as Uint8Array<ArrayBuffer>,
      { name: "Ed25519" },
      false,
      ["verify"],
    );
    assert.ok(
      await crypto.subtle.verify(
        { name: "Ed25519" },
        publicKey,
        signature as Uint8Array<ArrayBuffer>,
        message,
      ),
    );
  });

  it("getPublicKeyBytes returns a copy", async () => {
    const key = await Ed25519Key.fromSeed(decodeHex(TEST1_SEED)!);
    key.getPublicKeyBytes().fill(0);
    assert.equal(encodeHex(key.getPublicKeyBytes()), TEST1_PUBLIC);
  });

  it("erase/dispose/Symbol.dispose make every later use throw key_erased", async () => {
    for (const drop of ["erase", "dispose", "symbol"] as const) {
      const key = await Ed25519Key.generate();
      if (drop === "erase") key.erase();
      else if (drop === "dispose") key.dispose();
      else key[Symbol.dispose]();
      assert.equal(key.erased, true);
      await assert.rejects(key.sign(new Uint8Array(1)), isCode("key_erased"));
      await assert.rejects(key.signBase64(new Uint8Array(1)), isCode("key_erased"));
      assert.throws(() => key.getPublicKeyBytes(), isCode("key_erased"));
      assert.throws(() => key.getPublicKeyBase64(), isCode("key_erased"));
      key.erase();
    }
  });

  it("never exposes the private key in JSON, String or inspect", async () => {
    const seed = decodeHex(TEST1_SEED)!;
    const key = await Ed25519Key.fromSeed(seed);
    const seedForms = [TEST1_SEED, encodeBase64(seed), encodeBase64(seed).replace(/=+$/, "")];
    const renderings = [JSON.stringify(key), String(key), `${key}`, inspect(key), inspect({ key })];
    for (const rendering of renderings) {
      for (const form of seedForms) assert.ok(!rendering.includes(form), rendering);
      assert.ok(!/"d"|privateKey|pkcs8/i.test(rendering), rendering);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(key)), {
      type: "Ed25519Key",
      publicKey: key.getPublicKeyBase64(),
    });
    assert.ok(String(key).includes(key.getPublicKeyBase64()));
  });

  it("rejects a non-Uint8Array message", async () => {
    const key = await Ed25519Key.generate();
    await assert.rejects(key.sign("text" as unknown as Uint8Array), isCode("invalid_argument"));
  });
});

describe("decodeEd25519PublicKey", () => {
  const raw = decodeHex(TEST1_PUBLIC)!;
  const spki = new Uint8Array([...decodeHex("302a300506032b6570032100")!, ...raw]);
  it("accepts raw bytes, SPKI DER, std base64, URL-safe base64 and PEM", () => {
    const b64 = encodeBase64(raw);
    const pem = `-----BEGIN PUBLIC KEY-----\n${encodeBase64(spki)}\n-----END PUBLIC KEY-----\n`;
    for (
      const input of [
        raw,
        spki,
        b64,
        encodeBase64(spki),
        b64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
        pem,
      ]
    ) {
      assert.equal(encodeHex(decodeEd25519PublicKey(input)), TEST1_PUBLIC);
    }
  });

  it("rejects anything else with invalid_public_key", () => {
    for (
      const input of [
        new Uint8Array(31),
        new Uint8Array(44),
        "",
        "not base64!",
        encodeBase64(new Uint8Array(33)),
        42 as unknown as string,
        null as unknown as string,
      ]
    ) {
      assert.throws(() => decodeEd25519PublicKey(input), isCode("invalid_public_key"));
    }
  });
});
