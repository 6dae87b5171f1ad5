import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisError,
  type AgentManifest,
  AgentManifestBuilder,
  checkManifest,
  ImagePullPolicy,
  ManifestValidationError,
  toWireManifest,
  type ValidatorSpec,
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

/**
 * Every path from the root of `T` to a leaf: a scalar, a list of scalars, a string map or an
 * `unknown` value. List elements are written `[]`; unions contribute the paths of each member.
 */
type LeafPaths<T, P extends string = ""> = unknown extends T ? P
  : T extends readonly (infer E)[]
    ? ([E] extends [string | number | boolean] ? P : LeafPaths<E, `${P}[]`>)
  : T extends object ? (string extends keyof T ? P
      : {
        [K in keyof T & string]-?: LeafPaths<
          Exclude<T[K], undefined>,
          P extends "" ? K : `${P}.${K}`
        >;
      }[keyof T & string])
  : P;

type AgentLeafPath = LeafPaths<AgentManifest>;

/**
 * Every leaf of the agent manifest type. The compiler checks the list both ways: a field added
 * to the type and missing here, or listed here and absent from the type, fails to compile; the
 * test below then fails until the builder can set it.
 */
const AGENT_LEAF_PATHS = {
  apiVersion: true,
  kind: true,
  "metadata.name": true,
  "metadata.version": true,
  "metadata.description": true,
  "metadata.labels": true,
  "metadata.annotations": true,
  "spec.runtime.language": true,
  "spec.runtime.version": true,
  "spec.runtime.image": true,
  "spec.runtime.image_pull_policy": true,
  "spec.runtime.isolation": true,
  "spec.runtime.model": true,
  "spec.runtime.temperature": true,
  "spec.task.instruction": true,
  "spec.task.prompt_template": true,
  "spec.task.input_data": true,
  "spec.context[].type": true,
  "spec.context[].content": true,
  "spec.context[].description": true,
  "spec.context[].path": true,
  "spec.context[].url": true,
  "spec.execution.mode": true,
  "spec.execution.max_retries": true,
  "spec.execution.max_iterations": true,
  "spec.execution.iteration_timeout": true,
  "spec.execution.llm_timeout_seconds": true,
  "spec.execution.validation[].type": true,
  "spec.execution.validation[].expected": true,
  "spec.execution.validation[].min_score": true,
  "spec.execution.validation[].schema": true,
  "spec.execution.validation[].pattern": true,
  "spec.execution.validation[].target": true,
  "spec.execution.validation[].judge_agent": true,
  "spec.execution.validation[].criteria": true,
  "spec.execution.validation[].min_confidence": true,
  "spec.execution.validation[].timeout_seconds": true,
  "spec.execution.validation[].judges": true,
  "spec.execution.validation[].consensus": true,
  "spec.execution.validation[].min_judges_required": true,
  "spec.execution.tool_validation[].type": true,
  "spec.execution.tool_validation[].expected": true,
  "spec.execution.tool_validation[].min_score": true,
  "spec.execution.tool_validation[].schema": true,
  "spec.execution.tool_validation[].pattern": true,
  "spec.execution.tool_validation[].target": true,
  "spec.execution.tool_validation[].judge_agent": true,
  "spec.execution.tool_validation[].criteria": true,
  "spec.execution.tool_validation[].min_confidence": true,
  "spec.execution.tool_validation[].timeout_seconds": true,
  "spec.execution.tool_validation[].judges": true,
  "spec.execution.tool_validation[].consensus": true,
  "spec.execution.tool_validation[].min_judges_required": true,
  "spec.execution.delivery.destinations[].name": true,
  "spec.execution.delivery.destinations[].condition": true,
  "spec.execution.delivery.destinations[].type": true,
  "spec.execution.delivery.destinations[].transform.script": true,
  "spec.execution.delivery.destinations[].transform.args": true,
  "spec.execution.delivery.destinations[].transform.timeout_seconds": true,
  "spec.execution.delivery.destinations[].email.to": true,
  "spec.execution.delivery.destinations[].email.subject": true,
  "spec.execution.delivery.destinations[].email.body_template": true,
  "spec.execution.delivery.destinations[].email.attachments": true,
  "spec.execution.delivery.destinations[].webhook.url": true,
  "spec.execution.delivery.destinations[].webhook.method": true,
  "spec.execution.delivery.destinations[].webhook.headers": true,
  "spec.execution.delivery.destinations[].webhook.body": true,
  "spec.execution.delivery.destinations[].rest.url": true,
  "spec.execution.delivery.destinations[].rest.method": true,
  "spec.execution.delivery.destinations[].rest.headers": true,
  "spec.execution.delivery.destinations[].rest.body": true,
  "spec.execution.delivery.destinations[].sms.to": true,
  "spec.execution.delivery.destinations[].sms.message": true,
  "spec.security.network.mode": true,
  "spec.security.network.allowlist": true,
  "spec.security.network.denylist": true,
  "spec.security.filesystem.read": true,
  "spec.security.filesystem.write": true,
  "spec.security.filesystem.read_only": true,
  "spec.security.resources.cpu": true,
  "spec.security.resources.memory": true,
  "spec.security.resources.disk": true,
  "spec.security.resources.timeout": true,
  "spec.schedule.type": true,
  "spec.schedule.cron": true,
  "spec.schedule.timezone": true,
  "spec.schedule.enabled": true,
  "spec.schedule.seconds": true,
  "spec.tools": true,
  "spec.env": true,
  "spec.volumes[].name": true,
  "spec.volumes[].storage_class": true,
  "spec.volumes[].type": true,
  "spec.volumes[].provider": true,
  "spec.volumes[].config": true,
  "spec.volumes[].mount_path": true,
  "spec.volumes[].access_mode": true,
  "spec.volumes[].size_limit": true,
  "spec.volumes[].ttl_hours": true,
  "spec.advanced.warm_pool_size": true,
  "spec.advanced.startup_script": true,
  "spec.advanced.health_check.path": true,
  "spec.advanced.health_check.interval_seconds": true,
  "spec.advanced.health_check.timeout_seconds": true,
  "spec.advanced.bootstrap_path": true,
  "spec.input_schema": true,
  "spec.security_context": true,
  "spec.output_handler.type": true,
  "spec.output_handler.agent_id": true,
  "spec.output_handler.input_template": true,
  "spec.output_handler.timeout_seconds": true,
  "spec.output_handler.required": true,
  "spec.output_handler.image": true,
  "spec.output_handler.command": true,
  "spec.output_handler.env": true,
  "spec.output_handler.resources.cpu": true,
  "spec.output_handler.resources.memory": true,
  "spec.output_handler.resources.timeout": true,
  "spec.output_handler.tool_name": true,
  "spec.output_handler.arguments": true,
  "spec.output_handler.url": true,
  "spec.output_handler.method": true,
  "spec.output_handler.headers": true,
  "spec.output_handler.body_template": true,
  "spec.output_handler.retry.max_attempts": true,
  "spec.output_handler.retry.backoff": true,
} satisfies Record<AgentLeafPath, true>;

/** Leaves the builder deliberately never writes, each with the reason. */
const NOT_BUILT: Partial<Record<AgentLeafPath, string>> = {
  "spec.execution.max_iterations": "deprecated input alias; the builder writes max_retries",
};

/** Every path present in `value` (objects and lists included), lists written `[]`. */
function presentPaths(value: unknown, path = "", out = new Set<string>()): Set<string> {
  if (path !== "") out.add(path);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "object" && item !== null) presentPaths(item, `${path}[]`, out);
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      presentPaths(child, path === "" ? key : `${path}.${key}`, out);
    }
  }
  return out;
}

describe("AgentManifestBuilder reaches every field", () => {
  it("sets every leaf of AgentManifest through some builder method", () => {
    const validators: ValidatorSpec[] = [
      { type: "exit_code", expected: 0, min_score: 1 },
      { type: "json_schema", schema: { type: "object" } },
      { type: "regex", pattern: "^ok", target: "stdout" },
      {
        type: "semantic",
        judge_agent: "judge",
        criteria: "correct",
        min_confidence: 0.5,
        timeout_seconds: 60,
      },
      {
        type: "multi_judge",
        judges: ["a", "b"],
        consensus: "majority",
        min_judges_required: 1,
        criteria: "safe",
      },
    ];
    const full = new AgentManifestBuilder("full", "python", "3.11")
      .withVersion("2.0.0")
      .withDescription("Every field")
      .withLabel("team", "sdk")
      .withAnnotation("owner", "sdk@example.com")
      .withInstruction("Do everything.")
      .withPromptTemplate("Input: {{input}}")
      .withInputData({ repo: "acme/api" })
      .withImagePullPolicy("Always")
      .withIsolation("docker")
      .withModel("smart")
      .withTemperature(0.3)
      .withContext({ type: "text", content: "Be terse.", description: "style" })
      .withContext({ type: "file", path: "/workspace/README.md" })
      .withContext({ type: "directory", path: "/workspace/src" })
      .withContext({ type: "url", url: "https://example.com/spec.md" })
      .withExecutionMode("iterative", 7)
      .withIterationTimeout("5m")
      .withLlmTimeout(120)
      .withDeliveryDestination({
        name: "mail",
        condition: "on_failure",
        type: "email",
        transform: { script: "/t.py", args: ["--short"], timeout_seconds: 30 },
        email: {
          to: "ops@example.com",
          subject: "Failed",
          body_template: "x",
          attachments: ["/a"],
        },
      })
      .withDeliveryDestination({
        name: "hook",
        condition: "on_success",
        type: "webhook",
        webhook: {
          url: "https://hooks.example.com/x",
          method: "PUT",
          headers: { A: "b" },
          body: {},
        },
      })
      .withDeliveryDestination({
        name: "api",
        condition: "always",
        type: "rest",
        rest: { url: "https://api.example.com/r", method: "POST", headers: { A: "b" }, body: {} },
      })
      .withDeliveryDestination({
        name: "text",
        condition: "always",
        type: "sms",
        sms: { to: "+15550100", message: "done" },
      })
      .withNetworkAllow(["pypi.org"])
      .withNetworkDeny(["evil.example"])
      .withFilesystem({ read: ["/workspace"], write: ["/tmp"], read_only: false })
      .withResources({ cpu: 500, memory: "256Mi", disk: "1Gi", timeout: "10m" })
      .withSchedule({ type: "cron", cron: "0 0 9 * * *", timezone: "UTC", enabled: true })
      .withTool("fs.read")
      .withEnv("LOG_LEVEL", "debug")
      .withVolume({
        name: "data",
        storage_class: "ephemeral",
        type: "opendal",
        provider: "s3",
        config: { bucket: "b" },
        mount_path: "/data",
        access_mode: "read-write",
        size_limit: "1Gi",
        ttl_hours: 4,
      })
      .withWarmPool(1)
      .withStartupScript("echo start")
      .withHealthCheck({ path: "/healthz", interval_seconds: 10, timeout_seconds: 2 })
      .withBootstrapPath("/opt/bootstrap.py")
      .withInputSchema({ type: "object" })
      .withSecurityContext("aegis-system-judge")
      .withOutputHandler({
        type: "agent",
        agent_id: "next",
        input_template: "{{output}}",
        timeout_seconds: 60,
        required: true,
      });
    for (const validator of validators) full.withValidator(validator).withToolValidator(validator);
    const variants = [
      full.build(),
      new AgentManifestBuilder("img").withImage("ghcr.io/acme/agent:1").withInstruction("x")
        .withSchedule({ type: "interval", seconds: 60, enabled: false })
        .withOutputHandler({
          type: "container",
          image: "ghcr.io/acme/post:1",
          command: ["post"],
          env: { A: "b" },
          resources: { cpu: 100, memory: "64Mi", timeout: "1m" },
        })
        .build(),
      new AgentManifestBuilder("mcp", "python").withInstruction("x")
        .withSchedule({ type: "manual" })
        .withOutputHandler({ type: "mcp_tool", tool_name: "notes.append", arguments: {} })
        .build(),
      new AgentManifestBuilder("hook", "python").withInstruction("x").withNetworkDisabled()
        .withOutputHandler({
          type: "webhook",
          url: "https://hooks.example.com/out",
          method: "POST",
          headers: { A: "b" },
          body_template: "{{output}}",
          retry: { max_attempts: 3, backoff: "5s" },
        })
        .build(),
    ];
    const present = new Set<string>();
    for (const manifest of variants) presentPaths(manifest, "", present);
    const missing = (Object.keys(AGENT_LEAF_PATHS) as AgentLeafPath[])
      .filter((path) => !present.has(path) && NOT_BUILT[path] === undefined);
    assert.deepEqual(missing, []);
    assert.equal(variants[3].spec.security?.network?.mode, "none");
    assert.equal(variants[0].spec.security?.network?.mode, "deny");
  });
});
