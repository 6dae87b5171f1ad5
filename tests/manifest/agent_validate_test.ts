import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  checkManifest,
  type ManifestIssue,
  ManifestValidationError,
  validateManifest,
} from "../../manifest/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = Record<string, any>;

function base(): Loose {
  return {
    apiVersion: "100monkeys.ai/v1",
    kind: "Agent",
    metadata: { name: "hello", version: "1.0.0" },
    spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
  };
}

function errors(issues: ManifestIssue[]): ManifestIssue[] {
  return issues.filter((issue) => issue.severity === "error");
}

function warnings(issues: ManifestIssue[]): ManifestIssue[] {
  return issues.filter((issue) => issue.severity === "warning");
}

/** [rule, mutation, expected error path, message pattern] */
const FAILING: Array<[string, (m: Loose) => void, string, RegExp]> = [
  ["apiVersion exact", (m) => (m.apiVersion = "100monkeys.ai/v2"), "apiVersion", /must be/],
  ["apiVersion required", (m) => delete m.apiVersion, "apiVersion", /required/],
  ["kind exact", (m) => (m.kind = "Workflow"), "kind", /"Agent"/],
  ["metadata required", (m) => delete m.metadata, "metadata", /required/],
  ["name charset", (m) => (m.metadata.name = "Hello_World"), "metadata.name", /lower-case/],
  ["name leading dash", (m) => (m.metadata.name = "-hello"), "metadata.name", /start or end/],
  ["name trailing dash", (m) => (m.metadata.name = "hello-"), "metadata.name", /start or end/],
  ["name required", (m) => delete m.metadata.name, "metadata.name", /required/],
  ["name control char", (m) => (m.metadata.name = "a\nb"), "metadata.name", /control/],
  ["version required", (m) => delete m.metadata.version, "metadata.version", /required/],
  ["version non-blank", (m) => (m.metadata.version = " "), "metadata.version", /blank/],
  ["version string", (m) => (m.metadata.version = 1), "metadata.version", /quote it/],
  [
    "labels values are strings",
    (m) => (m.metadata.labels = { tier: 1 }),
    "metadata.labels.tier",
    /string/,
  ],
  [
    "label key control char",
    (m) => (m.metadata.labels = { "a\rb": "x" }),
    'metadata.labels["a?b"]',
    /control/,
  ],
  [
    "label value control char",
    (m) => (m.metadata.labels = { a: "x\u0000" }),
    "metadata.labels.a",
    /control/,
  ],
  ["labels is a map", (m) => (m.metadata.labels = ["a"]), "metadata.labels", /mapping/],
  ["spec required", (m) => delete m.spec, "spec", /required/],
  ["runtime required", (m) => delete m.spec.runtime, "spec.runtime", /required/],
  ["runtime empty", (m) => (m.spec.runtime = {}), "spec.runtime", /language.*image/],
  [
    "language requires version",
    (m) => delete m.spec.runtime.version,
    "spec.runtime.version",
    /required when 'language'/,
  ],
  [
    "version requires language",
    (m) => delete m.spec.runtime.language,
    "spec.runtime.language",
    /required when 'version'/,
  ],
  [
    "image excludes language",
    (m) => (m.spec.runtime.image = "ghcr.io/a/b:1"),
    "spec.runtime.language",
    /together with 'image'/,
  ],
  [
    "image contains slash",
    (m) => (m.spec.runtime = { image: "ubuntu" }),
    "spec.runtime.image",
    /'\/'/,
  ],
  [
    "runtime version is a string",
    (m) => (m.spec.runtime.version = 3.1),
    "spec.runtime.version",
    /quote it in YAML/,
  ],
  [
    "image_pull_policy enum",
    (m) => (m.spec.runtime.image_pull_policy = "always"),
    "spec.runtime.image_pull_policy",
    /one of "Always"/,
  ],
  [
    "isolation enum",
    (m) => (m.spec.runtime.isolation = "kvm"),
    "spec.runtime.isolation",
    /"firecracker"/,
  ],
  [
    "temperature number",
    (m) => (m.spec.runtime.temperature = "hot"),
    "spec.runtime.temperature",
    /number/,
  ],
  ["task required", (m) => delete m.spec.task, "spec.task.instruction", /required/],
  [
    "instruction required",
    (m) => (m.spec.task = { prompt_template: "x" }),
    "spec.task.instruction",
    /required/,
  ],
  [
    "instruction non-blank",
    (m) => (m.spec.task.instruction = " \n "),
    "spec.task.instruction",
    /blank/,
  ],
  [
    "context type enum",
    (m) => (m.spec.context = [{ type: "image", path: "x" }]),
    "spec.context[0].type",
    /one of/,
  ],
  [
    "context field per type",
    (m) => (m.spec.context = [{ type: "file", content: "x" }]),
    "spec.context[0].path",
    /required/,
  ],
  [
    "execution mode enum",
    (m) => (m.spec.execution = { mode: "loop" }),
    "spec.execution.mode",
    /"iterative"/,
  ],
  [
    "max_retries non-negative integer",
    (m) => (m.spec.execution = { max_retries: -1 }),
    "spec.execution.max_retries",
    /between 0 and 4294967295/,
  ],
  [
    "max_retries u32",
    (m) => (m.spec.execution = { max_retries: 2 ** 32 }),
    "spec.execution.max_retries",
    /u32/,
  ],
  [
    "max_retries integer",
    (m) => (m.spec.execution = { max_retries: 1.5 }),
    "spec.execution.max_retries",
    /integer/,
  ],
  [
    "max_iterations and max_retries together",
    (m) => (m.spec.execution = { max_retries: 3, max_iterations: 3 }),
    "spec.execution.max_iterations",
    /alias/,
  ],
  [
    "llm_timeout_seconds u64",
    (m) => (m.spec.execution = { llm_timeout_seconds: "300" }),
    "spec.execution.llm_timeout_seconds",
    /integer/,
  ],
  [
    "validation is a list",
    (m) => (m.spec.execution = { validation: {} }),
    "spec.execution.validation",
    /list/,
  ],
  [
    "validator type enum",
    (m) => (m.spec.execution = { validation: [{ type: "lint" }] }),
    "spec.execution.validation[0].type",
    /"exit_code"/,
  ],
  [
    "json_schema needs schema",
    (m) => (m.spec.execution = { validation: [{ type: "json_schema" }] }),
    "spec.execution.validation[0].schema",
    /required/,
  ],
  [
    "regex needs pattern",
    (m) => (m.spec.execution = { tool_validation: [{ type: "regex" }] }),
    "spec.execution.tool_validation[0].pattern",
    /required/,
  ],
  [
    "semantic needs judge_agent",
    (m) => (m.spec.execution = { validation: [{ type: "semantic", criteria: "ok" }] }),
    "spec.execution.validation[0].judge_agent",
    /required/,
  ],
  [
    "multi_judge consensus enum",
    (m) => (m.spec.execution = {
      validation: [{ type: "multi_judge", judges: ["a"], criteria: "c", consensus: "vote" }],
    }),
    "spec.execution.validation[0].consensus",
    /"majority"/,
  ],
  [
    "multi_judge needs judges",
    (
      m,
    ) => (m.spec.execution = { validation: [{ type: "multi_judge", judges: [], criteria: "c" }] }),
    "spec.execution.validation[0].judges",
    /at least one/,
  ],
  [
    "exit_code expected is i32",
    (m) => (m.spec.execution = { validation: [{ type: "exit_code", expected: 2 ** 31 }] }),
    "spec.execution.validation[0].expected",
    /i32/,
  ],
  [
    "delivery condition enum",
    (m) => (m.spec.execution = {
      delivery: {
        destinations: [{
          name: "n",
          condition: "sometimes",
          type: "webhook",
          webhook: { url: "https://x.example" },
        }],
      },
    }),
    "spec.execution.delivery.destinations[0].condition",
    /one of/,
  ],
  [
    "delivery settings per type",
    (m) => (m.spec.execution = {
      delivery: { destinations: [{ name: "n", condition: "always", type: "sms" }] },
    }),
    "spec.execution.delivery.destinations[0].sms",
    /required/,
  ],
  [
    "network mode enum",
    (m) => (m.spec.security = { network: { mode: "open" } }),
    "spec.security.network.mode",
    /"allow"/,
  ],
  [
    "allowlist strings",
    (m) => (m.spec.security = { network: { allowlist: ["a.example", 42] } }),
    "spec.security.network.allowlist[1]",
    /string/,
  ],
  [
    "filesystem read_only boolean",
    (m) => (m.spec.security = { filesystem: { read_only: "yes" } }),
    "spec.security.filesystem.read_only",
    /true or false/,
  ],
  [
    "cpu u32",
    (m) => (m.spec.security = { resources: { cpu: -5 } }),
    "spec.security.resources.cpu",
    /u32/,
  ],
  [
    "memory size string",
    (m) => (m.spec.security = { resources: { memory: "512MB" } }),
    "spec.security.resources.memory",
    /Ki\/Mi\/Gi/,
  ],
  [
    "disk size must be quoted",
    (m) => (m.spec.security = { resources: { disk: 1024 } }),
    "spec.security.resources.disk",
    /quote it/,
  ],
  [
    "timeout format",
    (m) => (m.spec.security = { resources: { timeout: "5 minutes" } }),
    "spec.security.resources.timeout",
    /"60s"/,
  ],
  [
    "schedule type enum",
    (m) => (m.spec.schedule = { type: "hourly" }),
    "spec.schedule.type",
    /"cron"/,
  ],
  [
    "cron needs timezone",
    (m) => (m.spec.schedule = { type: "cron", cron: "0 * * * *" }),
    "spec.schedule.timezone",
    /required/,
  ],
  [
    "cron field count",
    (m) => (m.spec.schedule = { type: "cron", cron: "every hour", timezone: "UTC" }),
    "spec.schedule.cron",
    /5 to 7/,
  ],
  [
    "interval seconds > 0",
    (m) => (m.spec.schedule = { type: "interval", seconds: 0 }),
    "spec.schedule.seconds",
    /greater than 0/,
  ],
  ["tools list", (m) => (m.spec.tools = "fs.read"), "spec.tools", /list/],
  ["tools strings", (m) => (m.spec.tools = ["fs.read", 3]), "spec.tools[1]", /string/],
  ["tools control chars", (m) => (m.spec.tools = ["fs.read\r\n"]), "spec.tools[0]", /control/],
  ["tools non-blank", (m) => (m.spec.tools = [""]), "spec.tools[0]", /blank/],
  ["env values strings", (m) => (m.spec.env = { PORT: 8080 }), "spec.env.PORT", /quote it/],
  ["env keys control chars", (m) => (m.spec.env = { "A\u0000": "x" }), 'spec.env["A?"]', /control/],
  ["env key non-empty", (m) => (m.spec.env = { "": "x" }), 'spec.env[""]', /empty/],
  [
    "volume storage_class enum",
    (m) => (m.spec.volumes = [volume({ storage_class: "temp" })]),
    "spec.volumes[0].storage_class",
    /"ephemeral"/,
  ],
  [
    "volume type enum",
    (m) => (m.spec.volumes = [volume({ type: "nfs" })]),
    "spec.volumes[0].type",
    /"seaweedfs"/,
  ],
  [
    "volume access_mode enum",
    (m) => (m.spec.volumes = [volume({ access_mode: "rw" })]),
    "spec.volumes[0].access_mode",
    /"read-only"/,
  ],
  [
    "volume size_limit required",
    (m) => (m.spec.volumes = [volume({ size_limit: undefined })]),
    "spec.volumes[0].size_limit",
    /required/,
  ],
  [
    "volume mount_path absolute",
    (m) => (m.spec.volumes = [volume({ mount_path: "data" })]),
    "spec.volumes[0].mount_path",
    /absolute/,
  ],
  [
    "volume ttl_hours u32",
    (m) => (m.spec.volumes = [volume({ ttl_hours: -1 })]),
    "spec.volumes[0].ttl_hours",
    /u32/,
  ],
  [
    "duplicate volume names",
    (m) => (m.spec.volumes = [volume({}), volume({ mount_path: "/other" })]),
    "spec.volumes[1].name",
    /duplicate/,
  ],
  [
    "warm_pool_size u32",
    (m) => (m.spec.advanced = { warm_pool_size: 1.5 }),
    "spec.advanced.warm_pool_size",
    /integer/,
  ],
  [
    "health_check fields",
    (m) => (m.spec.advanced = { health_check: { path: "/h", interval_seconds: 5 } }),
    "spec.advanced.health_check.timeout_seconds",
    /required/,
  ],
  [
    "security_context prefix",
    (m) => (m.spec.security_context = "custom"),
    "spec.security_context",
    /aegis-system-/,
  ],
  [
    "input_schema shape",
    (m) => (m.spec.input_schema = "object"),
    "spec.input_schema",
    /JSON Schema/,
  ],
  [
    "output_handler type enum",
    (m) => (m.spec.output_handler = { type: "email" }),
    "spec.output_handler.type",
    /"agent"/,
  ],
  [
    "output_handler agent_id",
    (m) => (m.spec.output_handler = { type: "agent" }),
    "spec.output_handler.agent_id",
    /required/,
  ],
  [
    "mcp_tool output_handler needs arguments (the orchestrator has no default)",
    (m) => (m.spec.output_handler = { type: "mcp_tool", tool_name: "notes.append" }),
    "spec.output_handler.arguments",
    /required/,
  ],
  [
    "container output_handler resources are cpu/memory/humantime timeout",
    (m) => (m.spec.output_handler = {
      type: "container",
      image: "ghcr.io/acme/post:1",
      command: ["post"],
      resources: { timeout: "soon" },
    }),
    "spec.output_handler.resources.timeout",
    /duration/,
  ],
  [
    "webhook output_handler retry is a policy",
    (m) => (m.spec.output_handler = {
      type: "webhook",
      url: "https://hooks.example.com/x",
      retry: { max_attempts: -1 },
    }),
    "spec.output_handler.retry.max_attempts",
    /between/,
  ],
  [
    "email delivery has one recipient (the orchestrator reads a string)",
    (m) => (m.spec.execution = {
      delivery: {
        destinations: [{
          name: "mail",
          condition: "always",
          type: "email",
          email: { to: ["a@example.com", "b@example.com"], subject: "Done" },
        }],
      },
    }),
    "spec.execution.delivery.destinations[0].email.to",
    /one address/,
  ],
  [
    "webhook output handler url",
    (m) => (m.spec.output_handler = { type: "webhook", url: "ftp://x.example/a" }),
    "spec.output_handler.url",
    /http/,
  ],
  [
    "document must be an object",
    (m) => Object.keys(m).forEach((k) => delete m[k]),
    "apiVersion",
    /required/,
  ],
];

function volume(overrides: Loose): Loose {
  const v: Loose = {
    name: "data",
    storage_class: "persistent",
    mount_path: "/data",
    access_mode: "read-write",
    size_limit: "1Gi",
    ...overrides,
  };
  for (const key of Object.keys(v)) if (v[key] === undefined) delete v[key];
  return v;
}

describe("validateManifest / checkManifest", () => {
  it("accepts the contract's minimal manifest with no issues", () => {
    const minimal = JSON.parse(
      '{"apiVersion":"100monkeys.ai/v1","kind":"Agent","metadata":{"name":"hello","version":"1.0.0"},"spec":{"runtime":{"language":"python","version":"3.11"},"task":{"instruction":"Say hi"}}}',
    );
    assert.deepEqual(checkManifest(minimal), []);
    assert.equal(validateManifest(minimal), minimal);
  });

  for (const [rule, mutate, path, pattern] of FAILING) {
    it(`rejects: ${rule}`, () => {
      const manifest = base();
      mutate(manifest);
      const found = errors(checkManifest(manifest));
      const match = found.find((issue) => issue.path === path);
      assert.ok(
        match,
        `expected an error at ${path}, got ${JSON.stringify(found.map((i) => i.path))}`,
      );
      assert.match(match.message, pattern);
      assert.throws(() => validateManifest(manifest), ManifestValidationError);
    });
  }

  it("rejects non-object documents", () => {
    for (const value of [null, "text", 42, []]) {
      const issues = checkManifest(value);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].path, "");
      assert.equal(issues[0].severity, "error");
    }
  });

  it("reports every problem at once, errors before warnings", () => {
    const manifest = base();
    manifest.apiVersion = "v1";
    manifest.kind = "agent";
    manifest.metadata.name = "Bad Name";
    delete manifest.metadata.version;
    manifest.spec.runtime.image = "nope";
    manifest.spec.task.instruction = "";
    manifest.spec.tools = ["ok", "bad\n"];
    manifest.spec.extra = true;
    const issues = checkManifest(manifest);
    assert.deepEqual(errors(issues).map((i) => i.path), [
      "apiVersion",
      "kind",
      "metadata.name",
      "metadata.version",
      "spec.runtime.image",
      "spec.runtime.language",
      "spec.runtime.version",
      "spec.task.instruction",
      "spec.tools[1]",
    ]);
    assert.deepEqual(warnings(issues).map((i) => i.path), ["spec.extra"]);
    assert.deepEqual(issues.slice(-1).map((i) => i.severity), ["warning"]);
    try {
      validateManifest(manifest);
      assert.fail("expected a ManifestValidationError");
    } catch (error) {
      assert.ok(error instanceof ManifestValidationError);
      assert.equal(error.issues.length, issues.length);
      assert.match(error.message, /^invalid agent manifest: 9 errors, 1 warning\n/);
      for (const issue of errors(issues)) assert.ok(error.message.includes(issue.path));
    }
  });

  it("reports ignored fields as warnings without throwing", () => {
    const manifest = base();
    manifest.metadata.tags = ["x"];
    manifest.spec.advanced = { swarm_enabled: false };
    manifest.spec.runtime.gpu = true;
    const issues = checkManifest(manifest);
    assert.deepEqual(errors(issues), []);
    const paths = issues.map((i) => i.path);
    assert.ok(paths.includes("metadata.tags"));
    assert.ok(paths.includes("spec.advanced.swarm_enabled"));
    assert.ok(paths.includes("spec.runtime.gpu"));
    assert.doesNotThrow(() => validateManifest(manifest));
  });

  it("warns (never fails) on runtimes missing from the default registry or deprecated", () => {
    const unknownLanguage = base();
    unknownLanguage.spec.runtime = { language: "ruby", version: "3.3" };
    assert.deepEqual(checkManifest(unknownLanguage).map((i) => [i.severity, i.path]), [
      ["warning", "spec.runtime.language"],
    ]);
    const deprecated = base();
    deprecated.spec.runtime.version = "3.9";
    const issues = checkManifest(deprecated);
    assert.equal(issues.length, 1);
    assert.match(issues[0].message, /deprecated/);
  });

  it("accepts every valid size, duration and enum form", () => {
    const manifest = base();
    manifest.spec.security = {
      network: { mode: "none" },
      resources: { cpu: 250, memory: "1048576", disk: "10Ki", timeout: "90" },
    };
    manifest.spec.execution = { mode: "iterative", max_iterations: 0, iteration_timeout: "1h" };
    manifest.spec.volumes = [
      volume({ type: "hostPath", storage_class: "ephemeral", access_mode: "read-only" }),
    ];
    manifest.spec.schedule = { type: "manual" };
    manifest.spec.output_handler = { type: "webhook", url: "https://hooks.example.com/a" };
    manifest.spec.security_context = "aegis-system-operator";
    manifest.spec.input_schema = true;
    assert.deepEqual(errors(checkManifest(manifest)), []);
    for (const timeout of ["60s", "5m", "1h", "0"]) {
      manifest.spec.security.resources.timeout = timeout;
      assert.deepEqual(errors(checkManifest(manifest)), [], timeout);
    }
    for (const memory of ["512Mi", "1Gi", "64Ki", "1"]) {
      manifest.spec.security.resources.memory = memory;
      assert.deepEqual(errors(checkManifest(manifest)), [], memory);
    }
  });

  it("never echoes environment or header values in messages", () => {
    const manifest = base();
    manifest.spec.env = { API_KEY: { secret: "sk-live-123" } };
    manifest.spec.output_handler = {
      type: "webhook",
      url: "https://hooks.example.com",
      headers: { Authorization: "Bearer sk-live-456\n" },
    };
    const issues = checkManifest(manifest);
    assert.equal(errors(issues).length, 2);
    for (const issue of issues) assert.ok(!issue.message.includes("sk-live"), issue.message);
  });

  it("warns for non-portable env names and out-of-range scores", () => {
    const manifest = base();
    manifest.spec.env = { "my-var": "x" };
    manifest.spec.execution = { validation: [{ type: "exit_code", min_score: 3 }] };
    const issues = checkManifest(manifest);
    assert.deepEqual(issues.map((i) => [i.severity, i.path]), [
      ["warning", "spec.execution.validation[0].min_score"],
      ["warning", 'spec.env["my-var"]'],
    ]);
  });
});
