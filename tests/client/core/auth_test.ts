import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisAbortError,
  AegisClient,
  AegisCore,
  AegisTimeoutError,
  AuthenticationError,
  clientCredentials,
  InvalidArgumentError,
  listAgents,
  TokenRequestError,
} from "../../../client/mod.ts";
import { createFakeOrchestrator } from "../../../testing/mod.ts";
import {
  ClientCredentialsAuth,
  FORCED_REFRESH_MIN_INTERVAL_MS,
} from "../../../client/core/client_credentials.ts";

function oauthClient(
  fake: ReturnType<typeof createFakeOrchestrator>,
  extra: Partial<ConstructorParameters<typeof AegisClient>[0] & object> = {},
) {
  return new AegisClient({
    baseUrl: "http://aegis.test",
    keycloakUrl: "http://aegis.test/",
    realm: fake.oauth.realm,
    clientId: fake.oauth.clientId,
    clientSecret: fake.oauth.clientSecret,
    fetch: fake.fetch,
    ...extra,
  });
}

describe("OAuth2 client credentials", () => {
  it("fetches a token with a form POST to the realm token endpoint and caches it", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    await client.listAgents();
    await client.listAgents();
    assert.equal(fake.tokenRequests, 1);
    const tokenRequest = fake.requests.find((r) => r.path.endsWith("/openid-connect/token"))!;
    assert.equal(tokenRequest.path, `/realms/${fake.oauth.realm}/protocol/openid-connect/token`);
    assert.equal(tokenRequest.headers.get("content-type"), "application/x-www-form-urlencoded");
    assert.equal(tokenRequest.headers.get("authorization"), null);
    const form = new URLSearchParams(tokenRequest.body);
    assert.equal(form.get("grant_type"), "client_credentials");
    assert.equal(form.get("client_id"), fake.oauth.clientId);
    assert.equal(form.get("client_secret"), fake.oauth.clientSecret);
    const apiRequest = fake.requests.filter((r) => r.path === "/v1/agents").at(-1)!;
    assert.match(apiRequest.headers.get("authorization")!, /^Bearer kc\./);
  });

  it("shares one in-flight token request among concurrent calls", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    fake.faults.add({ path: /openid-connect\/token$/, delayMs: 50 });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.listAgents()));
    assert.equal(results.length, 50);
    assert.equal(fake.tokenRequests, 1);
  });

  it("refreshes ahead of expiry", async () => {
    // Lifetime 1 s: the buffer shrinks to half of it, so a call after 600 ms refreshes.
    const fake = createFakeOrchestrator({ keycloak: { tokenLifetimeSeconds: 1 } });
    const client = oauthClient(fake);
    await client.listAgents();
    await new Promise((r) => setTimeout(r, 600));
    await client.listAgents();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fake.tokenRequests, 2);
  });

  it("after a 401, refreshes the token and retries exactly once", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    await client.listAgents();
    fake.expireIssuedTokens();
    assert.deepEqual(await client.listAgents(), []);
    assert.equal(fake.tokenRequests, 2);
    const agentCalls = fake.requests.filter((r) => r.path === "/v1/agents");
    assert.equal(agentCalls.length, 3);
    assert.equal(
      agentCalls[1].headers.get("authorization") === agentCalls[2].headers.get("authorization"),
      false,
    );
  });

  it("a 401 that persists after the refresh surfaces as AuthenticationError", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    fake.faults.add({ path: "/v1/agents", status: 401, body: "Unauthorized", times: 5 });
    await assert.rejects(client.listAgents(), AuthenticationError);
    assert.equal(fake.requests.filter((r) => r.path === "/v1/agents").length, 2);
  });

  it("reports token endpoint failures without leaking the secret", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake, { clientSecret: "definitely-wrong-secret" });
    const error = await client.listAgents().catch((e) => e);
    assert.ok(error instanceof TokenRequestError);
    assert.equal(error.status, 401);
    assert.ok(!String(error).includes("definitely-wrong-secret"));
    assert.ok(!JSON.stringify(error).includes("definitely-wrong-secret"));
  });

  it("refuses an already-expired token from the endpoint", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake, { maxRetries: 0 });
    fake.faults.add({
      path: /openid-connect\/token$/,
      status: 200,
      body: { access_token: "x", expires_in: 0 },
    });
    await assert.rejects(client.listAgents(), /already-expired token/);
  });

  it("needs all four settings", () => {
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", keycloakUrl: "http://k", realm: "r" }),
      (e: unknown) => e instanceof InvalidArgumentError && /clientId, clientSecret/.test(e.message),
    );
  });
});

describe("clientCredentials() on a bare AegisCore (function imports)", () => {
  const coreWith = (fake: ReturnType<typeof createFakeOrchestrator>, extra: object = {}) =>
    new AegisCore({
      baseUrl: "http://aegis.test",
      auth: clientCredentials({ keycloakUrl: "http://aegis.test/", ...fake.oauth }),
      fetch: fake.fetch,
      ...extra,
    });

  it("gets, caches and after a 401 replaces the token, as AegisClient's options do", async () => {
    const fake = createFakeOrchestrator();
    const core = coreWith(fake);
    assert.deepEqual(await listAgents(core), []);
    assert.deepEqual(await listAgents(core), []);
    assert.equal(fake.tokenRequests, 1);
    const token = fake.requests.find((r) => r.path.endsWith("/openid-connect/token"))!;
    assert.equal(token.path, `/realms/${fake.oauth.realm}/protocol/openid-connect/token`);
    fake.expireIssuedTokens();
    assert.deepEqual(await listAgents(core), []);
    assert.equal(fake.tokenRequests, 2);
  });

  it("one provider serves several cores, each with its own token", async () => {
    const fake = createFakeOrchestrator();
    const auth = clientCredentials({ keycloakUrl: "http://aegis.test", ...fake.oauth });
    const first = new AegisCore({ baseUrl: "http://aegis.test", auth, fetch: fake.fetch });
    const second = new AegisCore({ baseUrl: "http://aegis.test", auth, fetch: fake.fetch });
    await listAgents(first);
    await listAgents(second);
    assert.equal(fake.tokenRequests, 2);
  });

  it("checks its settings when it is made, naming what is wrong", () => {
    const settings = { keycloakUrl: "http://k", realm: "r", clientId: "c", clientSecret: "s" };
    assert.throws(
      () => clientCredentials({ ...settings, realm: "" }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "realm",
    );
    assert.throws(
      () => clientCredentials({ ...settings, keycloakUrl: "https://someone:hunter2@k.test" }),
      (e: unknown) =>
        e instanceof InvalidArgumentError && e.argument === "keycloakUrl" &&
        !e.message.includes("hunter2"),
    );
    assert.throws(
      () => clientCredentials({ ...settings, tokenRefreshBufferSecs: -1 }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "tokenRefreshBufferSecs",
    );
    assert.throws(
      () => clientCredentials(undefined as never),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "clientCredentials",
    );
  });

  it("refuses other credentials next to it, and auth values it did not make", () => {
    const fake = createFakeOrchestrator();
    assert.throws(
      () => coreWith(fake, { bearerToken: "t" }),
      (e: unknown) =>
        e instanceof InvalidArgumentError && e.argument === "auth" &&
        /OAuth2 client credentials conflicts with bearerToken/.test(e.message),
    );
    assert.throws(
      () => new AegisCore({ baseUrl: "http://x", auth: { description: "mine" } }),
      (e: unknown) =>
        e instanceof InvalidArgumentError && e.argument === "auth" &&
        /clientCredentials\(\{\.\.\.\}\)/.test(e.message),
    );
  });

  it("a bare AegisCore given the OAuth2 options says to use it, and sends nothing", () => {
    const fake = createFakeOrchestrator();
    assert.throws(
      () =>
        new AegisCore({
          baseUrl: "http://aegis.test",
          keycloakUrl: "http://aegis.test",
          ...fake.oauth,
          fetch: fake.fetch,
        }),
      (e: unknown) =>
        e instanceof InvalidArgumentError &&
        e.argument === "keycloakUrl, realm, clientId, clientSecret" &&
        e.message.includes(
          "auth: clientCredentials({ keycloakUrl, realm, clientId, clientSecret })",
        ) &&
        !e.message.includes(fake.oauth.clientSecret),
    );
    assert.equal(fake.requests.length, 0);
  });

  it("prints no secret", () => {
    const auth = clientCredentials({
      keycloakUrl: "http://k",
      realm: "r",
      clientId: "c",
      clientSecret: "provider-secret-9d1e",
    });
    assert.ok(!JSON.stringify(auth).includes("provider-secret-9d1e"));
    assert.ok(!String(auth).includes("provider-secret-9d1e"));
  });
});

describe("static and function tokens", () => {
  it("a static token is not retried after a 401", async () => {
    const fake = createFakeOrchestrator();
    const client = new AegisClient({
      baseUrl: "http://aegis.test",
      bearerToken: "stale",
      fetch: fake.fetch,
    });
    await assert.rejects(client.listAgents(), AuthenticationError);
    assert.equal(fake.requests.length, 1);
  });

  it("a token function is asked before each request and once more after a 401", async () => {
    const fake = createFakeOrchestrator();
    const handed: string[] = [];
    const tokens = ["stale", fake.token, fake.token];
    const client = new AegisClient({
      baseUrl: "http://aegis.test",
      fetch: fake.fetch,
      token: () => {
        const token = tokens.shift()!;
        handed.push(token);
        return Promise.resolve(token);
      },
    });
    assert.deepEqual(await client.listAgents(), []);
    assert.deepEqual(handed, ["stale", fake.token]);
    await client.listAgents();
    assert.equal(handed.length, 3);
  });
});

const TOKEN_PATH = /openid-connect\/token$/;

function tokenHits(fake: ReturnType<typeof createFakeOrchestrator>): number {
  return fake.requests.filter((r) => TOKEN_PATH.test(r.path)).length;
}

/** The fake's fetch, remembering the signal of every token request. */
function recordingTokenSignals(
  fake: ReturnType<typeof createFakeOrchestrator>,
  signals: AbortSignal[],
): typeof fetch {
  return (input, init) => {
    if (TOKEN_PATH.test(new Request(input).url) && init?.signal) signals.push(init.signal);
    return fake.fetch(input, init);
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

describe("waiting for a token is part of the call", () => {
  it("is bounded by the call's timeout and maxRetries while the token endpoint hangs", {
    timeout: 15_000,
  }, async () => {
    const fake = createFakeOrchestrator();
    const signals: AbortSignal[] = [];
    const client = oauthClient(fake, { fetch: recordingTokenSignals(fake, signals) });
    fake.faults.add({ path: TOKEN_PATH, action: "hang", times: Infinity });
    const error = await client.listAgents({ timeout: 300, maxRetries: 0 }).catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.match(error.message, /after 300 ms waiting for an OAuth2 token \[GET \/v1\/agents\]/);
    assert.equal(tokenHits(fake), 1);
    // Nobody waits for that token any more: its request was cancelled.
    assert.equal(signals[0].aborted, true);
    const retried = await client.listAgents({ timeout: 100, maxRetries: 1 }).catch((e) => e);
    assert.ok(retried instanceof AegisTimeoutError, String(retried));
    assert.equal(tokenHits(fake), 3);
    assert.ok(signals.every((s) => s.aborted));
    fake.faults.clear();
    assert.deepEqual(await client.listAgents(), []);
    assert.equal(fake.requests.filter((r) => r.path === "/v1/agents").length, 1);
  });

  it("ends with the caller's signal, and the abandoned token request is cancelled", {
    timeout: 15_000,
  }, async () => {
    const fake = createFakeOrchestrator();
    const signals: AbortSignal[] = [];
    const client = oauthClient(fake, { fetch: recordingTokenSignals(fake, signals) });
    fake.faults.add({ path: TOKEN_PATH, action: "hang" });
    const controller = new AbortController();
    const pending = client.listAgents({ signal: controller.signal }).catch((e) => e);
    await until(() => signals.length === 1);
    controller.abort("user gave up");
    const error = await pending;
    assert.ok(error instanceof AegisAbortError, String(error));
    assert.equal(error.cause, "user gave up");
    assert.equal(signals[0].aborted, true);
  });

  it("one caller giving up does not fail the others sharing the token request", async () => {
    const fake = createFakeOrchestrator();
    const signals: AbortSignal[] = [];
    const client = oauthClient(fake, { fetch: recordingTokenSignals(fake, signals) });
    fake.faults.add({ path: TOKEN_PATH, delayMs: 100 });
    const leaving = new AbortController();
    const first = client.listAgents({ signal: leaving.signal }).catch((e) => e);
    const second = client.listAgents();
    await until(() => signals.length === 1);
    leaving.abort();
    assert.ok((await first) instanceof AegisAbortError);
    assert.deepEqual(await second, []);
    assert.equal(tokenHits(fake), 1);
    assert.equal(signals[0].aborted, false);
  });

  it("retries a failing token endpoint within the call's retries, then reports it", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    fake.faults.add({ path: TOKEN_PATH, status: 503, headers: { "retry-after": "0" }, times: 3 });
    const error = await client.listAgents({ maxRetries: 2 }).catch((e) => e);
    assert.ok(error instanceof TokenRequestError, String(error));
    assert.equal(error.status, 503);
    assert.equal(tokenHits(fake), 3);
    fake.faults.add({ path: TOKEN_PATH, status: 400, body: { error: "invalid_request" } });
    await assert.rejects(client.listAgents({ maxRetries: 2 }), TokenRequestError);
    assert.equal(tokenHits(fake), 4);
  });
});

describe("401s cannot drive token requests", () => {
  it(`200 calls answered 401 make 2 token requests, not 200`, async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    fake.faults.add({ path: "/v1/agents", status: 401, body: "Unauthorized", times: Infinity });
    for (let i = 0; i < 200; i++) {
      await assert.rejects(client.listAgents(), AuthenticationError);
    }
    // The first token, then one forced refresh; within the minimum interval 401s are final.
    assert.equal(tokenHits(fake), 2);
    assert.equal(fake.requests.filter((r) => r.path === "/v1/agents").length, 201);
  });

  it(`replaces a token never accepted at most once per ${FORCED_REFRESH_MIN_INTERVAL_MS} ms`, async () => {
    let now = 1_000_000;
    let issued = 0;
    const auth = new ClientCredentialsAuth({
      tokenUrl: "http://keycloak.test/realms/r/protocol/openid-connect/token",
      clientId: "c",
      clientSecret: "s",
      refreshBufferSecs: 30,
      now: () => now,
      requestToken: () => Promise.resolve({ access_token: `t${++issued}`, expires_in: 300 }),
    });
    assert.equal(await auth.token(), "t1");
    assert.equal(auth.invalidate("t1"), true);
    assert.equal(await auth.token(), "t2");
    assert.equal(auth.invalidate("t2"), false);
    assert.equal(auth.invalidate("t1"), true, "an older token: retry with the cached one");
    assert.equal(await auth.token(), "t2");
    now += FORCED_REFRESH_MIN_INTERVAL_MS;
    assert.equal(auth.invalidate("t2"), true);
    assert.equal(await auth.token(), "t3");
    // A token that worked, then was revoked, is replaced at once.
    auth.accepted("t3");
    assert.equal(auth.invalidate("t3"), true);
    assert.equal(await auth.token(), "t4");
    assert.equal(auth.invalidate("t4"), false, "t4 was never accepted");
    assert.equal(issued, 4);
  });
});

describe("token responses are checked", () => {
  it("malformed answers are TokenRequestErrors, and are not retried", async () => {
    const fake = createFakeOrchestrator();
    const client = oauthClient(fake);
    const malformed: unknown[] = [
      { access_token: "x", expires_in: true },
      { access_token: "x", expires_in: "soon" },
      { access_token: "x", expires_in: null },
      { access_token: "x", expires_in: [300] },
      { access_token: "has space" },
      { access_token: "x\u00e9" },
      { access_token: 42 },
      { access_token: "x", token_type: "mac" },
      [],
      "not json",
    ];
    for (const body of malformed) {
      const before = tokenHits(fake);
      fake.faults.add({ path: TOKEN_PATH, status: 200, body });
      await assert.rejects(
        client.listAgents(),
        (e: unknown) => e instanceof TokenRequestError,
        JSON.stringify(body),
      );
      assert.equal(tokenHits(fake) - before, 1, JSON.stringify(body));
    }
    assert.equal(fake.requests.filter((r) => r.path === "/v1/agents").length, 0);
    fake.faults.add({
      path: TOKEN_PATH,
      status: 200,
      body: { access_token: fake.token, expires_in: "300", token_type: "bearer" },
    });
    assert.deepEqual(await client.listAgents(), []);
  });

  it("a refresh that fails while the token is still valid keeps using it", async () => {
    let now = 0;
    let fail = false;
    let requests = 0;
    const auth = new ClientCredentialsAuth({
      tokenUrl: "http://keycloak.test/realms/r/protocol/openid-connect/token",
      clientId: "c",
      clientSecret: "s",
      refreshBufferSecs: 30,
      now: () => now,
      requestToken: () => {
        requests++;
        return fail
          ? Promise.reject(new Error("down"))
          : Promise.resolve({ access_token: `t${requests}`, expires_in: 300 });
      },
    });
    assert.equal(await auth.token(), "t1");
    now += 280_000;
    fail = true;
    assert.equal(await auth.token(), "t1");
    assert.equal(await auth.token(), "t1", "no second request within the minimum interval");
    assert.equal(requests, 2);
    now += 30_000;
    await assert.rejects(auth.token(), TokenRequestError);
  });

  it("a token request nobody waits for any more is aborted", async () => {
    const seen: AbortSignal[] = [];
    const auth = new ClientCredentialsAuth({
      tokenUrl: "http://keycloak.test/realms/r/protocol/openid-connect/token",
      clientId: "c",
      clientSecret: "s",
      refreshBufferSecs: 30,
      requestToken: (_form, signal) => {
        seen.push(signal);
        return new Promise(() => {});
      },
    });
    const a = new AbortController();
    const b = new AbortController();
    const first = auth.token(a.signal).catch((e) => e);
    const second = auth.token(b.signal).catch((e) => e);
    a.abort("a");
    await first;
    assert.equal(seen.length, 1);
    assert.equal(seen[0].aborted, false, "the second caller still waits");
    b.abort("b");
    assert.equal(await second, "b");
    assert.equal(seen[0].aborted, true);
  });
});
