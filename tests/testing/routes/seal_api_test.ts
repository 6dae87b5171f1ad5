import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createSealRoutes, type SealRoutesOptions } from "../../../testing/routes/seal_api.ts";
import { createSealEnvelope, Ed25519Key, type SealEnvelope } from "../../../seal/mod.ts";
import { encodeBase64 } from "../../../internal/encoding.ts";

const T0 = Date.parse("2026-05-09T03:07:56.000Z");
const AUTH = "Bearer test-jwt";

function setup(options: SealRoutesOptions = {}) {
  const clock = { now: T0 };
  const app = createSealRoutes({
    authorize: (header) => header === AUTH,
    now: () => clock.now,
    ...options,
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const attest = async (key: Ed25519Key, extra: Record<string, unknown> = {}) => {
    const response = await post(
      "/v1/seal/attest",
      { public_key: key.getPublicKeyBase64(), security_context: "default", ...extra },
      { authorization: AUTH },
    );
    assert.equal(response.status, 200, await response.clone().text());
    return await response.json() as {
      status: string;
      security_token: string;
      expires_at: string;
      session_id: string;
    };
  };
  return { app, clock, post, attest };
}

function toolCall(name: string, args: unknown, id: number | string = 1) {
  return { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } };
}

async function errorOf(response: Response): Promise<string> {
  assert.equal(response.status, 400);
  return (await response.json() as { error: string }).error;
}

describe("fake SEAL routes: attest", () => {
  it("returns a JWT-shaped token expiring in 3600 s, +00:00 whole seconds", async () => {
    const { attest } = setup();
    const key = await Ed25519Key.generate();
    const body = await attest(key);
    assert.equal(body.status, "success");
    assert.equal(body.expires_at, "2026-05-09T04:07:56+00:00");
    assert.match(body.session_id, /^[0-9a-f-]{36}$/);
    const [header, claims, signature] = body.security_token.split(".");
    assert.ok(signature.length > 0);
    const decode = (part: string) =>
      JSON.parse(atob(part.replaceAll("-", "+").replaceAll("_", "/")));
    assert.deepEqual(decode(header), { alg: "RS256", typ: "JWT" });
    const payload = decode(claims);
    assert.equal(payload.exp - payload.iat, 3600);
    assert.equal(payload.jti, body.session_id);
    assert.equal(payload.scp, "default");
    assert.equal(payload.aud, "aegis-agents");
  });

  it("requires Authorization (401 unauthorized) and a security context", async () => {
    const { post } = setup();
    const key = await Ed25519Key.generate();
    const body = { public_key: key.getPublicKeyBase64(), security_context: "default" };
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: "test-jwt" },
    ];
    for (const headers of variants) {
      const response = await post("/v1/seal/attest", body, headers);
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: "unauthorized" });
    }
    const blank = await post("/v1/seal/attest", { ...body, security_context: "  " }, {
      authorization: AUTH,
    });
    assert.equal(blank.status, 401);
    assert.equal(typeof (await blank.json()).error, "string");
  });

  it("enforces known security contexts when configured", async () => {
    const { post } = setup({ securityContexts: ["default"] });
    const key = await Ed25519Key.generate();
    const response = await post(
      "/v1/seal/attest",
      { public_key: key.getPublicKeyBase64(), security_context: "other" },
      { authorization: AUTH },
    );
    assert.equal(response.status, 401);
  });

  it("accepts the public key encodings and aliases the orchestrator accepts", async () => {
    const { post } = setup();
    const key = await Ed25519Key.generate();
    const raw = key.getPublicKeyBytes();
    const spki = new Uint8Array([
      0x30,
      0x2a,
      0x30,
      0x05,
      0x06,
      0x03,
      0x2b,
      0x65,
      0x70,
      0x03,
      0x21,
      0x00,
      ...raw,
    ]);
    const forms: Record<string, string>[] = [
      { public_key: encodeBase64(raw) },
      {
        public_key: encodeBase64(raw).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
      },
      { public_key: encodeBase64(spki) },
      {
        public_key_pem: `-----BEGIN PUBLIC KEY-----\n${
          encodeBase64(spki)
        }\n-----END PUBLIC KEY-----`,
      },
      { agent_public_key: encodeBase64(raw) },
    ];
    for (const form of forms) {
      const response = await post("/v1/seal/attest", { ...form, security_context: "c" }, {
        authorization: AUTH,
      });
      assert.equal(response.status, 200, JSON.stringify(form));
    }
    const bad = await post("/v1/seal/attest", { public_key: "abc", security_context: "c" }, {
      authorization: AUTH,
    });
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), { error: "unsupported Ed25519 public key encoding" });
  });

  it("answers body problems like axum (415, 400, 422, plain text)", async () => {
    const { app, post } = setup();
    const noType = await app.request("/v1/seal/attest", { method: "POST", body: "{}" });
    assert.equal(noType.status, 415);
    const broken = await post("/v1/seal/attest", "{", { authorization: AUTH });
    assert.equal(broken.status, 400);
    assert.match(await broken.text(), /^Failed to parse the request body as JSON/);
    const missing = await post("/v1/seal/attest", { security_context: "c" }, {
      authorization: AUTH,
    });
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /missing field `public_key`/);
  });
});

describe("fake SEAL routes: invoke", () => {
  async function session(options: SealRoutesOptions = {}) {
    const ctx = setup(options);
    const key = await Ed25519Key.generate();
    const { security_token: token } = await ctx.attest(key);
    const invoke = (envelope: SealEnvelope<unknown> | string) =>
      ctx.post("/v1/seal/invoke", envelope);
    const sign = (payload: unknown, now = ctx.clock.now, signingToken = token) =>
      createSealEnvelope(signingToken, payload, key, { now });
    return { ...ctx, key, token, invoke, sign };
  }

  it("verifies the envelope and returns the tool result as is", async () => {
    const { invoke, sign } = await session();
    const echo = await invoke(await sign(toolCall("echo", { text: "héllo 😀", n: 0.5 })));
    assert.equal(echo.status, 200);
    assert.deepEqual(await echo.json(), { text: "héllo 😀", n: 0.5 });
    const read = await invoke(await sign(toolCall("fs.read", { path: "/workspace/a.txt" }, 2)));
    assert.equal(read.status, 200);
    const file = await read.json();
    assert.equal(file.path, "/workspace/a.txt");
    assert.equal(file.content, "fake contents of /workspace/a.txt\n");
  });

  it("dispatches non tools/call methods by name with params as arguments", async () => {
    const seen: unknown[] = [];
    const { invoke, sign } = await session({
      tools: {
        "custom.tool": (args, context) => {
          seen.push(args, context.toolName, context.securityContext);
          return { ok: true };
        },
      },
    });
    const response = await invoke(
      await sign({ jsonrpc: "2.0", id: 1, method: "custom.tool", params: { a: 1 } }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    assert.deepEqual(seen, [{ a: 1 }, "custom.tool", "default"]);
  });

  it("rejects a replayed signature within 30 s", async () => {
    const { invoke, sign, clock } = await session();
    const envelope = await sign(toolCall("echo", { x: 1 }));
    assert.equal((await invoke(envelope)).status, 200);
    clock.now += 10_000;
    assert.equal(
      await errorOf(await invoke(envelope)),
      "Replay protection failed: envelope nonce already seen within freshness window",
    );
    // A fresh signature for the same call is fine.
    assert.equal((await invoke(await sign(toolCall("echo", { x: 1 })))).status, 200);
  });

  it("rejects stale and future timestamps", async () => {
    const { invoke, sign, clock } = await session();
    const stale = await sign(toolCall("echo", {}), clock.now - 31_000);
    assert.match(
      await errorOf(await invoke(stale)),
      /^Replay protection failed: envelope timestamp/,
    );
    const future = await sign(toolCall("echo", {}), clock.now + 31_000);
    assert.match(await errorOf(await invoke(future)), /^Replay protection failed/);
    assert.equal((await invoke(await sign(toolCall("echo", {}), clock.now - 30_000))).status, 200);
  });

  it("rejects a tampered payload, a wrong key and a bad signature encoding", async () => {
    const { invoke, sign } = await session();
    const envelope = await sign(toolCall("echo", { amount: 1 }));
    const tampered = { ...envelope, payload: toolCall("echo", { amount: 1000 }) };
    assert.match(await errorOf(await invoke(tampered)), /^Signature verification failed/);
    const unpadded = { ...envelope, signature: envelope.signature.replace(/=+$/, "") };
    assert.match(
      await errorOf(await invoke(unpadded)),
      /^Signature verification failed: Invalid base64/,
    );
    // Someone else's key cannot sign for this session.
    const intruder = await Ed25519Key.generate();
    const forged = await createSealEnvelope(
      envelope.security_token,
      toolCall("echo", {}),
      intruder,
      {
        now: T0,
      },
    );
    assert.match(await errorOf(await invoke(forged)), /^Signature verification failed/);
  });

  it("rejects unknown or mismatched tokens and expired sessions", async () => {
    const { invoke, sign, clock, token } = await session();
    const unknown = await sign(toolCall("echo", {}), clock.now, `${token}x`);
    assert.equal(await errorOf(await invoke(unknown)), "Session is inactive: Expired");
    clock.now += 3600_000;
    assert.equal(
      await errorOf(await invoke(await sign(toolCall("echo", {})))),
      "Session has expired",
    );
  });

  it("reports protocol, timestamp and payload-shape problems with the orchestrator's texts", async () => {
    const { invoke, sign } = await session();
    const envelope = await sign(toolCall("echo", {}));
    assert.equal(
      await errorOf(await invoke({ ...envelope, protocol: undefined as unknown as string })),
      "SEAL envelope requires both 'protocol' and 'timestamp' fields",
    );
    assert.equal(
      await errorOf(await invoke({ ...envelope, protocol: "seal/v2" })),
      "Malformed MCP payload: unsupported SEAL protocol 'seal/v2'",
    );
    assert.match(
      await errorOf(await invoke({ ...envelope, timestamp: "2026-05-09T03:07:56" })),
      /^Malformed MCP payload: invalid SEAL timestamp/,
    );
    assert.equal(
      await errorOf(await invoke(await sign(toolCall("nope", {})))),
      'Policy violation: ToolNotAllowed { tool: "nope" }',
    );
    assert.equal(
      await errorOf(
        await invoke(await sign({ jsonrpc: "2.0", id: 1, method: "tools/call", params: {} })),
      ),
      "Malformed MCP payload: missing tool name",
    );
    assert.equal(
      await errorOf(
        await invoke(
          await sign({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } }),
        ),
      ),
      "Malformed MCP payload: missing arguments",
    );
    const failing = await invoke(await sign(toolCall("fs.read", { nopath: true })));
    assert.match(await errorOf(failing), /^Internal error: fs.read requires/);
  });

  it("answers unparseable bodies like axum", async () => {
    const { invoke, sign, app } = await session();
    const envelope = await sign(toolCall("echo", {}));
    const numberTimestamp = JSON.stringify({ ...envelope, timestamp: 1778296076 });
    const typed = await invoke(numberTimestamp);
    assert.equal(typed.status, 422);
    assert.match(await typed.text(), /^Failed to deserialize the JSON body/);
    const syntax = await invoke(JSON.stringify(envelope).slice(0, -2));
    assert.equal(syntax.status, 400);
    assert.match(await syntax.text(), /^Failed to parse the request body as JSON/);
    const deep = await invoke(
      JSON.stringify({ ...envelope, payload: toolCall("echo", { d: "@" }) }).replace(
        '"@"',
        "[".repeat(130) + "]".repeat(130),
      ),
    );
    assert.equal(deep.status, 400);
    assert.match(await deep.text(), /recursion limit/);
    const wrongType = await app.request("/v1/seal/invoke", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify(envelope),
    });
    assert.equal(wrongType.status, 415);
  });

  it("judges numbers from the body text with serde semantics", async () => {
    const { invoke, sign } = await session();
    const envelope = await sign(toolCall("echo", { big: 1 }));
    // JSON.parse cannot tell 1 from 1.0; serde can, so this edit must break the signature.
    const text = JSON.stringify(envelope).replace('"big":1', '"big":1.0');
    assert.match(await errorOf(await invoke(text)), /^Signature verification failed/);
  });
});

describe("fake SEAL routes: tools", () => {
  it("lists tools with camelCase inputSchema; header wins over query", async () => {
    const { app } = setup();
    const response = await app.request("/v1/seal/tools?security_context=from-query", {
      headers: { "x-zaru-security-context": "from-header" },
    });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.protocol, "seal/v1");
    assert.equal(body.attestation_endpoint, "/v1/seal/attest");
    assert.equal(body.invoke_endpoint, "/v1/seal/invoke");
    assert.equal(body.security_context, "from-header");
    assert.deepEqual(body.tools.map((t: { name: string }) => t.name), [
      "echo",
      "fs.read",
      "fs.list",
    ]);
    assert.ok(body.tools.every((t: Record<string, unknown>) => "inputSchema" in t));
    const query = await (await app.request("/v1/seal/tools?security_context=q")).json();
    assert.equal(query.security_context, "q");
    const none = await (await app.request("/v1/seal/tools")).json();
    assert.equal(none.security_context, null);
  });
});
