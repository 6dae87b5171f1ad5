/**
 * Fake `/v1/api-keys*` routes: creation answers 201 with the key in `key` (shown once), listing
 * shows active keys only, `POST /v1/api-keys/validate` authenticates with the key itself.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import { sha256Hex, type StoredKey } from "../internal/api_key_store.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";

const KEY_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Registers the API-key routes. */
export function registerApiKeyRoutes(app: Hono, ctx: FakeContext): void {
  const apiKeys = ctx.apiKeys.keys;
  const userId = ctx.userId;
  const now = () => timestampZ(ctx.state.now());

  app.get("/v1/api-keys", (c) => {
    const api_keys = [...apiKeys.values()]
      .filter((k) => k.status === "active")
      .map(({ hash: _hash, ...key }) => key);
    return c.json({ api_keys });
  });

  app.post("/v1/api-keys", async (c) => {
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body)) return unprocessable("invalid type: expected struct CreateApiKeyRequest");
    if (typeof body.name !== "string") return unprocessable("missing field `name`");
    if (!Array.isArray(body.scopes) || body.scopes.some((s) => typeof s !== "string")) {
      return unprocessable("missing or invalid field `scopes`");
    }
    let expiresAt: string | null = null;
    if (body.expires_at !== undefined && body.expires_at !== null) {
      const ms = typeof body.expires_at === "string" ? Date.parse(body.expires_at) : NaN;
      if (Number.isNaN(ms)) {
        return unprocessable("invalid value for `expires_at`: premature end of input");
      }
      expiresAt = timestampZ(ms);
    }
    const nameBytes = new TextEncoder().encode(body.name).length;
    if (nameBytes < 1 || nameBytes > 64) {
      return jsonError(400, "API key name must be between 1 and 64 bytes");
    }
    const random = crypto.getRandomValues(new Uint8Array(40));
    const key = "aegis_" + [...random].map((b) => KEY_ALPHABET[b % KEY_ALPHABET.length]).join("");
    const stored: StoredKey = {
      id: crypto.randomUUID(),
      name: body.name,
      scopes: body.scopes as string[],
      expires_at: expiresAt,
      last_used_at: null,
      created_at: now(),
      status: "active",
      hash: await sha256Hex(key),
    };
    apiKeys.set(stored.id, stored);
    return c.json({
      id: stored.id,
      name: stored.name,
      key,
      scopes: stored.scopes,
      expires_at: stored.expires_at,
      created_at: stored.created_at,
    }, 201);
  });

  app.delete("/v1/api-keys/:id", (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const stored = apiKeys.get(id);
    if (stored === undefined || stored.status !== "active") {
      return jsonError(404, "API key not found or already revoked");
    }
    stored.status = "revoked";
    return c.json({ message: "API key revoked" });
  });

  app.post("/v1/api-keys/validate", async (c) => {
    const header = c.req.header("authorization") ?? "";
    const presented = header.startsWith("Bearer aegis_") ? header.slice("Bearer ".length) : "";
    if (!presented) return jsonError(401, "Missing or invalid API key");
    const stored = await ctx.apiKeys.find(presented);
    if (stored === undefined) return jsonError(401, "Invalid or expired API key");
    stored.last_used_at = now();
    return c.json({
      user_id: userId,
      tenant_id: ctx.tenantId,
      aegis_role: null,
      scopes: stored.scopes,
      zaru_tier: null,
    });
  });
}
