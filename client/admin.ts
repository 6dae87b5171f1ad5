/**
 * Administration: tenant management (as the AEGIS SDK reference pages document it) and rate-limit
 * overrides and usage.
 *
 * **Tenant management is not served by the current orchestrator**: `/v1/admin/tenants*` answers
 * 404 (there is no HTTP tenant-management API). The tenant calls are implemented exactly as the
 * reference pages document them so that they work against orchestrators (and the fake) that
 * serve the routes; against today's orchestrator they reject with a `NotFoundError`.
 *
 * The rate-limit routes exist and check only that the caller has a valid JWT.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** Quotas of a tenant. */
export interface TenantQuotas {
  /** Concurrent executions allowed. */
  max_concurrent_executions: number;
  /** Agents allowed. */
  max_agents: number;
  /** Storage allowed in GB. */
  max_storage_gb: number;
}

/** A tenant. */
export interface Tenant {
  /** Tenant slug. */
  slug: string;
  /** Human-readable name. */
  display_name: string;
  /** e.g. `"active"`, `"suspended"`, `"deleted"`. */
  status: string;
  /** Subscription tier. */
  tier: string;
  /** Keycloak realm of the tenant. */
  keycloak_realm: string;
  /** Secret-store namespace of the tenant. */
  openbao_namespace: string;
  /** Quotas of the tenant. */
  quotas: TenantQuotas;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last update time (RFC 3339). */
  updated_at: string;
  /** Soft-deletion time, if deleted. */
  deleted_at?: string | null;
}

/** `GET /v1/admin/tenants`. */
export interface TenantList {
  /** The tenants. */
  tenants: Tenant[];
  /** Number of entries in the list. */
  count: number;
}

/** Answer of suspend and delete. */
export interface TenantStatusResponse {
  /** Status. */
  status: string;
  /** Tenant slug. */
  slug: string;
}

/** A rate-limit override for one tenant or one user. */
export interface RateLimitOverride {
  /** Unique id (UUID). */
  id: string;
  /** Tenant the record belongs to; `null` when there is none. */
  tenant_id: string | null;
  /** User id; `null` when there is none. */
  user_id: string | null;
  /** Limited resource. */
  resource_type: string;
  /** Window kind. */
  bucket: string;
  /** Limit per window. */
  limit_value: number;
  /** Burst allowance; `null` when there is none. */
  burst_value: number | null;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last update time (RFC 3339). */
  updated_at: string;
}

/** `GET /v1/admin/rate-limits/overrides`. */
export interface RateLimitOverrideList {
  /** The overrides. */
  overrides: RateLimitOverride[];
  /** Number of entries in the list. */
  count: number;
}

/** Filter of {@link listRateLimitOverrides}. */
export interface RateLimitOverrideFilter {
  /** Only overrides of this tenant (sent as `tenant_id`). */
  tenantId?: string;
  /** Only overrides of this user (sent as `user_id`). */
  userId?: string;
}

/** Body of {@link createRateLimitOverride}: exactly one of `tenant_id` and `user_id`. */
export interface RateLimitOverrideInput {
  /** Tenant the record belongs to. */
  tenant_id?: string;
  /** User id. */
  user_id?: string;
  /** `agent_execution`, `workflow_execution`, `llm_call`, `llm_token` or `seal_tool:<pattern>`. */
  resource_type: string;
  /** `per_minute`, `hourly`, `daily`, `weekly` or `monthly`. */
  bucket: string;
  /** Integer limit per window. */
  limit_value: number;
  /** Integer burst allowance. */
  burst_value?: number;
}

/** `DELETE /v1/admin/rate-limits/overrides/{id}` answer. */
export interface DeleteRateLimitOverrideResponse {
  /** Status. */
  status: "deleted";
  /** Unique id (UUID). */
  id: string;
}

/** One usage counter. */
export interface UsageRecord {
  /** Scope kind, e.g. `tenant`. */
  scope_type: string;
  /** Scope id. */
  scope_id: string;
  /** Limited resource. */
  resource_type: string;
  /** Window kind. */
  bucket: string;
  /** Start of the window. */
  window_start: string;
  /** Calls counted. */
  counter: number;
}

/** `GET /v1/admin/rate-limits/usage`. */
export interface RateLimitUsage {
  /** The usage counters. */
  usage: UsageRecord[];
  /** Number of entries in the list. */
  count: number;
}

/**
 * Creates a tenant (`POST /v1/admin/tenants` `{slug, display_name, tier}`; tier defaults to
 * `"enterprise"`). Not served by the current orchestrator (404).
 *
 * @example
 * ```ts
 * import { AegisCore, createTenant } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const tenant = await createTenant(core, "acme", "Acme Corp");
 * console.log(tenant.tier); // "enterprise"
 * ```
 */
export function createTenant(
  core: AegisCore,
  slug: string,
  displayName: string,
  tier = "enterprise",
  options?: RequestOptions,
): AegisPromise<Tenant> {
  return AegisPromise.run(core, async (core) => {
    if (typeof slug !== "string" || slug.length === 0) {
      throw new InvalidArgumentError("slug", "must be a non-empty string");
    }
    return await core.request({
      method: "POST",
      path: "/v1/admin/tenants",
      json: { slug, display_name: displayName, tier },
    }, options);
  });
}

/**
 * Lists tenants. Not served by the current orchestrator (404).
 *
 * @example
 * ```ts
 * import { AegisCore, listTenants } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listTenants(core)).count); // 0
 * ```
 */
export function listTenants(core: AegisCore, options?: RequestOptions): AegisPromise<TenantList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/admin/tenants" }, options);
  });
}

/**
 * Suspends a tenant (`POST /v1/admin/tenants/{slug}/suspend`). Not served by the current
 * orchestrator (404).
 *
 * @example
 * ```ts
 * import { AegisCore, createTenant, suspendTenant } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await createTenant(core, "acme", "Acme Corp");
 * console.log(await suspendTenant(core, "acme")); // { status: "suspended", slug: "acme" }
 * ```
 */
export function suspendTenant(
  core: AegisCore,
  slug: string,
  options?: RequestOptions,
): AegisPromise<TenantStatusResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: path`/v1/admin/tenants/${slug}/suspend`,
      idempotent: true,
    }, options);
  });
}

/**
 * Soft-deletes a tenant (`DELETE /v1/admin/tenants/{slug}`). Not served by the current
 * orchestrator (404).
 *
 * @example
 * ```ts
 * import { AegisCore, createTenant, deleteTenant } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await createTenant(core, "acme", "Acme Corp");
 * console.log(await deleteTenant(core, "acme")); // { status: "deleted", slug: "acme" }
 * ```
 */
export function deleteTenant(
  core: AegisCore,
  slug: string,
  options?: RequestOptions,
): AegisPromise<TenantStatusResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "DELETE", path: path`/v1/admin/tenants/${slug}` }, options);
  });
}

/**
 * Lists rate-limit overrides, optionally only those of one tenant or user.
 *
 * @example
 * ```ts
 * import { AegisCore, listRateLimitOverrides } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listRateLimitOverrides(core, { tenantId: "acme" })).count); // 0
 * ```
 */
export function listRateLimitOverrides(
  core: AegisCore,
  filter: RateLimitOverrideFilter = {},
  options?: RequestOptions,
): AegisPromise<RateLimitOverrideList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/admin/rate-limits/overrides",
      query: { tenant_id: filter.tenantId, user_id: filter.userId },
    }, options);
  });
}

/**
 * Creates or replaces (upserts) a rate-limit override. Exactly one of `tenant_id` and
 * `user_id` must be given: this is checked locally (`InvalidArgumentError`, nothing sent) as
 * well as by the server (400). Safe to repeat, so it is retried like a PUT.
 *
 * @example
 * ```ts
 * import { AegisCore, createRateLimitOverride } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const override = await createRateLimitOverride(core, {
 *   tenant_id: "acme", resource_type: "agent_execution", bucket: "hourly", limit_value: 500,
 * });
 * console.log(override.id);
 * ```
 */
export function createRateLimitOverride(
  core: AegisCore,
  payload: RateLimitOverrideInput,
  options?: RequestOptions,
): AegisPromise<RateLimitOverride> {
  return AegisPromise.run(core, async (core) => {
    const hasTenant = payload.tenant_id !== undefined && payload.tenant_id !== null;
    const hasUser = payload.user_id !== undefined && payload.user_id !== null;
    if (hasTenant === hasUser) {
      throw new InvalidArgumentError(
        "payload",
        "exactly one of tenant_id or user_id must be provided",
      );
    }
    return await core.request({
      method: "POST",
      path: "/v1/admin/rate-limits/overrides",
      json: payload,
      idempotent: true,
    }, options);
  });
}

/**
 * Deletes a rate-limit override.
 *
 * @example
 * ```ts
 * import { AegisCore, deleteRateLimitOverride } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await deleteRateLimitOverride(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function deleteRateLimitOverride(
  core: AegisCore,
  overrideId: string,
  options?: RequestOptions,
): AegisPromise<DeleteRateLimitOverrideResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "DELETE",
      path: path`/v1/admin/rate-limits/overrides/${overrideId}`,
    }, options);
  });
}

/**
 * Gets the usage counters of one scope (`scope_type` e.g. `"tenant"` or `"user"`).
 *
 * @example
 * ```ts
 * import { AegisCore, getRateLimitUsage } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await getRateLimitUsage(core, "tenant", "acme")).usage);
 * ```
 */
export function getRateLimitUsage(
  core: AegisCore,
  scopeType: string,
  scopeId: string,
  options?: RequestOptions,
): AegisPromise<RateLimitUsage> {
  return AegisPromise.run(core, async (core) => {
    for (const [name, value] of [["scopeType", scopeType], ["scopeId", scopeId]] as const) {
      if (typeof value !== "string" || value.length === 0) {
        throw new InvalidArgumentError(name, "is required (a non-empty string)");
      }
    }
    return await core.request({
      method: "GET",
      path: "/v1/admin/rate-limits/usage",
      query: { scope_type: scopeType, scope_id: scopeId },
    }, options);
  });
}
