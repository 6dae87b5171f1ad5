import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("cluster, swarms, observability, cortex, user", () => {
  it("getClusterStatus and getClusterNodes({limit})", async () => {
    const h = setup();
    const status = await h.client.getClusterStatus();
    assert.equal(h.last().path, "/v1/cluster/status");
    assert.equal(status.total_nodes, 1);
    assert.equal(status.cluster_health, "healthy");
    assert.equal(status.nodes[0].role, "controller");
    const nodes = await h.client.getClusterNodes({ limit: 5 });
    assert.equal(h.last().path, "/v1/cluster/nodes");
    assert.equal(h.last().search, "limit=5");
    assert.equal(nodes.source, "cluster_repository");
    assert.equal(nodes.items[0].node_id, status.nodes[0].node_id);
    await h.client.getClusterNodes();
    assert.equal(h.last().search, "");
  });

  it("listSwarms({limit}) honours X-Tenant-Id; getSwarm returns the detail", async () => {
    const h = setup({}, { tenantId: "acme" });
    const swarmId = crypto.randomUUID();
    h.fake.platform.swarms.push({
      swarm: {
        swarm_id: swarmId,
        parent_execution_id: crypto.randomUUID(),
        tenant_id: "acme",
        member_ids: [],
        member_count: 0,
        status: "active",
        created_at: "2026-01-01T00:00:00Z",
        dissolved_at: null,
        lock_count: 0,
        recent_message_count: 0,
      },
      locks: [],
      recent_messages: [],
    });
    const list = await h.client.listSwarms({ limit: 10 });
    assert.equal(h.last().search, "limit=10");
    assert.equal(list.items[0].swarm_id, swarmId);
    assert.deepEqual((await h.client.listSwarms({ tenantId: "other" })).items, []);
    assert.equal(h.last().headers.get("x-tenant-id"), "other");
    const detail = await h.client.getSwarm(swarmId);
    assert.equal(h.last().path, `/v1/swarms/${swarmId}`);
    assert.equal(detail.swarm.swarm_id, swarmId);
    assert.deepEqual(detail.locks, []);
  });

  it("getSwarm: HTTP 200 {error:'swarm not found'} → embedded NotFoundError; bad id → 400", async () => {
    const h = setup();
    await assert.rejects(h.client.getSwarm(crypto.randomUUID()), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.status, 200);
      assert.equal(e.embedded, true);
      return true;
    });
    await assert.rejects(h.client.getSwarm("nope"), BadRequestError);
    await assert.rejects(h.client.getSwarm(".."), InvalidArgumentError);
  });

  it("getDashboardSummary and listSecurityIncidents({limit})", async () => {
    const h = setup();
    h.fake.platform.securityIncidents.push({
      category: "policy_violation",
      severity: "high",
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
      path: "../etc/passwd",
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

describe("admin", () => {
  it("tenants: create (tier defaults to enterprise), list, suspend, delete", async () => {
    const h = setup();
    const tenant = await h.client.createTenant("acme", "Acme Corp");
    const create = h.last("/v1/admin/tenants");
    assert.equal(create.method, "POST");
    assert.deepEqual(JSON.parse(create.body!), {
      slug: "acme",
      display_name: "Acme Corp",
      tier: "enterprise",
    });
    assert.equal(tenant.tier, "enterprise");
    assert.equal(tenant.status, "active");
    assert.equal(typeof tenant.quotas.max_agents, "number");
    await h.client.createTenant("small", "Small", "pro");
    assert.equal(JSON.parse(h.last("/v1/admin/tenants").body!).tier, "pro");
    await assert.rejects(h.client.createTenant("acme", "Again"), ConflictError);
    assert.equal((await h.client.listTenants()).count, 2);
    assert.deepEqual(await h.client.suspendTenant("acme"), { status: "suspended", slug: "acme" });
    assert.equal(h.last().method, "POST");
    assert.equal(h.last().path, "/v1/admin/tenants/acme/suspend");
    assert.deepEqual(await h.client.deleteTenant("acme"), { status: "deleted", slug: "acme" });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, "/v1/admin/tenants/acme");
    assert.equal((await h.client.listTenants()).count, 1);
    await assert.rejects(h.client.suspendTenant("acme"), NotFoundError);
    await assert.rejects(h.client.deleteTenant("a/b"), NotFoundError);
    assert.equal(h.last().path, "/v1/admin/tenants/a%2Fb");
  });

  it("an orchestrator that does not serve tenant routes answers an empty 404 → NotFoundError", async () => {
    const h = setup();
    h.fake.faults.add({ path: "/v1/admin/tenants", status: 404, body: "" });
    await assert.rejects(h.client.listTenants(), NotFoundError);
  });

  it("rate-limit overrides: create (upsert), list with filters, delete", async () => {
    const h = setup();
    const created = await h.client.createRateLimitOverride({
      tenant_id: "acme",
      resource_type: "agent_execution",
      bucket: "hourly",
      limit_value: 500,
    });
    const post = h.last("/v1/admin/rate-limits/overrides");
    assert.equal(post.method, "POST");
    assert.deepEqual(JSON.parse(post.body!), {
      tenant_id: "acme",
      resource_type: "agent_execution",
      bucket: "hourly",
      limit_value: 500,
    });
    assert.equal(created.limit_value, 500);
    const updated = await h.client.createRateLimitOverride({
      tenant_id: "acme",
      resource_type: "agent_execution",
      bucket: "hourly",
      limit_value: 900,
      burst_value: 50,
    });
    assert.equal(updated.id, created.id);
    await h.client.createRateLimitOverride({
      user_id: "u-1",
      resource_type: "llm_call",
      bucket: "daily",
      limit_value: 10,
    });
    const all = await h.client.listRateLimitOverrides();
    assert.equal(h.last().search, "");
    assert.equal(all.count, 2);
    const acme = await h.client.listRateLimitOverrides({ tenantId: "acme" });
    assert.equal(h.last().search, "tenant_id=acme");
    assert.equal(acme.overrides[0].limit_value, 900);
    await h.client.listRateLimitOverrides({ userId: "u-1" });
    assert.equal(h.last().search, "user_id=u-1");
    assert.deepEqual(await h.client.deleteRateLimitOverride(created.id), {
      status: "deleted",
      id: created.id,
    });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/admin/rate-limits/overrides/${created.id}`);
    await assert.rejects(h.client.deleteRateLimitOverride(created.id), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.serverMessage, "Override not found");
      return true;
    });
  });

  it("createRateLimitOverride needs exactly one of tenant_id/user_id (locally and on the server)", async () => {
    const h = setup();
    const before = h.fake.requests.length;
    const base = { resource_type: "llm_call", bucket: "daily", limit_value: 1 };
    await assert.rejects(h.client.createRateLimitOverride(base), InvalidArgumentError);
    await assert.rejects(
      h.client.createRateLimitOverride({ ...base, tenant_id: "a", user_id: "b" }),
      /exactly one of tenant_id or user_id/,
    );
    assert.equal(h.fake.requests.length, before);
    const raw = await h.client.request({
      method: "POST",
      path: "/v1/admin/rate-limits/overrides",
      json: base,
    }).catch((e) => e);
    assert.ok(raw instanceof BadRequestError);
    assert.equal(raw.serverMessage, "Exactly one of tenant_id or user_id must be provided");
  });

  it("getRateLimitUsage sends scope_type and scope_id", async () => {
    const h = setup();
    h.fake.platform.rateLimitUsage.push({
      scope_type: "tenant",
      scope_id: "acme",
      resource_type: "agent_execution",
      bucket: "hourly",
      window_start: "2026-01-01T00:00:00Z",
      counter: 7,
    });
    const usage = await h.client.getRateLimitUsage("tenant", "acme");
    assert.equal(h.last().path, "/v1/admin/rate-limits/usage");
    assert.equal(h.last().search, "scope_type=tenant&scope_id=acme");
    assert.equal(usage.count, 1);
    assert.equal(usage.usage[0].counter, 7);
    assert.equal((await h.client.getRateLimitUsage("user", "acme")).count, 0);
    await assert.rejects(h.client.getRateLimitUsage("tenant", ""), InvalidArgumentError);
  });
});
