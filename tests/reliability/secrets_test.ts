// Secrets (bearer tokens, client secrets, API keys, SEAL private keys, webhook secrets) never
// appear in error messages, String(error), JSON.stringify(error), inspect output or logs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { AegisClient, Ed25519Key, SEALClient } from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { setup } from "../helpers.ts";

const BEARER = "eyJhbGciOiJSUzI1NiJ9.secret-bearer-payload.sig";
const CLIENT_SECRET = "client-secret-7c1f0e";
const API_KEY = "aegis_" + "K".repeat(40);
const WEBHOOK_SECRET = "whsec-5b0a9d";
const SECRETS = [BEARER, CLIENT_SECRET, API_KEY, WEBHOOK_SECRET];

/** Every rendering of `value` a user or a log pipeline might produce. */
function renderings(value: unknown): string[] {
  const out = [String(value), inspect(value, { depth: 8, showHidden: true })];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // Circular values cannot be stringified; the other renderings still count.
  }
  if (value instanceof Error) out.push(value.message, value.stack ?? "");
  // deno-lint-ignore no-explicit-any
  const deno = (globalThis as any).Deno;
  if (deno?.inspect) out.push(deno.inspect(value, { depth: 8, showHidden: true }));
  return out;
}

function assertClean(value: unknown, extraSecrets: string[] = []): void {
  for (const text of renderings(value)) {
    for (const secret of [...SECRETS, ...extraSecrets]) {
      assert.ok(!text.includes(secret), `secret leaked into: ${text.slice(0, 300)}`);
    }
  }
}

describe("secrets stay secret", () => {
  it("clients and their errors never show bearer tokens or client secrets", async () => {
    const fake = createFakeOrchestrator();
    const logs: unknown[] = [];
    const logger = {
      debug: (m: string, d?: unknown) => logs.push([m, d]),
      info: (m: string, d?: unknown) => logs.push([m, d]),
      warn: (m: string, d?: unknown) => logs.push([m, d]),
      error: (m: string, d?: unknown) => logs.push([m, d]),
    };
    const bearer = new AegisClient({
      baseUrl: "http://aegis.test",
      bearerToken: BEARER,
      fetch: fake.fetch,
      logger,
      logLevel: "debug",
    });
    assertClean(bearer);
    const unauthorized = await bearer.listAgents().catch((e) => e);
    assertClean(unauthorized);

    const oauth = new AegisClient({
      baseUrl: "http://aegis.test",
      keycloakUrl: "http://aegis.test",
      realm: fake.oauth.realm,
      clientId: fake.oauth.clientId,
      clientSecret: CLIENT_SECRET,
      fetch: fake.fetch,
      logger,
      logLevel: "debug",
    });
    assertClean(oauth);
    const tokenError = await oauth.listAgents().catch((e) => e);
    assertClean(tokenError);

    const good = new AegisClient({
      baseUrl: "http://aegis.test",
      keycloakUrl: "http://aegis.test",
      realm: fake.oauth.realm,
      clientId: fake.oauth.clientId,
      clientSecret: fake.oauth.clientSecret,
      fetch: fake.fetch,
      logger,
      logLevel: "debug",
      timeout: 50,
      maxRetries: 1,
    });
    await good.listAgents();
    fake.faults.add({ path: "/v1/agents", action: "hang", times: 2 });
    const timeout = await good.listAgents().catch((e) => e);
    assertClean(timeout, [fake.oauth.clientSecret]);
    assertClean(good, [fake.oauth.clientSecret]);
    assert.ok(logs.length > 0);
    assertClean(logs, [fake.oauth.clientSecret, fake.token]);
    const issued = fake.requests.filter((r) => r.path === "/v1/agents").at(-1)!.headers.get(
      "authorization",
    )!.slice(7);
    assertClean(logs, [issued]);
  });

  it("a call's promise, logged before or after it settles, shows nothing of the answer", async () => {
    const { fake, client } = setup();
    const call = client.createApiKey({ name: "ci", scopes: [] });
    assertClean(call, [fake.token]);
    const { key } = await call;
    assert.ok(key.startsWith("aegis_"));
    // A settled promise shows its value, as any promise does. It also keeps the response, with
    // the raw body, for withResponse(): none of that may show when the promise is logged.
    for (const text of renderings(call)) {
      for (const part of ["Response {", "settled", "responseRecord", "application/json"]) {
        assert.ok(!text.includes(part), `the call's record shows: ${text.slice(0, 300)}`);
      }
    }
    const { response } = await call.withResponse();
    assert.equal(response.status, 201);
    assert.equal((await response.json()).key, key);
  });

  it("API keys used for SEAL attestation and SEAL private keys stay hidden", async () => {
    const fake = createFakeOrchestrator();
    const seal = new SEALClient("http://aegis.test", "wl", "aegis-system-operator", {
      auth: API_KEY,
      fetch: fake.fetch,
    });
    const error = await seal.attest().catch((e) => e);
    assertClean(error);
    assertClean(seal);
    const key = await Ed25519Key.fromSeed(new Uint8Array(32).fill(7));
    const seedBase64 = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";
    assertClean(key, [seedBase64]);
    for (const text of renderings(key)) assert.ok(!text.includes("privateKey"), text);
  });

  it("webhook secrets never appear in errors", async () => {
    const fake = createFakeOrchestrator();
    const client = new AegisClient({
      baseUrl: "http://aegis.test",
      bearerToken: fake.token,
      fetch: fake.fetch,
    });
    // deno-lint-ignore no-explicit-any
    const sendWebhook = (client as any).sendWebhook?.bind(client);
    if (!sendWebhook) return; // webhooks live in the stimuli module
    const error = await sendWebhook("github", { action: "opened" }, { secret: WEBHOOK_SECRET })
      .catch((e: unknown) => e);
    assertClean(error);
  });
});
