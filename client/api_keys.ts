/**
 * The caller's `aegis_...` API keys (`/v1/api-keys*`). Note that the REST API itself only accepts
 * Keycloak JWTs: API keys authenticate SEAL attestation and gateways that call
 * `/v1/api-keys/validate`, not other SDK calls.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** One API key (the secret itself is only returned once, by {@link createApiKey}). */
export interface ApiKey {
  /** Unique id (UUID). */
  id: string;
  /** Name. */
  name: string;
  /** Scopes granted to the key. */
  scopes: string[];
  /** Expiry time (RFC 3339); `null` when there is none. */
  expires_at: string | null;
  /** Last use (RFC 3339); `null` when there is none. */
  last_used_at: string | null;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** e.g. `"active"`. */
  status: string;
}

/** `GET /v1/api-keys`. */
export interface ApiKeyList {
  /** The caller's keys. */
  api_keys: ApiKey[];
}

/** Body of {@link createApiKey}. */
export interface CreateApiKeyRequest {
  /** 1..64 bytes. */
  name: string;
  /** Scopes of the key (required; may be empty). */
  scopes: string[];
  /** Expiry (RFC 3339 text, or a `Date`); never expires when omitted. */
  expires_at?: string | Date;
}

/** `POST /v1/api-keys` answer (201). */
export interface CreatedApiKey {
  /** Unique id (UUID). */
  id: string;
  /** Name. */
  name: string;
  /** `aegis_` + 40 alphanumerics. Shown only this once: store it now. */
  key: string;
  /** Scopes granted to the key. */
  scopes: string[];
  /** Expiry time (RFC 3339); `null` when there is none. */
  expires_at: string | null;
  /** Creation time (RFC 3339). */
  created_at: string;
}

/** `DELETE /v1/api-keys/{id}` answer. */
export interface RevokeApiKeyResponse {
  /** Server message. */
  message: string;
}

/**
 * Lists the caller's API keys.
 *
 * @example
 * ```ts
 * import { AegisCore, listApiKeys } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listApiKeys(core)).api_keys); // []
 * ```
 */
export function listApiKeys(core: AegisCore, options?: RequestOptions): AegisPromise<ApiKeyList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/api-keys" }, options);
  });
}

/**
 * Creates an API key. The secret is in the `key` field of the answer and is never shown again.
 * Not retried automatically after a failure that may have reached the server (a repeat would
 * mint a second key).
 *
 * @example
 * ```ts
 * import { AegisCore, createApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const created = await createApiKey(core, { name: "ci", scopes: ["agent:list"] });
 * console.log(created.key.startsWith("aegis_")); // true
 * ```
 */
export function createApiKey(
  core: AegisCore,
  request: CreateApiKeyRequest,
  options?: RequestOptions,
): AegisPromise<CreatedApiKey> {
  return AegisPromise.run(core, async (core) => {
    if (!Array.isArray(request.scopes)) {
      throw new InvalidArgumentError(
        "scopes",
        "is required (an array of scope strings, may be empty)",
      );
    }
    let expiresAt = request.expires_at;
    if (expiresAt instanceof Date) {
      if (Number.isNaN(expiresAt.getTime())) {
        throw new InvalidArgumentError("expires_at", "is an invalid Date");
      }
      expiresAt = expiresAt.toISOString();
    }
    return await core.request({
      method: "POST",
      path: "/v1/api-keys",
      json: { name: request.name, scopes: request.scopes, expires_at: expiresAt },
    }, options);
  });
}

/**
 * Revokes an API key.
 *
 * @example
 * ```ts
 * import { AegisCore, createApiKey, revokeApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createApiKey(core, { name: "temp", scopes: [] });
 * console.log(await revokeApiKey(core, id)); // { message: "API key revoked" }
 * ```
 */
export function revokeApiKey(
  core: AegisCore,
  keyId: string,
  options?: RequestOptions,
): AegisPromise<RevokeApiKeyResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "DELETE", path: path`/v1/api-keys/${keyId}` }, options);
  });
}
