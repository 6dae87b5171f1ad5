/**
 * Fake `/v1/user/*` routes, answering from `fake.platform.userRateLimitUsage`.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";

/** Registers the `/v1/user/*` routes. */
export function registerUserRoutes(app: Hono, ctx: FakeContext): void {
  app.get(
    "/v1/user/rate-limits/usage",
    (c) =>
      c.json({
        usage: ctx.platform.userRateLimitUsage,
        count: ctx.platform.userRateLimitUsage.length,
      }),
  );
}
