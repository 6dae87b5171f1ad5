/**
 * Operator observability: dashboard summary, security incidents and storage violations.
 * Operator tokens only (others get 403 `operator_required`).
 *
 * @module
 */

import type { ClusterStatus } from "./cluster.ts";
import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";

/** `GET /v1/dashboard/summary`. */
export interface DashboardSummary {
  /** When the summary was computed. */
  generated_at: string;
  /** Orchestrator uptime in seconds. */
  uptime_seconds: number;
  /** Cluster status. */
  cluster: ClusterStatus;
  /** Number of swarms. */
  swarm_count: number;
  /** Number of stimuli. */
  stimulus_count: number;
  /** Number of security incidents. */
  security_incident_count: number;
  /** Number of storage violations. */
  storage_violation_count: number;
  /** Recent agent executions. */
  recent_execution_count: number;
  /** Recent workflow executions. */
  recent_workflow_execution_count: number;
}

/** One security incident. */
export interface SecurityIncident {
  /** Category. */
  category: string;
  /** Severity. */
  severity: string;
  /** Agent id; `null` when there is none. */
  agent_id: string | null;
  /** Execution id; `null` when there is none. */
  execution_id: string | null;
  /** SEAL session id; `null` when there is none. */
  session_id: string | null;
  /** Tool involved; `null` when there is none. */
  tool_name: string | null;
  /** Details. */
  details: string;
  /** When it happened (RFC 3339). */
  occurred_at: string;
}

/** `GET /v1/security/incidents`. */
export interface SecurityIncidentList {
  /** The entries. */
  items: SecurityIncident[];
}

/** One storage-policy violation. */
export interface StorageViolation {
  /** Category. */
  category: string;
  /** Execution id. */
  execution_id: string;
  /** Volume id; `null` when there is none. */
  volume_id: string | null;
  /** Path inside the volume; `null` when there is none. */
  path: string | null;
  /** File operation; `null` when there is none. */
  operation: string | null;
  /** Details. */
  details: string;
  /** When it happened (RFC 3339). */
  occurred_at: string;
}

/** `GET /v1/storage/violations`. */
export interface StorageViolationList {
  /** The entries. */
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
export function getDashboardSummary(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<DashboardSummary> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/dashboard/summary" }, options);
  });
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
export function listSecurityIncidents(
  core: AegisCore,
  options: ObservabilityListOptions = {},
): AegisPromise<SecurityIncidentList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/security/incidents",
      query: { limit: options.limit },
    }, options);
  });
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
export function listStorageViolations(
  core: AegisCore,
  options: ObservabilityListOptions = {},
): AegisPromise<StorageViolationList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/storage/violations",
      query: { limit: options.limit },
      embeddedErrors: true,
    }, options);
  });
}
