/**
 * Mutable data behind the fake orchestrator's billing, cluster, swarm, observability, Cortex and
 * rate-limit routes. Reach it as `fake.platform` and change it between calls to put the fake in
 * the state a test needs (billing switched off, a swarm present, a repository error, ...).
 *
 * @module
 */

import type { RateLimitOverride, Tenant, UsageRecord } from "../client/admin.ts";
import type { Invoice } from "../client/billing.ts";
import type { ClusterNode } from "../client/cluster.ts";
import type { CortexPattern, CortexSkill } from "../client/cortex.ts";
import type { SecurityIncident, StorageViolation } from "../client/observability.ts";
import type { SwarmDetail } from "../client/swarms.ts";
import type { UserRateLimitBucket } from "../client/users.ts";

/** The caller's paid Stripe subscription, as the fake's plan-change routes see it. */
export interface FakeBillingSubscription {
  /** Current tier. */
  tier: "pro" | "business" | "enterprise";
  /** Billing interval. */
  interval: "month" | "year";
  /** Extra seats beyond the tier's included ones. */
  seats: number;
  /** End of the current period, epoch ms (default: 30 days after first use). */
  periodEnd?: number;
}

/** The state the fake's platform routes answer from. Every field may be changed at any time. */
export interface FakePlatformData {
  /**
   * `false` makes every `/v1/billing/*` route answer 501
   * `{"error":"billing_not_configured","message":"Stripe billing is not configured"}`.
   */
  billingConfigured: boolean;
  /** Returned by `GET /v1/billing/invoices`. */
  invoices: Invoice[];
  /**
   * The caller's paid subscription behind `POST /v1/billing/seats`, `/preview-tier-change` and
   * `/change-tier` (default none: those answer 404 "No subscription found").
   */
  billingSubscription: FakeBillingSubscription | undefined;
  /** Nodes of `GET /v1/cluster/status` and `/v1/cluster/nodes` (default: one controller). */
  clusterNodes: ClusterNode[];
  /** Swarms (`GET /v1/swarms`, `/v1/swarms/{id}`). */
  swarms: SwarmDetail[];
  /** `GET /v1/security/incidents`. */
  securityIncidents: SecurityIncident[];
  /** `GET /v1/storage/violations`. */
  storageViolations: StorageViolation[];
  /**
   * When set, `GET /v1/storage/violations` answers HTTP 200 `{error: <this>, items: []}`, like
   * the orchestrator on a repository failure.
   */
  storageViolationsError: string | undefined;
  /** `false` makes the Cortex routes answer 503 `cortex_not_configured`. */
  cortexConfigured: boolean;
  /** `GET /v1/cortex/patterns`. */
  cortexPatterns: CortexPattern[];
  /** `GET /v1/cortex/skills`. */
  cortexSkills: CortexSkill[];
  /** `GET /v1/user/rate-limits/usage`. */
  userRateLimitUsage: UserRateLimitBucket[];
  /** `GET /v1/admin/rate-limits/usage` (filtered by `scope_type` and `scope_id`). */
  rateLimitUsage: UsageRecord[];
  /** Rate-limit overrides by id (`/v1/admin/rate-limits/overrides*`). */
  rateLimitOverrides: Map<string, RateLimitOverride>;
  /** Tenants by slug (`/v1/admin/tenants*`, which the real orchestrator does not serve). */
  tenants: Map<string, Tenant>;
}

/** Options of {@link createPlatformData}. */
export interface PlatformDataOptions {
  /** Initial `billingConfigured` (default true). */
  billingConfigured?: boolean;
  /** Clock for generated timestamps (default `Date.now`). */
  now?: () => number;
}

/**
 * Creates the default platform data: billing and Cortex configured, one healthy controller
 * node, everything else empty.
 *
 * @example
 * ```ts
 * import { createPlatformData } from "./platform.ts";
 *
 * const data = createPlatformData({ billingConfigured: false });
 * console.log(data.clusterNodes.length); // 1
 * ```
 */
export function createPlatformData(options: PlatformDataOptions = {}): FakePlatformData {
  const now = new Date((options.now ?? Date.now)()).toISOString();
  return {
    billingConfigured: options.billingConfigured ?? true,
    invoices: [],
    billingSubscription: undefined,
    clusterNodes: [{
      node_id: crypto.randomUUID(),
      role: "controller",
      status: "active",
      grpc_address: "127.0.0.1:50051",
      gpu_count: 0,
      vram_gb: 0,
      cpu_cores: 2,
      available_memory_gb: 4,
      supported_runtimes: ["docker"],
      tags: [],
      last_heartbeat_at: now,
      registered_at: now,
    }],
    swarms: [],
    securityIncidents: [],
    storageViolations: [],
    storageViolationsError: undefined,
    cortexConfigured: true,
    cortexPatterns: [],
    cortexSkills: [],
    userRateLimitUsage: [],
    rateLimitUsage: [],
    rateLimitOverrides: new Map(),
    tenants: new Map(),
  };
}
