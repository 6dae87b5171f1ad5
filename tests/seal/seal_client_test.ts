import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  SEALClient,
  SEALError,
} from "../../mod.ts";
import { hookRunner } from "../../client/mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";

describe("SEALClient", () => {
  it("runs a call's hooks when given hookRunner, and refuses them without it", async () => {
    const fake = createFakeOrchestrator();
    const options = { auth: fake.token, fetch: fake.fetch };
    const seen: string[] = [];
    const hooks = {
      afterResponse: [(ctx: { call: { path: string } }) => void seen.push(ctx.call.path)],
    };
    const plain = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", options);
    await assert.rejects(
      plain.callTool("echo", { a: 1 }, { hooks }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "hooks",
    );
    const hooked = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      ...options,
      hookRunner,
    });
    assert.deepEqual(await hooked.callTool("echo", { a: 1 }, { hooks }), { a: 1 });
    // The call attested first (lazily): its hooks saw that request too.
    assert.deepEqual(seen, ["/v1/seal/attest", "/v1/seal/invoke"]);
  });

  it("attests with the caller's Authorization and calls tools with unique JSON-RPC ids", async () => {
    const fake = createFakeOrchestrator();
    const seal = new SEALClient("http://aegis.test", "wl-1", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
    });
    const session = await seal.attest();
    assert.equal(session.security_token.split(".").length, 3);
    assert.match(session.expires_at, /\+00:00$/);
    const attest = fake.requests.find((r) => r.path === "/v1/seal/attest")!;
    assert.equal(attest.headers.get("authorization"), `Bearer ${fake.token}`);
    const body = JSON.parse(attest.body!);
    assert.equal(body.security_context, "aegis-system-operator");
    assert.equal(body.workload_id, "wl-1");
    assert.match(body.public_key, /^[A-Za-z0-9+/]{43}=$/);

    assert.deepEqual(await seal.callTool("echo", { a: 1, nested: { é: [1.5, "x"] } }), {
      a: 1,
      nested: { é: [1.5, "x"] },
    });
    await seal.callTool("echo", { a: 2 });
    const invokes = fake.requests.filter((r) => r.path === "/v1/seal/invoke");
    assert.equal(invokes.length, 2);
    assert.equal(invokes[0].headers.get("authorization"), null);
    const ids = invokes.map((r) => JSON.parse(r.body!).payload.id);
    assert.notEqual(ids[0], ids[1]);
    assert.equal(JSON.parse(invokes[0].body!).payload.method, "tools/call");
  });

  it("attests lazily on the first call and shares one attestation among concurrent calls", async () => {
    const fake = createFakeOrchestrator();
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => seal.callTool("echo", { n })));
    assert.deepEqual(results, [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    assert.equal(fake.requests.filter((r) => r.path === "/v1/seal/attest").length, 1);
  });

  it("re-attests when the session is about to expire, and when the server says it expired", async () => {
    let now = Date.now();
    const fake = createFakeOrchestrator({ seal: { now: () => now, sessionTtlSeconds: 120 } });
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
      now: () => now,
    });
    await seal.callTool("echo", {});
    now += 90_000; // inside the 60 s refresh window
    await seal.callTool("echo", {});
    assert.equal(fake.requests.filter((r) => r.path === "/v1/seal/attest").length, 2);

    // The server expires the session while the client still believes it valid.
    let skew = 0;
    const fakeExpired = createFakeOrchestrator({
      seal: { now: () => Date.now() + skew, sessionTtlSeconds: 5 },
    });
    const short = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fakeExpired.token,
      fetch: fakeExpired.fetch,
      refreshBeforeExpirySecs: 0,
    });
    await short.attest();
    skew = 10_000; // the server's clock passes the session expiry; still inside the freshness window
    assert.deepEqual(await short.callTool("echo", { ok: true }), { ok: true });
    assert.equal(fakeExpired.requests.filter((r) => r.path === "/v1/seal/attest").length, 2);
  });

  it("attests at most once per call, whatever expires_at says", async () => {
    const attestations = (fake: ReturnType<typeof createFakeOrchestrator>) =>
      fake.requests.filter((r) => r.path === "/v1/seal/attest").length;
    /** The fake's answers, with the attestation's `expires_at` replaced. */
    const rewriting = (fake: ReturnType<typeof createFakeOrchestrator>, expiresAt: () => string) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await fake.fetch(input, init);
        if (!String(input instanceof Request ? input.url : input).endsWith("/v1/seal/attest")) {
          return response;
        }
        const body = await response.json();
        return Response.json({ ...body, expires_at: expiresAt() }, { status: response.status });
      }) as typeof fetch;
    const cases: [string, () => string][] = [
      ["in the past", () => new Date(Date.now() - 3_600_000).toISOString()],
      ["unparseable", () => "soon"],
      ["30 s away", () => new Date(Date.now() + 30_000).toISOString()],
      ["now", () => new Date().toISOString()],
    ];
    for (const [label, expiresAt] of cases) {
      const fake = createFakeOrchestrator();
      const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
        auth: fake.token,
        fetch: rewriting(fake, expiresAt),
      });
      for (let i = 0; i < 10; i++) assert.deepEqual(await seal.callTool("echo", { i }), { i });
      assert.equal(attestations(fake), 1, label);
    }

    // A server that refuses every session: one attestation per call, then its error.
    const fake = createFakeOrchestrator({ seal: { sessionTtlSeconds: 0 } });
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
    });
    for (let i = 0; i < 5; i++) {
      const error = await seal.callTool("echo", {}).catch((e) => e);
      assert.ok(error instanceof BadRequestError);
      assert.match(error.serverMessage!, /expired/);
    }
    assert.equal(attestations(fake), 5);
  });

  it("without credentials attestation fails with 401, as on the orchestrator", async () => {
    const fake = createFakeOrchestrator();
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      fetch: fake.fetch,
    });
    const error = await seal.attest().catch((e) => e);
    assert.ok(error instanceof AuthenticationError);
    assert.deepEqual(error.body, { error: "unauthorized" });
  });

  it("unknown tools surface the server's policy violation", async () => {
    const fake = createFakeOrchestrator();
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
    });
    const error = await seal.callTool("rm.rf", {}).catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.match(error.serverMessage!, /Policy violation/);
  });

  it("erase() drops key and session; later use throws SEALError key_erased; nothing secret is printed", async () => {
    const fake = createFakeOrchestrator();
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
    });
    const { security_token } = await seal.attest();
    assert.ok(!JSON.stringify(seal).includes(security_token));
    assert.ok(!JSON.stringify(seal).includes(fake.token));
    seal.dispose();
    assert.equal(seal.session, undefined);
    await assert.rejects(
      seal.callTool("echo", {}),
      (e: unknown) => e instanceof SEALError && e.code === "key_erased",
    );
    assert.throws(() => seal.attest(), SEALError);
  });
});
