/**
 * Client-side validation of workflow manifests: the orchestrator's workflow parser rules (state
 * kinds, unknown fields, transitions and their targets, container and subworkflow invariants,
 * ceilings), reported all at once.
 *
 * @module
 */

import {
  Checker,
  checkForbiddenKeys,
  type Dict,
  hasControlCharacter,
  isDict,
  keysOf,
  type RawIssue,
  type Segment,
  toPublicIssues,
  U32_MAX,
} from "./_checker.ts";
import {
  checkContainerResources,
  checkHeader,
  checkOutputHandler,
  checkResourceName,
  checkRetry,
  ENUMS,
  members,
} from "./_common_rules.ts";
import { type ManifestIssue, ManifestValidationError } from "./error.ts";
import type {
  AgentState,
  ConsensusConfig,
  ConsensusTransition,
  ContainerRunConfig,
  ContainerRunState,
  ContainerVolumeMount,
  CustomTransition,
  ExitCodeTransition,
  HumanState,
  InputEqualsTransition,
  ParallelAgentConfig,
  ParallelAgentsState,
  ParallelContainerRunState,
  ScoreBetweenTransition,
  StateCommon,
  StateJudge,
  SubworkflowState,
  SystemState,
  ThresholdTransition,
  Transition,
  TransitionBase,
  WorkflowManifest,
  WorkflowMetadata,
  WorkflowSharedVolume,
  WorkflowSpec,
  WorkflowState,
  WorkflowStorage,
  WorkflowWorkspace,
} from "./workflow_types.ts";

/** Ceiling of `spec.max_total_transitions`. */
const MAX_TOTAL_TRANSITIONS = 100;
/** Ceiling of a state's `max_state_visits`. */
const MAX_STATE_VISITS = 20;

/** Longest workflow name the orchestrator accepts. */
const MAX_NAME_LENGTH = 63;

const ROOT_FIELDS = /* @__PURE__ */ keysOf<WorkflowManifest>({
  apiVersion: true,
  kind: true,
  metadata: true,
  spec: true,
});

const METADATA_FIELDS = /* @__PURE__ */ keysOf<WorkflowMetadata>({
  name: true,
  version: true,
  description: true,
  labels: true,
  annotations: true,
  input_schema: true,
  output_schema: true,
  output_template: true,
});

const SPEC_FIELDS = /* @__PURE__ */ keysOf<WorkflowSpec>({
  initial_state: true,
  context: true,
  states: true,
  storage: true,
  max_total_transitions: true,
});

const STORAGE_FIELDS = /* @__PURE__ */ keysOf<WorkflowStorage>({
  workspace: true,
  shared_volumes: true,
});
const WORKSPACE_FIELDS = /* @__PURE__ */ keysOf<WorkflowWorkspace>({
  storage_class: true,
  ttl_hours: true,
  size_limit_mb: true,
  volume_id: true,
  blackboard_key: true,
});
const SHARED_VOLUME_FIELDS = /* @__PURE__ */ keysOf<WorkflowSharedVolume>({
  name: true,
  storage_class: true,
  size_limit_bytes: true,
});
const MOUNT_FIELDS = /* @__PURE__ */ keysOf<ContainerVolumeMount>({
  name: true,
  mount_path: true,
  read_only: true,
});

const COMMON_STATE_FIELDS = /* @__PURE__ */ keysOf<StateCommon & { kind: unknown }>({
  kind: true,
  transitions: true,
  timeout: true,
  max_state_visits: true,
});

/** The fields of a state kind beyond the common ones. */
function kindFields<T extends StateCommon>(map: { [K in keyof Required<T>]: true }): string[] {
  return keysOf<T>(map).filter((key) => !COMMON_STATE_FIELDS.includes(key));
}

const COMMON = { kind: true, transitions: true, timeout: true, max_state_visits: true } as const;

/** Fields of each state kind; the orchestrator rejects any other field in a state. */
const KIND_FIELDS: Record<WorkflowState["kind"], string[]> = /* @__PURE__ */ (() => ({
  Agent: kindFields<AgentState>({
    ...COMMON,
    agent: true,
    input: true,
    intent: true,
    isolation: true,
    judges: true,
    max_iterations: true,
    pre_execution_validator: true,
    output_handler: true,
  }),
  System: kindFields<SystemState>({ ...COMMON, command: true, env: true, workdir: true }),
  Human: kindFields<HumanState>({ ...COMMON, prompt: true, default_response: true }),
  ParallelAgents: kindFields<ParallelAgentsState>({
    ...COMMON,
    agents: true,
    consensus: true,
    judges_for_parallel: true,
    output_handler: true,
  }),
  ContainerRun: kindFields<ContainerRunState>({
    ...COMMON,
    name: true,
    image: true,
    image_pull_policy: true,
    command: true,
    env: true,
    workdir: true,
    volumes: true,
    resources: true,
    registry_credentials: true,
    retry: true,
    shell: true,
    read_only_root_filesystem: true,
    run_as_user: true,
    network_mode: true,
    output_handler: true,
  }),
  ParallelContainerRun: kindFields<ParallelContainerRunState>({
    ...COMMON,
    steps: true,
    completion: true,
  }),
  Subworkflow: kindFields<SubworkflowState>({
    ...COMMON,
    workflow_id: true,
    mode: true,
    result_key: true,
    input: true,
  }),
}))();

const STEP_FIELDS = /* @__PURE__ */ keysOf<ContainerRunConfig>({
  name: true,
  image: true,
  command: true,
  env: true,
  workdir: true,
  volumes: true,
  resources: true,
  registry_credentials: true,
  shell: true,
});

const JUDGE_FIELDS = /* @__PURE__ */ keysOf<StateJudge>({
  agent_id: true,
  input_template: true,
  weight: true,
});
const PARALLEL_AGENT_FIELDS = /* @__PURE__ */ keysOf<ParallelAgentConfig>({
  agent: true,
  input: true,
  weight: true,
  timeout_seconds: true,
  poll_interval_ms: true,
});
/** `min_agreement_confidence` is the orchestrator's input alias of `agreement`. */
const CONSENSUS_FIELDS = /* @__PURE__ */ (() => [
  ...keysOf<ConsensusConfig>({
    strategy: true,
    threshold: true,
    agreement: true,
    n: true,
    min_judges_required: true,
    confidence_weighting: true,
  }),
  "min_agreement_confidence",
])();
const WEIGHTING_FIELDS = /* @__PURE__ */ keysOf<
  NonNullable<ConsensusConfig["confidence_weighting"]>
>({
  agreement_factor: true,
  self_confidence_factor: true,
});

const TRANSITION_BASE = { condition: true, target: true, feedback: true } as const;

/** The parameters of a transition type: its fields beyond condition, target and feedback. */
function params<T extends TransitionBase>(map: { [K in keyof Required<T>]: true }): string[] {
  return keysOf<T>(map).filter((key) => !Object.hasOwn(TRANSITION_BASE, key));
}

const THRESHOLD_PARAMS =
  /* @__PURE__ */ (() => params<ThresholdTransition>({ ...TRANSITION_BASE, threshold: true }))();

/** Parameters each transition condition requires. */
const CONDITION_PARAMS: Record<Transition["condition"], string[]> = /* @__PURE__ */ (() => ({
  always: [],
  on_success: [],
  on_failure: [],
  exit_code_zero: [],
  exit_code_non_zero: [],
  exit_code: params<ExitCodeTransition>({ ...TRANSITION_BASE, value: true }),
  score_above: THRESHOLD_PARAMS,
  score_below: THRESHOLD_PARAMS,
  score_between: params<ScoreBetweenTransition>({ ...TRANSITION_BASE, min: true, max: true }),
  confidence_above: THRESHOLD_PARAMS,
  score_and_confidence_above: THRESHOLD_PARAMS,
  consensus: params<ConsensusTransition>({ ...TRANSITION_BASE, threshold: true, agreement: true }),
  all_approved: [],
  any_rejected: [],
  input_equals: params<InputEqualsTransition>({ ...TRANSITION_BASE, value: true }),
  input_equals_yes: [],
  input_equals_no: [],
  custom: params<CustomTransition>({ ...TRANSITION_BASE, expression: true }),
}))();

const COMPLETIONS = /* @__PURE__ */ members<ParallelContainerRunState["completion"]>({
  all_succeed: true,
  any_succeed: true,
  best_effort: true,
});
const SUBWORKFLOW_MODES = /* @__PURE__ */ members<SubworkflowState["mode"]>({
  blocking: true,
  fire_and_forget: true,
});

/** Collects every issue of a workflow manifest with structured paths (internal). */
export function collectWorkflowIssues(manifest: unknown): RawIssue[] {
  const c = new Checker();
  if (!isDict(manifest)) {
    c.error([], "a workflow manifest must be a mapping (object)");
    return c.issues;
  }
  checkForbiddenKeys(c, manifest);
  c.unknownKeys(manifest, [], ROOT_FIELDS);
  checkHeader(c, manifest, "Workflow");
  const metadata = c.dict(manifest, "metadata", [], true);
  if (metadata) {
    const at = ["metadata"];
    c.unknownKeys(metadata, at, METADATA_FIELDS);
    checkResourceName(c, metadata.name, [...at, "name"], MAX_NAME_LENGTH);
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
  c.unknownKeys(spec, at, SPEC_FIELDS);
  const initial = c.string(spec, "initial_state", at, {
    required: true,
    nonBlank: true,
    noControl: true,
  });
  c.dict(spec, "context", at);
  const declaredVolumes = checkStorage(c, spec);
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
    edges.set(name, checkState(c, states[name], here, states, declaredVolumes));
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

/** Checks `spec.storage`; returns the declared shared volume names. */
function checkStorage(c: Checker, spec: Dict): Set<string> {
  const declared = new Set<string>();
  const storage = c.dict(spec, "storage", ["spec"]);
  if (!storage) return declared;
  const at = ["spec", "storage"];
  c.unknownKeys(storage, at, STORAGE_FIELDS);
  const workspace = c.dict(storage, "workspace", at);
  if (workspace) {
    const wAt = [...at, "workspace"];
    c.unknownKeys(workspace, wAt, WORKSPACE_FIELDS);
    c.enumeration(workspace, "storage_class", wAt, ENUMS.storageClass);
    c.integer(workspace, "ttl_hours", wAt, { max: U32_MAX, kind: "u32" });
    c.integer(workspace, "size_limit_mb", wAt, { kind: "u64" });
    c.string(workspace, "volume_id", wAt, { nonBlank: true, noControl: true });
    c.string(workspace, "blackboard_key", wAt, { nonBlank: true, noControl: true });
  }
  const volumes = c.eachMapping(storage, "shared_volumes", at, {
    message: "must be a mapping with a 'name'",
  }, (volume, here) => {
    c.unknownKeys(volume, here, SHARED_VOLUME_FIELDS);
    const name = c.string(volume, "name", here, {
      required: true,
      nonBlank: true,
      noControl: true,
    });
    if (name !== undefined) {
      if (declared.has(name)) c.error([...here, "name"], "duplicate shared volume name");
      declared.add(name);
    }
    c.enumeration(volume, "storage_class", here, ENUMS.storageClass);
    c.integer(volume, "size_limit_bytes", here, { kind: "u64" });
  });
  // The orchestrator checks mounts against declared volumes only when some are declared.
  if (volumes !== undefined && volumes.length === 0) declared.clear();
  return declared;
}

function describeNames(names: string[]): string {
  const shown = names.slice(0, 10).map((n) => JSON.stringify(n)).join(", ");
  return names.length > 10 ? `${shown}, \u2026` : shown;
}

/** Checks one state; returns its transition targets. */
function checkState(
  c: Checker,
  state: unknown,
  at: Segment[],
  states: Dict,
  volumes: Set<string>,
): string[] {
  if (!isDict(state)) {
    c.error(at, "must be a mapping with a 'kind'");
    return [];
  }
  const kind = c.enumeration(
    state,
    "kind",
    at,
    Object.keys(KIND_FIELDS) as WorkflowState["kind"][],
    true,
  );
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
      checkContainerRun(c, state, at, volumes);
      c.enumeration(state, "image_pull_policy", at, ENUMS.imagePullPolicy);
      checkRetry(c, state, at);
      c.boolean(state, "read_only_root_filesystem", at);
      checkRunAsUser(c, state, at);
      c.string(state, "network_mode", at, { nonBlank: true, noControl: true });
      if (state.output_handler !== undefined) {
        checkOutputHandler(c, state.output_handler, [...at, "output_handler"]);
      }
      break;
    case "ParallelContainerRun": {
      const stepNames = new Set<string>();
      const steps = c.eachMapping(state, "steps", at, {
        message: "must be a mapping",
        required: true,
      }, (step, here) => {
        c.unknownKeys(step, here, STEP_FIELDS);
        checkContainerRun(c, step, here, volumes);
        if (typeof step.name === "string") {
          if (stepNames.has(step.name)) c.error([...here, "name"], "duplicate step name");
          stepNames.add(step.name);
        }
      });
      if (steps?.length === 0) c.error([...at, "steps"], "must contain at least one step");
      c.enumeration(state, "completion", at, COMPLETIONS, true);
      break;
    }
    case "Subworkflow": {
      c.string(state, "workflow_id", at, { required: true, nonBlank: true, noControl: true });
      const mode = c.enumeration(state, "mode", at, SUBWORKFLOW_MODES, true);
      const resultKey = c.string(state, "result_key", at, { nonBlank: true, noControl: true });
      if (mode === "blocking" && state.result_key === undefined) {
        c.error([...at, "result_key"], 'is required when mode is "blocking"');
      } else if (mode === "fire_and_forget" && resultKey !== undefined) {
        c.error(
          [...at, "result_key"],
          'must not be set when mode is "fire_and_forget" (the orchestrator rejects it)',
        );
      }
      c.string(state, "input", at);
      break;
    }
  }
  return checkTransitions(c, state, at, states);
}

function checkJudges(c: Checker, state: Dict, key: string, at: Segment[]): void {
  c.eachMapping(
    state,
    key,
    at,
    { message: "must be a mapping with an 'agent_id'" },
    (judge, here) => {
      c.unknownKeys(judge, here, JUDGE_FIELDS);
      c.string(judge, "agent_id", here, { required: true, nonBlank: true, noControl: true });
      c.string(judge, "input_template", here);
      c.number(judge, "weight", here, { min: 0 });
    },
  );
}

function checkParallelAgents(c: Checker, state: Dict, at: Segment[]): void {
  const agents = c.eachMapping(state, "agents", at, {
    message: "must be a mapping with 'agent' and 'input'",
    required: true,
  }, (agent, here) => {
    c.unknownKeys(agent, here, PARALLEL_AGENT_FIELDS);
    c.string(agent, "agent", here, { required: true, nonBlank: true, noControl: true });
    c.string(agent, "input", here, { required: true });
    c.number(agent, "weight", here, { min: 0 });
    c.integer(agent, "timeout_seconds", here, { kind: "u64" });
    c.integer(agent, "poll_interval_ms", here, { kind: "u64" });
  });
  if (agents?.length === 0) c.error([...at, "agents"], "must contain at least one agent");
  const consensus = c.dict(state, "consensus", at, true);
  if (consensus) {
    const here = [...at, "consensus"];
    c.unknownKeys(consensus, here, CONSENSUS_FIELDS);
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
      c.unknownKeys(weighting, wAt, WEIGHTING_FIELDS);
      c.number(weighting, "agreement_factor", wAt, { min: 0, max: 1 });
      c.number(weighting, "self_confidence_factor", wAt, { min: 0, max: 1 });
    }
  }
  checkJudges(c, state, "judges_for_parallel", at);
  if (state.output_handler !== undefined) {
    checkOutputHandler(c, state.output_handler, [...at, "output_handler"]);
  }
}

/** Checks the fields a ContainerRun state and a ParallelContainerRun step share. */
function checkContainerRun(c: Checker, run: Dict, at: Segment[], volumes: Set<string>): void {
  c.string(run, "name", at, { required: true, nonBlank: true, noControl: true });
  const image = c.string(run, "image", at, { required: true, nonBlank: true, noControl: true });
  if (image !== undefined && /\s/.test(image)) {
    c.error([...at, "image"], "must not contain whitespace");
  }
  const command = c.stringList(run, "command", at, { required: true });
  if (command !== undefined && command.length === 0) {
    c.error([...at, "command"], "must contain at least one entry");
  }
  c.stringMap(run, "env", at, { noControlKeys: true });
  c.string(run, "workdir", at, { nonBlank: true, noControl: true });
  c.eachMapping(run, "volumes", at, {
    message: "must be a mapping with 'name' and 'mount_path'",
  }, (mount, here) => {
    c.unknownKeys(mount, here, MOUNT_FIELDS);
    const name = c.string(mount, "name", here, { required: true, nonBlank: true, noControl: true });
    if (name !== undefined && volumes.size > 0 && !volumes.has(name)) {
      c.error(
        [...here, "name"],
        "names no volume in spec.storage.shared_volumes (the orchestrator requires one once any is declared)",
      );
    }
    const path = c.string(mount, "mount_path", here, { required: true, noControl: true });
    if (path !== undefined && !path.startsWith("/")) {
      c.error([...here, "mount_path"], "must be an absolute path");
    }
    c.boolean(mount, "read_only", here);
  });
  checkContainerResources(c, run, at);
  c.string(run, "registry_credentials", at, { nonBlank: true, noControl: true });
  c.boolean(run, "shell", at);
}

/** `run_as_user` is a string such as `"1000"` or `"65534:65534"`, as `docker run --user` takes. */
function checkRunAsUser(c: Checker, run: Dict, at: Segment[]): void {
  if (typeof run.run_as_user === "number") {
    c.error(
      [...at, "run_as_user"],
      `must be a string such as "${run.run_as_user}" or "65534:65534" (quote it in YAML)`,
    );
    return;
  }
  c.string(run, "run_as_user", at, { nonBlank: true, noControl: true });
}

function checkTransitions(c: Checker, state: Dict, at: Segment[], states: Dict): string[] {
  const targets: string[] = [];
  c.eachMapping(state, "transitions", at, {
    message: "must be a mapping with 'condition' and 'target'",
    required: true,
  }, (transition, here) => {
    const condition = c.enumeration(
      transition,
      "condition",
      here,
      Object.keys(CONDITION_PARAMS) as Transition["condition"][],
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
    c.unknownKeys(transition, here, [...Object.keys(TRANSITION_BASE), ...params]);
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
 * Returns every problem in a workflow manifest -- errors and warnings -- without throwing.
 *
 * Errors: `apiVersion`/`kind`; `metadata.name` charset; `spec.initial_state` must name a state;
 * every transition `target` must name a state; state `kind` must be one of `Agent`, `System`,
 * `Human`, `ParallelAgents`, `ContainerRun`, `ParallelContainerRun`, `Subworkflow`, with that
 * kind's required fields and no unknown fields (the orchestrator rejects them); transition
 * conditions and their parameters; `max_total_transitions` <= 100; `max_state_visits` <= 20;
 * humantime `timeout`s; a blocking `Subworkflow` needs `result_key` and a fire-and-forget one must
 * not have it; container commands are non-empty lists, `run_as_user` a string (`"65534:65534"`),
 * mount paths absolute and, once `spec.storage.shared_volumes` declares any, mounts name one of
 * them; workflow names are at most 63 characters; no `__proto__` or `constructor` keys anywhere.
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
