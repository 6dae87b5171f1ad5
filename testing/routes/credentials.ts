/**
 * Fake `/v1/credentials*`, `/v1/secrets*` and `/v1/api-keys*` routes.
 *
 * Faithful to the orchestrator's quirks: credential and secret bodies are parsed by hand
 * (content type not checked; bad JSON → 400 `{"error":"Invalid JSON: …"}`), credential ids are
 * validated in the handler (JSON 400), `GET /v1/secrets` is a permanent 501, secret paths are
 * one segment (`a%2Fb`), API-key creation answers 201 with the key in `key`.
 *
 * Simplification: the fake has one caller, who is a consumer user (allowed on credential
 * routes) and an operator (allowed on secret routes) at the same time. Credential values and
 * secret values are kept in memory only to answer field-name queries; they are never returned.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { ApiKey } from "../../client/api_keys.ts";
import type {
  CredentialGrant,
  CredentialProvider,
  UserCredentialBinding,
} from "../../client/credentials.ts";
import type { FakeContext } from "../context.ts";
import {
  isObject,
  isUuid,
  jsonBody,
  jsonError,
  plainText,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../http.ts";

/** What other fake routes may ask the API-key store. */
export interface FakeApiKeys {
  /** True for an active, unexpired `aegis_…` key created through `POST /v1/api-keys`. */
  isValid(key: string): Promise<boolean>;
}

const CREDENTIAL_BODY_LIMIT = 64 * 1024;
const SECRET_BODY_LIMIT = 256 * 1024;
const CREDENTIAL_TYPES: Record<string, UserCredentialBinding["credential_type"]> = {
  secret: "secret",
  variable: "variable",
  service_account: "service_account",
  oauth2: "o_auth2",
};
const KNOWN_PROVIDERS: Record<string, CredentialProvider> = {
  openai: "open_a_i",
  anthropic: "anthropic",
  github: "git_hub",
  google: "google",
};
const KEY_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

interface StoredKey extends ApiKey {
  hash: string;
}

/** Registers the credential, secret and API-key routes; returns the API-key check. */
export function registerCredentialRoutes(app: Hono, ctx: FakeContext): FakeApiKeys {
  const userId = crypto.randomUUID();
  const bindings = new Map<string, UserCredentialBinding>();
  const oauthStates = new Map<string, string>();
  const devicePolls = new Map<string, number>();
  const secrets = new Map<string, Record<string, string>>();
  const apiKeys = new Map<string, StoredKey>();
  const now = () => timestampZ(ctx.state.now());

  const createBinding = (
    provider: string,
    label: string,
    type: UserCredentialBinding["credential_type"],
    scope: UserCredentialBinding["scope"],
  ): UserCredentialBinding => {
    const id = crypto.randomUUID();
    const binding: UserCredentialBinding = {
      id,
      owner_user_id: userId,
      tenant_id: ctx.tenantId,
      credential_type: type,
      provider: KNOWN_PROVIDERS[provider.toLowerCase()] ?? { custom: provider },
      secret_path: {
        namespace: ctx.tenantId,
        mount_point: "kv",
        path: `credentials/${userId}/${id}`,
        tenant_id: ctx.tenantId,
      },
      scope,
      status: "active",
      metadata: { label },
      grants: [],
      created_at: now(),
      updated_at: now(),
    };
    bindings.set(id, binding);
    return binding;
  };

  const findBinding = (c: Context, name = "id"): UserCredentialBinding | Response => {
    const id = c.req.param(name) ?? "";
    if (!isUuid(id)) return jsonError(400, "Invalid credential ID");
    return bindings.get(id.toLowerCase()) ?? jsonError(404, "Credential binding not found");
  };

  // --- credentials ---------------------------------------------------------------------

  app.get("/v1/credentials", (c) => {
    const credentials = [...bindings.values()];
    return c.json({ credentials, count: credentials.length });
  });

  app.post("/v1/credentials/api-keys", async (c) => {
    const body = await manualJson(c, CREDENTIAL_BODY_LIMIT);
    if (body instanceof Response) return body;
    const missing = missingStrings(body, ["provider", "label", "value", "credential_type"]);
    if (missing) return jsonError(400, `Invalid JSON: missing field \`${missing}\``);
    const type = CREDENTIAL_TYPES[body.credential_type as string];
    if (type === undefined) {
      return jsonError(
        400,
        `Invalid JSON: unknown variant \`${
          String(body.credential_type)
        }\`, expected one of \`secret\`, \`variable\`, \`service_account\`, \`oauth2\``,
      );
    }
    const scope = parseScope(body.scope);
    if (scope === undefined) {
      return jsonError(
        400,
        `Invalid scope '${String(body.scope)}': expected "personal" or "team:<uuid>"`,
      );
    }
    const binding = createBinding(body.provider as string, body.label as string, type, scope);
    return c.json({ id: binding.id }, 201);
  });

  app.post("/v1/credentials/oauth/initiate", async (c) => {
    const body = await manualJson(c, CREDENTIAL_BODY_LIMIT);
    if (body instanceof Response) return body;
    const missing = missingStrings(body, ["provider", "redirect_uri"]);
    if (missing) return jsonError(400, `Invalid JSON: missing field \`${missing}\``);
    const state = crypto.randomUUID();
    oauthStates.set(state, body.provider as string);
    const url = new URL("https://oauth.fake-provider.test/authorize");
    url.searchParams.set("client_id", "aegis-fake");
    url.searchParams.set("redirect_uri", body.redirect_uri as string);
    url.searchParams.set("state", state);
    return c.json({ authorization_url: url.href, state });
  });

  app.get("/v1/credentials/oauth/callback", (c) => {
    for (const field of ["state", "code"]) {
      if (c.req.query(field) === undefined) {
        return plainText(400, `Failed to deserialize query string: missing field \`${field}\``);
      }
    }
    const state = c.req.query("state")!;
    const provider = oauthStates.get(state);
    if (provider === undefined) return jsonError(400, "Invalid or expired OAuth state");
    oauthStates.delete(state);
    const binding = createBinding(provider, `${provider} (OAuth)`, "o_auth2", "personal");
    return c.json({ id: binding.id, status: "active" });
  });

  app.post("/v1/credentials/oauth/device/poll", async (c) => {
    const body = await manualJson(c, CREDENTIAL_BODY_LIMIT);
    if (body instanceof Response) return body;
    const missing = missingStrings(body, ["device_code", "provider"]);
    if (missing) return jsonError(400, `Invalid JSON: missing field \`${missing}\``);
    const code = body.device_code as string;
    const provider = body.provider as string;
    // The fake user "approves" between the first and the second poll of a device code.
    const polls = (devicePolls.get(code) ?? 0) + 1;
    devicePolls.set(code, polls);
    if (polls === 1) return c.json({ status: "pending", provider }, 202);
    if (polls > 2) return jsonError(400, "Device code already used or expired");
    const binding = createBinding(provider, `${provider} (device)`, "o_auth2", "personal");
    return c.json({ status: "complete", binding_id: binding.id });
  });

  app.get("/v1/credentials/:id", (c) => {
    const binding = findBinding(c);
    if (binding instanceof Response) return binding;
    return c.json({ credential: binding });
  });

  app.delete("/v1/credentials/:id", (c) => {
    const binding = findBinding(c);
    if (binding instanceof Response) return binding;
    binding.status = "revoked";
    binding.updated_at = now();
    return c.json({ status: "revoked", id: binding.id });
  });

  app.post("/v1/credentials/:id/rotate", async (c) => {
    const binding = findBinding(c);
    if (binding instanceof Response) return binding;
    const body = await manualJson(c, CREDENTIAL_BODY_LIMIT);
    if (body instanceof Response) return body;
    if (typeof body.value !== "string") {
      return jsonError(400, "Invalid JSON: missing field `value`");
    }
    binding.updated_at = now();
    return c.json({ status: "rotated", id: binding.id });
  });

  app.get("/v1/credentials/:id/grants", (c) => {
    const binding = findBinding(c);
    if (binding instanceof Response) return binding;
    return c.json({ grants: binding.grants, count: binding.grants.length });
  });

  app.post("/v1/credentials/:id/grants", async (c) => {
    const binding = findBinding(c);
    if (binding instanceof Response) return binding;
    const body = await manualJson(c, CREDENTIAL_BODY_LIMIT);
    if (body instanceof Response) return body;
    const type = body.target_type;
    const value = body.target_value;
    let target: CredentialGrant["target"];
    if (type === "all_agents") target = { kind: "all_agents" };
    else if (type === "agent" || type === "workflow") {
      if (typeof value !== "string" || !isUuid(value)) {
        return jsonError(400, `target_value must be a UUID for target_type '${type}'`);
      }
      target = type === "agent"
        ? { kind: "agent", agent_id: value.toLowerCase() }
        : { kind: "workflow", workflow_id: value.toLowerCase() };
    } else {
      return jsonError(
        400,
        `Invalid target_type '${String(type)}': expected agent, workflow or all_agents`,
      );
    }
    const grant: CredentialGrant = {
      id: crypto.randomUUID(),
      binding_id: binding.id,
      target,
      granted_at: now(),
      granted_by: userId,
    };
    binding.grants.push(grant);
    return c.json({ grant_id: grant.id }, 201);
  });

  app.delete("/v1/credentials/:id/grants/:grant_id", (c) => {
    const binding = findBinding(c);
    if (binding instanceof Response) return binding;
    const grantId = (c.req.param("grant_id") ?? "").toLowerCase();
    const index = binding.grants.findIndex((g) => g.id === grantId);
    if (index < 0) return jsonError(404, "Grant not found");
    binding.grants.splice(index, 1);
    return c.json({ status: "revoked", grant_id: grantId });
  });

  // --- secrets -------------------------------------------------------------------------

  app.get("/v1/secrets", () => jsonError(501, "Secret listing is not supported via this endpoint"));

  app.get("/v1/secrets/:path", (c) => {
    const path = c.req.param("path");
    const stored = secrets.get(path);
    if (stored === undefined) {
      return Response.json({ error: "Secret not found", path }, { status: 404 });
    }
    return c.json({ path, fields: Object.keys(stored) });
  });

  app.put("/v1/secrets/:path", async (c) => {
    const path = c.req.param("path");
    const body = await manualJson(c, SECRET_BODY_LIMIT);
    if (body instanceof Response) return body;
    if (!("data" in body)) return jsonError(400, "Invalid JSON: missing field `data`");
    if (!isObject(body.data)) {
      return jsonError(400, "Invalid JSON: invalid type for `data`, expected a map");
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(body.data)) {
      fields[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    secrets.set(path, fields);
    return c.json({ status: "written", path });
  });

  app.delete("/v1/secrets/:path", (c) => {
    const path = c.req.param("path");
    secrets.delete(path);
    return c.json({ status: "deleted", path });
  });

  // --- API keys ------------------------------------------------------------------------

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

  const validKey = async (presented: string): Promise<StoredKey | undefined> => {
    const hash = await sha256Hex(presented);
    const stored = [...apiKeys.values()].find((k) => k.hash === hash && k.status === "active");
    if (stored === undefined) return undefined;
    if (stored.expires_at && Date.parse(stored.expires_at) <= ctx.state.now()) return undefined;
    return stored;
  };

  app.post("/v1/api-keys/validate", async (c) => {
    const header = c.req.header("authorization") ?? "";
    const presented = header.startsWith("Bearer aegis_") ? header.slice("Bearer ".length) : "";
    if (!presented) return jsonError(401, "Missing or invalid API key");
    const stored = await validKey(presented);
    if (stored === undefined) return jsonError(401, "Invalid or expired API key");
    stored.last_used_at = now();
    return c.json({ user_id: userId, tenant_id: ctx.tenantId, scopes: stored.scopes });
  });

  return {
    isValid: async (key) => key.startsWith("aegis_") && (await validKey(key)) !== undefined,
  };
}

/** Parses a body by hand like the credential and secret handlers: any content type. */
async function manualJson(c: Context, limit: number): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > limit) {
    return jsonError(413, `Request body exceeds the ${limit}-byte limit`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return jsonError(400, `Invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) return jsonError(400, "Invalid JSON: expected a JSON object");
  return value;
}

function missingStrings(body: Record<string, unknown>, fields: string[]): string | undefined {
  return fields.find((field) => typeof body[field] !== "string");
}

function parseScope(value: unknown): UserCredentialBinding["scope"] | undefined {
  if (value === undefined || value === null || value === "personal") return "personal";
  if (typeof value === "string" && value.startsWith("team:") && isUuid(value.slice(5))) {
    return { team: { team_id: value.slice(5).toLowerCase() } };
  }
  return undefined;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
