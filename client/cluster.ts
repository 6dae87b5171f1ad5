/**
 * Cluster status and nodes (`/v1/cluster/*`; scopes `node:read` and `node:list`).
 *
 * @module
 */

import type { AegisCore } from "./core/core.ts";
import type { RequestOptions } from "./core/options.ts";

/** One orchestrator node. */
export interface ClusterNode {
  node_id: string;
  role: string;
  status: string;
  grpc_address: string;
  gpu_count: number;
  vram_gb: number;
  cpu_cores: number;
  available_memory_gb: number;
  supported_runtimes: string[];
  tags: string[];
  last_heartbeat_at: string;
  registered_at: string;
}

/** `GET /v1/cluster/status`. */
export interface ClusterStatus {
  /** Where the view came from, e.g. `"cluster_repository"` or `"local_fallback"`. */
  source: string;
  controller_node_id?: string | null;
  total_nodes: number;
  active_nodes: number;
  draining_nodes: number;
  unhealthy_nodes: number;
  cluster_health: string;
  nodes: ClusterNode[];
}

/** `GET /v1/cluster/nodes`. */
export interface ClusterNodeList {
  source: "cluster_repository" | "local_fallback";
  items: ClusterNode[];
}

/** Options of {@link getClusterNodes}. */
export interface ClusterNodesOptions extends RequestOptions {
  /** At most this many nodes (1..500). */
  limit?: number;
}

/**
 * Gets the cluster's health and its nodes.
 *
 * @example
 * ```ts
 * import { AegisCore, getClusterStatus } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const status = await getClusterStatus(core);
 * console.log(status.cluster_health, status.total_nodes);
 * ```
 */
export async function getClusterStatus(
  core: AegisCore,
  options?: RequestOptions,
): Promise<ClusterStatus> {
  return await core.request({ method: "GET", path: "/v1/cluster/status" }, options);
}

/**
 * Lists cluster nodes (`{source, items}`).
 *
 * @example
 * ```ts
 * import { AegisCore, getClusterNodes } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { items } = await getClusterNodes(core, { limit: 10 });
 * console.log(items.map((n) => n.node_id));
 * ```
 */
export async function getClusterNodes(
  core: AegisCore,
  options: ClusterNodesOptions = {},
): Promise<ClusterNodeList> {
  return await core.request({
    method: "GET",
    path: "/v1/cluster/nodes",
    query: { limit: options.limit },
  }, options);
}
