import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisStreamInterruptedError,
  AegisTimeoutError,
  ConflictError,
  type ExecutionEvent,
  NotFoundError,
} from "../../mod.ts";
import { helloManifest, setup } from "../helpers.ts";

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

  it("deploys YAML text as JSON", async () => {
    const h = setup();
    await h.client.deployAgent(
      "apiVersion: 100monkeys.ai/v1\nkind: Agent\nmetadata:\n  name: yaml-agent\n  version: 0.1.0\n" +
        "spec:\n  runtime:\n    language: python\n    version: '3.11'\n  task:\n    instruction: Hi\n",
    );
    const request = h.last("/v1/agents");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.equal(JSON.parse(request.body!).metadata.name, "yaml-agent");
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
    const history = await (await h.client.streamAgentEvents(agent_id)).toArray();
    assert.equal(history.at(-1)?.event_type, "execution_completed");
    assert.ok(history.every((e) => e.agent_id === agent_id));

    const live = await h.client.streamAgentEvents(agent_id, { follow: true });
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

describe("executions", () => {
  it("starts, streams to the terminal event, gets, lists, reads files, cancels and deletes", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "Write a primality check", {
      contextOverrides: { k: 1 },
    });
    assert.deepEqual(JSON.parse(h.last(`/v1/agents/${agent_id}/execute`).body!), {
      input: "Write a primality check",
      context_overrides: { k: 1 },
    });

    const stream = await h.client.streamExecution(execution_id);
    assert.equal(
      h.last(`/v1/executions/${execution_id}/events`).headers.get("accept"),
      "text/event-stream",
    );
    const events: ExecutionEvent[] = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events.map((e) => e.event_type), [
      "execution_started",
      "iteration_started",
      "console_output",
      "iteration_completed",
      "execution_completed",
    ]);
    assert.equal(
      events.at(-1)!.details.ExecutionCompleted?.final_output,
      "Echo: Write a primality check",
    );
    assert.equal(h.fake.state.listenerCount, 0, "stream released its subscription");

    assert.deepEqual(await h.client.getExecution(execution_id), {
      id: execution_id,
      agent_id,
      status: "Completed",
      tenant_id: "aegis-system",
    });
    const list = await h.client.listExecutions({ agentId: agent_id, limit: 5 });
    assert.equal(h.last("/v1/executions").search, `agent_id=${agent_id}&limit=5`);
    assert.equal(list[0].id, execution_id);
    assert.ok(list[0].ended_at);

    const file = await h.client.getExecutionFile(execution_id, "/workspace/output.txt");
    assert.equal(file.contentType, "text/plain");
    assert.equal(await file.text(), "Echo: Write a primality check");
    assert.equal(
      h.last(/\/files\//).path,
      `/v1/executions/${execution_id}/files/workspace/output.txt`,
    );
    await assert.rejects(
      h.client.getExecutionFile(execution_id, "missing file é.txt"),
      NotFoundError,
    );
    assert.equal(
      h.last(/\/files\//).path,
      `/v1/executions/${execution_id}/files/missing%20file%20%C3%A9.txt`,
    );

    assert.deepEqual(await h.client.cancelExecution(execution_id), { success: true });
    assert.deepEqual(await h.client.deleteExecution(execution_id), { success: true });
    await assert.rejects(h.client.getExecution(execution_id), NotFoundError);
  });

  it("history-only streams (follow: false) end after the history", async () => {
    const h = setup({}, { stepMs: 1 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "x");
    await new Promise((r) => setTimeout(r, 50));
    const events = await (await h.client.streamExecution(execution_id, { follow: false }))
      .toArray();
    assert.equal(h.last(`/v1/executions/${execution_id}/events`).search, "follow=false");
    assert.equal(events.length, 5);
  });

  it("cancelling ends the stream with execution_cancelled", async () => {
    const h = setup({}, { stepMs: 30 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "x");
    const types: string[] = [];
    for await (const event of await h.client.streamExecution(execution_id)) {
      types.push(event.event_type);
      if (event.event_type === "execution_started") await h.client.cancelExecution(execution_id);
    }
    assert.equal(types.at(-1), "execution_cancelled");
    assert.equal((await h.client.getExecution(execution_id)).status, "Cancelled");
  });

  it("breaking out of for-await aborts the request and releases the server stream", async () => {
    const h = setup({}, { stepMs: 20 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "x");
    for await (const event of await h.client.streamExecution(execution_id)) {
      assert.equal(event.event_type, "execution_started");
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(h.fake.state.listenerCount, 0);
  });

  it("close() and the caller's signal both end a stream", async () => {
    const h = setup({}, { stepMs: 20 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "x");
    const stream = await h.client.streamExecution(execution_id);
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.event_type);
      stream.close();
    }
    assert.deepEqual(seen, ["execution_started"]);
    const controller = new AbortController();
    const second = await h.client.streamExecution(execution_id, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(async () => {
      for await (const _ of second) { /* until aborted */ }
    }, (e: unknown) => (e as Error).name === "AegisAbortError");
  });

  it("a stream cut mid-event is an interruption, never a silent end", async () => {
    const h = setup({}, { stepMs: 1 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "x");
    await new Promise((r) => setTimeout(r, 30));
    h.fake.faults.add({
      path: `/v1/executions/${execution_id}/events`,
      action: "truncate",
      truncateAfterBytes: 700,
    });
    const error = await (async () => {
      for await (const _ of await h.client.streamExecution(execution_id)) { /* consume */ }
    })().catch((e) => e);
    assert.ok(error instanceof AegisStreamInterruptedError, String(error));
    assert.ok(error.eventsReceived >= 1);
  });

  it("an unknown execution (200 then abort, like the orchestrator) is an interruption with 0 events", async () => {
    const h = setup();
    const error = await (async () => {
      for await (const _ of await h.client.streamExecution(MISSING)) { /* consume */ }
    })().catch((e) => e);
    assert.ok(error instanceof AegisStreamInterruptedError, String(error));
    assert.equal(error.eventsReceived, 0);
  });

  it("fails an idle stream, and keep-alive comments keep a quiet stream open", async () => {
    const quiet = setup({}, { stepMs: 400, keepAliveMs: 20 });
    const { agent_id } = await quiet.client.deployAgent(helloManifest());
    const { execution_id } = await quiet.client.startExecution(agent_id, "x");
    for await (
      const event of await quiet.client.streamExecution(execution_id, { idleTimeout: 150 })
    ) {
      assert.equal(event.event_type, "execution_started");
      break;
    }
    const silent = setup({}, { stepMs: 400, keepAliveMs: 60_000 });
    const agent = await silent.client.deployAgent(helloManifest());
    const run = await silent.client.startExecution(agent.agent_id, "x");
    const error = await (async () => {
      for await (
        const _ of await silent.client.streamExecution(run.execution_id, { idleTimeout: 100 })
      ) { /* none */ }
    })().catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    silent.fake.close();
    quiet.fake.close();
  });
});
