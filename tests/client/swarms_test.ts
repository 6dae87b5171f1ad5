import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BadRequestError, InvalidArgumentError, NotFoundError } from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("swarms", () => {
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
});
