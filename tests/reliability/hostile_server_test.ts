// Hostile answers from the server: huge lines, invalid UTF-8, non-JSON, deep nesting, huge Retry-After.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisClient, AegisProtocolError, AegisTimeoutError, RateLimitError } from "../../mod.ts";

const EXEC = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

/** A client whose fetch answers every request with `respond()`. */
function clientFor(
  respond: () => Response,
  extra: Partial<ConstructorParameters<typeof AegisClient>[0] & object> = {},
) {
  let calls = 0;
  const client = new AegisClient({
    baseUrl: "http://hostile.test",
    bearerToken: "t",
    maxRetries: 0,
    fetch: () => {
      calls++;
      return Promise.resolve(respond());
    },
    ...extra,
  });
  return { client, calls: () => calls };
}

describe("hostile server input", () => {
  it(
    "an endless SSE line is refused at the bound, without reading gigabytes",
    { timeout: 20_000 },
    async () => {
      let produced = 0;
      let cancelled = false;
      const chunk = new Uint8Array(64 * 1024).fill(120); // "xxxx…"
      const { client } = clientFor(() =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new TextEncoder().encode("data: "));
            },
            pull(c) {
              produced += chunk.length;
              c.enqueue(chunk);
            },
            cancel() {
              cancelled = true;
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        )
      );
      const error = await (async () => {
        for await (const _ of await client.streamExecution(EXEC)) { /* never */ }
      })().catch((e) => e);
      assert.ok(error instanceof AegisProtocolError, String(error));
      assert.match(error.message, /exceeds the \d+-byte limit/);
      assert.ok(produced < 64 * 1024 * 1024, `read ${produced} bytes`);
      assert.ok(cancelled, "the body was not cancelled");
    },
  );

  it("invalid UTF-8 in a stream and in a JSON body are protocol errors", async () => {
    const bad = Uint8Array.of(
      ...new TextEncoder().encode('data: {"a":"'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('"}\n\n'),
    );
    const sse = clientFor(() =>
      new Response(bad, { headers: { "content-type": "text/event-stream" } })
    );
    await assert.rejects(async () => {
      for await (const _ of await sse.client.streamExecution(EXEC)) { /* none */ }
    }, AegisProtocolError);
    const json = clientFor(() =>
      new Response(Uint8Array.of(0x5b, 0xff, 0x5d), {
        headers: { "content-type": "application/json" },
      })
    );
    await assert.rejects(json.client.listAgents(), /not valid UTF-8/);
  });

  it("non-JSON where JSON is expected, and non-JSON events, are protocol errors", async () => {
    const html = clientFor(() =>
      new Response("<html>502 from a proxy</html>", { headers: { "content-type": "text/html" } })
    );
    await assert.rejects(html.client.getExecution(EXEC), AegisProtocolError);
    const sse = clientFor(() =>
      new Response("data: not json\n\n", { headers: { "content-type": "text/event-stream" } })
    );
    await assert.rejects(async () => {
      for await (const _ of await sse.client.streamExecution(EXEC)) { /* none */ }
    }, AegisProtocolError);
    const shape = clientFor(() => Response.json({ no: "event_type" }).clone());
    assert.ok(shape);
  });

  it("deeply nested JSON neither crashes nor hangs", async () => {
    const depth = 200_000;
    const { client } = clientFor(() =>
      new Response("[".repeat(depth) + "]".repeat(depth), {
        headers: { "content-type": "application/json" },
      })
    );
    const result = await client.listAgents().then(() => "parsed", (e) => e);
    assert.ok(result === "parsed" || result instanceof AegisProtocolError, String(result));
  });

  it("a body that stalls after the headers times out, naming the body read", async () => {
    const { client } = clientFor(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new TextEncoder().encode("[")); // then nothing more, ever
            },
          }),
          { headers: { "content-type": "application/json" } },
        ),
      { timeout: 100 },
    );
    const error = await client.listAgents().catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.match(error.message, /timed out after 100 ms while reading the body/);
  });

  it("a stalled stream hits its idle timeout even when fetch ignores the abort signal", async () => {
    const { client } = clientFor(() =>
      new Response(new ReadableStream<Uint8Array>(), {
        headers: { "content-type": "text/event-stream" },
      })
    );
    const error = await (async () => {
      for await (const _ of await client.streamExecution(EXEC, { idleTimeout: 100 })) { /* none */ }
    })().catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
  });

  it("a response larger than maxResponseBytes is refused", async () => {
    const { client } = clientFor(() => new Response("[" + "1,".repeat(1_000_000) + "1]"), {
      maxResponseBytes: 64 * 1024,
    });
    await assert.rejects(client.listAgents(), /exceeds the 65536-byte limit/);
  });

  it("an absurd Retry-After is not waited for", async () => {
    for (const value of ["99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"]) {
      const { client, calls } = clientFor(
        () => new Response(null, { status: 429, headers: { "retry-after": value } }),
        { maxRetries: 3 },
      );
      const started = Date.now();
      await assert.rejects(client.listAgents(), RateLimitError);
      assert.equal(calls(), 1);
      assert.ok(Date.now() - started < 1000);
    }
  });

  it("garbage Retry-After falls back to normal backoff", async () => {
    const { client, calls } = clientFor(
      () => new Response(null, { status: 503, headers: { "retry-after": "soon-ish" } }),
      { maxRetries: 1 },
    );
    await assert.rejects(client.listAgents());
    assert.equal(calls(), 2);
  });
});
