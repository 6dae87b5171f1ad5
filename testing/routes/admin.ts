/**
 * Fake `/v1/admin/*` routes.
 *
 * Rate-limit overrides and usage behave like the orchestrator (JWT only, no role check;
 * `{overrides, count}`, upsert by scope + resource + bucket, 400 `{error:"Exactly one of
 * tenant_id or user_id must be provided"}`, 404 `{error:"Override not found"}`, usage needs the
 * `scope_type` and `scope_id` query parameters or answers axum's plain-text 400).
 *
 * **Tenant management (`/v1/admin/tenants*`) is not served by the current orchestrator** (404).
 * The fake serves it as the AEGIS SDK reference pages document it (their `Tenant` shape), so code using
 * `createTenant`/`listTenants`/`suspendTenant`/`deleteTenant` can be tested; remember that a
 * real orchestrator answers 404.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { RateLimitOverride, Tenant, TenantQuotas } from "../../client/admin.ts";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  plainText,
  timestampOffset,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";

const QUOTAS: Record<string, TenantQuotas> = {
  free: { max_concurrent_executions: 1, max_agents: 3, max_storage_gb: 1 },
  pro: { max_concurrent_executions: 5, max_agents: 25, max_storage_gb: 50 },
  business: { max_concurrent_executions: 20, max_agents: 100, max_storage_gb: 500 },
  enterprise: { max_concurrent_executions: 100, max_agents: 1000, max_storage_gb: 5000 },
};
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Registers the tenant and rate-limit admin routes, answering from `fake.platform`. */
export function registerAdminRoutes(app: Hono, ctx: FakeContext): void {
  const data = ctx.platform;
  const { tenants, rateLimitOverrides: overrides } = data;

  app.post("/v1/admin/tenants", async (c) => {
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body) || typeof body.slug !== "string") {
      return unprocessable("missing field `slug`");
    }
    if (typeof body.display_name !== "string") return unprocessable("missing field `display_name`");
    const tier = typeof body.tier === "string" ? body.tier : "enterprise";
    if (!SLUG.test(body.slug)) {
      return jsonError(
        400,
        `Invalid tenant slug '${body.slug}': lower-case letters, digits and '-'`,
      );
    }
    if (!(tier in QUOTAS)) return jsonError(400, `Invalid tier '${tier}'`);
    const existing = tenants.get(body.slug);
    if (existing && existing.status !== "deleted") {
      return jsonError(409, `Tenant '${body.slug}' already exists`);
    }
    const now = timestampOffset(ctx.state.now());
    const tenant: Tenant = {
      slug: body.slug,
      display_name: body.display_name,
      status: "active",
      tier,
      keycloak_realm: `tenant-${body.slug}`,
      openbao_namespace: `tenant-${body.slug}`,
      quotas: QUOTAS[tier],
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    tenants.set(tenant.slug, tenant);
    return c.json(tenant);
  });

  app.get("/v1/admin/tenants", (c) => {
    const list = [...tenants.values()].filter((t) => t.status !== "deleted");
    return c.json({ tenants: list, count: list.length });
  });

  const liveTenant = (c: Context): Tenant | Response => {
    const tenant = tenants.get(c.req.param("slug") ?? "");
    return tenant && tenant.status !== "deleted" ? tenant : jsonError(404, "Tenant not found");
  };

  app.post("/v1/admin/tenants/:slug/suspend", (c) => {
    const tenant = liveTenant(c);
    if (tenant instanceof Response) return tenant;
    tenant.status = "suspended";
    tenant.updated_at = timestampOffset(ctx.state.now());
    return c.json({ status: "suspended", slug: tenant.slug });
  });

  app.delete("/v1/admin/tenants/:slug", (c) => {
    const tenant = liveTenant(c);
    if (tenant instanceof Response) return tenant;
    tenant.status = "deleted";
    tenant.deleted_at = tenant.updated_at = timestampOffset(ctx.state.now());
    return c.json({ status: "deleted", slug: tenant.slug });
  });

  app.get("/v1/admin/rate-limits/overrides", (c) => {
    const tenantId = c.req.query("tenant_id");
    const userId = c.req.query("user_id");
    const list = [...overrides.values()].filter((o) =>
      (tenantId === undefined || o.tenant_id === tenantId) &&
      (userId === undefined || o.user_id === userId)
    );
    return c.json({ overrides: list, count: list.length });
  });

  app.post("/v1/admin/rate-limits/overrides", async (c) => {
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body)) return unprocessable("invalid type: expected struct");
    for (const field of ["resource_type", "bucket"]) {
      if (typeof body[field] !== "string") return unprocessable(`missing field \`${field}\``);
    }
    if (!Number.isInteger(body.limit_value)) {
      return unprocessable("missing or invalid field `limit_value`");
    }
    const burst = body.burst_value;
    if (burst !== undefined && burst !== null && !Number.isInteger(burst)) {
      return unprocessable("invalid type for `burst_value`: expected an integer");
    }
    const tenantId = typeof body.tenant_id === "string" ? body.tenant_id : null;
    const userId = typeof body.user_id === "string" ? body.user_id : null;
    if ((tenantId === null) === (userId === null)) {
      return jsonError(400, "Exactly one of tenant_id or user_id must be provided");
    }
    const now = timestampZ(ctx.state.now());
    const existing = [...overrides.values()].find((o) =>
      o.tenant_id === tenantId && o.user_id === userId &&
      o.resource_type === body.resource_type && o.bucket === body.bucket
    );
    const override: RateLimitOverride = {
      id: existing?.id ?? crypto.randomUUID(),
      tenant_id: tenantId,
      user_id: userId,
      resource_type: body.resource_type as string,
      bucket: body.bucket as string,
      limit_value: body.limit_value as number,
      burst_value: (burst as number | undefined) ?? null,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    overrides.set(override.id, override);
    return c.json(override);
  });

  app.delete("/v1/admin/rate-limits/overrides/:id", (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    if (!overrides.delete(id)) return jsonError(404, "Override not found");
    return c.json({ status: "deleted", id });
  });

  app.get("/v1/admin/rate-limits/usage", (c) => {
    const scopeType = c.req.query("scope_type");
    const scopeId = c.req.query("scope_id");
    if (scopeType === undefined) {
      return plainText(400, "Failed to deserialize query string: missing field `scope_type`");
    }
    if (scopeId === undefined) {
      return plainText(400, "Failed to deserialize query string: missing field `scope_id`");
    }
    const usage = data.rateLimitUsage.filter((u) =>
      u.scope_type === scopeType && u.scope_id === scopeId
    );
    return c.json({ usage, count: usage.length });
  });
}
