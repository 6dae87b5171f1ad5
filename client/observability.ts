/**
 * Operator observability: dashboard summary, security incidents and storage violations.
 * Operator tokens only (others get 403 `operator_required`).
 *
 * @module
 */

import type { ClusterStatus } from "./cluster.ts";
import type { AegisCore } from "./core/core.ts";
import type { RequestOptions } from "./core/options.ts";

/** `GET /v1/dashboard/summary`. */
export interface DashboardSummary {
  generated_at: string;
  uptime_seconds: number;
  cluster: ClusterStatus;
  swarm_count: number;
  stimulus_count: number;
  security_incident_count: number;
  storage_violation_count: number;
  recent_execution_count: number;
  recent_workflow_execution_count: number;
}

/** One security incident. */
export interface SecurityIncident {
  category: string;
  severity: string;
  agent_id?: string | null;
  execution_id?: string | null;
  session_id?: string | null;
  tool_name?: string | null;
  details: string;
  occurred_at: string;
}

/** `GET /v1/security/incidents`. */
export interface SecurityIncidentList {
  items: SecurityIncident[];
}

/** One storage-policy violation. */
export interface StorageViolation {
  category: string;
  execution_id: string;
  volume_id?: string | null;
  path?: string | null;
  operation?: string | null;
  details: string;
  occurred_at: string;
}

/** `GET /v1/storage/violations`. */
export interface StorageViolationList {
  items: StorageViolation[];
}

/** Options of the incident and violation lists. */
export interface ObservabilityListOptions extends RequestOptions {
  /** At most this many entries (1..500). */
  limit?: number;
}

/**
 * Gets the operator dashboard summary.
 *
 * @example
 * ```ts
 * import { AegisCore, getDashboardSummary } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await getDashboardSummary(core)).cluster.cluster_health);
 * ```
 */
export async function getDashboardSummary(
  core: AegisCore,
  options?: RequestOptions,
): Promise<DashboardSummary> {
  return await core.request({ method: "GET", path: "/v1/dashboard/summary" }, options);
}

/**
 * Lists recent security incidents (`GET /v1/security/incidents`).
 *
 * @example
 * ```ts
 * import { AegisCore, listSecurityIncidents } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listSecurityIncidents(core, { limit: 20 })).items);
 * ```
 */
export async function listSecurityIncidents(
  core: AegisCore,
  options: ObservabilityListOptions = {},
): Promise<SecurityIncidentList> {
  return await core.request({
    method: "GET",
    path: "/v1/security/incidents",
    query: { limit: options.limit },
  }, options);
}

/**
 * Lists storage-policy violations (`GET /v1/storage/violations`). A repository failure comes
 * back from the server as HTTP 200 `{error, items: []}`; it becomes an `AegisApiError` with
 * `embedded: true` instead of a misleading empty list.
 *
 * @example
 * ```ts
 * import { AegisCore, listStorageViolations } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listStorageViolations(core)).items);
 * ```
 */
export async function listStorageViolations(
  core: AegisCore,
  options: ObservabilityListOptions = {},
): Promise<StorageViolationList> {
  return await core.request({
    method: "GET",
    path: "/v1/storage/violations",
    query: { limit: options.limit },
    embeddedErrors: true,
  }, options);
}
