// Failures raised by the runtime's own fetch, over real sockets: their messages and causes never
// carry the request's query string (an OAuth `code`/`state`) or anything after it, on any
// runtime (Deno puts the full URL in messages, Bun adds it as `error.path`); and a response
// whose headers exceed the runtime's limit is a typed error, sent once, never retried.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { inspect } from "node:util";
import {
  AegisClient,
  AegisConnectionError,
  AegisProtocolError,
  AegisTimeoutError,
} from "../../mod.ts";

const CODE = "SECRET-CODE-4f1c";
const STATE = "SECRET-STATE-9a2e";
const BOUND = { timeout: 20_000 };

/** Every rendering of an error a user or a log pipeline might produce, causes included. */
function renderings(error: unknown): string[] {
  const out = [String(error), inspect(error, { depth: 8, showHidden: true })];
  try {
    out.push(JSON.stringify(error) ?? "");
  } catch {
    // Circular values cannot be stringified; the other renderings still count.
  }
  // deno-lint-ignore no-explicit-any
  const deno = (globalThis as any).Deno;
  if (deno?.inspect) out.push(deno.inspect(error, { depth: 8, showHidden: true }));
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; depth++) {
    out.push(e.message, e.stack ?? "", JSON.stringify(Object.entries(e)));
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function assertNoQuery(error: unknown): void {
  for (const text of renderings(error)) {
    for (const secret of [CODE, STATE, "code=", "state="]) {
      assert.ok(!text.includes(secret), `the query leaked: ${text.slice(0, 400)}`);
    }
  }
}

/** A TCP server that runs `onRequest` once per request head and counts them. */
async function rawServer(onRequest: (socket: Socket) => void): Promise<{
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    let head = "";
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      head = "";
      requests++;
      onRequest(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe("errors of the runtime's fetch carry no query string", () => {
  const logs: string[] = [];
  const logger = {
    debug: (m: string, d?: unknown) => logs.push(m + JSON.stringify(d)),
    info: (m: string, d?: unknown) => logs.push(m + JSON.stringify(d)),
    warn: (m: string, d?: unknown) => logs.push(m + JSON.stringify(d)),
    error: (m: string, d?: unknown) => logs.push(m + JSON.stringify(d)),
  };

  after(() => {
    for (const line of logs) {
      assert.ok(!line.includes(CODE) && !line.includes(STATE), `the query leaked: ${line}`);
    }
  });

  it("a refused connection", BOUND, async () => {
    const baseUrl = await closedPortUrl();
    const client = new AegisClient({ baseUrl, bearerToken: "t", logger, logLevel: "debug" });
    const error = await client.oauthCallback({ state: STATE, code: CODE }).catch((e) => e);
    assert.ok(error instanceof AegisConnectionError, String(error));
    assert.match(error.message, /\[GET \/v1\/credentials\/oauth\/callback\]/);
    assertNoQuery(error);
  });

  it("a body cut mid-way", BOUND, async () => {
    const cutting = await rawServer((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"id":',
        () => setTimeout(() => socket.destroy(), 20),
      );
    });
    try {
      const client = new AegisClient({
        baseUrl: cutting.url,
        bearerToken: "t",
        logger,
        logLevel: "debug",
      });
      const error = await client.oauthCallback({ state: STATE, code: CODE }).catch((e) => e);
      assert.ok(error instanceof AegisConnectionError, String(error));
      assert.match(error.message, /broke off/);
      assertNoQuery(error);
    } finally {
      await cutting.close();
    }
  });

  it("a timeout", BOUND, async () => {
    const hanging = await rawServer(() => {});
    try {
      const client = new AegisClient({
        baseUrl: hanging.url,
        bearerToken: "t",
        timeout: 100,
        maxRetries: 0,
        logger,
        logLevel: "debug",
      });
      const error = await client.oauthCallback({ state: STATE, code: CODE }).catch((e) => e);
      assert.ok(error instanceof AegisTimeoutError, String(error));
      assertNoQuery(error);
    } finally {
      await hanging.close();
    }
  });
});

describe("oversized response headers", () => {
  let server: Awaited<ReturnType<typeof rawServer>>;

  before(async () => {
    // Beyond every runtime's limit (Node 16 KiB, Deno and Bun a few hundred KiB to a few MiB).
    const big = "a".repeat(6 * 1024 * 1024);
    server = await rawServer((socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-big: ${big}\r\n` +
          "content-length: 2\r\n\r\n[]",
        () => {},
      );
    });
  });
  after(() => server.close());

  it("are a typed protocol error, sent once and not retried", BOUND, async () => {
    const client = new AegisClient({ baseUrl: server.url, bearerToken: "t", maxRetries: 3 });
    const error = await client.listAgents().catch((e) => e);
    assert.ok(error instanceof AegisProtocolError, String(error));
    assert.match(error.message, /response headers exceed/);
    assert.equal(server.requests(), 1);
  });
});
