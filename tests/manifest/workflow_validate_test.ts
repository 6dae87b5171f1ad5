import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  checkWorkflowManifest,
  type ManifestIssue,
  ManifestValidationError,
  parseWorkflowManifest,
  validateWorkflowManifest,
} from "../../manifest/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = Record<string, any>;

function fixture(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(`../fixtures/manifests/${name}`, import.meta.url)), "utf8");
}

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

const CONTAINER = {
  kind: "ContainerRun",
  name: "build",
  image: "docker.io/library/node:20",
  command: ["npm", "test"],
  transitions: [],
};

function errorPaths(issues: ManifestIssue[]): string[] {
  return issues.filter((i) => i.severity === "error").map((i) => i.path);
}

const FAILING: Array<[string, (m: Loose) => void, string, RegExp]> = [
  ["apiVersion", (m) => (m.apiVersion = "v1"), "apiVersion", /100monkeys/],
  ["kind", (m) => (m.kind = "Agent"), "kind", /"Workflow"/],
  ["name charset", (m) => (m.metadata.name = "My Flow"), "metadata.name", /lower-case/],
  [
    "initial_state exists",
    (m) => (m.spec.initial_state = "BEGIN"),
    "spec.initial_state",
    /no state/,
  ],
  ["initial_state required", (m) => delete m.spec.initial_state, "spec.initial_state", /required/],
  ["states non-empty", (m) => (m.spec.states = {}), "spec.states", /at least one/],
  [
    "transition target exists",
    (m) => (m.spec.states.START.transitions[0].target = "FINISH"),
    "spec.states.START.transitions[0].target",
    /no state/,
  ],
  ["kind valid", (m) => (m.spec.states.END.kind = "Shell"), "spec.states.END.kind", /"System"/],
  ["kind required", (m) => delete m.spec.states.END.kind, "spec.states.END.kind", /required/],
  [
    "transitions required",
    (m) => delete m.spec.states.END.transitions,
    "spec.states.END.transitions",
    /required/,
  ],
  [
    "Agent needs agent",
    (m) => delete m.spec.states.START.agent,
    "spec.states.START.agent",
    /required/,
  ],
  [
    "Agent needs input",
    (m) => delete m.spec.states.START.input,
    "spec.states.START.input",
    /required/,
  ],
  [
    "System needs command",
    (m) => delete m.spec.states.END.command,
    "spec.states.END.command",
    /required/,
  ],
  [
    "workflow name at most 63 characters",
    (m) => (m.metadata.name = "a".repeat(64)),
    "metadata.name",
    /at most 63/,
  ],
  [
    "ContainerRun needs a command",
    (m) => (m.spec.states.END = { ...CONTAINER, command: [] }),
    "spec.states.END.command",
    /at least one/,
  ],
  [
    'ContainerRun run_as_user is a string such as "65534:65534"',
    (m) => (m.spec.states.END = { ...CONTAINER, run_as_user: 65534 }),
    "spec.states.END.run_as_user",
    /string/,
  ],
  [
    "ContainerRun mount paths are absolute",
    (m) => (m.spec.states.END = { ...CONTAINER, volumes: [{ name: "v", mount_path: "data" }] }),
    "spec.states.END.volumes[0].mount_path",
    /absolute/,
  ],
  [
    "mounts name a declared shared volume once any is declared",
    (m) => {
      m.spec.storage = { shared_volumes: [{ name: "cache" }] };
      m.spec.states.END = { ...CONTAINER, volumes: [{ name: "other", mount_path: "/o" }] };
    },
    "spec.states.END.volumes[0].name",
    /shared_volumes/,
  ],
  [
    "ParallelContainerRun steps need a command",
    (m) => (m.spec.states.END = {
      kind: "ParallelContainerRun",
      steps: [{ name: "a", image: "docker.io/library/alpine:3" }],
      completion: "all_succeed",
      transitions: [],
    }),
    "spec.states.END.steps[0].command",
    /required/,
  ],
  [
    "Subworkflow input is a template string",
    (m) => (m.spec.states.END = {
      kind: "Subworkflow",
      workflow_id: "child",
      mode: "blocking",
      result_key: "r",
      input: { repo: "x" },
      transitions: [],
    }),
    "spec.states.END.input",
    /string/,
  ],
  [
    "Human needs prompt",
    (m) => (m.spec.states.END = { kind: "Human", transitions: [] }),
    "spec.states.END.prompt",
    /required/,
  ],
  [
    "unknown state field rejected",
    (m) => (m.spec.states.END.image = "x"),
    "spec.states.END.image",
    /rejects/,
  ],
  [
    "max_total_transitions ceiling",
    (m) => (m.spec.max_total_transitions = 101),
    "spec.max_total_transitions",
    /between 1 and 100/,
  ],
  [
    "max_state_visits ceiling",
    (m) => (m.spec.states.END.max_state_visits = 21),
    "spec.states.END.max_state_visits",
    /between 1 and 20/,
  ],
  [
    "timeout humantime",
    (m) => (m.spec.states.END.timeout = "soon"),
    "spec.states.END.timeout",
    /duration/,
  ],
  [
    "condition valid",
    (m) => (m.spec.states.START.transitions[0].condition = "on_done"),
    "spec.states.START.transitions[0].condition",
    /one of/,
  ],
  [
    "condition parameter required",
    (m) => (m.spec.states.START.transitions[0] = { condition: "score_above", target: "END" }),
    "spec.states.START.transitions[0].threshold",
    /required/,
  ],
  [
    "exit_code value integer",
    (
      m,
    ) => (m.spec.states.START.transitions[0] = {
      condition: "exit_code",
      value: "1",
      target: "END",
    }),
    "spec.states.START.transitions[0].value",
    /integer/,
  ],
  [
    "score_between min <= max",
    (m) => (m.spec.states.START.transitions[0] = {
      condition: "score_between",
      min: 0.9,
      max: 0.1,
      target: "END",
    }),
    "spec.states.START.transitions[0].min",
    /greater than 'max'/,
  ],
  [
    "consensus needs agreement",
    (
      m,
    ) => (m.spec.states.START.transitions[0] = {
      condition: "consensus",
      threshold: 0.5,
      target: "END",
    }),
    "spec.states.START.transitions[0].agreement",
    /required/,
  ],
  [
    "Subworkflow blocking requires result_key",
    (m) => (m.spec.states.END = {
      kind: "Subworkflow",
      workflow_id: "child",
      mode: "blocking",
      transitions: [],
    }),
    "spec.states.END.result_key",
    /blocking/,
  ],
  [
    "Subworkflow mode enum",
    (
      m,
    ) => (m.spec.states.END = {
      kind: "Subworkflow",
      workflow_id: "c",
      mode: "async",
      transitions: [],
    }),
    "spec.states.END.mode",
    /"blocking"/,
  ],
  [
    "ParallelAgents needs agents",
    (m) => (m.spec.states.END = {
      kind: "ParallelAgents",
      agents: [],
      consensus: { strategy: "majority" },
      transitions: [],
    }),
    "spec.states.END.agents",
    /at least one/,
  ],
  [
    "ParallelAgents consensus strategy enum",
    (m) => (m.spec.states.END = {
      kind: "ParallelAgents",
      agents: [{ agent: "a", input: "x" }],
      consensus: { strategy: "vote" },
      transitions: [],
    }),
    "spec.states.END.consensus.strategy",
    /"weighted_average"/,
  ],
  [
    "ContainerRun needs image",
    (m) => (m.spec.states.END = { kind: "ContainerRun", name: "build", transitions: [] }),
    "spec.states.END.image",
    /required/,
  ],
  [
    "ContainerRun pull policy enum",
    (m) => (m.spec.states.END = {
      kind: "ContainerRun",
      name: "b",
      image: "docker.io/library/alpine:3",
      image_pull_policy: "sometimes",
      transitions: [],
    }),
    "spec.states.END.image_pull_policy",
    /"IfNotPresent"/,
  ],
  [
    "ParallelContainerRun completion enum",
    (m) => (m.spec.states.END = {
      kind: "ParallelContainerRun",
      steps: [{ name: "a", image: "docker.io/library/alpine:3" }],
      completion: "most",
      transitions: [],
    }),
    "spec.states.END.completion",
    /"all_succeed"/,
  ],
  [
    "ParallelContainerRun step fields",
    (m) => (m.spec.states.END = {
      kind: "ParallelContainerRun",
      steps: [{ image: "docker.io/library/alpine:3" }],
      completion: "all_succeed",
      transitions: [],
    }),
    "spec.states.END.steps[0].name",
    /required/,
  ],
  [
    "Agent isolation enum",
    (m) => (m.spec.states.START.isolation = "vm"),
    "spec.states.START.isolation",
    /"firecracker"/,
  ],
  [
    "Agent judges agent_id",
    (m) => (m.spec.states.START.judges = [{ weight: 1 }]),
    "spec.states.START.judges[0].agent_id",
    /required/,
  ],
];

describe("workflow manifests", () => {
  it("parses the Agent + Human + System fixture with no issues", async () => {
    const workflow = parseWorkflowManifest(await fixture("review-workflow.yaml"));
    assert.deepEqual(Object.keys(workflow.spec.states), ["GENERATE", "APPROVE", "DEPLOY"]);
    assert.deepEqual(
      Object.values(workflow.spec.states).map((s) => s.kind),
      ["Agent", "Human", "System"],
    );
    assert.deepEqual(checkWorkflowManifest(workflow), []);
  });

  it("accepts every state kind", () => {
    const m = base();
    m.spec.states.START.transitions = [
      { condition: "always", target: "PAR" },
    ];
    Object.assign(m.spec.states, {
      PAR: {
        kind: "ParallelAgents",
        agents: [{ agent: "a", input: "x" }, { agent: "b", input: "x", weight: 2 }],
        consensus: { strategy: "best_of_n", n: 1, min_agreement_confidence: 0.5 },
        transitions: [{ condition: "consensus", threshold: 0.6, agreement: 0.7, target: "RUN" }],
      },
      RUN: {
        kind: "ContainerRun",
        name: "test",
        image: "docker.io/library/node:20",
        command: ["npm", "test"],
        shell: false,
        transitions: [
          { condition: "exit_code", value: 0, target: "MANY" },
          { condition: "exit_code_non_zero", target: "END" },
        ],
      },
      MANY: {
        kind: "ParallelContainerRun",
        steps: [
          { name: "lint", image: "docker.io/library/node:20", command: ["npm", "run", "lint"] },
          { name: "type", image: "docker.io/library/node:20", command: ["tsc"] },
        ],
        completion: "best_effort",
        transitions: [{ condition: "always", target: "CHILD" }],
      },
      CHILD: {
        kind: "Subworkflow",
        workflow_id: "security-scan",
        mode: "blocking",
        result_key: "scan",
        timeout: "1h 30m",
        transitions: [{ condition: "custom", expression: "result.ok", target: "END" }],
      },
    });
    assert.deepEqual(checkWorkflowManifest(m), []);
  });

  for (const [rule, mutate, path, pattern] of FAILING) {
    it(`rejects: ${rule}`, () => {
      const m = base();
      mutate(m);
      const issues = checkWorkflowManifest(m);
      const match = issues.find((i) => i.severity === "error" && i.path === path);
      assert.ok(match, `expected an error at ${path}, got ${JSON.stringify(errorPaths(issues))}`);
      assert.match(match.message, pattern);
      assert.throws(() => validateWorkflowManifest(m), ManifestValidationError);
    });
  }

  it("reports every problem at once", () => {
    const m = base();
    m.spec.initial_state = "NOPE";
    m.spec.max_total_transitions = 500;
    m.spec.states.START.transitions[0].target = "GONE";
    m.spec.states.END.kind = "Bogus";
    assert.deepEqual(errorPaths(checkWorkflowManifest(m)), [
      "spec.max_total_transitions",
      "spec.initial_state",
      "spec.states.START.transitions[0].target",
      "spec.states.END.kind",
    ]);
  });

  it("warns that parallel steps ignore ContainerRun-only fields", () => {
    const m = base();
    m.spec.states.END = {
      kind: "ParallelContainerRun",
      steps: [{
        name: "a",
        image: "docker.io/library/alpine:3",
        command: ["true"],
        run_as_user: "1000",
        retry: { max_attempts: 2 },
      }],
      completion: "all_succeed",
      transitions: [],
    };
    const issues = checkWorkflowManifest(m);
    assert.deepEqual(issues.map((i) => [i.severity, i.path, i.message]), [
      [
        "warning",
        "spec.states.END.steps[0].run_as_user",
        "unknown field; the orchestrator ignores it",
      ],
      ["warning", "spec.states.END.steps[0].retry", "unknown field; the orchestrator ignores it"],
    ]);
  });

  it("warns about unreachable states", () => {
    const m = base();
    m.spec.states.ORPHAN = {
      kind: "Subworkflow",
      workflow_id: "x",
      mode: "fire_and_forget",
      transitions: [],
    };
    const issues = checkWorkflowManifest(m);
    assert.deepEqual(issues.map((i) => [i.severity, i.path]), [["warning", "spec.states.ORPHAN"]]);
    assert.doesNotThrow(() => validateWorkflowManifest(m));
  });

  it("refuses a fire_and_forget result_key, as the orchestrator does", () => {
    const m = base();
    m.spec.states.START.transitions = [{ condition: "always", target: "CHILD" }];
    m.spec.states.CHILD = {
      kind: "Subworkflow",
      workflow_id: "x",
      mode: "fire_and_forget",
      result_key: "r",
      transitions: [],
    };
    assert.deepEqual(errorPaths(checkWorkflowManifest(m)), ["spec.states.CHILD.result_key"]);
  });
});
