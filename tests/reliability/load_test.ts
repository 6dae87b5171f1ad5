// Concurrency: token single-flight under load, and many streams opened and abandoned.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { AegisClient } from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { helloManifest } from "../helpers.ts";
import { listen } from "../../testing/server.ts";

describe("load", () => {
  it("1,000 concurrent calls with an expiring OAuth token: one token request per expiry", {
    // 8,000 requests over real sockets, client and server in one process: ~15 CPU-s on Node 20.
    // The bound only stops a hang; CI runs two test jobs on two cores, so it must not be tight.
    timeout: 240_000,
  }, async () => {
    // Expiry is driven by the fake's Keycloak (tokens it revokes answer 401), not by wall-clock
    // lifetimes, so a slow machine cannot move a refresh into the middle of a wave.
    const fake = createFakeOrchestrator({ keycloak: { tokenLifetimeSeconds: 3600 } });
    const server = await listen(fake);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const client = new AegisClient({
        baseUrl: server.url,
        keycloakUrl: server.url,
        realm: fake.oauth.realm,
        clientId: fake.oauth.clientId,
        clientSecret: fake.oauth.clientSecret,
      });
      const wave = () =>
        Promise.all(
          Array.from({ length: 1000 }, () => client.listAgents().then(() => client.healthReady())),
        );
      assert.equal((await wave()).length, 1000);
      assert.equal(fake.tokenRequests, 1);
      fake.expireIssuedTokens(); // every call of the next wave first meets a 401
      assert.equal((await wave()).length, 1000);
      assert.equal(fake.tokenRequests, 2);
      fake.expireIssuedTokens();
      await wave();
      assert.equal(fake.tokenRequests, 3);
      await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      fake.close();
      await server.close();
    }
  });

  it("100 concurrent streams, half cancelled midway, release every server stream", {
    timeout: 60_000,
  }, async () => {
    const fake = createFakeOrchestrator({ stepMs: 15, keepAliveMs: 25 });
    const server = await listen(fake);
    try {
      const client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
      const { agent_id } = await client.deployAgent(helloManifest());
      const results = await Promise.all(Array.from({ length: 100 }, async (_, i) => {
        const { execution_id } = await client.startExecution(agent_id, `run ${i}`);
        const stream = await client.streamExecution(execution_id);
        const seen: string[] = [];
        for await (const event of stream) {
          seen.push(event.event_type);
          if (i % 2 === 0 && seen.length === 2) break;
        }
        return seen;
      }));
      for (const [i, seen] of results.entries()) {
        if (i % 2 === 0) assert.equal(seen.length, 2);
        else assert.equal(seen.at(-1), "execution_completed");
      }
      const deadline = Date.now() + 2_000;
      while (fake.state.listenerCount > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(fake.state.listenerCount, 0, "server-side streams still open");
    } finally {
      fake.close();
      await server.close();
    }
  });
});
