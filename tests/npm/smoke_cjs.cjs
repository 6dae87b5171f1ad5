// The packed @aegis/sdk through CommonJS `require` (Node >= 20.19 loads ES modules from
// require). Run by scripts/build_npm.ts inside the scratch project, not by the repo's runners.
const { describe, it } = require("node:test");
const assert = require("node:assert/strict");

describe("@aegis/sdk from npm, require()", () => {
  it("requires every entry point", () => {
    for (
      const entry of [
        "",
        "/client",
        "/seal",
        "/manifest",
        "/bootstrap",
        "/testing",
        "/testing/server",
      ]
    ) {
      const module = require(`@aegis/sdk${entry}`);
      assert.ok(Object.keys(module).length > 0, `@aegis/sdk${entry} exports nothing`);
    }
  });

  it("deploys, executes and streams against the fake, and signs a SEAL envelope", async () => {
    const { AegisClient, AgentManifestBuilder } = require("@aegis/sdk");
    const { createFakeOrchestrator } = require("@aegis/sdk/testing");
    const { createSealEnvelope, Ed25519Key, verifySealEnvelopeJson } = require("@aegis/sdk/seal");
    const fake = createFakeOrchestrator({ stepMs: 1 });
    try {
      const client = new AegisClient({
        baseUrl: "http://fake",
        bearerToken: fake.token,
        fetch: fake.fetch,
      });
      const manifest = new AgentManifestBuilder("cjs-smoke", "python", "3.11")
        .withInstruction("Say hi")
        .build();
      const { agent_id } = await client.deployAgent(manifest, { force: true });
      const { execution_id } = await client.startExecution(agent_id, "hi");
      const events = [];
      for await (const event of await client.streamExecution(execution_id)) {
        events.push(event.event_type);
      }
      assert.equal(events.at(-1), "execution_completed");

      const key = await Ed25519Key.generate();
      const payload = { jsonrpc: "2.0", id: 7, method: "tools/list" };
      const body = JSON.stringify(await createSealEnvelope("token", payload, key));
      assert.deepEqual(await verifySealEnvelopeJson(body, key.getPublicKeyBase64()), payload);
    } finally {
      fake.close();
    }
  });
});
