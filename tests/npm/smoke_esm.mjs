// Runs inside a scratch project with the packed @aegis/sdk tarball and its optional peers
// installed: the package as an npm user gets it, loaded through ESM `import`.
// Run by scripts/build_npm.ts, not by the repo's test runners.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AegisClient, AegisError, AgentManifestBuilder } from "@aegis/sdk";
import { createFakeOrchestrator } from "@aegis/sdk/testing";
import { listen } from "@aegis/sdk/testing/server";
import { createSealEnvelope, Ed25519Key, verifySealEnvelopeJson } from "@aegis/sdk/seal";
import { loadManifest } from "@aegis/sdk/manifest/fs";
import { nodeExec } from "@aegis/sdk/bootstrap/exec";

async function deployExecuteStream(client) {
  const manifest = new AgentManifestBuilder("npm-smoke", "python", "3.11")
    .withInstruction("Say hi")
    .build();
  const { agent_id } = await client.deployAgent(manifest, { force: true });
  const { execution_id } = await client.startExecution(agent_id, "hello from npm");
  const events = [];
  for await (const event of await client.streamExecution(execution_id)) {
    events.push(event.event_type);
  }
  return { events, execution: await client.getExecution(execution_id) };
}

describe("@aegis/sdk from npm, ESM", () => {
  it("deploys, executes and streams against the in-process fake", async () => {
    const fake = createFakeOrchestrator({ stepMs: 1 });
    try {
      const client = new AegisClient({
        baseUrl: "http://fake",
        bearerToken: fake.token,
        fetch: fake.fetch,
      });
      const { events, execution } = await deployExecuteStream(client);
      assert.equal(events[0], "execution_started");
      assert.equal(events.at(-1), "execution_completed");
      assert.match(execution.status, /^completed$/i);
    } finally {
      fake.close();
    }
  });

  it("does the same over a real socket on 127.0.0.1", async () => {
    const fake = createFakeOrchestrator({ stepMs: 1 });
    const server = await listen(fake);
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
      const { events } = await deployExecuteStream(client);
      assert.equal(events.at(-1), "execution_completed");
    } finally {
      await server.close();
      fake.close();
    }
  });

  it("signs a SEAL envelope that verifies, and rejects a tampered one", async () => {
    const key = await Ed25519Key.generate();
    const payload = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } };
    const envelope = await createSealEnvelope("token", payload, key);
    const body = JSON.stringify(envelope);
    assert.deepEqual(await verifySealEnvelopeJson(body, key.getPublicKeyBase64()), payload);
    const tampered = body.replace('"echo"', '"ecHo"');
    await assert.rejects(verifySealEnvelopeJson(tampered, key.getPublicKeyBase64()), AegisError);
  });

  it("loads a manifest file and runs a command through the Node-only entry points", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aegis-npm-smoke-"));
    try {
      const file = join(dir, "agent.yaml");
      const yaml =
        "apiVersion: 100monkeys.ai/v1\nkind: Agent\nmetadata: { name: a, version: 1.0.0 }\n" +
        "spec: { runtime: { language: python, version: '3.11' }, task: { instruction: hi } }\n";
      await writeFile(file, yaml);
      assert.equal((await loadManifest(file)).metadata.name, "a");
      const result = await nodeExec({
        command: "echo",
        args: ["npm"],
        cwd: dir,
        env_additions: {},
        timeout_secs: 10,
        max_output_bytes: 1024,
      });
      assert.equal(result.exit_code, 0);
      assert.equal(result.stdout, "npm\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("shares one copy of each class and of module state between entry points", async () => {
    const entries = await Promise.all(
      ["@aegis/sdk", "@aegis/sdk/client", "@aegis/sdk/seal", "@aegis/sdk/manifest"].map((name) =>
        import(name)
      ),
    );
    for (const entry of entries) assert.equal(entry.AegisError, AegisError);
    const client = await import("@aegis/sdk/client");
    assert.equal(client.AegisClient, AegisClient);
    assert.equal(client.AegisClient.name, "AegisClient");
    // An error thrown by code of one entry point is recognised through another's class.
    const seal = await import("@aegis/sdk/seal");
    const key = await seal.Ed25519Key.generate();
    await assert.rejects(
      seal.verifySealEnvelopeJson("{}", key.getPublicKeyBase64()),
      (error) => error instanceof AegisError && error instanceof seal.SEALError,
    );
  });

  it("names every exported class and function as it is exported", async () => {
    // Every entry point the package declares.
    const packageDir = dirname(fileURLToPath(import.meta.resolve("@aegis/sdk")));
    const { exports } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
    const entries = Object.keys(exports).map((subpath) => "@aegis/sdk" + subpath.slice(1));
    assert.ok(entries.length > 5, entries.join(", "));
    for (const entry of entries) {
      const exported = Object.entries(await import(entry));
      for (const [name, value] of exported) {
        if (typeof value !== "function") continue;
        // An alias (`SealClient` for `SEALClient`) is exported next to what it aliases.
        const names = exported.filter(([, other]) => other === value).map(([key]) => key);
        // Functions made by a factory (`nodeExec`) have no name of their own.
        assert.ok(
          value.name === "" || names.includes(value.name),
          `${entry} exports ${name} named "${value.name}"`,
        );
      }
    }
    assert.equal(
      new AegisClient({ baseUrl: "http://x", auth: "none" }).constructor.name,
      "AegisClient",
    );
  });

  it("hides internal modules behind the exports map", async () => {
    // A module the package holds (a shared chunk), so that only the exports map refuses it.
    const chunks = new URL("./_chunks/", import.meta.resolve("@aegis/sdk"));
    const [chunk] = (await readdir(chunks)).filter((name) => name.endsWith(".js"));
    assert.ok(chunk, "the package has shared chunks");
    await assert.rejects(import(`@aegis/sdk/_chunks/${chunk}`), (error) => {
      // Node sets the code; Deno reports ERR_MODULE_NOT_FOUND with Node's code in the message.
      assert.ok(
        error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ||
          String(error.message).includes("[ERR_PACKAGE_PATH_NOT_EXPORTED]"),
        String(error),
      );
      return true;
    });
  });
});
