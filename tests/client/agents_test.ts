import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConflictError, InvalidArgumentError, NotFoundError } from "../../mod.ts";
import { helloManifest, setup } from "../helpers.ts";
import { ManifestValidationError, parseManifest } from "../../manifest/mod.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

describe("agents", () => {
  it("deploys, lists, gets, looks up, updates, versions, scopes and deletes", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest(), { force: true });
    assert.match(agent_id, /^[0-9a-f-]{36}$/);
    assert.equal(h.last("/v1/agents").search, "force=true");

    const list = await h.client.listAgents({ visible: true });
    assert.equal(h.last("/v1/agents").search, "visible=true");
    assert.equal(list.length, 1);
    assert.equal(list[0].name, "hello");
    assert.equal(list[0].status, "active");
    assert.equal(list[0].execution_count, 0);
    assert.match(list[0].created_at, /\+00:00$/);

    const detail = await h.client.getAgent(agent_id);
    assert.equal(detail.id, agent_id);
    assert.equal(typeof detail.manifest_yaml, "string");
    assert.equal((detail.manifest.metadata as { name: string }).name, "hello");

    assert.deepEqual(await h.client.lookupAgent("hello"), { id: agent_id });

    const updated = {
      ...helloManifest(),
      metadata: { name: "hello", version: "1.0.0", description: "v2" },
    };
    assert.deepEqual(await h.client.updateAgent(agent_id, updated), { success: true });
    assert.equal(h.last(`/v1/agents/${agent_id}`).method, "PATCH");
    assert.equal((await h.client.getAgent(agent_id)).description, "v2");

    await h.client.deployAgent(helloManifest("hello", "2.0.0"));
    const versions = await h.client.listAgentVersions(agent_id);
    assert.deepEqual(versions.map((v) => v.version), ["1.0.0", "2.0.0"]);

    assert.deepEqual(await h.client.updateAgentScope(agent_id, "global"), {
      success: true,
      new_scope: "global",
    });
    assert.deepEqual(JSON.parse(h.last(`/v1/agents/${agent_id}/scope`).body!), {
      target_scope: "global",
    });

    assert.deepEqual(await h.client.deleteAgent(agent_id), { success: true });
    await assert.rejects(h.client.getAgent(agent_id), NotFoundError);
  });

  it("deploys JSON text and parsed YAML as JSON, and refuses YAML text before sending", async () => {
    const h = setup();
    const yaml =
      "apiVersion: 100monkeys.ai/v1\nkind: Agent\nmetadata:\n  name: yaml-agent\n  version: 0.1.0\n" +
      "spec:\n  runtime:\n    language: python\n    version: '3.11'\n  task:\n    instruction: Hi\n";
    await h.client.deployAgent(parseManifest(yaml));
    const request = h.last("/v1/agents");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.equal(JSON.parse(request.body!).metadata.name, "yaml-agent");

    await h.client.deployAgent(
      JSON.stringify({ ...parseManifest(yaml), metadata: { name: "json-agent", version: "1" } }),
    );
    assert.equal(JSON.parse(h.last("/v1/agents").body!).metadata.name, "json-agent");

    const before = h.fake.requests.length;
    const error = await h.client.deployAgent(yaml).catch((e) => e);
    assert.ok(error instanceof InvalidArgumentError);
    assert.match(error.message, /parseManifest\(text\)/);
    await assert.rejects(h.client.deployAgent("{ not json"), InvalidArgumentError);
    await assert.rejects(h.client.deployAgent('{"kind": "Agent"}'), ManifestValidationError);
    assert.equal(h.fake.requests.length, before);
  });

  it("executes with intent, context overrides, attachments and version", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const attachment = {
      volume_id: MISSING,
      path: "in/data.csv",
      name: "data.csv",
      mime_type: "text/csv",
      size: 3,
    };
    const { execution_id } = await h.client.executeAgent(agent_id, { task: "sum" }, {
      intent: "analysis",
      contextOverrides: { temperature: 0 },
      attachments: [attachment],
      version: "1.0.0",
    });
    assert.ok(execution_id);
    const request = h.last(`/v1/agents/${agent_id}/execute`);
    assert.equal(request.search, "version=1.0.0");
    assert.deepEqual(JSON.parse(request.body!), {
      input: { task: "sum" },
      intent: "analysis",
      context_overrides: { temperature: 0 },
      attachments: [attachment],
    });
    await assert.rejects(h.client.executeAgent(agent_id, "x", { version: "9.9.9" }), ConflictError);
  });

  it("streams agent history, and live events with follow", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "one");
    for await (const _ of await h.client.streamExecution(execution_id)) { /* run to completion */ }
    const history = await (await h.client.streamAgentEvents(agent_id, { follow: false }))
      .toArray();
    assert.equal(h.last(`/v1/agents/${agent_id}/events`).search, "follow=false");
    assert.equal(history.at(-1)?.event_type, "execution_completed");
    assert.ok(history.every((e) => e.agent_id === agent_id));

    // Like streamExecution, the agent stream follows by default (sent explicitly: the server's
    // own default is history only).
    const live = await h.client.streamAgentEvents(agent_id);
    assert.equal(h.last(`/v1/agents/${agent_id}/events`).search, "follow=true");
    await h.client.startExecution(agent_id, "two");
    const seen: string[] = [];
    for await (const event of live) {
      seen.push(event.event_type);
      if (seen.filter((t) => t === "execution_completed").length === 2) break;
    }
    assert.ok(seen.includes("execution_started"));
  });
});

describe("agent errors say what was wrong and what to do instead", () => {
  it("a missing id or a name where the UUID belongs fails before sending, naming lookupAgent", async () => {
    const h = setup();
    const missing = await h.client.getAgent(undefined as unknown as string).catch((e) => e);
    assert.ok(missing instanceof InvalidArgumentError, String(missing));
    assert.equal(missing.argument, "agentId");
    assert.match(missing.message, /agent UUID is required \(got undefined\)/);
    const named = await h.client.getAgent("code-reviewer").catch((e) => e);
    assert.ok(named instanceof InvalidArgumentError, String(named));
    assert.match(named.message, /got "code-reviewer"/);
    assert.match(named.message, /lookupAgent\("code-reviewer"\)/);
    for (
      const call of [
        () => h.client.deleteAgent("code-reviewer"),
        () => h.client.executeAgent("code-reviewer", "x"),
        () => h.client.startExecution("code-reviewer", "x"),
        () => h.client.listAgentVersions("code-reviewer"),
        () => h.client.updateAgentScope("code-reviewer", "global"),
        () => h.client.streamAgentEvents("code-reviewer"),
      ]
    ) {
      await assert.rejects(call(), /lookupAgent/);
    }
    assert.equal(h.fake.requests.length, 0, "nothing was sent");
  });

  it("a duplicate deploy names the SDK option, not the CLI flag", async () => {
    const h = setup();
    await h.client.deployAgent(helloManifest());
    const error = await h.client.deployAgent(helloManifest()).catch((e) => e);
    assert.ok(error instanceof ConflictError, String(error));
    assert.match(error.message, /already deployed/);
    assert.match(error.message, /\{ force: true \}/);
    assert.doesNotMatch(error.message, /--force/);
    await h.client.deployAgent(helloManifest(), { force: true });
  });

  it("an unknown agent in startExecution is a NotFoundError although the server says 500", async () => {
    const h = setup();
    const error = await h.client.startExecution(MISSING, "x").catch((e) => e);
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.status, 500);
  });
});
