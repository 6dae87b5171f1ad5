import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisClient,
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
} from "../../mod.ts";
import { createSealEnvelope, Ed25519Key } from "../../seal/mod.ts";
import { setup } from "../helpers.ts";

const CONTEXT = "aegis-system-operator";

async function attested(h: ReturnType<typeof setup>) {
  const key = await Ed25519Key.generate();
  const session = await h.client.attestSeal({
    public_key: key.getPublicKeyBase64(),
    security_context: CONTEXT,
  });
  return { key, session };
}

describe("SEAL REST", () => {
  it("attestSeal sends the bearer token and the body; returns {status, security_token, expires_at, session_id}", async () => {
    const h = setup();
    const { key, session } = await attested(h);
    const request = h.last("/v1/seal/attest");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.deepEqual(JSON.parse(request.body!), {
      public_key: key.getPublicKeyBase64(),
      security_context: CONTEXT,
    });
    assert.equal(session.status, "success");
    assert.equal(session.security_token.split(".").length, 3);
    assert.match(session.expires_at, /\+00:00$/);
    assert.match(session.session_id, /^[0-9a-f-]{36}$/);
  });

  it("attestSeal without a token → AuthenticationError {error:'unauthorized'}", async () => {
    const h = setup();
    const anonymous = new AegisClient({
      baseUrl: "http://aegis.test",
      auth: "none",
      fetch: h.fake.fetch,
    });
    const key = await Ed25519Key.generate();
    await assert.rejects(
      anonymous.attestSeal({ public_key: key.getPublicKeyBase64(), security_context: CONTEXT }),
      (e: unknown) => e instanceof AuthenticationError && e.code === "unauthorized",
    );
  });

  it("attestSeal accepts an aegis_ API key as the bearer (like the real route)", async () => {
    const h = setup();
    const { key: apiKey } = await h.client.createApiKey({ name: "agent", scopes: [] });
    const withKey = new AegisClient({
      baseUrl: "http://aegis.test",
      bearerToken: apiKey,
      fetch: h.fake.fetch,
    });
    const key = await Ed25519Key.generate();
    const session = await withKey.attestSeal({
      public_key: key.getPublicKeyBase64(),
      security_context: CONTEXT,
    });
    assert.equal(session.status, "success");
  });

  it("invokeSeal posts the envelope without Authorization and returns the raw tool result", async () => {
    const h = setup();
    const { key, session } = await attested(h);
    const envelope = await createSealEnvelope(session.security_token, {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "echo", arguments: { hello: "world", n: 2 } },
    }, key);
    const result = await h.client.invokeSeal(envelope);
    assert.deepEqual(result, { hello: "world", n: 2 });
    const request = h.last("/v1/seal/invoke");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("authorization"), null);
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(request.body!), envelope);
  });

  it("invokeSeal accepts the envelope's exact JSON text", async () => {
    const h = setup();
    const { key, session } = await attested(h);
    const envelope = await createSealEnvelope(session.security_token, {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "fs.read", arguments: { path: "/workspace/a.txt" } },
    }, key);
    const text = JSON.stringify(envelope);
    const result = await h.client.invokeSeal(text) as { path: string };
    assert.equal(result.path, "/workspace/a.txt");
    assert.equal(h.last("/v1/seal/invoke").body, text);
  });

  it("a replayed envelope → BadRequestError 'Replay protection failed'", async () => {
    const h = setup();
    const { key, session } = await attested(h);
    const envelope = await createSealEnvelope(session.security_token, {
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "echo", arguments: {} },
    }, key);
    await h.client.invokeSeal(envelope);
    await assert.rejects(
      h.client.invokeSeal(envelope),
      (e: unknown) =>
        e instanceof BadRequestError && /^Replay protection failed/.test(e.serverMessage!),
    );
  });

  it("invokeSeal is never retried, even on 503 and even with maxRetries set", async () => {
    const h = setup({ maxRetries: 3 });
    h.fake.faults.add({ path: "/v1/seal/invoke", status: 503, headers: { "retry-after": "0" } });
    await assert.rejects(
      h.client.invokeSeal({
        protocol: "seal/v1",
        security_token: "t",
        signature: "s",
        payload: {},
        timestamp: new Date().toISOString(),
      }, { maxRetries: 5 }),
    );
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/seal/invoke").length, 1);
  });

  it("invokeSeal with an unknown session → BadRequestError 'Session is inactive: Expired'", async () => {
    const h = setup();
    const key = await Ed25519Key.generate();
    const envelope = await createSealEnvelope("not-a-session", {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/list",
      params: {},
    }, key);
    await assert.rejects(
      h.client.invokeSeal(envelope),
      (e: unknown) =>
        e instanceof BadRequestError && e.serverMessage === "Session is inactive: Expired",
    );
  });

  it("listSealTools sends the context as header and query, without Authorization", async () => {
    const h = setup();
    const tools = await h.client.listSealTools(CONTEXT);
    const request = h.last("/v1/seal/tools");
    assert.equal(request.method, "GET");
    assert.equal(request.headers.get("x-zaru-security-context"), CONTEXT);
    assert.equal(request.search, `security_context=${CONTEXT}`);
    assert.equal(request.headers.get("authorization"), null);
    assert.equal(tools.protocol, "seal/v1");
    assert.equal(tools.security_context, CONTEXT);
    assert.equal(tools.invoke_endpoint, "/v1/seal/invoke");
    assert.ok(tools.tools.some((t) => t.name === "echo" && t.inputSchema !== undefined));
    const all = await h.client.listSealTools();
    assert.equal(h.last("/v1/seal/tools").search, "");
    assert.equal(h.last("/v1/seal/tools").headers.get("x-zaru-security-context"), null);
    assert.equal(all.security_context, null);
  });

  it("listSealTools: non-ASCII names go in the query only; control characters are refused", async () => {
    const h = setup();
    const tools = await h.client.listSealTools("zaru-é");
    assert.equal(h.last("/v1/seal/tools").headers.get("x-zaru-security-context"), null);
    assert.equal(
      new URLSearchParams(h.last("/v1/seal/tools").search).get("security_context"),
      "zaru-é",
    );
    assert.equal(tools.security_context, "zaru-é");
    await assert.rejects(h.client.listSealTools("a\r\nb"), InvalidArgumentError);
    await assert.rejects(h.client.listSealTools(""), InvalidArgumentError);
  });
});
