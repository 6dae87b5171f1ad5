import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AgentManifestBuilder,
  ManifestFileError,
  ManifestValidationError,
} from "../../manifest/mod.ts";
import {
  loadManifest,
  loadWorkflowManifest,
  saveManifest,
  saveWorkflowManifest,
} from "../../manifest/fs.ts";

describe("manifest files", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "aegis-manifest-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("saves and loads an agent manifest", async () => {
    const manifest = new AgentManifestBuilder("saved", "python", "3.10").withInstruction("Hi")
      .build();
    const path = join(dir, "agent.yaml");
    await saveManifest(manifest, path);
    assert.match(await readFile(path, "utf8"), /version: "3\.10"/);
    assert.deepEqual(await loadManifest(path), manifest);
  });

  it("refuses to save an invalid manifest and writes nothing", async () => {
    const manifest = new AgentManifestBuilder("ok", "python", "3.11").withInstruction("x").build();
    manifest.metadata.name = "NOT OK";
    const path = join(dir, "invalid.yaml");
    await assert.rejects(saveManifest(manifest, path), ManifestValidationError);
    await assert.rejects(readFile(path, "utf8"));
  });

  it("reports the file name and positions for an invalid file", async () => {
    const path = join(dir, "broken.yaml");
    await writeFile(path, "apiVersion: 100monkeys.ai/v1\nkind: Agent\nmetadata: {}\n");
    await assert.rejects(loadManifest(path), (error: unknown) => {
      assert.ok(error instanceof ManifestValidationError);
      assert.equal(error.source, path);
      assert.ok(error.message.includes(path));
      assert.ok(error.issues.some((i) => i.path === "metadata.name" && i.line === 3));
      return true;
    });
  });

  it("bounds the size of loaded files (maxBytes)", async () => {
    const manifest = new AgentManifestBuilder("sized", "python", "3.11").withInstruction("x")
      .build();
    const path = join(dir, "sized.yaml");
    await saveManifest(manifest, path);
    await assert.rejects(
      loadManifest(path, { maxBytes: 16 }),
      (error: unknown) =>
        error instanceof ManifestValidationError && /16-byte limit/.test(error.message) &&
        error.source === path,
    );
    assert.deepEqual(await loadManifest(path, { maxBytes: 4096 }), manifest);
  });

  it("wraps read failures in ManifestFileError", async () => {
    const path = join(dir, "missing.yaml");
    await assert.rejects(loadManifest(path), (error: unknown) => {
      assert.ok(error instanceof ManifestFileError);
      assert.equal(error.operation, "read");
      assert.equal(error.path, path);
      return true;
    });
    await assert.rejects(
      saveManifest(
        new AgentManifestBuilder("a", "python", "3.11").withInstruction("x").build(),
        join(dir, "no-such-dir", "a.yaml"),
      ),
      (error: unknown) => error instanceof ManifestFileError && error.operation === "write",
    );
  });

  it("saves and loads a workflow manifest", async () => {
    const workflow = {
      apiVersion: "100monkeys.ai/v1" as const,
      kind: "Workflow" as const,
      metadata: { name: "wf" },
      spec: {
        initial_state: "ASK",
        states: {
          ASK: {
            kind: "Human" as const,
            prompt: "Go?",
            transitions: [{ condition: "input_equals_yes" as const, target: "RUN" }],
          },
          RUN: { kind: "System" as const, command: "echo go", transitions: [] },
        },
      },
    };
    const path = join(dir, "wf.yaml");
    await saveWorkflowManifest(workflow, path);
    assert.deepEqual(await loadWorkflowManifest(path), workflow);
  });
});
