import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisClient,
  AegisStreamInterruptedError,
  AegisTimeoutError,
  type ExecutionEvent,
  ExecutionFailedError,
  InvalidArgumentError,
  NotFoundError,
} from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";
import { helloManifest, setup } from "../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

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
    // Wait for the end by status, not by time: a loaded machine may run the simulator late.
    while ((await h.client.getExecution(execution_id)).status !== "Completed") {
      await new Promise((r) => setTimeout(r, 10));
    }
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

  it("an unknown execution (200, then the stream ends without events) is a NotFoundError", async () => {
    const h = setup();
    const error = await (async () => {
      for await (const _ of await h.client.streamExecution(MISSING)) { /* consume */ }
    })().catch((e) => e);
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.status, 404);
    // The stream answered 200 and ended; the SDK then looked the execution up.
    assert.equal(h.last().path, `/v1/executions/${MISSING}`);
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

  it("a consumer slower than the idle timeout is not an idle server (in-process and socket)", async () => {
    const fake = createFakeOrchestrator({ stepMs: 30, keepAliveMs: 20 });
    const server = await listen(fake);
    try {
      for (const mode of ["in-process", "socket"] as const) {
        const client = new AegisClient({
          baseUrl: mode === "socket" ? server.url : "http://aegis.test",
          bearerToken: fake.token,
          ...(mode === "in-process" ? { fetch: fake.fetch } : {}),
        });
        const { agent_id } = await client.deployAgent(helloManifest(`slow-${mode}`));
        const { execution_id } = await client.startExecution(agent_id, "x");
        const types: string[] = [];
        const events = await client.streamExecution(execution_id, { idleTimeout: 100 });
        for await (const event of events) {
          types.push(event.event_type);
          // Longer than the idle timeout, while the server keeps sending.
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        assert.equal(types[0], "execution_started", mode);
        assert.equal(types.at(-1), "execution_completed", mode);
      }
    } finally {
      await server.close();
      fake.close();
    }
  });
});

describe("a stream of an execution the server does not have", () => {
  it("is a NotFoundError on the in-process and on the socket fake alike", async () => {
    const fake = createFakeOrchestrator();
    const server = await listen(fake);
    try {
      for (
        const [mode, extra] of [["in-process", { fetch: fake.fetch }], ["socket", {}]] as const
      ) {
        const client = new AegisClient({
          baseUrl: mode === "socket" ? server.url : "http://aegis.test",
          bearerToken: fake.token,
          ...extra,
        });
        const before = fake.requests.length;
        const error = await (async () => {
          for await (const _ of await client.streamExecution(MISSING)) { /* none */ }
        })().catch((e) => e);
        assert.ok(error instanceof NotFoundError, `${mode}: ${error}`);
        assert.equal(error.path, `/v1/executions/${MISSING}`, mode);
        // One stream request (answered 200), then one lookup: no retries of the stream.
        assert.deepEqual(
          fake.requests.slice(before).map((r) => r.path),
          [`/v1/executions/${MISSING}/events`, `/v1/executions/${MISSING}`],
          mode,
        );
        // An agent's history (follow: false) ends at once for an unknown agent too; a followed
        // agent stream stays open on the server, waiting for live events.
        const agents = await (async () => {
          const stream = await client.streamAgentEvents(MISSING, { follow: false });
          for await (const _ of stream) { /* none */ }
        })().catch((e) => e);
        assert.ok(agents instanceof NotFoundError, `${mode} (agent stream): ${agents}`);
      }
    } finally {
      fake.close();
      await server.close();
    }
  });

  it("an existing agent with no history ends cleanly after the lookup", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const events = await (await h.client.streamAgentEvents(agent_id, { follow: false })).toArray();
    assert.deepEqual(events, []);
    assert.equal(h.last().path, `/v1/agents/${agent_id}`);
  });
});

describe("runExecution", () => {
  it("starts, follows and resolves with the final output", async () => {
    const h = setup({}, { executionScript: () => ({ iterations: 2, output: "42" }) });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const result = await h.client.runExecution(agent_id, "answer?", { intent: "math" });
    assert.equal(result.output, "42");
    assert.equal(result.total_iterations, 2);
    assert.equal(result.event.event_type, "execution_completed");
    assert.equal(JSON.parse(h.last(`/v1/agents/${agent_id}/execute`).body!).intent, "math");
    assert.equal((await h.client.getExecution(result.execution_id)).status, "Completed");
  });

  it("rejects with ExecutionFailedError carrying the reason", async () => {
    const h = setup({}, { executionScript: () => ({ failWith: "tests failed" }) });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const error = await h.client.runExecution(agent_id, "x").catch((e) => e);
    assert.ok(error instanceof ExecutionFailedError, String(error));
    assert.equal(error.outcome, "failed");
    assert.equal(error.reason, "tests failed");
    assert.equal(error.event?.event_type, "execution_failed");
    assert.match(error.message, /tests failed/);
  });

  it("an unknown agent is a NotFoundError, and a name gets a hint to lookupAgent", async () => {
    const h = setup();
    const missing = await h.client.runExecution(MISSING, "x").catch((e) => e);
    assert.ok(missing instanceof NotFoundError, String(missing));
    assert.equal(missing.status, 500, "the server chose 500; the class says what it means");
    const named = await h.client.runExecution("code-reviewer", "x").catch((e) => e);
    assert.ok(named instanceof InvalidArgumentError);
    assert.match(named.message, /lookupAgent\("code-reviewer"\)/);
  });
});
