import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InternalServerError } from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("cortex", () => {
  it("cortex: patterns with q/limit, camelCase skills and metrics, 503 when not configured", async () => {
    const h = setup();
    const pattern = {
      id: crypto.randomUUID(),
      error_signature_hash: "abc123",
      error_type: "ModuleNotFoundError",
      error_message: "No module named 'requests'",
      solution_approach: "pip install requests",
      solution_code: null,
      frequency: 4,
      success_count: 3,
      total_count: 4,
      success_score: 0.75,
      created_at: "2026-01-01T00:00:00Z",
      last_used_at: "2026-01-02T00:00:00Z",
    };
    h.fake.platform.cortexPatterns.push(pattern);
    h.fake.platform.cortexSkills.push({
      id: "s1",
      name: "python-deps",
      description: "fix imports",
      category: "python",
      level: "intermediate",
      patternCount: 1,
      usageCount: 4,
      successRate: 0.75,
    });
    const found = await h.client.listCortexPatterns({ q: "ModuleNotFound", limit: 2 });
    assert.equal(h.last().path, "/v1/cortex/patterns");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(h.last().search)), {
      q: "ModuleNotFound",
      limit: "2",
    });
    assert.deepEqual(found.items, [pattern]);
    assert.deepEqual((await h.client.listCortexPatterns({ q: "zzz" })).items, []);
    const skills = await h.client.getCortexSkills();
    assert.equal(h.last().path, "/v1/cortex/skills");
    assert.equal(skills.items[0].patternCount, 1);
    const metrics = await h.client.getCortexMetrics();
    assert.equal(h.last().path, "/v1/cortex/metrics");
    assert.equal(metrics.totalPatterns, 1);
    assert.deepEqual(metrics.mostUsedSkills, ["python-deps"]);
    h.fake.platform.cortexConfigured = false;
    await assert.rejects(
      h.client.getCortexMetrics({ maxRetries: 0 }),
      (e: unknown) => e instanceof InternalServerError && e.code === "cortex_not_configured",
    );
  });
});
