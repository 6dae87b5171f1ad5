import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  AgentManifestBuilder,
  checkManifest,
  ManifestValidationError,
  parseManifest,
  stringifyManifest,
  toWireManifest,
} from "../../manifest/mod.ts";

function fixture(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(`../fixtures/manifests/${name}`, import.meta.url)), "utf8");
}

function catchValidation(fn: () => unknown): ManifestValidationError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ManifestValidationError, String(error));
    return error;
  }
  assert.fail("expected a ManifestValidationError");
}

describe("parseManifest", () => {
  it("parses the custom-image agent with bootstrap_path", async () => {
    const manifest = parseManifest(await fixture("custom-image-agent.yaml"));
    assert.equal(manifest.metadata.name, "rust-auditor");
    assert.equal(manifest.metadata.version, "2.3.0");
    assert.equal(manifest.metadata.labels?.["app.kubernetes.io/name"], "rust-auditor");
    assert.deepEqual(manifest.spec.runtime, {
      image: "ghcr.io/acme/rust-auditor:2.3.0",
      image_pull_policy: "Always",
      isolation: "firecracker",
      model: "smart",
      temperature: 0.2,
    });
    assert.equal(manifest.spec.advanced?.bootstrap_path, "/opt/auditor/bootstrap.py");
    assert.equal(
      manifest.spec.task.instruction,
      "You audit Rust crates.\nReport unsafe blocks and vulnerable dependencies.\n",
    );
    assert.deepEqual(checkManifest(manifest), []);
  });

  it("parses the iterative agent with validators, delivery, schedule and output handler", async () => {
    const manifest = parseManifest(await fixture("iterative-agent.yaml"));
    const execution = manifest.spec.execution!;
    assert.equal(execution.mode, "iterative");
    assert.equal(execution.max_iterations, 8);
    assert.deepEqual(execution.validation?.map((v) => v.type), [
      "exit_code",
      "regex",
      "semantic",
      "multi_judge",
    ]);
    assert.deepEqual(manifest.spec.schedule, {
      type: "cron",
      cron: "0 0 3 * * *",
      timezone: "UTC",
    });
    assert.deepEqual(checkManifest(manifest), []);
    const wire = toWireManifest(manifest) as { spec: { execution: Record<string, unknown> } };
    assert.equal(wire.spec.execution.max_retries, 8);
    assert.equal("max_iterations" in wire.spec.execution, false);
  });

  it("reports YAML syntax errors with line and column, without echoing source text", () => {
    const text = [
      "apiVersion: 100monkeys.ai/v1",
      "kind: Agent",
      "spec:",
      "  env:",
      "    TOKEN: sk-secret-value",
      "  tools: [fs.read",
      "",
    ].join("\n");
    const error = catchValidation(() => parseManifest(text));
    assert.ok(error.issues.length >= 1);
    const issue = error.issues[0];
    assert.equal(issue.severity, "error");
    assert.equal(issue.path, "");
    assert.match(issue.message, /YAML syntax error/);
    assert.equal(typeof issue.line, "number");
    assert.equal(typeof issue.column, "number");
    assert.ok(issue.line! >= 6, `line ${issue.line}`);
    assert.match(error.message, /\(line \d+, column \d+\)/);
    assert.ok(!error.message.includes("sk-secret-value"));
  });

  it("points at the exact line and column of a bad indentation", () => {
    const error = catchValidation(() =>
      parseManifest("kind: Agent\nmetadata:\n  name: a\n version: x\n")
    );
    assert.equal(error.issues[0].line, 4);
    assert.equal(error.issues[0].column, 1);
    assert.match(error.issues[0].message, /BAD_INDENT/);
  });

  it("rejects duplicate keys, empty documents and multiple documents", () => {
    const dup = catchValidation(() => parseManifest("kind: Agent\nkind: Agent\n"));
    assert.equal(dup.issues[0].line, 2);
    assert.match(dup.issues[0].message, /DUPLICATE_KEY/);
    const empty = catchValidation(() => parseManifest("# nothing here\n"));
    assert.match(empty.issues[0].message, /empty/);
    const multi = catchValidation(() => parseManifest("kind: Agent\n---\nkind: Agent\n"));
    assert.match(multi.issues[0].message, /single YAML document/);
    assert.equal(multi.issues[0].line, 2);
  });

  it("attaches source positions to validation issues", () => {
    const text = [
      "apiVersion: 100monkeys.ai/v1", // 1
      "kind: Agent", // 2
      "metadata:", // 3
      "  name: Bad_Name", // 4
      "  version: '1'", // 5
      "spec:", // 6
      "  runtime:", // 7
      "    language: python", // 8
      "    version: 3.10", // 9
      "  task: {}", // 10
      "",
    ].join("\n");
    const error = catchValidation(() => parseManifest(text, { source: "agent.yaml" }));
    const byPath = new Map(error.issues.map((i) => [i.path, i]));
    assert.deepEqual([byPath.get("metadata.name")?.line, byPath.get("metadata.name")?.column], [
      4,
      9,
    ]);
    const version = byPath.get("spec.runtime.version")!;
    assert.equal(version.line, 9);
    assert.match(version.message, /quote it in YAML/);
    // A missing field points at its nearest existing parent.
    assert.equal(byPath.get("spec.task.instruction")?.line, 10);
    assert.equal(error.source, "agent.yaml");
    assert.match(error.message, /^invalid agent manifest \(agent\.yaml\): 3 errors/);
  });

  it("accepts JSON text", () => {
    const manifest = parseManifest(
      '{"apiVersion":"100monkeys.ai/v1","kind":"Agent","metadata":{"name":"hello","version":"1.0.0"},"spec":{"runtime":{"language":"python","version":"3.11"},"task":{"instruction":"Say hi"}}}',
    );
    assert.equal(manifest.metadata.name, "hello");
  });
});

describe("stringifyManifest", () => {
  it("round-trips YAML → manifest → YAML stably", async () => {
    for (const name of ["custom-image-agent.yaml", "iterative-agent.yaml"]) {
      const manifest = parseManifest(await fixture(name));
      const once = stringifyManifest(manifest);
      const reparsed = parseManifest(once);
      assert.deepEqual(reparsed, manifest, name);
      assert.equal(stringifyManifest(reparsed), once, name);
    }
  });

  it("quotes strings YAML would read as numbers and keeps field order", () => {
    const manifest = new AgentManifestBuilder("py", "python", "3.10")
      .withVersion("1.10")
      .withInstruction("Line one\nLine two")
      .withEnv("ENABLED", "true")
      .build();
    const text = stringifyManifest(manifest);
    assert.match(text, /version: "3\.10"/);
    assert.match(text, /version: "1\.10"/);
    assert.match(text, /ENABLED: "true"/);
    assert.ok(text.startsWith("apiVersion: 100monkeys.ai/v1\nkind: Agent\nmetadata:"));
    assert.deepEqual(parseManifest(text), manifest);
  });

  it("does not emit YAML anchors for repeated sub-objects", () => {
    const shared = { type: "exit_code" as const };
    const manifest = new AgentManifestBuilder("a", "python", "3.11").withInstruction("x").build();
    manifest.spec.execution = { validation: [shared], tool_validation: [shared] };
    const text = stringifyManifest(manifest);
    assert.ok(!text.includes("&"), text);
    assert.ok(!text.includes("*"), text);
  });
});
