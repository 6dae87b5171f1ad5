/**
 * Fake cluster, swarm, observability, Cortex and user rate-limit routes, answering from
 * `fake.platform` (see {@link FakePlatformData}). Quirks kept: an unknown swarm is HTTP 200
 * `{"error":"swarm not found"}`; a storage-violation repository error is HTTP 200
 * `{error, items: []}`; Cortex skills and metrics use camelCase; an unconfigured Cortex answers
 * 503 `{error:"cortex_not_configured", message}`. The fake's caller counts as an operator, so
 * the operator-only routes answer.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { ClusterStatus } from "../../client/cluster.ts";
import type { FakeContext } from "../context.ts";
import { timestampZ, uuidParam } from "../http.ts";
import type { FakePlatformData } from "../platform.ts";

/** Registers the cluster, swarm, observability, Cortex and `/v1/user/*` routes. */
export function registerClusterRoutes(app: Hono, ctx: FakeContext, data: FakePlatformData): void {
  const startedAt = ctx.state.now();

  const clusterStatus = (): ClusterStatus => {
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
  };

  app.get("/v1/cluster/status", (c) => c.json(clusterStatus()));

  app.get("/v1/cluster/nodes", (c) => {
    const status = clusterStatus();
    return c.json({
      source: status.source,
      items: status.nodes.slice(0, limitOf(c, 500, 500)),
    });
  });

  app.get("/v1/swarms", (c) => {
    const items = data.swarms
      .filter((s) => s.swarm.tenant_id === tenantOf(c, ctx))
      .map((s) => s.swarm)
      .slice(0, limitOf(c, 500, 500));
    return c.json({ items });
  });

  app.get("/v1/swarms/:swarm_id", (c) => {
    const id = uuidParam(c, "swarm_id");
    if (id instanceof Response) return id;
    const found = data.swarms.find((s) =>
      s.swarm.swarm_id === id && s.swarm.tenant_id === tenantOf(c, ctx)
    );
    return c.json(found ?? { error: "swarm not found" });
  });

  app.get("/v1/dashboard/summary", (c) =>
    c.json({
      generated_at: timestampZ(ctx.state.now()),
      uptime_seconds: Math.floor((ctx.state.now() - startedAt) / 1000),
      cluster: clusterStatus(),
      swarm_count: data.swarms.length,
      stimulus_count: 0,
      security_incident_count: data.securityIncidents.length,
      storage_violation_count: data.storageViolations.length,
      recent_execution_count: ctx.state.executions.size,
      recent_workflow_execution_count: 0,
    }));

  app.get(
    "/v1/security/incidents",
    (c) => c.json({ items: data.securityIncidents.slice(0, limitOf(c, 500, 500)) }),
  );

  app.get("/v1/storage/violations", (c) => {
    if (data.storageViolationsError !== undefined) {
      return c.json({ error: data.storageViolationsError, items: [] });
    }
    return c.json({ items: data.storageViolations.slice(0, limitOf(c, 500, 500)) });
  });

  const cortexOff = () =>
    data.cortexConfigured ? undefined : Response.json(
      { error: "cortex_not_configured", message: "Cortex is not configured on this node" },
      { status: 503 },
    );

  app.get("/v1/cortex/patterns", (c) => {
    const off = cortexOff();
    if (off) return off;
    const q = c.req.query("q");
    const items = data.cortexPatterns
      .filter((p) =>
        q === undefined || q === "" ||
        [p.error_signature_hash, p.error_type, p.error_message].some((f) => f.includes(q))
      )
      .slice(0, limitOf(c, 100, Number.MAX_SAFE_INTEGER));
    return c.json({ items });
  });

  app.get("/v1/cortex/skills", (c) => cortexOff() ?? c.json({ items: data.cortexSkills }));

  app.get("/v1/cortex/metrics", (c) => {
    const off = cortexOff();
    if (off) return off;
    const patterns = data.cortexPatterns;
    const skills = data.cortexSkills;
    const avg = patterns.length === 0
      ? 0
      : patterns.reduce((sum, p) => sum + p.success_score, 0) / patterns.length;
    return c.json({
      totalPatterns: patterns.length,
      totalSkills: skills.length,
      avgSuccessRate: avg,
      totalFrequency: patterns.reduce((sum, p) => sum + p.frequency, 0),
      patternsThisWeek: 0,
      growthRate: 0,
      firstAttemptSuccessRate: 0,
      averageIterations: 0,
      learningVelocity: 0,
      mostUsedSkills: [...skills].sort((a, b) => b.usageCount - a.usageCount).slice(0, 5)
        .map((s) => s.name),
    });
  });

  app.get(
    "/v1/user/rate-limits/usage",
    (c) => c.json({ usage: data.userRateLimitUsage, count: data.userRateLimitUsage.length }),
  );
}

/** `limit` query parameter: default when absent or not a number, else clamped to `1..max`. */
function limitOf(c: Context, fallback: number, max: number): number {
  const raw = c.req.query("limit");
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(value)));
}

/** Swarm routes use the tenant middleware, so `X-Tenant-Id` selects the tenant. */
function tenantOf(c: Context, ctx: FakeContext): string {
  return c.req.header("x-tenant-id") || ctx.tenantId;
}
