/**
 * Fake dashboard, security-incident and storage-violation routes, answering from
 * `fake.platform`. Quirk kept: a storage-violation repository error is HTTP 200
 * `{error, items: []}`. The fake's caller counts as an operator, so these operator-only routes
 * answer.
 *
 * @module
 */

import type { Hono } from "hono";
import { clusterStatus } from "../internal/cluster_status.ts";
import type { FakeContext } from "../internal/context.ts";
import { limitOf, timestampZ } from "../internal/http.ts";

/** Registers the observability routes. */
export function registerObservabilityRoutes(app: Hono, ctx: FakeContext): void {
  app.get("/v1/dashboard/summary", (c) =>
    c.json({
      generated_at: timestampZ(ctx.state.now()),
      uptime_seconds: Math.floor((ctx.state.now() - ctx.startedAt) / 1000),
      cluster: clusterStatus(ctx.platform),
      swarm_count: ctx.platform.swarms.length,
      stimulus_count: 0,
      security_incident_count: ctx.platform.securityIncidents.length,
      storage_violation_count: ctx.platform.storageViolations.length,
      recent_execution_count: ctx.state.executions.size,
      recent_workflow_execution_count: 0,
    }));

  app.get(
    "/v1/security/incidents",
    (c) => c.json({ items: ctx.platform.securityIncidents.slice(0, limitOf(c, 500, 500)) }),
  );

  app.get("/v1/storage/violations", (c) => {
    if (ctx.platform.storageViolationsError !== undefined) {
      return c.json({ error: ctx.platform.storageViolationsError, items: [] });
    }
    return c.json({ items: ctx.platform.storageViolations.slice(0, limitOf(c, 500, 500)) });
  });
}
