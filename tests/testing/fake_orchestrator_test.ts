// The fake orchestrator as a whole: its lifetime (`await using`, `close()`), what it leaves
// running after a caller gives up, and the stream answers it must give exactly like the real
// server, in-process and on a socket alike.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runChild } from "../child.ts";
import { helloManifest } from "../helpers.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";

/** Reads a whole body; a body that breaks off rejects, with the bytes seen so far attached. */
async function readAll(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    throw Object.assign(new Error(`body broke off after ${JSON.stringify(text)}`), {
      cause: error,
      received: text,
    });
  }
}

/** `data:` lines of an SSE text (keep-alive comments are not events). */
function events(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith("data:"));
}

type Mode = "in-process" | "socket";

/** A fake reachable through `fetch`-like calls in the given mode, and its token. */
async function reach(fake: FakeOrchestrator, mode: Mode) {
  const server = mode === "socket" ? await listen(fake) : undefined;
  const base = server?.url ?? "http://fake";
  const call = mode === "socket" ? fetch : fake.fetch;
  return (path: string, init: RequestInit = {}) =>
    call(base + path, {
      ...init,
      headers: { authorization: `Bearer ${fake.token}`, ...init.headers },
    });
}

describe("await using / close()", () => {
  it("closing the fake closes its socket listeners, breaks off open streams and ends fault delays", async () => {
    let url = "";
    let openStream: Promise<string> | undefined;
    let hanging: Promise<Response> | undefined;
    {
      await using fake = createFakeOrchestrator({ stepMs: 1, keepAliveMs: 20 });
      const server = await listen(fake);
      url = server.url;
      const call = await reach(fake, "in-process");
      const deployed = await call("/v1/agents", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(helloManifest()),
      });
      const { agent_id } = await deployed.json();
      // An agent stream with follow=true never ends by itself.
      const stream = await call(`/v1/agents/${agent_id}/events?follow=true`);
      assert.equal(stream.status, 200);
      openStream = readAll(stream);
      openStream.catch(() => {});
      fake.faults.add({ path: "/v1/agents", action: "hang" });
      hanging = call("/v1/agents");
      hanging.catch(() => {});
      assert.equal(fake.state.listenerCount, 1);
      assert.equal((await fetch(`${url}/health`)).status, 200);
    }
    await assert.rejects(openStream!, /broke off/);
    await assert.rejects(hanging!, TypeError);
    await assert.rejects(fetch(`${url}/health`), TypeError);
  });

  it("close() is idempotent and also closes a listener the test closed itself", async () => {
    const fake = createFakeOrchestrator();
    const server = await listen(fake);
    await server.close();
    await Promise.all([fake.close(), fake.close()]);
    await assert.rejects(listen(fake), /closed/);
  });

  it("exposes the dispose method where `await using` looks for it", () => {
    const fake = createFakeOrchestrator();
    const key = (Symbol as { asyncDispose?: symbol }).asyncDispose ??
      Symbol.for("Symbol.asyncDispose");
    assert.equal(typeof (fake as unknown as Record<symbol, unknown>)[key], "function");
  });
});

describe("a caller that gives up leaves nothing running", () => {
  for (const mode of ["in-process", "socket"] as const) {
    it(`aborting a stream during an injected delay (${mode}): the process exits promptly`, {
      timeout: 30_000,
    }, async () => {
      let doneAt = 0;
      const result = await runChild(
        new URL("../fixtures/abort_during_delay.ts", import.meta.url),
        { AEGIS_FAKE_MODE: mode },
        20_000,
        (text) => {
          if (text.includes("done")) doneAt = performance.now();
        },
      );
      assert.equal(result.code, 0);
      // No stream subscribed for the aborted caller, and the process did not stay alive.
      assert.match(result.stdout, /done \w*AbortError 0/);
      const lingered = result.exitedAt - doneAt;
      assert.ok(lingered < 3_000, `the process lingered ${Math.round(lingered)} ms after its work`);
    });
  }
});

describe("routing answers, like axum", () => {
  it("an unknown path is 404 and a known path with another method 405, both with empty bodies", async () => {
    await using fake = createFakeOrchestrator();
    const call = await reach(fake, "in-process");
    const answers = [];
    for (
      const [method, path] of [
        ["GET", "/v1/no-such-thing"],
        ["POST", "/v1/executions"],
        ["PATCH", `/v1/agents/00000000-0000-4000-8000-000000000000/scope`],
        ["PUT", "/v1/executions/00000000-0000-4000-8000-000000000000/files/a/b.txt"],
      ]
    ) {
      const response = await call(path, { method });
      answers.push([method, path.split("/")[2], response.status, await response.text()]);
    }
    assert.deepEqual(answers, [
      ["GET", "no-such-thing", 404, ""],
      ["POST", "executions", 405, ""],
      ["PATCH", "agents", 405, ""],
      ["PUT", "executions", 405, ""],
    ]);
  });
});

describe("streams of things that do not exist, like the orchestrator", () => {
  const unknown = "00000000-0000-4000-8000-000000000000";
  for (const mode of ["in-process", "socket"] as const) {
    it(`unknown execution (${mode}): 200 event-stream, then the body breaks off with no event`, async () => {
      await using fake = createFakeOrchestrator({ keepAliveMs: 60_000 });
      const call = await reach(fake, mode);
      const response = await call(`/v1/executions/${unknown}/events`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "text/event-stream");
      const error = await readAll(response).then(() => undefined, (e) => e);
      assert.ok(error, "the body ended cleanly instead of breaking off");
      assert.deepEqual(events(error.received), []);
      // Not retried or recorded twice: one request reached the fake.
      assert.equal(fake.requests.filter((r) => r.path.endsWith("/events")).length, 1);
    });

    it(`unknown agent (${mode}): 200 event-stream with an empty history, then a clean end`, async () => {
      await using fake = createFakeOrchestrator({ keepAliveMs: 60_000 });
      const call = await reach(fake, mode);
      const response = await call(`/v1/agents/${unknown}/events`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "text/event-stream");
      assert.deepEqual(events(await readAll(response)), []);
    });

    it(`unknown workflow execution (${mode}): 200, one {error} event, then a clean end`, async () => {
      await using fake = createFakeOrchestrator({ keepAliveMs: 60_000 });
      const call = await reach(fake, mode);
      const response = await call(`/v1/workflows/executions/${unknown}/logs/stream`);
      assert.equal(response.status, 200);
      assert.deepEqual(events(await readAll(response)), [
        'data: {"error":"workflow execution not found"}',
      ]);
    });
  }
});
