/**
 * Workflow manifest types: the YAML document sent as raw text to `POST /v1/workflows`.
 *
 * @module
 */

import type { StorageClass } from "./agent_types.ts";
import type {
  ConsensusStrategy,
  ContainerResources,
  ImagePullPolicy,
  IsolationMode,
  MANIFEST_API_VERSION,
  OutputHandlerConfig,
  RetryConfig,
} from "./common_types.ts";

/**
 * Root workflow manifest.
 *
 * @example
 * ```ts
 * import type { WorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const workflow: WorkflowManifest = {
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "review", version: "1.0.0" },
 *   spec: {
 *     initial_state: "REVIEW",
 *     states: {
 *       REVIEW: { kind: "Agent", agent: "reviewer", input: "{{workflow.input}}", transitions: [] },
 *     },
 *   },
 * };
 * ```
 */
export interface WorkflowManifest {
  /** Must be `"100monkeys.ai/v1"`. */
  apiVersion: typeof MANIFEST_API_VERSION;
  /** Must be `"Workflow"`. */
  kind: "Workflow";
  /** Name, version, labels and I/O schemas. */
  metadata: WorkflowMetadata;
  /** The state machine. */
  spec: WorkflowSpec;
}

/**
 * Workflow identity.
 *
 * @example
 * ```ts
 * import type { WorkflowMetadata } from "@aegis/sdk/manifest";
 * const metadata: WorkflowMetadata = { name: "ci-pipeline", version: "0.3.0" };
 * ```
 */
export interface WorkflowMetadata {
  /** Required. Characters `[a-z0-9-]`, not starting or ending with `-`. */
  name: string;
  /** Version, semver by convention. */
  version?: string;
  /** Human-readable description. */
  description?: string;
  /** String labels. Server default `{}`. */
  labels?: Record<string, string>;
  /** String annotations. Server default `{}`. */
  annotations?: Record<string, string>;
  /** JSON Schema of the workflow input. */
  input_schema?: unknown;
  /** JSON Schema of the workflow output. */
  output_schema?: unknown;
  /** Template producing the workflow output. */
  output_template?: unknown;
}

/**
 * The state machine.
 *
 * @example
 * ```ts
 * import type { WorkflowSpec } from "@aegis/sdk/manifest";
 * const spec: WorkflowSpec = {
 *   initial_state: "BUILD",
 *   max_total_transitions: 20,
 *   states: { BUILD: { kind: "System", command: "make", transitions: [] } },
 * };
 * ```
 */
export interface WorkflowSpec {
  /** Name of the first state; must be a key of `states`. */
  initial_state: string;
  /** Initial blackboard values. Server default `{}`. */
  context?: Record<string, unknown>;
  /** States by name. */
  states: Record<string, WorkflowState>;
  /** Workspace and shared volumes. */
  storage?: WorkflowStorage;
  /** Cap on state transitions per run. Server default 50, ceiling 100. */
  max_total_transitions?: number;
}

/**
 * Workflow storage settings.
 *
 * @example
 * ```ts
 * import type { WorkflowStorage } from "@aegis/sdk/manifest";
 * const storage: WorkflowStorage = { shared_volumes: [] };
 * ```
 */
export interface WorkflowStorage {
  /** The workspace volume created when a run starts. */
  workspace?: WorkflowWorkspace;
  /** Named volumes shared between states; once any is declared, every container mount must name one. */
  shared_volumes?: WorkflowSharedVolume[];
}

/**
 * The workspace volume of a workflow run.
 *
 * @example
 * ```ts
 * import type { WorkflowWorkspace } from "@aegis/sdk/manifest";
 * const workspace: WorkflowWorkspace = { storage_class: "ephemeral", ttl_hours: 4, size_limit_mb: 1024 };
 * ```
 */
export interface WorkflowWorkspace {
  /** Server default `"ephemeral"`. */
  storage_class?: StorageClass;
  /** Hours an ephemeral workspace lives (u32). Server default 1. */
  ttl_hours?: number;
  /** Size limit in MiB (u64). Server default 256. */
  size_limit_mb?: number;
  /** An existing volume to use instead of creating one. */
  volume_id?: string;
  /** Blackboard key holding the volume id. Server default `"workspace_volume_id"`. */
  blackboard_key?: string;
}

/**
 * A named volume shared between workflow states.
 *
 * @example
 * ```ts
 * import type { WorkflowSharedVolume } from "@aegis/sdk/manifest";
 * const volume: WorkflowSharedVolume = { name: "cache", storage_class: "persistent" };
 * ```
 */
export interface WorkflowSharedVolume {
  /** Volume name, referenced by container volume mounts. */
  name: string;
  /** Server default `"ephemeral"`. */
  storage_class?: StorageClass;
  /** Size limit in bytes (u64). */
  size_limit_bytes?: number;
}

/**
 * A volume mounted into a workflow container.
 *
 * @example
 * ```ts
 * import type { ContainerVolumeMount } from "@aegis/sdk/manifest";
 * const mount: ContainerVolumeMount = { name: "cache", mount_path: "/cache", read_only: true };
 * ```
 */
export interface ContainerVolumeMount {
  /** Volume name (a `spec.storage.shared_volumes` entry when any are declared). */
  name: string;
  /** Absolute path inside the container. */
  mount_path: string;
  /** Server default `false`. */
  read_only?: boolean;
}

/**
 * Fields every state has.
 *
 * @example
 * ```ts
 * import type { StateCommon } from "@aegis/sdk/manifest";
 * const common: StateCommon = { transitions: [{ condition: "always", target: "DONE" }], timeout: "5m" };
 * ```
 */
export interface StateCommon {
  /** Outgoing transitions, evaluated in order. Empty for a terminal state. */
  transitions: Transition[];
  /** State time limit (humantime, e.g. `"5m"`, `"1h 30m"`). */
  timeout?: string;
  /** How often a run may enter this state. Server default 5, ceiling 20. */
  max_state_visits?: number;
}

/**
 * A judge agent attached to an Agent state.
 *
 * @example
 * ```ts
 * import type { StateJudge } from "@aegis/sdk/manifest";
 * const judge: StateJudge = { agent_id: "strict-judge", weight: 2 };
 * ```
 */
export interface StateJudge {
  /** Judge agent name or id. */
  agent_id: string;
  /** Template for the judge's input. */
  input_template?: string;
  /** Weight of this judge. Server default 1.0. */
  weight?: number;
}

/**
 * Runs an agent.
 *
 * @example
 * ```ts
 * import type { AgentState } from "@aegis/sdk/manifest";
 * const state: AgentState = {
 *   kind: "Agent",
 *   agent: "coder",
 *   input: "{{workflow.input.task}}",
 *   transitions: [{ condition: "on_success", target: "TEST" }],
 * };
 * ```
 */
export interface AgentState extends StateCommon {
  /** Tag. */
  kind: "Agent";
  /** Agent name or id. */
  agent: string;
  /** Input template. */
  input: string;
  /** Intent text handed to the agent. */
  intent?: string;
  /** Isolation override. */
  isolation?: IsolationMode;
  /** Judges scoring this state's output. */
  judges?: StateJudge[];
  /** Inner-loop iteration cap for this state (u32). */
  max_iterations?: number;
  /** Validator agent run before the state executes. */
  pre_execution_validator?: string;
  /** Where the state's output is forwarded. */
  output_handler?: OutputHandlerConfig;
}

/**
 * Runs a shell command.
 *
 * @example
 * ```ts
 * import type { SystemState } from "@aegis/sdk/manifest";
 * const state: SystemState = { kind: "System", command: "npm test", workdir: "/workspace", transitions: [] };
 * ```
 */
export interface SystemState extends StateCommon {
  /** Tag. */
  kind: "System";
  /** Command line. */
  command: string;
  /** Environment. */
  env?: Record<string, string>;
  /** Working directory. */
  workdir?: string;
}

/**
 * Waits for a human answer.
 *
 * @example
 * ```ts
 * import type { HumanState } from "@aegis/sdk/manifest";
 * const state: HumanState = {
 *   kind: "Human",
 *   prompt: "Deploy to production?",
 *   transitions: [{ condition: "input_equals_yes", target: "DEPLOY" }],
 * };
 * ```
 */
export interface HumanState extends StateCommon {
  /** Question shown to the human. */
  prompt: string;
  /** Tag. */
  kind: "Human";
  /** Answer assumed when the state times out. */
  default_response?: string;
}

/**
 * One agent of a ParallelAgents state.
 *
 * @example
 * ```ts
 * import type { ParallelAgentConfig } from "@aegis/sdk/manifest";
 * const agent: ParallelAgentConfig = { agent: "reviewer-a", input: "{{workflow.input}}" };
 * ```
 */
export interface ParallelAgentConfig {
  /** Agent name or id. */
  agent: string;
  /** Input template. */
  input: string;
  /** Weight. Server default 1.0. */
  weight?: number;
  /** Time limit in seconds (u64). Server default 60. */
  timeout_seconds?: number;
  /** Poll interval in milliseconds (u64). Server default 500. */
  poll_interval_ms?: number;
}

/**
 * Consensus over parallel agents.
 *
 * @example
 * ```ts
 * import type { ConsensusConfig } from "@aegis/sdk/manifest";
 * const consensus: ConsensusConfig = { strategy: "majority", threshold: 0.7 };
 * ```
 */
export interface ConsensusConfig {
  /** Combination strategy. */
  strategy: ConsensusStrategy;
  /** Score threshold, 0-1. */
  threshold?: number;
  /** Required agreement, 0-1 (input alias `min_agreement_confidence`). */
  agreement?: number;
  /** N for `best_of_n`. */
  n?: number;
  /** Minimum judges that must answer. Server default 1. */
  min_judges_required?: number;
  /** How agreement and self-confidence are weighted. */
  confidence_weighting?: { agreement_factor?: number; self_confidence_factor?: number };
}

/**
 * Runs several agents and combines their results.
 *
 * @example
 * ```ts
 * import type { ParallelAgentsState } from "@aegis/sdk/manifest";
 * const state: ParallelAgentsState = {
 *   kind: "ParallelAgents",
 *   agents: [{ agent: "a", input: "x" }, { agent: "b", input: "x" }],
 *   consensus: { strategy: "weighted_average" },
 *   transitions: [],
 * };
 * ```
 */
export interface ParallelAgentsState extends StateCommon {
  /** Tag. */
  kind: "ParallelAgents";
  /** The agents (at least one). */
  agents: ParallelAgentConfig[];
  /** How results are combined. */
  consensus: ConsensusConfig;
  /** Judges of the combined output. */
  judges_for_parallel?: StateJudge[];
  /** Where the combined output is forwarded. */
  output_handler?: OutputHandlerConfig;
}

/**
 * Runs one container (no LLM): a deterministic build, test or deploy step.
 *
 * @example
 * ```ts
 * import type { ContainerRunState } from "@aegis/sdk/manifest";
 * const state: ContainerRunState = {
 *   kind: "ContainerRun",
 *   name: "build",
 *   image: "docker.io/library/golang:1.21",
 *   command: ["go", "build", "./..."],
 *   run_as_user: "65534:65534",
 *   transitions: [{ condition: "exit_code_zero", target: "DONE" }],
 * };
 * ```
 */
export interface ContainerRunState extends StateCommon {
  /** Tag. */
  kind: "ContainerRun";
  /** Step name. */
  name: string;
  /** Image reference. */
  image: string;
  /** Server default `"IfNotPresent"`. */
  image_pull_policy?: ImagePullPolicy;
  /** Command and arguments; at least one entry (the orchestrator refuses an empty command). */
  command: string[];
  /** Environment (values may be blackboard templates). */
  env?: Record<string, string>;
  /** Working directory. Server default `/workspace`. */
  workdir?: string;
  /** Volume mounts. */
  volumes?: ContainerVolumeMount[];
  /** CPU, memory and time limits. */
  resources?: ContainerResources;
  /** Secret path of registry credentials, e.g. `"secret:cicd/docker-registry"`. */
  registry_credentials?: string;
  /** Retry policy. */
  retry?: RetryConfig;
  /** Run `command` joined with spaces through `sh -c`. Server default `false`. */
  shell?: boolean;
  /** Mount the root filesystem read-only. Server default `false`. */
  read_only_root_filesystem?: boolean;
  /** User to run as, as `docker run --user` takes it: `"65534"` or `"65534:65534"`. */
  run_as_user?: string;
  /** Container network mode, e.g. `"none"`. */
  network_mode?: string;
  /** Where the step's output is forwarded. */
  output_handler?: OutputHandlerConfig;
}

/**
 * One step of a ParallelContainerRun state. Narrower than a ContainerRun state: the orchestrator
 * reads only these fields for parallel steps.
 *
 * @example
 * ```ts
 * import type { ContainerRunConfig } from "@aegis/sdk/manifest";
 * const step: ContainerRunConfig = { name: "lint", image: "docker.io/library/node:20", command: ["npm", "run", "lint"] };
 * ```
 */
export interface ContainerRunConfig {
  /** Step name, unique within the state; also the blackboard key of its output. */
  name: string;
  /** Image reference. */
  image: string;
  /** Command and arguments; at least one entry. */
  command: string[];
  /** Environment. */
  env?: Record<string, string>;
  /** Working directory. Server default `/workspace`. */
  workdir?: string;
  /** Volume mounts. */
  volumes?: ContainerVolumeMount[];
  /** CPU, memory and time limits. */
  resources?: ContainerResources;
  /** Secret path of registry credentials. */
  registry_credentials?: string;
  /** Run `command` joined with spaces through `sh -c`. Server default `false`. */
  shell?: boolean;
}

/**
 * Runs container steps in parallel.
 *
 * @example
 * ```ts
 * import type { ParallelContainerRunState } from "@aegis/sdk/manifest";
 * const state: ParallelContainerRunState = {
 *   kind: "ParallelContainerRun",
 *   steps: [{ name: "a", image: "docker.io/library/alpine:3", command: ["true"] }],
 *   completion: "all_succeed",
 *   transitions: [],
 * };
 * ```
 */
export interface ParallelContainerRunState extends StateCommon {
  /** Tag. */
  kind: "ParallelContainerRun";
  /** The steps (at least one). */
  steps: ContainerRunConfig[];
  /** When the state counts as successful. */
  completion: "all_succeed" | "any_succeed" | "best_effort";
}

/**
 * Starts another workflow.
 *
 * @example
 * ```ts
 * import type { SubworkflowState } from "@aegis/sdk/manifest";
 * const state: SubworkflowState = {
 *   kind: "Subworkflow",
 *   workflow_id: "security-scan",
 *   mode: "blocking",
 *   result_key: "scan",
 *   transitions: [],
 * };
 * ```
 */
export interface SubworkflowState extends StateCommon {
  /** Tag. */
  kind: "Subworkflow";
  /** Workflow name or UUID. */
  workflow_id: string;
  /** Wait for the child (`"blocking"`) or not. */
  mode: "blocking" | "fire_and_forget";
  /** Blackboard key for the child's result: required when blocking, refused when fire-and-forget. */
  result_key?: string;
  /** Input template for the child workflow, rendered against this run's blackboard. */
  input?: string;
}

/**
 * A workflow state, tagged by `kind`.
 *
 * @example
 * ```ts
 * import type { WorkflowState } from "@aegis/sdk/manifest";
 * const done: WorkflowState = { kind: "System", command: "echo done", transitions: [] };
 * ```
 */
export type WorkflowState =
  | AgentState
  | SystemState
  | HumanState
  | ParallelAgentsState
  | ContainerRunState
  | ParallelContainerRunState
  | SubworkflowState;

/**
 * Fields every transition has.
 *
 * @example
 * ```ts
 * import type { TransitionBase } from "@aegis/sdk/manifest";
 * const base: TransitionBase = { target: "RETRY", feedback: "Tests failed; fix them." };
 * ```
 */
export interface TransitionBase {
  /** Name of the next state; must be a key of `spec.states`. */
  target: string;
  /** Feedback passed to the next state. */
  feedback?: string;
}

/**
 * A transition whose condition takes no parameters.
 *
 * @example
 * ```ts
 * import type { SimpleTransition } from "@aegis/sdk/manifest";
 * const t: SimpleTransition = { condition: "on_failure", target: "FIX" };
 * ```
 */
export interface SimpleTransition extends TransitionBase {
  /** Condition. */
  condition:
    | "always"
    | "on_success"
    | "on_failure"
    | "exit_code_zero"
    | "exit_code_non_zero"
    | "all_approved"
    | "any_rejected"
    | "input_equals_yes"
    | "input_equals_no";
}

/**
 * Fires on a specific exit code.
 *
 * @example
 * ```ts
 * import type { ExitCodeTransition } from "@aegis/sdk/manifest";
 * const t: ExitCodeTransition = { condition: "exit_code", value: 2, target: "USAGE" };
 * ```
 */
export interface ExitCodeTransition extends TransitionBase {
  /** Condition. */
  condition: "exit_code";
  /** Exit code (i32). */
  value: number;
}

/**
 * Fires on a score or confidence threshold.
 *
 * @example
 * ```ts
 * import type { ThresholdTransition } from "@aegis/sdk/manifest";
 * const t: ThresholdTransition = { condition: "score_above", threshold: 0.8, target: "DONE" };
 * ```
 */
export interface ThresholdTransition extends TransitionBase {
  /** Condition. */
  condition: "score_above" | "score_below" | "confidence_above" | "score_and_confidence_above";
  /** Threshold, 0-1. */
  threshold: number;
}

/**
 * Fires when the score is within `[min, max]`.
 *
 * @example
 * ```ts
 * import type { ScoreBetweenTransition } from "@aegis/sdk/manifest";
 * const t: ScoreBetweenTransition = { condition: "score_between", min: 0.5, max: 0.8, target: "REVIEW" };
 * ```
 */
export interface ScoreBetweenTransition extends TransitionBase {
  /** Condition. */
  condition: "score_between";
  /** Lower bound. */
  min: number;
  /** Upper bound. */
  max: number;
}

/**
 * Fires when parallel agents reach consensus.
 *
 * @example
 * ```ts
 * import type { ConsensusTransition } from "@aegis/sdk/manifest";
 * const t: ConsensusTransition = { condition: "consensus", threshold: 0.7, agreement: 0.8, target: "MERGE" };
 * ```
 */
export interface ConsensusTransition extends TransitionBase {
  /** Condition. */
  condition: "consensus";
  /** Score threshold. */
  threshold: number;
  /** Required agreement. */
  agreement: number;
}

/**
 * Fires when the human answer equals `value`.
 *
 * @example
 * ```ts
 * import type { InputEqualsTransition } from "@aegis/sdk/manifest";
 * const t: InputEqualsTransition = { condition: "input_equals", value: "skip", target: "DONE" };
 * ```
 */
export interface InputEqualsTransition extends TransitionBase {
  /** Condition. */
  condition: "input_equals";
  /** Expected answer. */
  value: string;
}

/**
 * Fires when a custom expression holds.
 *
 * @example
 * ```ts
 * import type { CustomTransition } from "@aegis/sdk/manifest";
 * const t: CustomTransition = { condition: "custom", expression: "blackboard.count > 3", target: "STOP" };
 * ```
 */
export interface CustomTransition extends TransitionBase {
  /** Condition. */
  condition: "custom";
  /** Expression evaluated by the orchestrator. */
  expression: string;
}

/**
 * A state transition, tagged by `condition`.
 *
 * @example
 * ```ts
 * import type { Transition } from "@aegis/sdk/manifest";
 * const transitions: Transition[] = [
 *   { condition: "score_above", threshold: 0.9, target: "DONE" },
 *   { condition: "always", target: "RETRY" },
 * ];
 * ```
 */
export type Transition =
  | SimpleTransition
  | ExitCodeTransition
  | ThresholdTransition
  | ScoreBetweenTransition
  | ConsensusTransition
  | InputEqualsTransition
  | CustomTransition;
