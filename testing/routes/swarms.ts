/**
 * Fake `/v1/swarms*` routes, answering from `fake.platform.swarms`. Quirk kept: an unknown swarm
 * is HTTP 200 `{"error":"swarm not found"}`. Swarm routes use the tenant middleware, so
 * `X-Tenant-Id` selects the tenant.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import { limitOf, tenantOf, uuidParam } from "../internal/http.ts";

/** Registers the swarm routes. */
export function registerSwarmRoutes(app: Hono, ctx: FakeContext): void {
  app.get("/v1/swarms", (c) => {
    const items = ctx.platform.swarms
      .filter((s) => s.swarm.tenant_id === tenantOf(c, ctx))
      .map((s) => s.swarm)
      .slice(0, limitOf(c, 500, 500));
    return c.json({ items });
  });

  app.get("/v1/swarms/:swarm_id", (c) => {
    const id = uuidParam(c, "swarm_id");
    if (id instanceof Response) return id;
    const found = ctx.platform.swarms.find((s) =>
      s.swarm.swarm_id === id && s.swarm.tenant_id === tenantOf(c, ctx)
    );
    return c.json(found ?? { error: "swarm not found" });
  });
}
