/**
 * The API keys created through the fake's `POST /v1/api-keys`, which SEAL attestation also
 * accepts as bearer tokens (like the real route).
 *
 * @module
 */

import type { ApiKey } from "../../client/api_keys.ts";
import { encodeHex } from "../../internal/encoding.ts";

/** A key as stored: the wire record plus the SHA-256 of the key (the key itself is not kept). */
export interface StoredKey extends ApiKey {
  /** Lower-case hex SHA-256 of the key. */
  hash: string;
}

/** The fake's API keys. */
export class ApiKeyStore {
  /** Keys by id. */
  readonly keys: Map<string, StoredKey> = new Map();
  readonly #now: () => number;

  /** `now` is the fake's clock (expiry is checked against it). */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** The active, unexpired key `presented` is, if any. */
  async find(presented: string): Promise<StoredKey | undefined> {
    const hash = await sha256Hex(presented);
    const stored = [...this.keys.values()].find((k) => k.hash === hash && k.status === "active");
    if (stored === undefined) return undefined;
    if (stored.expires_at && Date.parse(stored.expires_at) <= this.#now()) return undefined;
    return stored;
  }

  /** True for an active, unexpired `aegis_...` key. */
  async isValid(key: string): Promise<boolean> {
    return key.startsWith("aegis_") && (await this.find(key)) !== undefined;
  }
}

/** Lower-case hex SHA-256 of `data` (text as UTF-8). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return encodeHex(new Uint8Array(digest));
}
