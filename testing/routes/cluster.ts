/**
 * Fake `/v1/cluster/*` routes, answering from `fake.platform.clusterNodes`.
 *
 * @module
 */

import type { Hono } from "hono";
import { clusterStatus } from "../internal/cluster_status.ts";
import type { FakeContext } from "../internal/context.ts";
import { limitOf } from "../internal/http.ts";

/** Registers the cluster routes. */
export function registerClusterRoutes(app: Hono, ctx: FakeContext): void {
  app.get("/v1/cluster/status", (c) => c.json(clusterStatus(ctx.platform)));

  app.get("/v1/cluster/nodes", (c) => {
    const status = clusterStatus(ctx.platform);
    return c.json({
      source: status.source,
      items: status.nodes.slice(0, limitOf(c, 500, 500)),
    });
  });
}
