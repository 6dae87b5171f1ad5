/**
 * Fake `/v1/cortex/*` routes, answering from `fake.platform`. Quirks kept: skills and metrics
 * use camelCase; an unconfigured Cortex answers 503 `{error:"cortex_not_configured", message}`.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import { limitOf } from "../internal/http.ts";

/** Registers the Cortex routes. */
export function registerCortexRoutes(app: Hono, ctx: FakeContext): void {
  const cortexOff = () =>
    ctx.platform.cortexConfigured ? undefined : Response.json(
      { error: "cortex_not_configured", message: "Cortex is not configured on this node" },
      { status: 503 },
    );

  app.get("/v1/cortex/patterns", (c) => {
    const off = cortexOff();
    if (off) return off;
    const q = c.req.query("q");
    const items = ctx.platform.cortexPatterns
      .filter((p) =>
        q === undefined || q === "" ||
        [p.error_signature_hash, p.error_type, p.error_message].some((f) => f.includes(q))
      )
      .slice(0, limitOf(c, 100, Number.MAX_SAFE_INTEGER));
    return c.json({ items });
  });

  app.get("/v1/cortex/skills", (c) => cortexOff() ?? c.json({ items: ctx.platform.cortexSkills }));

  app.get("/v1/cortex/metrics", (c) => {
    const off = cortexOff();
    if (off) return off;
    const patterns = ctx.platform.cortexPatterns;
    const skills = ctx.platform.cortexSkills;
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
}
