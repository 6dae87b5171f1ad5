import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisApiError, PermissionDeniedError } from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("observability", () => {
  it("getDashboardSummary and listSecurityIncidents({limit})", async () => {
    const h = setup();
    h.fake.platform.securityIncidents.push({
      category: "policy_violation",
      severity: "high",
      agent_id: null,
      execution_id: null,
      session_id: null,
      tool_name: "fs.write",
      details: "write outside workspace",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    const summary = await h.client.getDashboardSummary();
    assert.equal(h.last().path, "/v1/dashboard/summary");
    assert.equal(summary.security_incident_count, 1);
    assert.equal(summary.cluster.total_nodes, 1);
    const incidents = await h.client.listSecurityIncidents({ limit: 1 });
    assert.equal(h.last().path, "/v1/security/incidents");
    assert.equal(h.last().search, "limit=1");
    assert.equal(incidents.items[0].tool_name, "fs.write");
  });

  it("operator-only routes map 403 operator_required", async () => {
    const h = setup();
    h.fake.faults.add({
      path: "/v1/dashboard/summary",
      status: 403,
      body: { error: "operator_required", message: "operator role required" },
    });
    await assert.rejects(
      h.client.getDashboardSummary(),
      (e: unknown) => e instanceof PermissionDeniedError && e.code === "operator_required",
    );
  });

  it("listStorageViolations: items, or the HTTP-200 {error, items: []} as a typed error", async () => {
    const h = setup();
    h.fake.platform.storageViolations.push({
      category: "path_traversal",
      execution_id: crypto.randomUUID(),
      volume_id: null,
      path: "../etc/passwd",
      operation: null,
      details: "blocked",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    const ok = await h.client.listStorageViolations({ limit: 3 });
    assert.equal(h.last().path, "/v1/storage/violations");
    assert.equal(h.last().search, "limit=3");
    assert.equal(ok.items.length, 1);
    h.fake.platform.storageViolationsError = "database unavailable";
    await assert.rejects(h.client.listStorageViolations(), (e: unknown) => {
      assert.ok(e instanceof AegisApiError);
      assert.equal(e.embedded, true);
      assert.equal(e.serverMessage, "database unavailable");
      assert.deepEqual(e.body, { error: "database unavailable", items: [] });
      return true;
    });
  });
});
