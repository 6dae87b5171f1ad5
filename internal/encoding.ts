/**
 * Byte encodings on web standards only (no `Buffer`): Node <= 24 lacks
 * `Uint8Array.prototype.toBase64`, so these small helpers stand in for it everywhere.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = /* @__PURE__ */ (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Standard (RFC 4648 section 4) padded base64 of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] +
      ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + "==";
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + "=";
  }
  return out;
}

/**
 * Strict standard base64 decoding, as the orchestrator's `base64` crate (STANDARD engine) does
 * it: standard alphabet only, length a multiple of 4, `=` padding required, no whitespace, and
 * canonical trailing bits. Returns `undefined` for anything else.
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let pad = 0;
  if (text.endsWith("==")) pad = 2;
  else if (text.endsWith("=")) pad = 1;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c: number[] = [];
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      if (code === 61 /* = */) {
        if (!last || j < 4 - pad) return undefined;
        c.push(0);
        continue;
      }
      const v = code < 128 ? DECODE[code] : -1;
      if (v < 0) return undefined;
      c.push(v);
    }
    const n = (c[0] << 18) | (c[1] << 12) | (c[2] << 6) | c[3];
    if (last && pad === 2) {
      if ((n & 0xffff) !== 0) return undefined;
      out[o++] = n >> 16;
    } else if (last && pad === 1) {
      if ((n & 0xff) !== 0) return undefined;
      out[o++] = n >> 16;
      out[o++] = (n >> 8) & 255;
    } else {
      out[o++] = n >> 16;
      out[o++] = (n >> 8) & 255;
      out[o++] = n & 255;
    }
  }
  return out;
}

/** Lower-case hexadecimal of `bytes`. */
export function encodeHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (b < 16 ? "0" : "") + b.toString(16);
  return out;
}

/** Decodes hexadecimal (either case); `undefined` for odd length or non-hex characters. */
export function decodeHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
