// Body reading (client/core/response.ts): bounded, strict UTF-8, typed failures, for bodies that
// declare their length (read whole) and for chunked ones (read chunk by chunk).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AegisAbortError,
  AegisConnectionError,
  AegisCore,
  AegisProtocolError,
  AegisTimeoutError,
} from "../../../client/mod.ts";
import { abortableRead, readText } from "../../../client/core/response.ts";

const ROUTE = { method: "GET", path: "/v1/body" } as const;

/** What the socket server answers, per request path. */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe("reading response bodies over a real socket", () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler = (_req, res) => res.end();

  before(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const core = (maxResponseBytes = 1024) =>
    new AegisCore({ baseUrl, auth: "none", maxRetries: 0, maxResponseBytes, timeout: 5_000 });

  it("parses a body that declares its length, and one sent in chunks", async () => {
    const body = JSON.stringify({ name: "ünïcødé", items: [1, 2, 3] });
    handler = (_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    };
    assert.deepEqual(await core().request(ROUTE), JSON.parse(body));
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }); // chunked
      res.write(body.slice(0, 10));
      setTimeout(() => res.end(body.slice(10)), 5);
    };
    assert.deepEqual(await core().request(ROUTE), JSON.parse(body));
  });

  it("answers without a body (HEAD, 204) read as no data, with or without a declared length", async () => {
    handler = (req, res) => {
      if (req.method === "HEAD") {
        res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
        res.end();
      } else {
        res.writeHead(204);
        res.end();
      }
    };
    // A HEAD answer declares the length a GET would have had, over the limit here.
    assert.equal(await core().request({ method: "HEAD", path: "/v1/body" }), undefined);
    assert.equal(await core().request({ method: "DELETE", path: "/v1/body" }), undefined);
    handler = (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "2" });
      res.end(req.method === "HEAD" ? undefined : "{}");
    };
    assert.equal(await core().request({ method: "HEAD", path: "/v1/body" }), undefined);
  });

  it("refuses invalid UTF-8 whether or not the length is declared", async () => {
    const bad = Buffer.from([0x5b, 0x22, 0xc3, 0x28, 0x22, 0x5d]); // ["\xc3("]
    for (const declared of [true, false]) {
      handler = (_req, res) => {
        res.writeHead(200, {
          "content-type": "application/json",
          ...(declared ? { "content-length": bad.length } : {}),
        });
        res.end(bad);
      };
      await assert.rejects(core().request(ROUTE), (error) => {
        assert.ok(error instanceof AegisProtocolError, String(error));
        assert.match(error.message, /not valid UTF-8 \[GET \/v1\/body\]/);
        return true;
      });
    }
  });

  it("refuses a declared length over the limit, and a chunked body at the limit", async () => {
    const big = "[" + "1,".repeat(2_000) + "1]";
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": big.length });
      res.end(big);
    };
    await assert.rejects(
      core(1024).request(ROUTE),
      /body of 4003 bytes exceeds the 1024-byte limit/,
    );
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(big);
    };
    await assert.rejects(core(1024).request(ROUTE), /body exceeds the 1024-byte limit/);
  });

  it("refuses a compressed body that inflates past the limit", async () => {
    const { gzipSync } = await import("node:zlib");
    const bomb = gzipSync(Buffer.from("[" + "0,".repeat(500_000) + "0]"));
    handler = (_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": bomb.length,
      });
      res.end(bomb);
    };
    await assert.rejects(core(64 * 1024).request(ROUTE), /body exceeds the 65536-byte limit/);
  });

  it("a declared body that breaks off is a connection error", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    await assert.rejects(core().request(ROUTE), (error) => {
      assert.ok(error instanceof AegisConnectionError, String(error));
      assert.match(error.message, /response body broke off \[GET \/v1\/body\]/);
      return true;
    });
  });
});

describe("reading response bodies from an in-process fetch", () => {
  it("refuses a body longer than the limit even when its declared length says otherwise", async () => {
    const big = "[" + "1,".repeat(2_000) + "1]";
    const core = new AegisCore({
      baseUrl: "http://in-process.test",
      auth: "none",
      maxRetries: 0,
      maxResponseBytes: 1024,
      fetch: () =>
        Promise.resolve(
          new Response(big, {
            headers: { "content-type": "application/json", "content-length": "10" },
          }),
        ),
    });
    await assert.rejects(core.request(ROUTE), /body exceeds the 1024-byte limit/);
  });

  it("times out a declared body that stalls, even when fetch ignores the abort signal", async () => {
    const core = new AegisCore({
      baseUrl: "http://in-process.test",
      auth: "none",
      maxRetries: 0,
      timeout: 100,
      fetch: () =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(c) {
                c.enqueue(new TextEncoder().encode("[")); // then nothing more, ever
              },
            }),
            { headers: { "content-type": "application/json", "content-length": "50" } },
          ),
        ),
    });
    const error = await core.request(ROUTE).catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.match(error.message, /timed out after 100 ms while reading the body/);
  });

  /** A body that sends `[` and then nothing more, ever; `length` declares it or not. */
  const stalled = (length?: number): Response =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("["));
        },
      }),
      {
        headers: length === undefined
          ? { "content-type": "application/json" }
          : { "content-type": "application/json", "content-length": String(length) },
      },
    );

  it("times out a chunked body that stalls, even when fetch ignores the abort signal", async () => {
    const core = new AegisCore({
      baseUrl: "http://in-process.test",
      auth: "none",
      maxRetries: 0,
      timeout: 100,
      fetch: () => Promise.resolve(stalled()),
    });
    const error = await core.request(ROUTE).catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.match(error.message, /timed out after 100 ms while reading the body/);
  });

  for (const length of [50, undefined]) {
    const kind = length === undefined ? "chunked" : "declared";
    it(`the caller's signal ends a stalled ${kind} body when fetch ignores its signal`, async () => {
      const core = new AegisCore({
        baseUrl: "http://in-process.test",
        auth: "none",
        maxRetries: 0,
        fetch: () => Promise.resolve(stalled(length)),
      });
      const caller = new AbortController();
      const pending = core.request(ROUTE, { signal: caller.signal }).catch((e) => e);
      setTimeout(() => caller.abort(new Error("gone")), 30);
      const error = await pending;
      assert.ok(error instanceof AegisAbortError, String(error));
    });

    it(`abortableRead's abort ends a stalled ${kind} body read with the reason`, async () => {
      const controller = new AbortController();
      const { reading, abort } = abortableRead(controller);
      const pending = readText(stalled(length), 1024, ROUTE, reading).catch((e) => e);
      setTimeout(() => {
        assert.ok(reading.onAbort !== undefined, "the read waits for an abort");
        abort();
      }, 10);
      const reason = await pending;
      assert.ok(reason instanceof DOMException && reason.name === "AbortError", String(reason));
      assert.equal(reason, controller.signal.reason);
      assert.equal(reading.onAbort, undefined);
      // Aborted before the read starts: ends with the same reason.
      assert.equal(await readText(stalled(length), 1024, ROUTE, reading).catch((e) => e), reason);
    });

    it(`readText ends a stalled ${kind} body on a hand-made ReadAbort with its reason`, async () => {
      const controller = new AbortController();
      const reading = { signal: controller.signal, onAbort: undefined } as {
        signal: AbortSignal;
        onAbort: ((reason: unknown) => void) | undefined;
      };
      const reason = new Error("stop");
      const pending = readText(stalled(length), 1024, ROUTE, reading).catch((e) => e);
      setTimeout(() => {
        controller.abort(reason);
        const onAbort = reading.onAbort;
        reading.onAbort = undefined;
        assert.ok(onAbort !== undefined, "the read waits for an abort");
        onAbort(reason);
      }, 10);
      assert.equal(await pending, reason);
      // Already aborted before the read starts.
      const early = { signal: controller.signal, onAbort: undefined };
      assert.equal(await readText(stalled(length), 1024, ROUTE, early).catch((e) => e), reason);
    });
  }

  it("readText of a chunked body that never sends a byte ends at once when already aborted", async () => {
    const controller = new AbortController();
    const { reading, abort } = abortableRead(controller);
    abort();
    const silent = new Response(new ReadableStream<Uint8Array>({}));
    assert.equal(
      await readText(silent, 1024, ROUTE, reading).catch((e) => e),
      controller.signal.reason,
    );
  });

  it("readText reads a whole declared body with or without an abort hook", async () => {
    const body = JSON.stringify({ ok: "ü" });
    const make = () =>
      new Response(body, {
        headers: { "content-length": String(new TextEncoder().encode(body).byteLength) },
      });
    const controller = new AbortController();
    const reading = { signal: controller.signal, onAbort: undefined };
    assert.equal(await readText(make(), 1024, ROUTE), body);
    assert.equal(await readText(make(), 1024, ROUTE, reading), body);
    assert.equal(reading.onAbort, undefined);
    await assert.rejects(readText(make(), 5, ROUTE, reading), AegisProtocolError);
  });

  it("reads a declared body whole without touching response.body; other bodies through it", async () => {
    // On Deno and Bun the getter turns a body the runtime holds whole into a stream that the
    // whole-body read must then go through: several microseconds per call.
    const watched = (body: string | null, headers: Record<string, string>) => {
      const response = new Response(body, { headers });
      let reads = 0;
      const bodyOf = Object.getOwnPropertyDescriptor(Response.prototype, "body")!.get!;
      Object.defineProperty(response, "body", {
        get() {
          reads++;
          return bodyOf.call(response);
        },
      });
      return { response, reads: () => reads };
    };
    const declared = watched('{"a":1}', { "content-length": "7" });
    assert.equal(await readText(declared.response, 1024, ROUTE), '{"a":1}');
    assert.equal(declared.reads(), 0);
    const chunked = watched('{"a":1}', {});
    assert.equal(await readText(chunked.response, 1024, ROUTE), '{"a":1}');
    assert.ok(chunked.reads() > 0, "a body without a length is read chunk by chunk");
    const compressed = watched("x", { "content-length": "1", "content-encoding": "gzip" });
    assert.equal(await readText(compressed.response, 1024, ROUTE), "x");
    assert.ok(compressed.reads() > 0, "a compressed body's length is not the body's");
    // No body at all (204, HEAD) is no text, whether or not a length is declared.
    assert.equal(await readText(new Response(null, { status: 204 }), 1024, ROUTE), "");
    assert.equal(
      await readText(new Response(null, { headers: { "content-length": "99" } }), 1024, ROUTE),
      "",
    );
    assert.equal(
      await readText(new Response(null, { headers: { "content-length": "99" } }), 10, ROUTE),
      "",
    );
  });

  it("a body that is not JSON is a protocol error naming its content type", async () => {
    const core = new AegisCore({
      baseUrl: "http://in-process.test",
      auth: "none",
      maxRetries: 0,
      fetch: () =>
        Promise.resolve(
          new Response("<html>oops</html>", {
            headers: { "content-type": "text/html; charset=utf-8" },
          }),
        ),
    });
    const error = await core.request(ROUTE).catch((e) => e);
    assert.ok(error instanceof AegisProtocolError, String(error));
    assert.match(error.message, /expected a JSON body but got 17 characters .*\(text\/html\)/);
    assert.ok(error.cause instanceof SyntaxError);
  });
});
