/**
 * Fake `/health*` routes.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";

/** Registers the health probes. */
export function registerHealthRoutes(app: Hono, ctx: FakeContext): void {
  const { startedAt } = ctx;
  const live = () => ({
    status: "healthy",
    mode: "live",
    uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
  });
  app.get("/health", (c) => c.json(live()));
  app.get("/health/live", (c) => c.json(live()));
  app.get("/health/ready", (c) =>
    c.json({
      status: "ready",
      uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
      dependencies: { database: true, temporal: true, cluster_repository: true },
    }));
}
