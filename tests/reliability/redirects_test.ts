// Redirects measured where they would do harm: two real HTTP servers on 127.0.0.1, the
// orchestrator's origin (which answers with redirects) and a second origin that records every
// byte it receives. Nothing the SDK sends may reach the second origin, a POST is never turned
// into a GET, and the token request follows no redirect at all.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  AegisClient,
  type AegisCore,
  AegisRedirectError,
  type ClientOptions,
  TokenRequestError,
} from "../../mod.ts";

const AGENT = "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10";
const EXECUTE = `/v1/agents/${AGENT}/execute`;
const TOKEN = "/realms/aegis/protocol/openid-connect/token";
const SECRET = "s3cret-client-secret";

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Handler = (request: Received, response: ServerResponse) => void;

/** A real HTTP server that records every request and answers through `handler`. */
class RecordingServer {
  readonly received: Received[] = [];
  handler: Handler = (_request, response) => response.writeHead(404).end();
  readonly #server: Server;
  url = "";

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Uint8Array[] = [];
      request.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      request.on("end", () => {
        const received: Received = {
          method: request.method ?? "",
          path: request.url ?? "",
          headers: request.headers,
          body: new TextDecoder().decode(concat(chunks)),
        };
        this.received.push(received);
        this.handler(received, response);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  paths(): string[] {
    return this.received.map((r) => `${r.method} ${r.path}`);
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location, "content-type": "text/plain" }).end("moved");
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

describe("redirects", () => {
  const origin = new RecordingServer();
  const elsewhere = new RecordingServer();

  before(async () => {
    await origin.start();
    await elsewhere.start();
    elsewhere.handler = (_request, response) => json(response, 200, { leaked: true });
  });
  after(async () => {
    await origin.stop();
    await elsewhere.stop();
  });

  function client(extra: Partial<ClientOptions> = {}): AegisClient {
    origin.received.length = 0;
    elsewhere.received.length = 0;
    return new AegisClient({
      baseUrl: origin.url,
      ...(extra.keycloakUrl === undefined ? { bearerToken: "token-123" } : {}),
      tenantId: "t-team",
      headers: { "x-custom": "custom-value" },
      maxRetries: 0,
      ...extra,
    });
  }

  it("the token request follows no redirect, so the client secret stays home", async () => {
    for (const target of ["elsewhere", "same origin"] as const) {
      const c = client({
        keycloakUrl: origin.url,
        realm: "aegis",
        clientId: "sdk",
        clientSecret: SECRET,
      });
      const location = target === "elsewhere"
        ? `${elsewhere.url}${TOKEN}?next=1`
        : `${origin.url}/other-token`;
      origin.handler = (request, response) => {
        if (request.path === TOKEN) redirect(response, 307, location);
        else json(response, 200, []);
      };
      const error = await c.listAgents().catch((e) => e);
      assert.ok(error instanceof TokenRequestError, String(error));
      const cause = error.cause;
      assert.ok(cause instanceof AegisRedirectError, String(cause));
      assert.equal(cause.status, 307);
      assert.equal(cause.location, location.split("?")[0]);
      assert.match(cause.message, /307 redirect to .* not followed: the token request follows no/);
      assert.doesNotMatch(cause.message, /next=1/);
      assert.deepEqual(elsewhere.received, []);
      assert.deepEqual(origin.paths(), [`POST ${TOKEN}`]);
      assert.ok(origin.received[0].body.includes(SECRET));
    }
  });

  it("nothing follows a redirect to another origin: no header or body reaches it", async () => {
    const c = client();
    origin.handler = (request, response) =>
      redirect(
        response,
        request.method === "GET" ? 302 : 307,
        `${elsewhere.url}${request.path}?sig=abc`,
      );
    const get = await c.listAgents().catch((e) => e);
    assert.ok(get instanceof AegisRedirectError, String(get));
    assert.equal(get.status, 302);
    assert.equal(get.location, `${elsewhere.url}/v1/agents`);
    assert.equal(get.reason, "it leads to another origin");
    assert.equal(get.method, "GET");
    assert.equal(get.path, "/v1/agents");
    const post = await c.startExecution(AGENT, "hello").catch((e) => e);
    assert.ok(post instanceof AegisRedirectError, String(post));
    assert.equal(post.status, 307);
    assert.equal(post.location, `${elsewhere.url}${EXECUTE}`);
    assert.deepEqual(elsewhere.received, []);
    assert.deepEqual(origin.paths(), ["GET /v1/agents", `POST ${EXECUTE}`]);
  });

  it("a POST is never turned into a GET (301, 302 and 303, even to the same origin)", async () => {
    for (const status of [301, 302, 303]) {
      const c = client();
      origin.handler = (request, response) => {
        if (request.path === EXECUTE) redirect(response, status, "/v1/moved");
        else json(response, 200, { leaked: true });
      };
      const error = await c.startExecution(AGENT, "hello").catch((e) => e);
      assert.ok(error instanceof AegisRedirectError, String(error));
      assert.equal(error.status, status);
      assert.equal(error.location, `${origin.url}/v1/moved`);
      assert.match(error.message, /would turn the POST into a GET/);
      assert.deepEqual(origin.paths(), [`POST ${EXECUTE}`]);
    }
  });

  it("same-origin redirects are followed with the same method, headers and body", async () => {
    const c = client();
    origin.handler = (request, response) => {
      if (request.path === EXECUTE) redirect(response, 307, `/v1/agents/${AGENT}/execute-v2`);
      else if (request.path === "/v1/agents") redirect(response, 301, "/v1/agents-v2");
      else if (request.path === "/v1/agents-v2") json(response, 200, []);
      else json(response, 200, { execution_id: "e-1" });
    };
    assert.deepEqual(await c.startExecution(AGENT, "hello"), { execution_id: "e-1" });
    const [first, second] = origin.received;
    assert.equal(second.method, "POST");
    assert.equal(second.path, `/v1/agents/${AGENT}/execute-v2`);
    assert.equal(second.body, first.body);
    assert.equal(second.headers["x-tenant-id"], "t-team");
    assert.equal(second.headers["x-custom"], "custom-value");
    assert.equal(second.headers.authorization, "Bearer token-123");
    assert.deepEqual(await c.listAgents(), []);
    assert.deepEqual(origin.paths().slice(2), ["GET /v1/agents", "GET /v1/agents-v2"]);
    assert.deepEqual(elsewhere.received, []);
  });

  it("a redirect loop ends with a typed error after a bounded number of hops", async () => {
    const c = client();
    origin.handler = (request, response) => redirect(response, 308, `${request.path}x`);
    const error = await c.listAgents().catch((e) => e);
    assert.ok(error instanceof AegisRedirectError, String(error));
    assert.match(error.reason, /more than 5 redirects/);
    assert.equal(origin.received.length, 6);
  });

  it("a streamed body is never re-sent, and a redirect without Location is reported", async () => {
    const c = client();
    const core = c as AegisCore;
    origin.handler = (request, response) => {
      if (request.path === "/upload") redirect(response, 307, "/upload-2");
      else response.writeHead(302).end();
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("streamed"));
        controller.close();
      },
    });
    const streamed = await core.request({ method: "PUT", path: "/upload", body }).catch((e) => e);
    assert.ok(streamed instanceof AegisRedirectError, String(streamed));
    assert.match(streamed.reason, /streamed request body cannot be re-sent/);
    const bare = await c.listAgents().catch((e) => e);
    assert.ok(bare instanceof AegisRedirectError, String(bare));
    assert.equal(bare.location, undefined);
    assert.match(bare.message, /^302 redirect not followed: the answer has no Location header/);
    assert.deepEqual(origin.paths(), ["PUT /upload", "GET /v1/agents"]);
  });
});
