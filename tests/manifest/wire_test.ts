import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  type AgentManifest,
  ManifestValidationError,
  parseWorkflowManifest,
  toWireManifest,
  toWorkflowYaml,
  type WorkflowManifest,
} from "../../manifest/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = Record<string, any>;

function fixture(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(`../fixtures/manifests/${name}`, import.meta.url)), "utf8");
}

function manifest(): AgentManifest {
  return {
    apiVersion: "100monkeys.ai/v1",
    kind: "Agent",
    metadata: { name: "looper", version: "1.0.0" },
    spec: {
      runtime: { language: "python", version: "3.11" },
      task: { instruction: "Fix the tests" },
      execution: { mode: "iterative", max_iterations: 7, llm_timeout_seconds: 60 },
    },
  };
}

describe("toWireManifest", () => {
  it("renames max_iterations to max_retries, keeping key order, without touching the input", () => {
    const input = manifest();
    const wire = toWireManifest(input);
    assert.deepEqual(wire, {
      apiVersion: "100monkeys.ai/v1",
      kind: "Agent",
      metadata: { name: "looper", version: "1.0.0" },
      spec: {
        runtime: { language: "python", version: "3.11" },
        task: { instruction: "Fix the tests" },
        execution: { mode: "iterative", max_retries: 7, llm_timeout_seconds: 60 },
      },
    });
    const execution = (wire.spec as { execution: Record<string, unknown> }).execution;
    assert.deepEqual(Object.keys(execution), ["mode", "max_retries", "llm_timeout_seconds"]);
    assert.equal(input.spec.execution?.max_iterations, 7);
    assert.notEqual(wire.spec, input.spec);
    assert.equal(JSON.parse(JSON.stringify(wire)).spec.execution.max_retries, 7);
  });

  it("accepts YAML and JSON text", () => {
    const yaml = `
apiVersion: 100monkeys.ai/v1
kind: Agent
metadata: { name: hello, version: "1.0.0" }
spec:
  runtime: { language: python, version: "3.11" }
  task: { instruction: Say hi }
`;
    const fromYaml = toWireManifest(yaml);
    const fromJson = toWireManifest(JSON.stringify(fromYaml));
    assert.deepEqual(fromJson, fromYaml);
    assert.deepEqual(fromYaml.metadata, { name: "hello", version: "1.0.0" });
  });

  it("keeps fields the server ignores (documented: nothing is dropped)", () => {
    const input = manifest() as AgentManifest & { spec: { custom?: unknown } };
    input.spec.custom = { x: 1 };
    (input.metadata as unknown as Record<string, unknown>).tags = ["a"];
    const wire = toWireManifest(input) as {
      spec: Record<string, unknown>;
      metadata: Record<string, unknown>;
    };
    assert.deepEqual(wire.spec.custom, { x: 1 });
    assert.deepEqual(wire.metadata.tags, ["a"]);
  });

  it("throws ManifestValidationError for invalid input, object or text", () => {
    const bad = manifest();
    bad.spec.task.instruction = "";
    assert.throws(() => toWireManifest(bad), ManifestValidationError);
    assert.throws(
      () => toWireManifest("kind: Agent\n"),
      (error: unknown) =>
        error instanceof ManifestValidationError &&
        error.issues.some((i) => i.path === "apiVersion" && i.line === 1),
    );
    assert.throws(() => toWireManifest("a: [\n"), ManifestValidationError);
  });
});

describe("toWorkflowYaml", () => {
  function base(): Loose {
    return {
      apiVersion: "100monkeys.ai/v1",
      kind: "Workflow",
      metadata: { name: "flow", version: "1.0.0" },
      spec: {
        initial_state: "START",
        states: {
          START: {
            kind: "Agent",
            agent: "coder",
            input: "{{workflow.input}}",
            transitions: [{ condition: "on_success", target: "END" }],
          },
          END: { kind: "System", command: "echo done", transitions: [] },
        },
      },
    };
  }

  it("returns text input verbatim and serialises objects", async () => {
    const text = await fixture("review-workflow.yaml");
    assert.equal(toWorkflowYaml(text), text);
    const object = base() as WorkflowManifest;
    const yaml = toWorkflowYaml(object);
    assert.deepEqual(parseWorkflowManifest(yaml), object);
    const bad = base();
    bad.spec.initial_state = "MISSING";
    assert.throws(() => toWorkflowYaml(bad as WorkflowManifest), ManifestValidationError);
    assert.throws(() => toWorkflowYaml(text.replace("target: DEPLOY", "target: SHIP")), (
      error: unknown,
    ) =>
      error instanceof ManifestValidationError &&
      error.issues.some((i) =>
        i.path === "spec.states.APPROVE.transitions[0].target" && i.line !== undefined
      ));
  });
});
