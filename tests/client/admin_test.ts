import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BadRequestError, ConflictError, InvalidArgumentError, NotFoundError } from "../../mod.ts";
import { setup } from "../helpers.ts";

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
