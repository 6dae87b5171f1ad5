import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisError,
  AgentManifestBuilder,
  checkManifest,
  ImagePullPolicy,
  ManifestValidationError,
  toWireManifest,
} from "../../manifest/mod.ts";

describe("AgentManifestBuilder", () => {
  it("builds the TypeScript reference example (language without version → registry default)", () => {
    const manifest = new AgentManifestBuilder("my-agent", "typescript")
      .withDescription("Analyses TypeScript repos for security issues")
      .withInstruction("You are a security auditor. Analyse the code and report CVEs.")
      .withExecutionMode("iterative", 15)
      .withImagePullPolicy(ImagePullPolicy.IfNotPresent)
      .withNetworkAllow(["api.github.com", "registry.npmjs.org"])
      .withTool("read_file")
      .withTool("run_command")
      .withEnv("LOG_LEVEL", "debug")
      .build();
    assert.deepEqual(manifest, {
      apiVersion: "100monkeys.ai/v1",
      kind: "Agent",
      metadata: {
        name: "my-agent",
        version: "1.0.0",
        description: "Analyses TypeScript repos for security issues",
      },
      spec: {
        runtime: { language: "typescript", version: "5.1", image_pull_policy: "IfNotPresent" },
        task: { instruction: "You are a security auditor. Analyse the code and report CVEs." },
        execution: { mode: "iterative", max_retries: 15 },
        security: {
          network: { mode: "allow", allowlist: ["api.github.com", "registry.npmjs.org"] },
        },
        tools: ["read_file", "run_command"],
        env: { LOG_LEVEL: "debug" },
      },
    });
    assert.deepEqual(checkManifest(manifest), []);
  });

  it("builds the Python reference example (python 3.12 is valid, with a registry warning)", () => {
    const manifest = new AgentManifestBuilder("my-agent", "python", "3.12")
      .withDescription("Analyses Python repos for security issues")
      .withInstruction("You are a security auditor. Analyse the code and report CVEs.")
      .withExecutionMode("iterative", 15)
      .withImagePullPolicy(ImagePullPolicy.IfNotPresent)
      .withNetworkAllow(["api.github.com", "pypi.org"])
      .withTool("read_file")
      .withTool("run_command")
      .withEnv("LOG_LEVEL", "debug")
      .build();
    assert.equal(manifest.spec.runtime.language, "python");
    assert.equal(manifest.spec.runtime.version, "3.12");
    const issues = checkManifest(manifest);
    assert.deepEqual(issues.map((i) => [i.severity, i.path]), [
      ["warning", "spec.runtime.version"],
    ]);
    assert.match(issues[0].message, /not in the default runtime registry/);
  });

  it("exposes ImagePullPolicy as a const object and type", () => {
    assert.deepEqual(ImagePullPolicy, {
      Always: "Always",
      IfNotPresent: "IfNotPresent",
      Never: "Never",
    });
    const policy: ImagePullPolicy = ImagePullPolicy.Never;
    assert.equal(policy, "Never");
  });

  it("fails build() for an unknown language without a version", () => {
    const builder = new AgentManifestBuilder("a", "cobol").withInstruction("x");
    assert.throws(() => builder.build(), (error: unknown) => {
      assert.ok(error instanceof ManifestValidationError);
      assert.ok(error instanceof AegisError);
      assert.deepEqual(error.issues.filter((i) => i.severity === "error").map((i) => i.path), [
        "spec.runtime.version",
      ]);
      return true;
    });
  });

  it("fails build() without an instruction and names the field", () => {
    assert.throws(
      () => new AgentManifestBuilder("a", "python", "3.11").build(),
      (error: unknown) =>
        error instanceof ManifestValidationError &&
        error.issues.some((i) => i.path === "spec.task.instruction") &&
        error.message.includes("spec.task.instruction"),
    );
  });

  it("fails build() without any runtime", () => {
    assert.throws(
      () => new AgentManifestBuilder("a").withInstruction("x").build(),
      (error: unknown) =>
        error instanceof ManifestValidationError &&
        error.issues.some((i) => i.path === "spec.runtime"),
    );
  });

  it("withImage replaces language and version; constructor with both fails", () => {
    const manifest = new AgentManifestBuilder("custom", "python", "3.11")
      .withImage("ghcr.io/acme/agent:1.0")
      .withBootstrapPath("/opt/agent/bootstrap.py")
      .withInstruction("Run")
      .build();
    assert.deepEqual(manifest.spec.runtime, { image: "ghcr.io/acme/agent:1.0" });
    assert.equal(manifest.spec.advanced?.bootstrap_path, "/opt/agent/bootstrap.py");

    assert.throws(
      () =>
        new AgentManifestBuilder("both", "python", "3.11", "ghcr.io/acme/agent:1")
          .withInstruction("x").build(),
      (error: unknown) =>
        error instanceof ManifestValidationError &&
        error.issues.map((i) => i.path).includes("spec.runtime.language") &&
        error.issues.map((i) => i.path).includes("spec.runtime.version"),
    );
    const imageOnly = new AgentManifestBuilder("img", undefined, undefined, "ghcr.io/acme/a:1")
      .withInstruction("x").build();
    assert.deepEqual(imageOnly.spec.runtime, { image: "ghcr.io/acme/a:1" });
  });

  it("build() returns a deep copy so the builder can continue", () => {
    const builder = new AgentManifestBuilder("w", "python", "3.11").withInstruction("Work")
      .withLabel("tier", "1").withTool("fs.read");
    const first = builder.build();
    first.metadata.labels!.tier = "mutated";
    first.spec.tools!.push("mutated");
    const second = builder.withVersion("2.0.0").withLabel("tier", "2").build();
    assert.equal(first.metadata.version, "1.0.0");
    assert.equal(second.metadata.version, "2.0.0");
    assert.deepEqual(second.metadata.labels, { tier: "2" });
    assert.deepEqual(second.spec.tools, ["fs.read"]);
  });

  it("withExecutionMode without maxIterations leaves max_retries to the server default", () => {
    const manifest = new AgentManifestBuilder("a", "python", "3.11").withInstruction("x")
      .withExecutionMode("one-shot").build();
    assert.deepEqual(manifest.spec.execution, { mode: "one-shot" });
  });

  it("supports the extra setters and produces a wire body", () => {
    const manifest = new AgentManifestBuilder("full", "go", "1.21")
      .withInstruction("Build it")
      .withAnnotation("owner", "jane@example.com")
      .withModel("smart")
      .withIsolation("docker")
      .withValidator({ type: "exit_code", expected: 0 })
      .withResources({ memory: "1Gi" })
      .withResources({ timeout: "10m" })
      .withVolume({
        name: "scratch",
        storage_class: "ephemeral",
        mount_path: "/scratch",
        access_mode: "read-write",
        size_limit: "512Mi",
      })
      .withInputSchema({ type: "object" })
      .withTool("fs.read")
      .withTool("fs.read")
      .build();
    assert.deepEqual(manifest.spec.security?.resources, { memory: "1Gi", timeout: "10m" });
    assert.deepEqual(manifest.spec.tools, ["fs.read"]);
    assert.deepEqual(checkManifest(manifest), []);
    const wire = toWireManifest(manifest) as { spec: { runtime: unknown } };
    assert.deepEqual(wire.spec.runtime, {
      language: "go",
      version: "1.21",
      model: "smart",
      isolation: "docker",
    });
  });

  it("rejects an invalid name at build()", () => {
    assert.throws(
      () => new AgentManifestBuilder("My_Agent", "python", "3.11").withInstruction("x").build(),
      (error: unknown) =>
        error instanceof ManifestValidationError && error.issues[0].path === "metadata.name",
    );
  });
});
