/**
 * `GET /v1/cluster/status` as the orchestrator computes it from its node list (also part of the
 * dashboard summary).
 *
 * @module
 */

import type { ClusterStatus } from "../../client/cluster.ts";
import type { FakePlatformData } from "../platform.ts";

/** The cluster status of the fake's nodes. */
export function clusterStatus(data: FakePlatformData): ClusterStatus {
  const nodes = data.clusterNodes;
  const count = (status: string) => nodes.filter((n) => n.status === status).length;
  const unhealthy = nodes.length - count("active") - count("draining");
  return {
    source: nodes.length > 0 ? "cluster_repository" : "local_fallback",
    controller_node_id: nodes.find((n) => n.role === "controller")?.node_id ?? null,
    total_nodes: nodes.length,
    active_nodes: count("active"),
    draining_nodes: count("draining"),
    unhealthy_nodes: unhealthy,
    cluster_health: unhealthy === 0 && nodes.length > 0 ? "healthy" : "degraded",
    nodes,
  };
}
