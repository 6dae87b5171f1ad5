/**
 * Ed25519 keys on WebCrypto only (no `node:crypto`, no third-party curve code), plus the public
 * key decoding and signature verification the SEAL verifier needs.
 *
 * @module
 */

import { decodeBase64Strict, encodeBase64 } from "../internal/encoding.ts";
import { SEALError } from "./error.ts";
import { defineInspect } from "../internal/inspect.ts";

const ED25519 = { name: "Ed25519" } as const;
/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_PREFIX = /* @__PURE__ */ new Uint8Array(
  // deno-fmt-ignore
  [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
    0x04, 0x22, 0x04, 0x20,
  ],
);
/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32-byte key follows. */
const SPKI_PREFIX = /* @__PURE__ */ new Uint8Array(
  // deno-fmt-ignore
  [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
  ],
);
/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const GROUP_ORDER_LE = /* @__PURE__ */ new Uint8Array(
  // deno-fmt-ignore
  [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2,
    0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
  ],
);

function subtle(): SubtleCrypto {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto;
  if (webCrypto?.subtle === undefined) {
    throw new SEALError("crypto_unavailable", "WebCrypto (crypto.subtle) is not available");
  }
  return webCrypto.subtle;
}

function cryptoFailure(action: string, cause: unknown): SEALError {
  return new SEALError(
    "crypto_unavailable",
    `WebCrypto could not ${action} (does this runtime support Ed25519?)`,
    { cause },
  );
}

/** Decodes unpadded URL-safe base64 (RFC 4648 section 5, as JWK uses), with canonical trailing bits. */
function base64UrlToBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const standard = text.replaceAll("-", "+").replaceAll("_", "/");
  return decodeBase64Strict(standard + "=".repeat((4 - (text.length % 4)) % 4));
}

/**
 * An Ed25519 key pair whose private half lives only in a non-extractable WebCrypto `CryptoKey`.
 *
 * Unlike the upstream SDK (whose `generate()`, `sign()` and `signBase64()` are synchronous),
 * key creation and signing return promises here, because WebCrypto is asynchronous.
 *
 * The private key never appears in `JSON.stringify`, `String()` or `inspect` output, and
 * {@link Ed25519Key.erase} drops it: every later use throws a {@link SEALError} with code
 * `key_erased`. WebCrypto offers no way to overwrite a key's memory, so erasing releases the only
 * reference and leaves the rest to the garbage collector.
 *
 * @example Sign a message
 * ```ts
 * import { Ed25519Key } from "@aegis/sdk/seal";
 *
 * using key = await Ed25519Key.generate();
 * const signature = await key.signBase64(new TextEncoder().encode("my message"));
 * console.log(key.getPublicKeyBase64(), signature);
 * ```
 */
export class Ed25519Key {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "Ed25519Key";
  #privateKey: CryptoKey | undefined;
  readonly #publicKey: Uint8Array;

  private constructor(privateKey: CryptoKey, publicKey: Uint8Array) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    // `inspect` shows what `toString` does: never the private key.
    defineInspect(Ed25519Key.prototype, (key) => key.toString());
  }

  /**
   * Generates a fresh key pair; the private key is non-extractable.
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * console.log(key.getPublicKeyBytes().length); // 32
   * ```
   */
  static async generate(): Promise<Ed25519Key> {
    let pair: CryptoKeyPair;
    let publicRaw: ArrayBuffer;
    try {
      pair = await subtle().generateKey(ED25519, false, ["sign", "verify"]) as CryptoKeyPair;
      publicRaw = await subtle().exportKey("raw", pair.publicKey);
    } catch (error) {
      if (error instanceof SEALError) throw error;
      throw cryptoFailure("generate an Ed25519 key", error);
    }
    return new Ed25519Key(pair.privateKey, new Uint8Array(publicRaw));
  }

  /**
   * Rebuilds a key pair from its 32-byte seed (the RFC 8032 private key). The seed is imported
   * once to derive the public key, then re-imported as a non-extractable key; the temporary DER
   * buffer is zeroed. The caller's `seed` array is not modified.
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.fromSeed(new Uint8Array(32).fill(1));
   * console.log(key.getPublicKeyBase64()); // "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w="
   * ```
   */
  static async fromSeed(seed: Uint8Array): Promise<Ed25519Key> {
    if (!(seed instanceof Uint8Array) || seed.length !== 32) {
      throw new SEALError("invalid_argument", "an Ed25519 seed must be a 32-byte Uint8Array");
    }
    const der = new Uint8Array(PKCS8_PREFIX.length + 32);
    der.set(PKCS8_PREFIX);
    der.set(seed, PKCS8_PREFIX.length);
    try {
      const exportable = await subtle().importKey("pkcs8", der, ED25519, true, ["sign"]);
      const jwk = await subtle().exportKey("jwk", exportable);
      const publicKey = typeof jwk.x === "string" ? base64UrlToBytes(jwk.x) : undefined;
      if (publicKey === undefined || publicKey.length !== 32) {
        throw new SEALError("crypto_unavailable", "WebCrypto did not report the public key");
      }
      const privateKey = await subtle().importKey("pkcs8", der, ED25519, false, ["sign"]);
      return new Ed25519Key(privateKey, publicKey);
    } catch (error) {
      if (error instanceof SEALError) throw error;
      throw cryptoFailure("import the Ed25519 seed", error);
    } finally {
      der.fill(0);
    }
  }

  #key(): CryptoKey {
    if (this.#privateKey === undefined) {
      throw new SEALError("key_erased", "this Ed25519Key was erased and cannot be used");
    }
    return this.#privateKey;
  }

  /** True once {@link Ed25519Key.erase} has been called. */
  get erased(): boolean {
    return this.#privateKey === undefined;
  }

  /**
   * Signs `message` and returns the raw 64-byte signature (asynchronous, see the class notes).
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * const signature = await key.sign(new Uint8Array([1, 2, 3]));
   * console.log(signature.length); // 64
   * ```
   */
  async sign(message: Uint8Array): Promise<Uint8Array> {
    const key = this.#key();
    if (!(message instanceof Uint8Array)) {
      throw new SEALError("invalid_argument", "the message to sign must be a Uint8Array");
    }
    try {
      return new Uint8Array(
        await subtle().sign(ED25519, key, message as Uint8Array<ArrayBuffer>),
      );
    } catch (error) {
      if (error instanceof SEALError) throw error;
      throw cryptoFailure("sign with Ed25519", error);
    }
  }

  /**
   * Signs `message` and returns the signature as standard padded base64 (what a SEAL envelope
   * carries).
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * console.log((await key.signBase64(new TextEncoder().encode("hi"))).length); // 88
   * ```
   */
  async signBase64(message: Uint8Array): Promise<string> {
    return encodeBase64(await this.sign(message));
  }

  /**
   * The raw 32-byte public key (a copy; changing it does not affect the key).
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * console.log(key.getPublicKeyBytes().length); // 32
   * ```
   */
  getPublicKeyBytes(): Uint8Array {
    this.#key();
    return this.#publicKey.slice();
  }

  /**
   * The public key as standard padded base64 of the raw 32 bytes (what attestation sends).
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * console.log(key.getPublicKeyBase64().length); // 44
   * ```
   */
  getPublicKeyBase64(): string {
    this.#key();
    return encodeBase64(this.#publicKey);
  }

  /**
   * Drops the private key. Every later call on this object throws `key_erased`. Idempotent.
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * key.erase();
   * console.log(key.erased); // true
   * ```
   */
  erase(): void {
    this.#privateKey = undefined;
  }

  /**
   * Alias of {@link Ed25519Key.erase}, matching the `dispose()` of the AEGIS SDK reference pages.
   *
   * @example
   * ```ts
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * const key = await Ed25519Key.generate();
   * key.dispose();
   * ```
   */
  dispose(): void {
    this.erase();
  }

  /** Erases the key at the end of a `using` block. */
  [Symbol.dispose](): void {
    this.erase();
  }

  /** Only public information: `{type, publicKey}` (or `{type, erased: true}`). */
  toJSON(): { type: "Ed25519Key"; publicKey?: string; erased?: true } {
    return this.erased
      ? { type: "Ed25519Key", erased: true }
      : { type: "Ed25519Key", publicKey: encodeBase64(this.#publicKey) };
  }

  /** `Ed25519Key(<public key base64>)`; never the private key. */
  toString(): string {
    return this.erased ? "Ed25519Key(erased)" : `Ed25519Key(${encodeBase64(this.#publicKey)})`;
  }
}

/**
 * Decodes an Ed25519 public key given as raw 32 bytes, 44-byte SPKI DER, or a string holding
 * standard padded base64 or URL-safe unpadded base64 of either, or a PEM `PUBLIC KEY` block.
 * Throws `invalid_public_key` otherwise.
 */
export function decodeEd25519PublicKey(input: Uint8Array | string): Uint8Array {
  let bytes: Uint8Array | undefined;
  if (input instanceof Uint8Array) {
    bytes = input;
  } else if (typeof input === "string") {
    const pem = /^\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]*)-----END PUBLIC KEY-----\s*$/
      .exec(input);
    if (pem !== null) bytes = decodeBase64Strict(pem[1].replace(/\s+/g, ""));
    else if (/^[A-Za-z0-9+/]*={0,2}$/.test(input)) bytes = decodeBase64Strict(input);
    if (bytes === undefined) bytes = base64UrlToBytes(input);
  }
  if (bytes?.length === 32) return bytes.slice();
  if (bytes?.length === 44 && SPKI_PREFIX.every((b, i) => bytes[i] === b)) return bytes.slice(12);
  throw new SEALError(
    "invalid_public_key",
    "the public key must be 32 raw bytes or SPKI DER, as bytes, base64, URL-safe base64 or PEM",
  );
}

/** Imports a raw 32-byte public key for verification; `invalid_public_key` if WebCrypto refuses it. */
export async function importVerifyKey(raw: Uint8Array): Promise<CryptoKey> {
  try {
    return await subtle().importKey("raw", raw as Uint8Array<ArrayBuffer>, ED25519, true, [
      "verify",
    ]);
  } catch (error) {
    if (error instanceof SEALError) throw error;
    throw new SEALError("invalid_public_key", "the public key is not a valid Ed25519 point", {
      cause: error,
    });
  }
}

/** True when the signature's `s` half (bytes 32-63, little-endian) is below the group order. */
export function hasCanonicalS(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const byte = signature[32 + i];
    if (byte !== GROUP_ORDER_LE[i]) return byte < GROUP_ORDER_LE[i];
  }
  return false;
}

/**
 * Ed25519 verification like ed25519-dalek 2.x `verify`: `s >= L` is rejected explicitly (runtimes
 * differ on it), the rest is WebCrypto's cofactorless check.
 */
export async function verifyEd25519(
  key: CryptoKey,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || !hasCanonicalS(signature)) return false;
  try {
    return await subtle().verify(
      ED25519,
      key,
      signature as Uint8Array<ArrayBuffer>,
      message as Uint8Array<ArrayBuffer>,
    );
  } catch (error) {
    throw cryptoFailure("verify an Ed25519 signature", error);
  }
}
