/**
 * Fake `/v1/credentials*` routes.
 *
 * Faithful to the orchestrator's quirks: bodies are parsed by hand (content type not checked;
 * bad JSON -> 400 `{"error":"Invalid JSON: ..."}`), credential ids are validated in the handler
 * (JSON 400).
 *
 * Simplification: the fake has one caller, a consumer user (allowed on credential routes).
 * Credential values are kept in memory only to answer field-name queries; they are never
 * returned.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type {
  CredentialGrant,
  CredentialProvider,
  UserCredentialBinding,
} from "../../client/credentials.ts";
import type { FakeContext } from "../internal/context.ts";
import { isUuid, jsonError, manualJsonObject, plainText, timestampZ } from "../internal/http.ts";

const CREDENTIAL_BODY_LIMIT = 64 * 1024;
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

/** Registers the credential routes. */
export function registerCredentialRoutes(app: Hono, ctx: FakeContext): void {
  const userId = ctx.userId;
  const bindings = new Map<string, UserCredentialBinding>();
  const oauthStates = new Map<string, string>();
  const devicePolls = new Map<string, number>();
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
      metadata: {
        label,
        tags: null,
        service_url: null,
        external_account_id: null,
        oauth_scopes: null,
      },
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

  app.get("/v1/credentials", (c) => {
    const credentials = [...bindings.values()];
    return c.json({ credentials, count: credentials.length });
  });

  app.post("/v1/credentials/api-keys", async (c) => {
    const body = await manualJsonObject(c, CREDENTIAL_BODY_LIMIT);
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
    const body = await manualJsonObject(c, CREDENTIAL_BODY_LIMIT);
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
    const body = await manualJsonObject(c, CREDENTIAL_BODY_LIMIT);
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
    const body = await manualJsonObject(c, CREDENTIAL_BODY_LIMIT);
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
    const body = await manualJsonObject(c, CREDENTIAL_BODY_LIMIT);
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
