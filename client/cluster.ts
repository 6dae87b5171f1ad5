/**
 * Cluster status and nodes (`/v1/cluster/*`; scopes `node:read` and `node:list`).
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";

/** One orchestrator node. */
export interface ClusterNode {
  /** Node id. */
  node_id: string;
  /** Team role. */
  role: string;
  /** Status. */
  status: string;
  /** gRPC address of the node. */
  grpc_address: string;
  /** Number of GPUs. */
  gpu_count: number;
  /** GPU memory in GB. */
  vram_gb: number;
  /** CPU cores. */
  cpu_cores: number;
  /** Free memory in GB. */
  available_memory_gb: number;
  /** Container runtimes the node supports. */
  supported_runtimes: string[];
  /** Tags. */
  tags: string[];
  /** Last heartbeat (RFC 3339). */
  last_heartbeat_at: string;
  /** Registration time (RFC 3339). */
  registered_at: string;
}

/** `GET /v1/cluster/status`. */
export interface ClusterStatus {
  /** Where the view came from, e.g. `"cluster_repository"` or `"local_fallback"`. */
  source: string;
  /** Controller node; `null` when there is none. */
  controller_node_id: string | null;
  /** Number of nodes. */
  total_nodes: number;
  /** Active nodes. */
  active_nodes: number;
  /** Draining nodes. */
  draining_nodes: number;
  /** Unhealthy nodes. */
  unhealthy_nodes: number;
  /** Overall health, e.g. `healthy`. */
  cluster_health: string;
  /** The nodes. */
  nodes: ClusterNode[];
}

/** `GET /v1/cluster/nodes`. */
export interface ClusterNodeList {
  /** Where the view came from. */
  source: "cluster_repository" | "local_fallback";
  /** The entries. */
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
export function getClusterStatus(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<ClusterStatus> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/cluster/status" }, options);
  });
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
export function getClusterNodes(
  core: AegisCore,
  options: ClusterNodesOptions = {},
): AegisPromise<ClusterNodeList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/cluster/nodes",
      query: { limit: options.limit },
    }, options);
  });
}
