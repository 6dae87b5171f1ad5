import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisClient,
  AuthenticationError,
  InvalidArgumentError,
  TokenRequestError,
} from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";

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
