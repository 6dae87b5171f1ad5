import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisClient, InvalidArgumentError } from "../../../mod.ts";
import { eventStreamResponse } from "../../../client/core/stream_response.ts";
import { createFakeOrchestrator } from "../../../testing/mod.ts";
import { helloManifest } from "../../helpers.ts";

interface Frame {
  event?: string;
  id?: string;
  data?: unknown;
  comment?: string;
}

/** A strict reader of what we emit: one `data:` line of JSON per frame. */
function parseFrames(text: string): Frame[] {
  assert.ok(text.endsWith("\n\n"), "every frame ends with a blank line");
  return text.slice(0, -2).split("\n\n").map((block) => {
    const frame: Frame = {};
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) frame.comment = line.slice(1).trim();
      else if (line.startsWith("event: ")) frame.event = line.slice(7);
      else if (line.startsWith("id: ")) frame.id = line.slice(4);
      else if (line.startsWith("data: ")) frame.data = JSON.parse(line.slice(6));
      else assert.fail(`unexpected line ${JSON.stringify(line)}`);
    }
    return frame;
  });
}

/** A client whose fetch records each request's signal, to see the orchestrator side close. */
async function setUp(stepMs = 1) {
  const fake = createFakeOrchestrator({ stepMs });
  const signals: AbortSignal[] = [];
  const client = new AegisClient({
    baseUrl: "http://fake",
    bearerToken: fake.token,
    fetch: (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return fake.fetch(input, init);
    },
  });
  const { agent_id } = await client.deployAgent(helloManifest());
  const { execution_id } = await client.startExecution(agent_id, "hello");
  const streamSignal = () => signals.at(-1)!;
  return { fake, client, execution_id, streamSignal };
}

describe("eventStreamResponse", () => {
  it("re-serves every event as an unnamed JSON frame, then an end frame", async () => {
    const { fake, client, execution_id } = await setUp();
    try {
      const direct = await (await client.streamExecution(execution_id)).toArray();
      const response = eventStreamResponse(await client.streamExecution(execution_id));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
      assert.equal(response.headers.get("cache-control"), "no-cache, no-transform");
      const frames = parseFrames(await response.text());
      assert.deepEqual(frames.at(-1), { event: "end", data: null });
      assert.deepEqual(frames.slice(0, -1).map((f) => f.data), JSON.parse(JSON.stringify(direct)));
      assert.ok(frames.slice(0, -1).every((f) => f.event === undefined));
    } finally {
      fake.close();
    }
  });

  it("transform drops and reshapes events; endEvent null sends no end frame", async () => {
    const { fake, client, execution_id } = await setUp();
    try {
      const response = eventStreamResponse(await client.streamExecution(execution_id), {
        transform: (event) =>
          event.event_type.startsWith("iteration_")
            ? { event: "step", id: event.event_type, data: { type: event.event_type } }
            : undefined,
        endEvent: null,
      });
      const frames = parseFrames(await response.text());
      assert.ok(frames.length >= 2);
      for (const frame of frames) {
        assert.equal(frame.event, "step");
        assert.match(frame.id!, /^iteration_/);
        assert.deepEqual(Object.keys(frame.data as object), ["type"]);
      }
    } finally {
      fake.close();
    }
  });

  it("cancelling the body closes the orchestrator stream", async () => {
    const { fake, client, execution_id, streamSignal } = await setUp(200);
    try {
      const response = eventStreamResponse(await client.streamExecution(execution_id));
      const upstream = streamSignal();
      const reader = response.body!.getReader();
      const first = await reader.read();
      assert.equal(first.done, false);
      assert.equal(upstream.aborted, false);
      await reader.cancel();
      assert.equal(upstream.aborted, true, "the orchestrator request is aborted");
    } finally {
      fake.close();
    }
  });

  it("aborting options.signal ends the response and the orchestrator stream", async () => {
    const { fake, client, execution_id, streamSignal } = await setUp(200);
    try {
      const browserGone = new AbortController();
      const response = eventStreamResponse(await client.streamExecution(execution_id), {
        signal: browserGone.signal,
      });
      const upstream = streamSignal();
      const reader = response.body!.getReader();
      await reader.read();
      browserGone.abort();
      assert.equal(upstream.aborted, true);
      for (;;) if ((await reader.read()).done) break;
    } finally {
      fake.close();
    }
  });

  it("sends keep-alive comments while the orchestrator is quiet", async () => {
    const { fake, client, execution_id } = await setUp(150);
    try {
      const response = eventStreamResponse(await client.streamExecution(execution_id), {
        keepAliveMs: 20,
      });
      const frames = parseFrames(await response.text());
      assert.ok(frames.some((f) => f.comment === "keep-alive"), "a keep-alive comment was sent");
      assert.deepEqual(frames.at(-1), { event: "end", data: null });
    } finally {
      fake.close();
    }
  });

  it("reports an orchestrator stream failure as a stream-error frame and ends", async () => {
    const fake = createFakeOrchestrator({ stepMs: 1 });
    try {
      const client = new AegisClient({
        baseUrl: "http://fake",
        bearerToken: fake.token,
        fetch: fake.fetch,
      });
      const { agent_id } = await client.deployAgent(helloManifest());
      const { execution_id } = await client.startExecution(agent_id, "hello");
      const response = eventStreamResponse(await client.streamExecution(execution_id), {
        transform: () => {
          throw new Error("not for the browser");
        },
      });
      const frames = parseFrames(await response.text());
      assert.deepEqual(frames, [{
        event: "stream-error",
        data: { name: "Error", message: "not for the browser" },
      }]);
    } finally {
      fake.close();
    }
  });

  it("refuses event names and ids that would break the SSE framing", async () => {
    const { fake, client, execution_id } = await setUp();
    try {
      const stream = await client.streamExecution(execution_id);
      assert.throws(
        () => eventStreamResponse(stream, { endEvent: "a\nb" }),
        (e) => e instanceof InvalidArgumentError && e.argument === "endEvent",
      );
      assert.throws(
        () => eventStreamResponse(stream, { keepAliveMs: -1 }),
        (e) => e instanceof InvalidArgumentError && e.argument === "keepAliveMs",
      );
      stream.close();
    } finally {
      fake.close();
    }
  });
});
