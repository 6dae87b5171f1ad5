/**
 * Workflow manifests: validation, YAML parsing and serialisation.
 *
 * @module
 */

import {
  Checker,
  type Dict,
  hasControlCharacter,
  isDict,
  type RawIssue,
  type Segment,
  toPublicIssues,
  U32_MAX,
} from "./_check.ts";
import { type ParseOptions, positionedIssues, readYaml } from "./_yaml_source.ts";
import { type ManifestIssue, ManifestValidationError } from "./error.ts";
import { checkHeader, checkOutputHandler, checkResourceName, ENUMS } from "./validate.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { stringifyDocument } from "./yaml.ts";

/** Ceiling of `spec.max_total_transitions`. */
const MAX_TOTAL_TRANSITIONS = 100;
/** Ceiling of a state's `max_state_visits`. */
const MAX_STATE_VISITS = 20;

const COMMON_STATE_FIELDS = ["kind", "transitions", "timeout", "max_state_visits"];

const CONTAINER_RUN_FIELDS = [
  "name",
  "image",
  "image_pull_policy",
  "command",
  "env",
  "workdir",
  "volumes",
  "resources",
  "registry_credentials",
  "retry",
  "shell",
  "read_only_root_filesystem",
  "run_as_user",
  "network_mode",
  "output_handler",
];

const KIND_FIELDS: Record<string, string[]> = {
  Agent: [
    "agent",
    "input",
    "intent",
    "isolation",
    "judges",
    "max_iterations",
    "pre_execution_validator",
    "output_handler",
  ],
  System: ["command", "env", "workdir"],
  Human: ["prompt", "default_response"],
  ParallelAgents: ["agents", "consensus", "judges_for_parallel", "output_handler"],
  ContainerRun: CONTAINER_RUN_FIELDS,
  ParallelContainerRun: ["steps", "completion"],
  Subworkflow: ["workflow_id", "mode", "result_key", "input"],
};

/** Parameters each transition condition requires. */
const CONDITION_PARAMS: Record<string, string[]> = {
  always: [],
  on_success: [],
  on_failure: [],
  exit_code_zero: [],
  exit_code_non_zero: [],
  exit_code: ["value"],
  score_above: ["threshold"],
  score_below: ["threshold"],
  score_between: ["min", "max"],
  confidence_above: ["threshold"],
  score_and_confidence_above: ["threshold"],
  consensus: ["threshold", "agreement"],
  all_approved: [],
  any_rejected: [],
  input_equals: ["value"],
  input_equals_yes: [],
  input_equals_no: [],
  custom: ["expression"],
};

/** Collects every issue of a workflow manifest with structured paths (internal). */
export function collectWorkflowIssues(manifest: unknown): RawIssue[] {
  const c = new Checker();
  if (!isDict(manifest)) {
    c.error([], "a workflow manifest must be a mapping (object)");
    return c.issues;
  }
  c.unknownKeys(manifest, [], ["apiVersion", "kind", "metadata", "spec"]);
  checkHeader(c, manifest, "Workflow");
  const metadata = c.dict(manifest, "metadata", [], true);
  if (metadata) {
    const at = ["metadata"];
    c.unknownKeys(metadata, at, [
      "name",
      "version",
      "description",
      "labels",
      "annotations",
      "input_schema",
      "output_schema",
      "output_template",
    ]);
    checkResourceName(c, metadata.name, [...at, "name"]);
    c.string(metadata, "version", at, { nonBlank: true, noControl: true });
    c.string(metadata, "description", at);
    c.stringMap(metadata, "labels", at, { noControlKeys: true, noControlValues: true });
    c.stringMap(metadata, "annotations", at, { noControlKeys: true });
    for (const key of ["input_schema", "output_schema"]) {
      const schema = metadata[key];
      if (schema !== undefined && !isDict(schema) && typeof schema !== "boolean") {
        c.error([...at, key], "must be a JSON Schema (a mapping or a boolean)");
      }
    }
  }
  const spec = c.dict(manifest, "spec", [], true);
  if (spec) checkWorkflowSpec(c, spec);
  return c.issues;
}

function checkWorkflowSpec(c: Checker, spec: Dict): void {
  const at = ["spec"];
  c.unknownKeys(spec, at, [
    "initial_state",
    "context",
    "states",
    "storage",
    "max_total_transitions",
  ]);
  const initial = c.string(spec, "initial_state", at, {
    required: true,
    nonBlank: true,
    noControl: true,
  });
  c.dict(spec, "context", at);
  const storage = c.dict(spec, "storage", at);
  if (storage) {
    c.unknownKeys(storage, [...at, "storage"], ["workspace", "shared_volumes"]);
    c.list(storage, "shared_volumes", [...at, "storage"]);
  }
  c.integer(spec, "max_total_transitions", at, {
    min: 1,
    max: MAX_TOTAL_TRANSITIONS,
    kind: "the orchestrator's ceiling",
  });
  const states = c.dict(spec, "states", at, true);
  if (!states) return;
  const names = Object.keys(states);
  if (names.length === 0) {
    c.error([...at, "states"], "must define at least one state");
    return;
  }
  if (initial !== undefined && !Object.hasOwn(states, initial)) {
    c.error([...at, "initial_state"], `names no state in spec.states (${describeNames(names)})`);
  }
  const edges = new Map<string, string[]>();
  for (const name of names) {
    const here = [...at, "states", name];
    if (name.trim() === "") c.error(here, "state names must not be empty or blank");
    else if (hasControlCharacter(name)) {
      c.error(here, "state names must not contain control characters");
    }
    edges.set(name, checkState(c, states[name], here, states));
  }
  if (initial !== undefined && Object.hasOwn(states, initial)) {
    const reached = new Set([initial]);
    const queue = [initial];
    while (queue.length > 0) {
      for (const next of edges.get(queue.shift()!) ?? []) {
        if (!reached.has(next) && Object.hasOwn(states, next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const name of names) {
      if (!reached.has(name)) {
        c.warn(
          [...at, "states", name],
          `is unreachable from initial_state ${JSON.stringify(initial)}`,
        );
      }
    }
  }
}

function describeNames(names: string[]): string {
  const shown = names.slice(0, 10).map((n) => JSON.stringify(n)).join(", ");
  return names.length > 10 ? `${shown}, …` : shown;
}

/** Checks one state; returns its transition targets. */
function checkState(c: Checker, state: unknown, at: Segment[], states: Dict): string[] {
  if (!isDict(state)) {
    c.error(at, "must be a mapping with a 'kind'");
    return [];
  }
  const kind = c.enumeration(state, "kind", at, Object.keys(KIND_FIELDS), true);
  if (kind !== undefined) {
    c.unknownKeys(state, at, [...COMMON_STATE_FIELDS, ...KIND_FIELDS[kind]], "error");
  }
  c.humanDuration(state, "timeout", at);
  c.integer(state, "max_state_visits", at, {
    min: 1,
    max: MAX_STATE_VISITS,
    kind: "the orchestrator's ceiling",
  });
  switch (kind) {
    case "Agent":
      c.string(state, "agent", at, { required: true, nonBlank: true, noControl: true });
      c.string(state, "input", at, { required: true });
      c.string(state, "intent", at);
      c.enumeration(state, "isolation", at, ENUMS.isolation);
      checkJudges(c, state, "judges", at);
      c.integer(state, "max_iterations", at, { max: U32_MAX, kind: "u32" });
      c.string(state, "pre_execution_validator", at, { nonBlank: true, noControl: true });
      if (state.output_handler !== undefined) {
        checkOutputHandler(c, state.output_handler, [...at, "output_handler"]);
      }
      break;
    case "System":
      c.string(state, "command", at, { required: true, nonBlank: true });
      c.stringMap(state, "env", at, { noControlKeys: true });
      c.string(state, "workdir", at, { nonBlank: true, noControl: true });
      break;
    case "Human":
      c.string(state, "prompt", at, { required: true, nonBlank: true });
      c.string(state, "default_response", at);
      break;
    case "ParallelAgents":
      checkParallelAgents(c, state, at);
      break;
    case "ContainerRun":
      checkContainerRun(c, state, at);
      break;
    case "ParallelContainerRun": {
      const steps = c.list(state, "steps", at, true);
      if (steps !== undefined && steps.length === 0) {
        c.error([...at, "steps"], "must contain at least one step");
      }
      const stepNames = new Set<string>();
      steps?.forEach((step, index) => {
        const here = [...at, "steps", index];
        if (!isDict(step)) {
          c.error(here, "must be a mapping");
          return;
        }
        c.unknownKeys(step, here, CONTAINER_RUN_FIELDS, "error");
        checkContainerRun(c, step, here);
        if (typeof step.name === "string") {
          if (stepNames.has(step.name)) c.error([...here, "name"], "duplicate step name");
          stepNames.add(step.name);
        }
      });
      c.enumeration(state, "completion", at, ["all_succeed", "any_succeed", "best_effort"], true);
      break;
    }
    case "Subworkflow": {
      c.string(state, "workflow_id", at, { required: true, nonBlank: true, noControl: true });
      const mode = c.enumeration(state, "mode", at, ["blocking", "fire_and_forget"], true);
      const resultKey = c.string(state, "result_key", at, { nonBlank: true, noControl: true });
      if (mode === "blocking" && state.result_key === undefined) {
        c.error([...at, "result_key"], 'is required when mode is "blocking"');
      } else if (mode === "fire_and_forget" && resultKey !== undefined) {
        c.warn([...at, "result_key"], 'has no effect when mode is "fire_and_forget"');
      }
      break;
    }
  }
  return checkTransitions(c, state, at, states);
}

function checkJudges(c: Checker, state: Dict, key: string, at: Segment[]): void {
  const judges = c.list(state, key, at);
  judges?.forEach((judge, index) => {
    const here = [...at, key, index];
    if (!isDict(judge)) {
      c.error(here, "must be a mapping with an 'agent_id'");
      return;
    }
    c.unknownKeys(judge, here, ["agent_id", "input_template", "weight"]);
    c.string(judge, "agent_id", here, { required: true, nonBlank: true, noControl: true });
    c.string(judge, "input_template", here);
    c.number(judge, "weight", here, { min: 0 });
  });
}

function checkParallelAgents(c: Checker, state: Dict, at: Segment[]): void {
  const agents = c.list(state, "agents", at, true);
  if (agents !== undefined && agents.length === 0) {
    c.error([...at, "agents"], "must contain at least one agent");
  }
  agents?.forEach((agent, index) => {
    const here = [...at, "agents", index];
    if (!isDict(agent)) {
      c.error(here, "must be a mapping with 'agent' and 'input'");
      return;
    }
    c.unknownKeys(agent, here, ["agent", "input", "weight", "timeout_seconds", "poll_interval_ms"]);
    c.string(agent, "agent", here, { required: true, nonBlank: true, noControl: true });
    c.string(agent, "input", here, { required: true });
    c.number(agent, "weight", here, { min: 0 });
    c.integer(agent, "timeout_seconds", here, { kind: "u64" });
    c.integer(agent, "poll_interval_ms", here, { kind: "u64" });
  });
  const consensus = c.dict(state, "consensus", at, true);
  if (consensus) {
    const here = [...at, "consensus"];
    c.unknownKeys(consensus, here, [
      "strategy",
      "threshold",
      "agreement",
      "min_agreement_confidence",
      "n",
      "min_judges_required",
      "confidence_weighting",
    ]);
    const strategy = c.enumeration(consensus, "strategy", here, ENUMS.consensus, true);
    c.number(consensus, "threshold", here, { min: 0, max: 1 });
    c.number(consensus, "agreement", here, { min: 0, max: 1 });
    c.number(consensus, "min_agreement_confidence", here, { min: 0, max: 1 });
    if (consensus.agreement !== undefined && consensus.min_agreement_confidence !== undefined) {
      c.error(
        [...here, "min_agreement_confidence"],
        "is an alias of 'agreement'; set only one of them",
      );
    }
    const n = c.integer(consensus, "n", here, { min: 1, kind: "usize" });
    if (strategy === "best_of_n" && n === undefined && consensus.n === undefined) {
      c.warn([...here, "n"], 'is usually set for the "best_of_n" strategy');
    }
    if (n !== undefined && agents !== undefined && n > agents.length) {
      c.error([...here, "n"], `exceeds the number of agents (${agents.length})`);
    }
    c.integer(consensus, "min_judges_required", here, { kind: "usize" });
    const weighting = c.dict(consensus, "confidence_weighting", here);
    if (weighting) {
      const wAt = [...here, "confidence_weighting"];
      c.unknownKeys(weighting, wAt, ["agreement_factor", "self_confidence_factor"]);
      c.number(weighting, "agreement_factor", wAt, { min: 0, max: 1 });
      c.number(weighting, "self_confidence_factor", wAt, { min: 0, max: 1 });
    }
  }
  checkJudges(c, state, "judges_for_parallel", at);
  if (state.output_handler !== undefined) {
    checkOutputHandler(c, state.output_handler, [...at, "output_handler"]);
  }
}

function checkContainerRun(c: Checker, run: Dict, at: Segment[]): void {
  c.string(run, "name", at, { required: true, nonBlank: true, noControl: true });
  const image = c.string(run, "image", at, { required: true, nonBlank: true, noControl: true });
  if (image !== undefined && /\s/.test(image)) {
    c.error([...at, "image"], "must not contain whitespace");
  }
  c.enumeration(run, "image_pull_policy", at, ENUMS.imagePullPolicy);
  c.stringList(run, "command", at);
  c.stringMap(run, "env", at, { noControlKeys: true });
  c.string(run, "workdir", at, { nonBlank: true, noControl: true });
  c.list(run, "volumes", at);
  c.string(run, "registry_credentials", at, { nonBlank: true, noControl: true });
  c.boolean(run, "shell", at);
  c.boolean(run, "read_only_root_filesystem", at);
  c.integer(run, "run_as_user", at, { max: U32_MAX, kind: "u32" });
  c.string(run, "network_mode", at, { nonBlank: true, noControl: true });
  if (run.output_handler !== undefined) {
    checkOutputHandler(c, run.output_handler, [...at, "output_handler"]);
  }
}

function checkTransitions(c: Checker, state: Dict, at: Segment[], states: Dict): string[] {
  const transitions = c.list(state, "transitions", at, true);
  const targets: string[] = [];
  transitions?.forEach((transition, index) => {
    const here = [...at, "transitions", index];
    if (!isDict(transition)) {
      c.error(here, "must be a mapping with 'condition' and 'target'");
      return;
    }
    const condition = c.enumeration(
      transition,
      "condition",
      here,
      Object.keys(CONDITION_PARAMS),
      true,
    );
    const target = c.string(transition, "target", here, {
      required: true,
      nonBlank: true,
      noControl: true,
    });
    if (target !== undefined) {
      if (Object.hasOwn(states, target)) targets.push(target);
      else {c.error(
          [...here, "target"],
          `names no state in spec.states (${describeNames(Object.keys(states))})`,
        );}
    }
    c.string(transition, "feedback", here);
    if (condition === undefined) return;
    const params = CONDITION_PARAMS[condition];
    c.unknownKeys(transition, here, ["condition", "target", "feedback", ...params]);
    switch (condition) {
      case "exit_code":
        c.integer(transition, "value", here, {
          required: true,
          min: -2_147_483_648,
          max: 2_147_483_647,
          kind: "i32",
        });
        break;
      case "input_equals":
        c.string(transition, "value", here, { required: true });
        break;
      case "custom":
        c.string(transition, "expression", here, { required: true, nonBlank: true });
        break;
      case "score_between": {
        const min = c.number(transition, "min", here, { required: true, min: 0, max: 1 });
        const max = c.number(transition, "max", here, { required: true, min: 0, max: 1 });
        if (min !== undefined && max !== undefined && min > max) {
          c.error([...here, "min"], "must not be greater than 'max'");
        }
        break;
      }
      default:
        for (const param of params) {
          c.number(transition, param, here, { required: true, min: 0, max: 1 });
        }
    }
  });
  return targets;
}

/**
 * Returns every problem in a workflow manifest — errors and warnings — without throwing.
 *
 * Errors: `apiVersion`/`kind`; `metadata.name` charset; `spec.initial_state` must name a state;
 * every transition `target` must name a state; state `kind` must be one of `Agent`, `System`,
 * `Human`, `ParallelAgents`, `ContainerRun`, `ParallelContainerRun`, `Subworkflow`, with that
 * kind's required fields and no unknown fields (the orchestrator rejects them); transition
 * conditions and their parameters; `max_total_transitions` ≤ 100; `max_state_visits` ≤ 20;
 * humantime `timeout`s; a blocking `Subworkflow` needs `result_key`.
 * Warnings: states unreachable from `initial_state`, unknown fields outside states.
 *
 * @example
 * ```ts
 * import { checkWorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const issues = checkWorkflowManifest({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "wf" },
 *   spec: { initial_state: "MISSING", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * console.log(issues[0].path); // "spec.initial_state"
 * ```
 */
export function checkWorkflowManifest(manifest: unknown): ManifestIssue[] {
  return toPublicIssues(collectWorkflowIssues(manifest));
}

/**
 * Validates a workflow manifest and returns it typed; throws {@link ManifestValidationError}
 * listing every error (see {@link checkWorkflowManifest} for the rules).
 *
 * @example
 * ```ts
 * import { validateWorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const workflow = validateWorkflowManifest({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "hello-flow" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "echo hi", transitions: [] } } },
 * });
 * console.log(workflow.spec.initial_state); // "A"
 * ```
 */
export function validateWorkflowManifest(manifest: unknown): WorkflowManifest {
  const issues = checkWorkflowManifest(manifest);
  if (issues.some((issue) => issue.severity === "error")) {
    throw new ManifestValidationError(issues, { subject: "workflow manifest" });
  }
  return manifest as WorkflowManifest;
}

/**
 * Parses and validates a workflow manifest written in YAML (or JSON). Errors carry the line and
 * column of the offending node; YAML syntax errors carry their own position.
 *
 * @example
 * ```ts
 * import { parseWorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const workflow = parseWorkflowManifest(`
 * apiVersion: 100monkeys.ai/v1
 * kind: Workflow
 * metadata: { name: greet }
 * spec:
 *   initial_state: HELLO
 *   states:
 *     HELLO: { kind: System, command: echo hello, transitions: [] }
 * `);
 * console.log(Object.keys(workflow.spec.states)); // ["HELLO"]
 * ```
 */
export function parseWorkflowManifest(text: string, options: ParseOptions = {}): WorkflowManifest {
  const source = readYaml(text, "workflow manifest", options);
  const raw = collectWorkflowIssues(source.value);
  if (raw.some((issue) => issue.severity === "error")) {
    throw new ManifestValidationError(positionedIssues(raw, source), {
      subject: "workflow manifest",
      source: options.source,
    });
  }
  return source.value as WorkflowManifest;
}

/**
 * Serialises a workflow manifest as YAML, keeping field and state order. Does not validate.
 *
 * @example
 * ```ts
 * import { stringifyWorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const text = stringifyWorkflowManifest({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "w" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * console.log(text.startsWith("apiVersion: 100monkeys.ai/v1")); // true
 * ```
 */
export function stringifyWorkflowManifest(manifest: WorkflowManifest): string {
  return stringifyDocument(manifest);
}

/**
 * Validates a workflow manifest (an object, or YAML/JSON text) and returns the YAML text to send
 * as the body of `POST /v1/workflows`. Text input is returned unchanged (comments and layout
 * kept) once it validates; objects are serialised. Throws {@link ManifestValidationError}.
 *
 * @example
 * ```ts
 * import { toWorkflowYaml } from "@aegis/sdk/manifest";
 *
 * const yaml = toWorkflowYaml({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "w", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "Human", prompt: "OK?", transitions: [] } } },
 * });
 * console.log(yaml.includes("kind: Human")); // true
 * ```
 */
export function toWorkflowYaml(input: WorkflowManifest | string): string {
  if (typeof input === "string") {
    parseWorkflowManifest(input);
    return input;
  }
  return stringifyWorkflowManifest(validateWorkflowManifest(input));
}
