// At-most-once delivery of requests that are not safe to repeat, counted at the server: a raw
// TCP server reads each HTTP request completely, counts it, and then drops the connection
// without answering, on a pooled keep-alive connection and on a fresh one. Runtime HTTP clients
// may re-send such a request by themselves (Deno's does); the SDK must not let them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { AegisClient, AegisConnectionError } from "../../mod.ts";

const AGENT = "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10";
const EXECUTE = `/v1/agents/${AGENT}/execute`;
const ROUNDS = 5;
const BOUND = { timeout: 30_000 };

/** Requests seen by the raw server, by `METHOD path`. */
type Arrivals = Map<string, number>;

/**
 * Answers `GET /health/live` with a keep-alive 200 (so the client pools the connection) and
 * drops the connection after reading any other request in full.
 */
function rawServer(arrivals: Arrivals, sockets: Set<Socket>): Server {
  return createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffered = new Uint8Array(0);
    socket.on("error", () => {});
    socket.on("data", (chunk: Uint8Array) => {
      const joined = new Uint8Array(buffered.length + chunk.length);
      joined.set(buffered);
      joined.set(chunk, buffered.length);
      buffered = joined;
      for (;;) {
        const text = new TextDecoder("latin1").decode(buffered);
        const end = text.indexOf("\r\n\r\n");
        if (end === -1) return;
        const head = text.slice(0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = buffered.slice(end + 4 + length);
        const [method, target] = head.split(" ");
        const key = `${method} ${target.split("?")[0]}`;
        arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
        if (key === "GET /health/live") {
          const body = '{"status":"healthy"}';
          socket.write(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: keep-alive\r\n" +
              `content-length: ${body.length}\r\n\r\n${body}`,
          );
          continue;
        }
        // The whole request has arrived: the server may have acted on it. Drop without a word.
        socket.destroy();
        return;
      }
    });
  });
}

/** Runs `body` against a new raw server and a client of it, then closes the server. */
async function withServer(
  body: (client: AegisClient, count: (key: string) => number) => Promise<void>,
): Promise<void> {
  const arrivals: Arrivals = new Map();
  const sockets = new Set<Socket>();
  const server = rawServer(arrivals, sockets);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const client = new AegisClient({
    baseUrl: `http://127.0.0.1:${port}`,
    bearerToken: "token",
    timeout: 10_000,
  });
  try {
    await body(client, (key) => arrivals.get(key) ?? 0);
  } finally {
    // Pooled keep-alive connections would hold `close` open until the client drops them.
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const ENVELOPE = {
  protocol: "seal/v1",
  security_token: "t",
  signature: "c2ln",
  payload: { jsonrpc: "2.0", id: 1, method: "tools/call" },
  timestamp: new Date().toISOString(),
};

describe("a request that is not safe to repeat reaches the server at most once per attempt", () => {
  const calls = {
    [`POST ${EXECUTE}`]: (client: AegisClient) => client.startExecution(AGENT, "once"),
    "POST /v1/seal/invoke": (client: AegisClient) => client.invokeSeal(ENVELOPE),
  };
  for (const [key, call] of Object.entries(calls)) {
    it(
      `${key}, dropped after its body was read, on a pooled keep-alive connection`,
      BOUND,
      async () => {
        await withServer(async (client, count) => {
          for (let round = 0; round < ROUNDS; round++) {
            // A completed keep-alive exchange first, so the runtime has a pooled connection.
            assert.equal((await client.healthLive()).status, "healthy");
            await assert.rejects(call(client), AegisConnectionError);
          }
          assert.equal(count(key), ROUNDS);
        });
      },
    );

    it(`${key}, dropped after its body was read, on a fresh connection`, BOUND, async () => {
      await withServer(async (client, count) => {
        for (let round = 0; round < ROUNDS; round++) {
          await assert.rejects(call(client), AegisConnectionError);
        }
        assert.equal(count(key), ROUNDS);
      });
    });
  }

  it("an idempotent GET is still retried by the SDK after a drop", BOUND, async () => {
    await withServer(async (client, count) => {
      await assert.rejects(client.listAgents({ maxRetries: 1 }), AegisConnectionError);
      // Idempotent requests keep pooled connections, where a runtime may add a resend of its
      // own: at least the SDK's two attempts arrive, and the call fails cleanly.
      assert.ok(count("GET /v1/agents") >= 2);
    });
  });
});
