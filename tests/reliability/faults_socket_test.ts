// Failure behaviour against the fake orchestrator on a real socket (127.0.0.1 only).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisClient,
  AegisConnectionError,
  AegisStreamInterruptedError,
  AegisTimeoutError,
  RateLimitError,
  TokenRequestError,
} from "../../mod.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";
import { helloManifest } from "../helpers.ts";
import { listen } from "../../testing/server.ts";

const BOUND = { timeout: 20_000 };

describe("faults over a real socket", () => {
  let fake: FakeOrchestrator;
  let server: { url: string; close(): Promise<void> };
  let client: AegisClient;
  const hits = (path: string) => fake.requests.filter((r) => r.path === path).length;

  before(async () => {
    fake = createFakeOrchestrator({ stepMs: 2, keepAliveMs: 50 });
    server = await listen(fake);
    client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token, timeout: 2_000 });
  });
  after(async () => {
    fake.close();
    await server.close();
  });

  it(
    "a burst of 503s and 429s (Retry-After in seconds, as a date, and absent) ends in success",
    BOUND,
    async () => {
      const before = hits("/v1/agents");
      fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
      fake.faults.add({
        path: "/v1/agents",
        status: 429,
        headers: { "retry-after": new Date(Date.now() + 300).toUTCString() },
      });
      fake.faults.add({ path: "/v1/agents", status: 503 });
      assert.deepEqual(await client.listAgents({ maxRetries: 3 }), []);
      assert.equal(hits("/v1/agents") - before, 4);
    },
  );

  it("a burst longer than maxRetries fails with the last typed error", BOUND, async () => {
    fake.faults.add({ path: "/v1/agents", status: 429, headers: { "retry-after": "0" }, times: 3 });
    await assert.rejects(client.listAgents({ maxRetries: 2 }), RateLimitError);
  });

  it(
    "a connection reset before the headers is retried for GET and never repeated for execute",
    BOUND,
    async () => {
      fake.faults.add({ path: "/v1/agents", method: "GET", action: "reset" });
      assert.ok(Array.isArray(await client.listAgents()));
      const { agent_id } = await client.deployAgent(helloManifest("reset-agent"));
      const path = `/v1/agents/${agent_id}/execute`;
      // Count what the SDK sends: some runtimes' HTTP stacks (Deno's) transparently resend a
      // request once when a reused keep-alive connection is dropped before any response.
      let sent = 0;
      const counting = new AegisClient({
        baseUrl: server.url,
        bearerToken: fake.token,
        fetch: (input, init) => {
          if (String(input).endsWith("/execute")) sent++;
          return fetch(input, init);
        },
      });
      fake.faults.add({ path, action: "reset", times: 2 });
      const error = await counting.startExecution(agent_id, "x").catch((e) => e);
      assert.ok(error instanceof AegisConnectionError, String(error));
      assert.equal(sent, 1, "the SDK repeated a non-idempotent request");
    },
  );

  it("a body that stops mid-JSON is retried for GET", BOUND, async () => {
    await client.deployAgent(helloManifest("truncate-agent"), { force: true });
    fake.faults.add({
      path: "/v1/agents",
      method: "GET",
      action: "truncate",
      truncateAfterBytes: 20,
    });
    assert.ok((await client.listAgents()).length >= 1);
  });

  it("slow headers time out, and the timeout is per attempt", BOUND, async () => {
    fake.faults.add({ path: "/health/live", action: "hang", times: 3 });
    const started = Date.now();
    const error = await client.healthLive({ timeout: 200, maxRetries: 1 }).catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.ok(Date.now() - started < 5_000);
    fake.faults.clear();
  });

  it("an SSE stream cut mid-event is reported, not silently ended", BOUND, async () => {
    const { agent_id } = await client.deployAgent(helloManifest("cut-agent"));
    const { execution_id } = await client.startExecution(agent_id, "x");
    await new Promise((r) => setTimeout(r, 40));
    fake.faults.add({
      path: `/v1/executions/${execution_id}/events`,
      action: "truncate",
      truncateAfterBytes: 450,
    });
    const events: string[] = [];
    const error = await (async () => {
      for await (const e of await client.streamExecution(execution_id)) events.push(e.event_type);
    })().catch((e) => e);
    assert.ok(error instanceof AegisStreamInterruptedError, String(error));
    assert.equal(error.eventsReceived, events.length);
  });

  it(
    "a failing token endpoint and an already-expired token are TokenRequestErrors",
    BOUND,
    async () => {
      const oauth = new AegisClient({
        baseUrl: server.url,
        keycloakUrl: server.url,
        realm: fake.oauth.realm,
        clientId: fake.oauth.clientId,
        clientSecret: fake.oauth.clientSecret,
        maxRetries: 1,
      });
      fake.faults.add({
        path: /openid-connect\/token$/,
        status: 503,
        times: 2,
        headers: { "retry-after": "0" },
      });
      const failed = await oauth.listAgents().catch((e) => e);
      assert.ok(failed instanceof TokenRequestError, String(failed));
      assert.equal(failed.status, 503);
      fake.faults.add({
        path: /openid-connect\/token$/,
        status: 200,
        body: { access_token: "t", expires_in: -5 },
      });
      await assert.rejects(oauth.listAgents(), /already-expired/);
      assert.deepEqual(Array.isArray(await oauth.listAgents()), true);
    },
  );
});
