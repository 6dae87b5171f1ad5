import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import {
  type JsonRpcMessage,
  SEALClient,
  SealMcpTransport,
  verifySealEnvelopeJson,
} from "../../seal/mod.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";

type Options = Parameters<typeof createFakeOrchestrator>[0];

/** The official MCP client connected through a SEAL transport to a fresh fake orchestrator. */
async function connect(fakeOptions?: Options, auth = true) {
  const fake = createFakeOrchestrator(fakeOptions);
  const seal = new SEALClient("http://aegis.test", "wl-mcp", "aegis-system-operator", {
    auth: auth ? fake.token : undefined,
    fetch: fake.fetch,
  });
  const transport = new SealMcpTransport(seal);
  // The official client's Transport type, unchanged: the structural shape must satisfy it.
  const asTransport: Transport = transport;
  const sent: JsonRpcMessage[] = [];
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    sent.push(message);
    return send(message, options);
  };
  const client = new Client({ name: "aegis-sdk-test", version: "1.0.0" });
  await client.connect(asTransport);
  return { fake, seal, transport, client, sent };
}

const routeCount = (fake: FakeOrchestrator, path: string) =>
  fake.requests.filter((r) => r.path === path).length;

async function mcpError(run: () => Promise<unknown>): Promise<McpError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof McpError, `expected McpError, got ${error}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

describe("SealMcpTransport with the official MCP client", () => {
  it("initializes from what the gateway advertises, without attesting", async () => {
    const { fake, client, sent } = await connect();
    assert.deepEqual(client.getServerVersion(), { name: "aegis-seal-gateway", version: "seal/v1" });
    assert.deepEqual(client.getServerCapabilities(), { tools: { listChanged: false } });
    assert.equal(routeCount(fake, "/v1/seal/tools"), 1);
    assert.equal(routeCount(fake, "/v1/seal/attest"), 0);
    assert.deepEqual(sent.map((m) => m.method), ["initialize", "notifications/initialized"]);
    await client.ping();
    await client.close();
  });

  it("lists the gateway's tools with their schemas", async () => {
    const { fake, client } = await connect();
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t: { name: string }) => t.name), ["echo", "fs.read", "fs.list"]);
    assert.deepEqual(tools[1].inputSchema, {
      type: "object",
      properties: { path: { type: "string" } },
      required: ["path"],
    });
    assert.equal(tools[0].description, "Returns its arguments unchanged.");
    const listing = fake.requests.filter((r) => r.path === "/v1/seal/tools").at(-1)!;
    assert.equal(listing.headers.get("x-zaru-security-context"), "aegis-system-operator");
    await client.close();
  });

  it("calls tools as signed envelopes carrying the client's JSON-RPC id; one attestation", async () => {
    const { fake, client, sent } = await connect();
    const args = { a: 1, big: 1e21, nested: { é: [1.5, "x"] } };
    const result = await client.callTool({ name: "echo", arguments: args });
    assert.deepEqual(result.structuredContent, args);
    assert.deepEqual(result.content, [{ type: "text", text: JSON.stringify(args) }]);
    const read = await client.callTool({ name: "fs.read", arguments: { path: "/w/a.txt" } });
    assert.equal((read.structuredContent as { path: string }).path, "/w/a.txt");

    const invokes = fake.requests.filter((r) => r.path === "/v1/seal/invoke");
    assert.equal(invokes.length, 2);
    assert.equal(routeCount(fake, "/v1/seal/attest"), 1);
    const calls = sent.filter((m) => m.method === "tools/call");
    for (const [index, invoke] of invokes.entries()) {
      const envelope = JSON.parse(invoke.body!);
      assert.equal(envelope.protocol, "seal/v1");
      assert.deepEqual(envelope.payload, {
        jsonrpc: "2.0",
        id: calls[index].id,
        method: "tools/call",
        params: calls[index].params as Record<string, unknown>,
      });
    }
    // The signature verifies for the attested key, over the body as sent.
    const attest = JSON.parse(fake.requests.find((r) => r.path === "/v1/seal/attest")!.body!);
    await verifySealEnvelopeJson(invokes[0].body!, attest.public_key, Infinity);
    await client.close();
  });

  it("re-attests when the session expires, once per call", async () => {
    let now = Date.now();
    const { fake, client } = await connect({ seal: { now: () => now, sessionTtlSeconds: 5 } });
    await client.callTool({ name: "echo", arguments: {} });
    now += 10_000; // the server's session has expired; the client's clock has not moved
    assert.deepEqual(
      (await client.callTool({ name: "echo", arguments: { n: 2 } })).structuredContent,
      {
        n: 2,
      },
    );
    assert.equal(routeCount(fake, "/v1/seal/attest"), 2);
    await client.close();
  });

  it("maps failures: tool error → isError result, refused call → -32602, others → -32603", async () => {
    const { client } = await connect();
    const failed = await client.callTool({ name: "fs.read", arguments: {} });
    assert.equal(failed.isError, true);
    assert.match((failed.content as { text: string }[])[0].text, /^Internal error: fs\.read/);

    const refused = await mcpError(() => client.callTool({ name: "rm.rf", arguments: {} }));
    assert.equal(refused.code, ErrorCode.InvalidParams);
    assert.match(refused.message, /Policy violation: ToolNotAllowed/);

    const unsignable = await mcpError(() =>
      client.callTool({ name: "echo", arguments: { z: -0 } })
    );
    assert.equal(unsignable.code, ErrorCode.InvalidParams);
    assert.deepEqual(unsignable.data, { code: "unsupported_value", path: "$.params.arguments.z" });

    const unsupported = await mcpError(() => client.listResources());
    assert.equal(unsupported.code, ErrorCode.MethodNotFound);
    assert.match(unsupported.message, /resources\/list/);
    await client.close();

    const anonymous = await connect(undefined, false);
    const unauthorized = await mcpError(() =>
      anonymous.client.callTool({ name: "echo", arguments: {} })
    );
    assert.equal(unauthorized.code, ErrorCode.InternalError);
    assert.equal((unauthorized.data as { status: number }).status, 401);
    await anonymous.client.close();
  });

  it("cancels a call the client gives up on, and answers nothing for it", async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { fake, client, transport } = await connect({
      seal: { tools: { slow: async () => (await slow, { late: true }), echo: (args) => args } },
    });
    const answers: JsonRpcMessage[] = [];
    const onmessage = transport.onmessage!;
    transport.onmessage = (message) => {
      answers.push(message);
      onmessage(message);
    };
    const controller = new AbortController();
    const pending = client.callTool({ name: "slow", arguments: {} }, undefined, {
      signal: controller.signal,
    });
    while (routeCount(fake, "/v1/seal/invoke") === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error("enough"));
    await assert.rejects(pending);
    release();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(answers, []);
    assert.deepEqual(
      (await client.callTool({ name: "echo", arguments: { ok: 1 } })).structuredContent,
      {
        ok: 1,
      },
    );
    await client.close();
  });

  it("close() fires onclose once, and a closed transport refuses to send", async () => {
    const { client, transport } = await connect();
    let closed = 0;
    const onclose = transport.onclose;
    transport.onclose = () => {
      closed++;
      onclose?.();
    };
    await client.close();
    await transport.close();
    assert.equal(closed, 1);
    await assert.rejects(transport.send({ jsonrpc: "2.0", id: 9, method: "ping" }));
    await assert.rejects(transport.start());
  });

  it("answers malformed requests with -32600 and reports them through onerror", async () => {
    const fake = createFakeOrchestrator();
    const transport = new SealMcpTransport(
      new SEALClient("http://aegis.test", "wl", "aegis-system-operator", { fetch: fake.fetch }),
    );
    const messages: JsonRpcMessage[] = [];
    const errors: Error[] = [];
    transport.onmessage = (m) => messages.push(m);
    transport.onerror = (e) => errors.push(e);
    await transport.start();
    await transport.send({ jsonrpc: "1.0", id: 3, method: "ping" } as unknown as JsonRpcMessage);
    await transport.send({ jsonrpc: "2.0", id: 4, method: "ping" });
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(messages, [
      { jsonrpc: "2.0", id: 3, error: { code: -32600, message: "Invalid Request" } },
      { jsonrpc: "2.0", id: 4, result: {} },
    ]);
    assert.equal(errors.length, 1);
    await transport.close();
  });
});
