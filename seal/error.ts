/**
 * The single error type of the SEAL module.
 *
 * @module
 */

import { AegisError } from "../errors.ts";

/**
 * Why a SEAL operation failed. Every failure of the SEAL module carries exactly one of these:
 *
 * | code | meaning |
 * |---|---|
 * | `malformed_envelope` | not a JSON object, invalid JSON text, a required field missing or of the wrong type |
 * | `too_deep` | more nested arrays/objects than the orchestrator's parser accepts (127 including the envelope) |
 * | `unsupported_value` | the payload holds a value the wire cannot carry faithfully (see `canonicalJson`) |
 * | `invalid_protocol` | `protocol` is not `"seal/v1"` |
 * | `invalid_timestamp` | `timestamp` is not strict RFC 3339 with an offset, or the clock value is unusable |
 * | `stale_timestamp` | the timestamp is outside the freshness window (past or future) |
 * | `invalid_signature_encoding` | the signature is not strict padded standard base64 of exactly 64 bytes |
 * | `bad_signature` | the Ed25519 signature does not verify (includes a non-canonical `s`) |
 * | `invalid_public_key` | the public key is not a usable Ed25519 key in an accepted encoding |
 * | `invalid_argument` | a caller argument is unusable (seed length, `maxAgeSeconds`, empty token, ...) |
 * | `key_erased` | the {@link Ed25519Key} was erased and can no longer be used |
 * | `crypto_unavailable` | the runtime's WebCrypto has no Ed25519, or it failed |
 */
export type SEALErrorCode =
  | "malformed_envelope"
  | "too_deep"
  | "unsupported_value"
  | "invalid_protocol"
  | "invalid_timestamp"
  | "stale_timestamp"
  | "invalid_signature_encoding"
  | "bad_signature"
  | "invalid_public_key"
  | "invalid_argument"
  | "key_erased"
  | "crypto_unavailable";

/**
 * A SEAL signing or verification failure. `code` says which check failed; `path` names the
 * offending JSON location (e.g. `$.params.arguments.when`) for value and nesting refusals.
 * Messages never contain keys, seeds or security tokens.
 *
 * @example Tell a stale envelope from a forged one
 * ```ts
 * import { SEALError } from "@aegis/sdk/seal";
 *
 * const error: unknown = new SEALError("stale_timestamp", "envelope is 31 s old");
 * if (error instanceof SEALError && error.code === "stale_timestamp") console.log("clock skew?");
 * ```
 */
export class SEALError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "SEALError";
  /** Which check failed. */
  readonly code: SEALErrorCode;
  /** JSON path of the offending value, for `unsupported_value` and `too_deep`. */
  readonly path: string | undefined;

  /** Creates the error; `message` must not contain secrets. */
  constructor(
    code: SEALErrorCode,
    message: string,
    options?: { path?: string; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options?.path;
  }
}
