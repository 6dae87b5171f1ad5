/**
 * Checking an `aegis_...` API key (`POST /v1/api-keys/validate`), for gateways and MCP servers
 * that accept API keys from their own callers and need the identity behind one.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";

/** The identity behind a valid API key. */
export interface ApiKeyIdentity {
  /** User the key belongs to. */
  user_id: string;
  /** Tenant of that user. */
  tenant_id: string;
  /** Operator role of the key's owner (`aegis:admin`, ...), `null` for other users. */
  aegis_role: string | null;
  /** Scopes granted to the key. */
  scopes: string[];
  /** Consumer plan of the key's owner, `null` when not a consumer user. */
  zaru_tier: string | null;
}

/**
 * Validates an API key and returns the identity behind it. The key is sent as
 * `Authorization: Bearer aegis_...` **instead of** the client's own credentials (this route takes
 * no JWT). A missing, revoked, expired or unknown key rejects with `AuthenticationError` (401).
 * Keys that do not start with `aegis_` are refused before anything is sent.
 *
 * @example
 * ```ts
 * import { AegisCore, createApiKey, validateApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { key } = await createApiKey(core, { name: "gateway", scopes: ["agent:list"] });
 * const identity = await validateApiKey(core, key);
 * console.log(identity.scopes); // ["agent:list"]
 * ```
 */
export function validateApiKey(
  core: AegisCore,
  apiKey: string,
  options?: RequestOptions,
): AegisPromise<ApiKeyIdentity> {
  return AegisPromise.run(core, async (core) => {
    if (typeof apiKey !== "string" || !/^aegis_[\x21-\x7e]+$/.test(apiKey)) {
      throw new InvalidArgumentError("apiKey", "must be an API key starting with `aegis_`");
    }
    return await core.request({
      method: "POST",
      path: "/v1/api-keys/validate",
      headers: { authorization: `Bearer ${apiKey}` },
      auth: false,
      // Validation only reads (and stamps last use); repeating it is harmless.
      idempotent: true,
    }, options);
  });
}
