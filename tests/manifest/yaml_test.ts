import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  AgentManifestBuilder,
  checkManifest,
  checkWorkflowManifest,
  type ManifestIssue,
  ManifestValidationError,
  parseManifest,
  parseWorkflowManifest,
  stringifyManifest,
  stringifyWorkflowManifest,
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

const AGENT_HEAD = "apiVersion: 100monkeys.ai/v1\nkind: Agent\n";
const AGENT_SPEC =
  'spec:\n  runtime: { language: python, version: "3.11" }\n  task: { instruction: hi }\n';

/** An agent manifest whose `metadata.labels` has `count` entries (`value(i)` each). */
function manyLabels(count: number, value: (i: number) => string): string {
  const lines = [AGENT_HEAD, "metadata:\n  name: big\n  version: '1'\n  labels:\n"];
  for (let i = 0; i < count; i++) lines.push(`    key${i}: ${value(i)}\n`);
  return lines.join("") + AGENT_SPEC;
}

/** Fastest of three interleaved runs of each, in milliseconds (load spikes hit both alike). */
function fastestPair(first: () => void, second: () => void): [number, number] {
  let bestFirst = Infinity;
  let bestSecond = Infinity;
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    first();
    bestFirst = Math.min(bestFirst, performance.now() - start);
    start = performance.now();
    second();
    bestSecond = Math.min(bestSecond, performance.now() - start);
  }
  return [bestFirst, bestSecond];
}

describe("parse limits", () => {
  it("takes time linear in the keys of one mapping", { timeout: 120_000 }, () => {
    // 8× the keys: linear work grows about 8×, the quadratic duplicate-key check 64× (measured
    // about 35× before the parser did its own duplicate check).
    const small = manyLabels(5_000, (i) => `v${i}`);
    const large = manyLabels(40_000, (i) => `v${i}`);
    const [smallTime, largeTime] = fastestPair(
      () => parseManifest(small),
      () => parseManifest(large),
    );
    const ratio = largeTime / Math.max(smallTime, 1);
    assert.ok(ratio < 24, `40k keys took ${ratio.toFixed(1)}× as long as 5k keys`);
    const labels = parseManifest(manyLabels(20_000, (i) => `v${i}`)).metadata.labels ?? {};
    assert.equal(Object.keys(labels).length, 20_000);
  });

  it("locates every issue of a large document (numbers where strings belong)", {
    timeout: 120_000,
  }, () => {
    const error = catchValidation(() => parseManifest(manyLabels(20_000, (i) => String(i))));
    assert.equal(error.issues.length, 20_000);
    assert.deepEqual(error.issues[19_999], {
      path: "metadata.labels.key19999",
      message: "must be a string, got a number (quote it in YAML)",
      severity: "error",
      line: 20_006,
      column: 15,
    });
  });

  it("refuses documents over the size limit (1 MiB by default, configurable)", () => {
    const filler = `# ${"x".repeat(1_048_576)}\n`;
    const text = `${filler}${AGENT_HEAD}metadata: { name: a, version: "1" }\n${AGENT_SPEC}`;
    const tooBig = catchValidation(() => parseManifest(text));
    assert.match(tooBig.issues[0].message, /1048576-byte limit/);
    assert.equal(parseManifest(text, { maxBytes: 2_000_000 }).metadata.name, "a");
    const small = `${AGENT_HEAD}metadata: { name: a, version: "1" }\n${AGENT_SPEC}`;
    const capped = catchValidation(() => parseManifest(small, { maxBytes: 64 }));
    assert.match(capped.issues[0].message, /64-byte limit/);
    // Multi-byte characters count as their UTF-8 size.
    const wide = `${AGENT_HEAD}metadata: { name: a, version: "1", description: "${
      "é".repeat(40)
    }" }\n${AGENT_SPEC}`;
    assert.doesNotThrow(() => parseManifest(wide, { maxBytes: wide.length + 40 }));
    assert.throws(() => parseManifest(wide, { maxBytes: wide.length + 39 }), /byte limit/);
    assert.throws(() => parseManifest(small, { maxBytes: 0 }), RangeError);
  });

  it("bounds the size a document reaches through YAML aliases", () => {
    const big = "y".repeat(1_048_576);
    const aliases = Array.from({ length: 99 }, (_, i) => `    k${i}: *big\n`).join("");
    const text = `${AGENT_HEAD}metadata:\n  name: a\n  version: "1"\n  description: &big ${big}\n` +
      `  annotations:\n${aliases}${AGENT_SPEC}`;
    const error = catchValidation(() => parseManifest(text, { maxBytes: 2 * 1_048_576 }));
    assert.match(error.issues[0].message, /expands \(through YAML aliases\) to more than/);
    // Nested aliases (a "billion laughs") are measured by what they expand to, too.
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const prev = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const bomb = catchValidation(() => parseManifest(laughs.join("\n")));
    assert.match(bomb.issues[0].message, /expands/);
    // Small aliases are fine.
    const ok = parseManifest(
      `${AGENT_HEAD}metadata: { name: a, version: "1", labels: &l { team: x }, annotations: *l }\n` +
        AGENT_SPEC,
    );
    assert.deepEqual(ok.metadata.annotations, { team: "x" });
  });

  it("refuses __proto__ and constructor keys at any depth, naming where", () => {
    const proto = catchValidation(() =>
      parseManifest(
        `${AGENT_HEAD}metadata:\n  name: a\n  version: "1"\n  labels:\n    __proto__: x\n${AGENT_SPEC}`,
      )
    );
    assert.deepEqual(
      [proto.issues[0].path, proto.issues[0].line, proto.issues[0].column],
      ["metadata.labels.__proto__", 7, 5],
    );
    assert.match(proto.issues[0].message, /"__proto__" is not allowed/);
    const json = catchValidation(() =>
      parseManifest('{"apiVersion":"100monkeys.ai/v1","kind":"Agent","constructor":{"x":1}}')
    );
    assert.equal(json.issues[0].path, "constructor");
    // Objects built in code are held to the same rule.
    const built = JSON.parse(
      '{"apiVersion":"100monkeys.ai/v1","kind":"Agent","metadata":{"name":"a","version":"1",' +
        '"labels":{"__proto__":"x"}},"spec":{"runtime":{"language":"python","version":"3.11"},' +
        '"task":{"instruction":"hi"}}}',
    );
    const issues = checkManifest(built);
    assert.deepEqual(issues.map((i) => i.path), ["metadata.labels.__proto__"]);
  });

  it("refuses documents nested too deeply", () => {
    const deep = `${"[".repeat(200)}${"]".repeat(200)}`;
    const error = catchValidation(() => parseManifest(deep));
    assert.match(error.issues[0].message, /nested/);
  });

  it("applies the same limits to workflow manifests", { timeout: 120_000 }, () => {
    const head = "apiVersion: 100monkeys.ai/v1\nkind: Workflow\nmetadata: { name: w }\n";
    const states =
      "spec:\n  initial_state: A\n  states:\n    A: { kind: System, command: x, transitions: [] }\n";
    assert.match(
      catchValidation(() => parseWorkflowManifest(head + states, { maxBytes: 32 })).issues[0]
        .message,
      /32-byte limit/,
    );
    const proto = catchValidation(() =>
      parseWorkflowManifest(
        `${head}spec:\n  initial_state: A\n  context: { __proto__: { polluted: true } }\n`,
      )
    );
    assert.equal(proto.issues[0].path, "spec.context.__proto__");
    const big = "y".repeat(300_000);
    const aliased =
      `${head}spec:\n  initial_state: A\n  context: { a: &s ${big}, b: *s, c: *s, d: *s }\n` +
      "  states:\n    A: { kind: System, command: x, transitions: [] }\n";
    assert.match(
      catchValidation(() => parseWorkflowManifest(aliased)).issues[0].message,
      /expands/,
    );
    const rows = Array.from({ length: 20_000 }, (_, i) => `    k${i}: ${i}\n`).join("");
    const wide = parseWorkflowManifest(
      `${head}spec:\n  initial_state: A\n  context:\n${rows}` +
        "  states:\n    A: { kind: System, command: x, transitions: [] }\n",
    );
    assert.equal(Object.keys(wide.spec.context ?? {}).length, 20_000);
  });
});

describe("the orchestrator's own manifests", () => {
  const dir = new URL("../fixtures/manifests/orchestrator/", import.meta.url);
  const names = [
    "aegis-bash-executor-agent.yaml",
    "aegis-code-validator-agent.yaml",
    "aegis-javascript-executor-agent.yaml",
    "aegis-output-formatter-agent.yaml",
    "aegis-python-executor-agent.yaml",
    "agent-creator-agent.yaml",
    "agent-generator-judge.yaml",
    "code-quality-judge.yaml",
    "hello-world-agent.yaml",
    "skill-validator.yaml",
    "tool-call-policy-judge.yaml",
    "workflow-creator-validator-agent.yaml",
    "workflow-generator-judge.yaml",
    "workflow-generator-planner-agent.yaml",
    "builtin-intent-to-execution.yaml",
    "builtin-workflow-generator.yaml",
    "skill-import.yaml",
  ];

  for (const name of names) {
    it(`${name} parses, validates and round-trips`, async () => {
      const text = await readFile(fileURLToPath(new URL(name, dir)), "utf8");
      if (/^kind: Workflow$/m.test(text)) {
        const workflow = parseWorkflowManifest(text);
        assert.deepEqual(errorsOf(checkWorkflowManifest(workflow)), []);
        const once = stringifyWorkflowManifest(workflow);
        assert.deepEqual(parseWorkflowManifest(once), workflow);
        assert.equal(stringifyWorkflowManifest(parseWorkflowManifest(once)), once);
      } else {
        const manifest = parseManifest(text);
        assert.deepEqual(errorsOf(checkManifest(manifest)), []);
        const once = stringifyManifest(manifest);
        assert.deepEqual(parseManifest(once), manifest);
        assert.equal(stringifyManifest(parseManifest(once)), once);
      }
    });
  }

  it("includes a ContainerRun that runs as a user:group string", async () => {
    const text = await readFile(
      fileURLToPath(new URL("builtin-intent-to-execution.yaml", dir)),
      "utf8",
    );
    const states = Object.values(parseWorkflowManifest(text).spec.states);
    assert.ok(states.some((s) => s.kind === "ContainerRun" && s.run_as_user === "65534:65534"));
  });
});

function errorsOf(issues: ManifestIssue[]): string[] {
  return issues.filter((i) => i.severity === "error").map((i) => `${i.path}: ${i.message}`);
}

describe("parseWorkflowManifest / stringifyWorkflowManifest", () => {
  it("parse errors carry line and column", () => {
    const text = [
      "apiVersion: 100monkeys.ai/v1",
      "kind: Workflow",
      "metadata: { name: wf }",
      "spec:",
      "  initial_state: A",
      "  states:",
      "    A:",
      "      kind: Robot",
      "      transitions: []",
      "",
    ].join("\n");
    try {
      parseWorkflowManifest(text, { source: "wf.yaml" });
      assert.fail("expected an error");
    } catch (error) {
      assert.ok(error instanceof ManifestValidationError);
      assert.equal(error.subject, "workflow manifest");
      const kind = error.issues.find((i) => i.path === "spec.states.A.kind")!;
      assert.deepEqual([kind.line, kind.column], [8, 13]);
    }
    assert.throws(
      () => parseWorkflowManifest("spec:\n  states: [\n"),
      (error: unknown) =>
        error instanceof ManifestValidationError && typeof error.issues[0].line === "number",
    );
  });

  it("round-trips YAML → manifest → YAML stably", async () => {
    const workflow = parseWorkflowManifest(await fixture("review-workflow.yaml"));
    const once = stringifyWorkflowManifest(workflow);
    const reparsed = parseWorkflowManifest(once);
    assert.deepEqual(reparsed, workflow);
    assert.equal(stringifyWorkflowManifest(reparsed), once);
    assert.match(once, /default_response: "no"/);
  });
});
