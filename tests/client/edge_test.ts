import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  cancelFleet,
  createEdgeGroup,
  createEnrollmentToken,
  deleteEdgeGroup,
  deleteEdgeHost,
  type FleetEvent,
  getEdgeGroup,
  getEdgeHost,
  getFleetRun,
  invokeFleet,
  listEdgeGroups,
  listEdgeHosts,
  listFleetRuns,
  previewFleet,
  updateEdgeGroup,
  updateEdgeHost,
} from "../../client/edge.ts";
import {
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

async function collect(stream: AsyncIterable<FleetEvent>): Promise<FleetEvent[]> {
  const events: FleetEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("edge fleet", () => {
  it("createEnrollmentToken POSTs {issued_to}", async () => {
    const h = setup();
    const token = await createEnrollmentToken(h.client, "build-box-1");
    const request = h.last("/v1/edge/enrollment-tokens");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), { issued_to: "build-box-1" });
    assert.deepEqual(Object.keys(token).sort(), [
      "command_hint",
      "controller_endpoint",
      "expires_at",
      "qr_payload",
      "token",
    ]);
    assert.ok(token.command_hint.includes(token.token));
  });

  it("hosts: list (bare array), get, patch (name and tags), delete (204)", async () => {
    const h = setup();
    const enrolled = h.fake.edge.enrollHost({ name: "box", tags: ["ci", "old"] });
    const offline = h.fake.edge.enrollHost({ connected: false });
    const list = await listEdgeHosts(h.client);
    assert.equal(h.last().path, "/v1/edge/hosts");
    assert.deepEqual(list.map((x) => x.id).sort(), [enrolled.id, offline.id].sort());
    const host = await getEdgeHost(h.client, offline.id);
    assert.deepEqual(Object.keys(host).sort(), [
      "arch",
      "connected",
      "enrolled_at",
      "id",
      "last_seen_at",
      "name",
      "os",
      "status",
      "tags",
      "tenant_id",
    ]);
    assert.equal(host.last_seen_at, null);
    assert.equal(host.connected, false);
    assert.match(host.name, /^edge-[0-9a-f]{8}$/);

    const patched = await updateEdgeHost(h.client, enrolled.id, {
      name: "builder",
      add_tags: ["gpu"],
      remove_tags: ["old"],
    });
    const patch = h.last(`/v1/edge/hosts/${enrolled.id}`);
    assert.equal(patch.method, "PATCH");
    assert.deepEqual(JSON.parse(patch.body!), {
      name: "builder",
      add_tags: ["gpu"],
      remove_tags: ["old"],
    });
    assert.equal(patched.name, "builder");
    assert.deepEqual(patched.tags, ["ci", "gpu"]);
    assert.deepEqual((await updateEdgeHost(h.client, enrolled.id, { tags: ["x"] })).tags, ["x"]);
    await assert.rejects(
      updateEdgeHost(h.client, enrolled.id, { name: " " }),
      InvalidArgumentError,
    );

    assert.equal(await deleteEdgeHost(h.client, offline.id), undefined);
    assert.equal(h.last().method, "DELETE");
    await assert.rejects(getEdgeHost(h.client, offline.id), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.code, "not_found");
      assert.deepEqual(e.body, { status: 404, code: "not_found", message: "edge" });
      return true;
    });
    await assert.rejects(getEdgeHost(h.client, "box"), InvalidArgumentError);
  });

  it("groups: create fills the selector the server requires; duplicate → 409; patch; delete", async () => {
    const h = setup();
    const group = await createEdgeGroup(h.client, {
      name: "linux-ci",
      selector: { os: "linux", tags: [{ Has: "ci" }] },
      created_by: "ops",
    });
    const post = h.last("/v1/edge/groups");
    assert.equal(post.method, "POST");
    assert.deepEqual(JSON.parse(post.body!), {
      name: "linux-ci",
      selector: { os: "linux", arch: null, tools: [], labels: [], tags: [{ Has: "ci" }] },
      created_by: "ops",
    });
    assert.deepEqual(Object.keys(group).sort(), [
      "created_at",
      "created_by",
      "id",
      "name",
      "pinned_members",
      "selector",
      "tenant_id",
    ]);
    assert.deepEqual(group.selector, {
      os: "linux",
      arch: null,
      tools: [],
      labels: [],
      tags: [{ Has: "ci" }],
    });
    await assert.rejects(
      createEdgeGroup(h.client, { name: "linux-ci", selector: {}, created_by: "ops" }),
      (e: unknown) => e instanceof ConflictError && e.code === "conflict",
    );
    const updated = await updateEdgeGroup(h.client, group.id, { selector: { arch: "arm64" } });
    assert.equal(h.last().method, "PATCH");
    assert.deepEqual(JSON.parse(h.last().body!), {
      selector: { os: null, arch: "arm64", tools: [], labels: [], tags: [] },
    });
    assert.equal(updated.selector.arch, "arm64");
    assert.equal(updated.name, "linux-ci");
    assert.deepEqual((await listEdgeGroups(h.client)).map((g) => g.id), [group.id]);
    assert.equal((await getEdgeGroup(h.client, group.id)).selector.os, null);
    assert.equal(await deleteEdgeGroup(h.client, group.id), undefined);
    await assert.rejects(getEdgeGroup(h.client, group.id), NotFoundError);
  });

  it("previewFleet resolves a target; unknown groups and hosts are the edge router's 400", async () => {
    const h = setup();
    const ci = h.fake.edge.enrollHost({ tags: ["ci"] });
    h.fake.edge.enrollHost({ tags: ["desk"] });
    const preview = await previewFleet(h.client, { Selector: { tags: [{ Has: "ci" }] } });
    assert.deepEqual(JSON.parse(h.last("/v1/edge/fleet/preview").body!), {
      target: { Selector: { os: null, arch: null, tools: [], labels: [], tags: [{ Has: "ci" }] } },
    });
    assert.deepEqual(preview, { resolved: [ci.id] });
    assert.equal((await previewFleet(h.client, "All")).resolved.length, 2);
    assert.deepEqual(JSON.parse(h.last().body!), { target: "All" });
    // A 400 that says "not found" is a NotFoundError, like every missing resource in the SDK.
    await assert.rejects(previewFleet(h.client, { Group: crypto.randomUUID() }), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.status, 400);
      assert.equal(e.code, "bad_request");
      return true;
    });
    await assert.rejects(
      previewFleet(h.client, { Node: crypto.randomUUID() }),
      (e: unknown) => e instanceof BadRequestError && e.code === "bad_request",
    );
    const sent = h.fake.requests.length;
    await assert.rejects(previewFleet(h.client, "all" as "All"), InvalidArgumentError);
    assert.equal(h.fake.requests.length, sent);
  });

  it("invokeFleet streams per-host events, unwrapped, until Done", async () => {
    const h = setup();
    const a = h.fake.edge.enrollHost({ name: "a" });
    const b = h.fake.edge.enrollHost({ name: "b" });
    const down = h.fake.edge.enrollHost({ name: "down", connected: false });
    const events = await collect(
      await invokeFleet(h.client, {
        target: "All",
        tool_name: "cmd.run",
        args: { command: "uptime" },
        security_context_name: "default",
        mode: "sequential",
        deadline_secs: 30,
      }),
    );
    const request = h.last("/v1/edge/fleet/invoke");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("accept"), "text/event-stream");
    assert.deepEqual(JSON.parse(request.body!), {
      target: "All",
      tool_name: "cmd.run",
      args: { command: "uptime" },
      security_context_name: "default",
      deadline_secs: 30,
    });
    assert.deepEqual(events.map((e) => e.type), [
      "Started",
      "NodeStarted",
      "NodeProgress",
      "NodeCompleted",
      "NodeStarted",
      "NodeProgress",
      "NodeCompleted",
      "Done",
    ]);
    const started = events[0];
    assert.ok(started.type === "Started");
    assert.deepEqual(started.resolved.sort(), [a.id, b.id].sort());
    assert.deepEqual(started.skipped, [[down.id, "Disconnected"]]);
    const progress = events[2];
    assert.ok(progress.type === "NodeProgress");
    assert.equal(new TextDecoder().decode(new Uint8Array(progress.chunk)), "cmd.run ok\n");
    const completed = events[3];
    assert.ok(completed.type === "NodeCompleted");
    assert.equal(completed.error_kind, null);
    assert.equal(completed.error_message, null);
    const done = events.at(-1)!;
    assert.ok(done.type === "Done");
    assert.deepEqual(done.summary, { ok: 2, err: 0, timed_out: 0, skipped: 1 });
  });

  it("cancelFleet stops a running operation (Cancelled, then Done); then 404", async () => {
    const h = setup();
    h.fake.edge.enrollHost();
    h.fake.edge.enrollHost();
    h.fake.edge.toolDelayMs = 200;
    const stream = await invokeFleet(h.client, {
      target: "All",
      tool_name: "cmd.run",
      args: {},
      security_context_name: "default",
    });
    const events: FleetEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === "Started") {
        assert.equal(await cancelFleet(h.client, event.fleet_command_id), undefined);
        const cancel = h.last(`/v1/edge/fleet/${event.fleet_command_id}/cancel`);
        assert.equal(cancel.method, "POST");
      }
    }
    assert.deepEqual(events.map((e) => e.type), ["Started", "NodeStarted", "Cancelled", "Done"]);
    const started = events[0];
    assert.ok(started.type === "Started");
    await assert.rejects(
      cancelFleet(h.client, started.fleet_command_id),
      (e: unknown) => e instanceof NotFoundError && e.code === "not_found",
    );
  });

  it("invokeFleet: bad input refused before sending; a server 422 is typed; never retried", async () => {
    const h = setup({ maxRetries: 2 });
    const base = { target: "All" as const, tool_name: "t", security_context_name: "default" };
    await assert.rejects(
      invokeFleet(h.client, { ...base, args: [] as unknown as Record<string, unknown> }),
      InvalidArgumentError,
    );
    await assert.rejects(
      invokeFleet(h.client, { ...base, tool_name: "", args: {} }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, 0);
    const raw = await h.client.request({
      method: "POST",
      path: "/v1/edge/fleet/invoke",
      json: { target: "All" },
    }).catch((e) => e);
    assert.ok(raw instanceof UnprocessableEntityError);
    h.fake.faults.add({
      path: "/v1/edge/fleet/invoke",
      status: 502,
      headers: { "retry-after": "0" },
    });
    await assert.rejects(invokeFleet(h.client, { ...base, args: {} }));
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/edge/fleet/invoke").length, 2);
  });

  it("fleet runs: the list is always empty and one run is a 404 (no history is kept)", async () => {
    const h = setup();
    assert.deepEqual(await listFleetRuns(h.client), { runs: [] });
    assert.equal(h.last().path, "/v1/edge/fleet/runs");
    const id = crypto.randomUUID();
    await assert.rejects(getFleetRun(h.client, id), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.match(e.message, /not retained/);
      return true;
    });
    assert.equal(h.last().path, `/v1/edge/fleet/runs/${id}`);
  });
});
