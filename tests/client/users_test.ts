import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { setup } from "../helpers.ts";

describe("user", () => {
  it("getUserRateLimitUsage returns {usage, count}", async () => {
    const h = setup();
    h.fake.platform.userRateLimitUsage.push({
      resource_type: "agent_execution",
      bucket: "hourly",
      current_count: 3,
      limit_value: 100,
      window_seconds: 3600,
      resets_at: "2026-01-01T01:00:00Z",
    });
    const usage = await h.client.getUserRateLimitUsage();
    assert.equal(h.last().path, "/v1/user/rate-limits/usage");
    assert.equal(usage.count, 1);
    assert.equal(usage.usage[0].current_count, 3);
  });
});
