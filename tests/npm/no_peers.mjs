// Runs inside a scratch project where only the packed @aegis/sdk tarball (and its `yaml`
// dependency) is installed: every entry point except ./testing must load without the optional
// peer hono. Run by scripts/build_npm.ts, not by the repo's test runners.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const peerFree = [
  "@aegis/sdk",
  "@aegis/sdk/client",
  "@aegis/sdk/seal",
  "@aegis/sdk/manifest",
  "@aegis/sdk/manifest/fs",
  "@aegis/sdk/bootstrap",
  "@aegis/sdk/bootstrap/exec",
  "@aegis/sdk/testing/server",
];

describe("@aegis/sdk without its optional peers", () => {
  it("really has no hono installed", () => {
    assert.throws(() => require.resolve("hono"), { code: "MODULE_NOT_FOUND" });
  });

  for (const specifier of peerFree) {
    it(`imports ${specifier}`, async () => {
      const module = await import(specifier);
      assert.ok(Object.keys(module).length > 0, `${specifier} exports nothing`);
    });
  }

  it("parses YAML through its own yaml dependency", async () => {
    const { parseManifest } = await import("@aegis/sdk/manifest");
    const manifest = parseManifest(
      [
        "apiVersion: 100monkeys.ai/v1",
        "kind: Agent",
        "metadata: { name: smoke, version: 1.0.0 }",
        "spec:",
        "  runtime: { language: python, version: '3.11' }",
        "  task: { instruction: Say hi }",
      ].join("\n"),
    );
    assert.equal(manifest.metadata.name, "smoke");
  });

  it("names the missing peer when ./testing is imported", async () => {
    await assert.rejects(import("@aegis/sdk/testing"), (error) => {
      assert.match(String(error), /hono/);
      return true;
    });
  });
});
