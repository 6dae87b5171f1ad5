/**
 * The fake orchestrator's workflow side: registered workflow definitions, a simulator that walks
 * a workflow's states over time and records `WorkflowLogEvent`s, pending human approvals (a
 * `Human` state creates one; tests can add their own), stimuli and webhook secrets.
 *
 * Simulation rules (documented so tests can steer runs):
 * - Each non-`Human` state takes one step (`stepMs`) and succeeds, except a `System` state whose
 *   command is `false` or `exit <n>` (n ≠ 0), which fails with that exit code.
 * - A `Human` state waits: for `POST …/signal {response}`, or for its approval request to be
 *   approved (response `"approved"`) or rejected (response `"rejected"`).
 * - The first transition whose condition holds is taken: `always`; `on_success`/`on_failure`;
 *   `exit_code_zero`/`exit_code_non_zero`/`exit_code {value}`; score and confidence conditions
 *   (score 1 on success, 0 on failure); `input_equals {value}`; `input_equals_yes`/`all_approved`
 *   (`yes`, `y`, `approve`, `approved`, `true`); `input_equals_no`/`any_rejected` (`no`, `n`,
 *   `reject`, `rejected`, `false`). `custom` never holds. No transition: the run completes if the
 *   state succeeded, else fails.
 *
 * @module
 */

import type { WorkflowLogEvent } from "../client/workflow_executions.ts";
import { parse as parseYaml } from "yaml";
import type { FakeContext } from "./context.ts";
import { isObject, timestampOffset, timestampZ } from "./http.ts";

/** A registered workflow definition. */
export interface FakeWorkflow {
  /** UUID. */
  id: string;
  /** Name. */
  name: string;
  /** Current version. */
  version: string;
  /** Manifest description. */
  description?: string;
  /** Visibility scope. */
  scope: "global" | "tenant";
  /** Manifest labels. */
  labels: Record<string, string>;
  /** Owning tenant. */
  tenantId: string;
  /** `metadata.input_schema`, checked (type and required keys) on run. */
  inputSchema?: unknown;
  /** The YAML text as registered. */
  manifestYaml: string;
  /** The parsed manifest. */
  manifest: ParsedWorkflow;
  /** Creation time (ms). */
  createdAt: number;
  /** Last update time (ms). */
  updatedAt?: number;
  /** Every registered version, oldest first. */
  versions: { id: string; version: string; createdAt: number; manifestYaml: string }[];
}

/** The parts of a workflow manifest the simulator uses. */
export interface ParsedWorkflow {
  /** `metadata` of the manifest. */
  metadata: Record<string, unknown> & { name: string; version?: string };
  /** `spec` of the manifest. */
  spec: {
    /** First state. */
    initial_state: string;
    /** States by name. */
    states: Record<string, FakeStateDefinition>;
    /** Transition budget (default 50, max 100). */
    max_total_transitions?: number;
  };
}

/** One state of a workflow manifest. */
export interface FakeStateDefinition {
  /** State kind (`Agent`, `System`, `Human`, …). */
  kind: string;
  /** Transitions, tried in order. */
  transitions: Record<string, unknown>[];
  /** Kind-specific fields. */
  [field: string]: unknown;
}

/** A workflow log event in the wire shape (the client's type: the fake emits exactly it). */
export type FakeWorkflowLogEvent = WorkflowLogEvent;

/** Status of a simulated workflow execution. */
export type FakeWorkflowExecutionStatus =
  | "pending"
  | "running"
  | "completed"
  | "failed"
  | "cancelled";

/** A simulated workflow execution. */
export interface FakeWorkflowExecution {
  /** UUID. */
  id: string;
  /** The workflow definition it runs. */
  workflow: FakeWorkflow;
  /** Owning tenant. */
  tenantId: string;
  /** Lower-case status. */
  status: FakeWorkflowExecutionStatus;
  /** Current (or final) state. */
  currentState: string;
  /** Workflow input. */
  input: unknown;
  /** Intent label. */
  intent?: string;
  /** Blackboard. */
  blackboard: Record<string, unknown>;
  /** Output per finished state. */
  stateOutputs: Record<string, unknown>;
  /** Start time (ms). */
  startedAt: number;
  /** Time of the last state change (ms). */
  lastTransitionAt: number;
  /** Temporal workflow id. */
  temporalWorkflowId: string;
  /** Temporal run id. */
  temporalRunId: string;
  /** Stored log (REST form), oldest first. */
  logs: FakeWorkflowLogEvent[];
  /** Approval request of the `Human` state it waits in, if any. */
  waitingApprovalId?: string;
  /** Signals received while not waiting (consumed by the next `Human` state). */
  queuedSignals: string[];
  /** Transitions taken so far. */
  transitions: number;
  /** Visits per state (bounded by `max_state_visits`). */
  visits: Map<string, number>;
  /** Pending simulator timers. */
  timers: Set<ReturnType<typeof setTimeout>>;
}

/** A pending human approval request. */
export interface FakePendingApproval {
  /** UUID. */
  id: string;
  /** Execution the request belongs to. */
  executionId: string;
  /** Owning tenant. */
  tenantId: string;
  /** Question shown to the human. */
  prompt: string;
  /** Creation time (ms). */
  createdAt: number;
  /** Seconds before it times out (from the state `timeout`, default 300). */
  timeoutSeconds: number;
}

/** What happened to an approval request. */
export interface FakeApprovalDecision {
  /** Approval request id. */
  approvalId: string;
  /** True for approve, false for reject. */
  approved: boolean;
  /** Feedback (approve) or reason (reject). */
  text?: string;
  /** `approved_by` / `rejected_by`. */
  by?: string;
}

/** A recorded stimulus. */
export interface FakeStimulus {
  /** UUID. */
  id: string;
  /** `http_api` or the webhook source. */
  source: string;
  /** Stimulus text (base64 for non-UTF-8 webhook bodies). */
  content: string;
  /** Lower-case status. */
  status: string;
  /** Workflow it was routed to. */
  workflowId?: string;
  /** Execution the request belongs to. */
  executionId: string;
  /** Arrival time (ms). */
  receivedAt: number;
  /** Last event time (ms). */
  lastEventAt: number;
}

/** Options of {@link FakeWorkflowEngine}. */
export interface FakeWorkflowEngineOptions {
  /** Delay between simulated steps in ms (default 5). */
  stepMs?: number;
  /** HMAC secret per webhook source (stands in for `AEGIS_WEBHOOK_SECRET_{TENANT}_{SOURCE}`). */
  webhookSecrets?: Record<string, string>;
}

/** Receives live log events in stream form (details keyed by variant). */
export type LogListener = (event: FakeWorkflowLogEvent) => void;

const TERMINAL_TYPES = new Set([
  "WorkflowExecutionCompleted",
  "WorkflowExecutionFailed",
  "WorkflowExecutionCancelled",
]);
const STATE_KINDS = new Set([
  "Agent",
  "System",
  "Human",
  "ParallelAgents",
  "ContainerRun",
  "ParallelContainerRun",
  "Subworkflow",
]);
const YES = /^(y|yes|approve|approved|true)$/i;
const NO = /^(n|no|reject|rejected|false)$/i;

/** Outcome of a state, used to pick the transition. */
interface Outcome {
  success: boolean;
  exitCode?: number;
  response?: string;
  output: unknown;
}

/**
 * Workflow state shared by the fake's workflow, workflow-execution, approval and stimulus
 * routes. Reach it through `fake.workflows` to inspect runs, add approvals or set secrets.
 *
 * @example Test an approval UI without writing a workflow
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator({ webhookSecrets: { github: "s3cret" } });
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const approval = fake.workflows.createApproval({ prompt: "Deploy to production?" });
 * await client.approveRequest(approval.id, { approved_by: "qa" });
 * console.log(fake.workflows.decisions); // [{ approvalId, approved: true, … }]
 * fake.workflows.webhookSecrets.set("gitlab", "another-secret");
 * ```
 */
export class FakeWorkflowEngine {
  /** Workflow definitions by id. */
  readonly workflows: Map<string, FakeWorkflow> = new Map();
  /** Workflow executions by id. */
  readonly executions: Map<string, FakeWorkflowExecution> = new Map();
  /** Pending approval requests by id. */
  readonly approvals: Map<string, FakePendingApproval> = new Map();
  /** Every approve/reject the fake received, oldest first. */
  readonly decisions: FakeApprovalDecision[] = [];
  /** Stimuli by id (ingested and webhook). */
  readonly stimuli: Map<string, FakeStimulus> = new Map();
  /** HMAC secret per webhook source; a source without one answers 401 `secret_not_found`. */
  readonly webhookSecrets: Map<string, string>;
  /** Whether the caller counts as an operator (the stimulus lists are operator-only). */
  callerIsOperator = true;
  /**
   * Picks the workflow (by name) a stimulus starts. Default: the most recently registered
   * workflow; `undefined` answers 422 `no_router_configured`, an unknown name 422
   * `unknown_workflow`.
   */
  routeStimulus: (stimulus: { source: string; content: string }) => string | undefined;

  readonly #ctx: FakeContext;
  readonly #stepMs: number;
  readonly #listeners: Set<LogListener> = new Set();
  #clock = 0;

  /** Creates the engine for one fake orchestrator. */
  constructor(ctx: FakeContext, options: FakeWorkflowEngineOptions = {}) {
    this.#ctx = ctx;
    this.#stepMs = options.stepMs ?? 5;
    this.webhookSecrets = new Map(Object.entries(options.webhookSecrets ?? {}));
    this.routeStimulus = () => {
      const newest =
        [...this.workflows.values()].sort((a, b) =>
          (b.updatedAt ?? b.createdAt) - (a.updatedAt ?? a.createdAt)
        )[0];
      return newest?.name;
    };
  }

  /** Strictly increasing time in ms. */
  now(): number {
    this.#clock = Math.max(this.#clock + 1, Date.now());
    return this.#clock;
  }

  /**
   * Registers (or, for a new version or with `force`, updates) a workflow from YAML text.
   * Returns the workflow, or the error text the orchestrator would put after
   * `Failed to register workflow: `.
   */
  register(
    yaml: string,
    options: { force?: boolean; scope?: "global" | "tenant" } = {},
  ): FakeWorkflow | string {
    const parsed = parseWorkflow(yaml);
    if (typeof parsed === "string") return parsed;
    const scope = options.scope ?? "tenant";
    const name = parsed.metadata.name;
    const version = typeof parsed.metadata.version === "string" ? parsed.metadata.version : "1.0.0";
    const now = this.now();
    const existing = this.findByName(name, scope);
    if (existing) {
      if (existing.version === version && !options.force) {
        return `workflow '${name}' version '${version}' already exists (use force=true to overwrite)`;
      }
      Object.assign(existing, describe(parsed), {
        version,
        manifestYaml: yaml,
        manifest: parsed,
        updatedAt: now,
      });
      const previous = existing.versions.findIndex((v) => v.version === version);
      if (previous >= 0) existing.versions.splice(previous, 1);
      existing.versions.push({
        id: crypto.randomUUID(),
        version,
        createdAt: now,
        manifestYaml: yaml,
      });
      return existing;
    }
    const workflow: FakeWorkflow = {
      id: crypto.randomUUID(),
      name,
      version,
      ...describe(parsed),
      scope,
      tenantId: this.#ctx.tenantId,
      manifestYaml: yaml,
      manifest: parsed,
      createdAt: now,
      versions: [{ id: crypto.randomUUID(), version, createdAt: now, manifestYaml: yaml }],
    };
    this.workflows.set(workflow.id, workflow);
    return workflow;
  }

  /** Finds a workflow by name (tenant scope first, then global) or by id. */
  find(nameOrId: string): FakeWorkflow | undefined {
    return this.workflows.get(nameOrId.toLowerCase()) ?? this.findByName(nameOrId, "tenant") ??
      this.findByName(nameOrId, "global");
  }

  /** Finds a workflow by name in one scope. */
  findByName(name: string, scope: "global" | "tenant"): FakeWorkflow | undefined {
    return [...this.workflows.values()].find((w) => w.name === name && w.scope === scope);
  }

  /** Starts a simulated execution of `workflow`. */
  start(
    workflow: FakeWorkflow,
    input: unknown,
    options: { blackboard?: unknown; intent?: string } = {},
  ): FakeWorkflowExecution {
    const now = this.now();
    const id = crypto.randomUUID();
    const execution: FakeWorkflowExecution = {
      id,
      workflow,
      tenantId: this.#ctx.tenantId,
      status: "running",
      currentState: workflow.manifest.spec.initial_state,
      input,
      intent: options.intent,
      blackboard: isObject(options.blackboard) ? { ...options.blackboard } : {},
      stateOutputs: {},
      startedAt: now,
      lastTransitionAt: now,
      temporalWorkflowId: `aegis-workflow-${id}`,
      temporalRunId: crypto.randomUUID(),
      logs: [],
      queuedSignals: [],
      transitions: 0,
      visits: new Map(),
      timers: new Set(),
    };
    this.executions.set(id, execution);
    this.#later(execution, () => {
      this.#log(execution, "WorkflowExecutionStarted", `Workflow execution started`, {}, {
        input,
      });
      this.#enter(execution, workflow.manifest.spec.initial_state);
    });
    return execution;
  }

  /** Delivers a human response to an execution (queued when it is not waiting). */
  signal(execution: FakeWorkflowExecution, response: string): void {
    if (isTerminal(execution)) return;
    if (execution.waitingApprovalId === undefined) {
      execution.queuedSignals.push(response);
      return;
    }
    this.approvals.delete(execution.waitingApprovalId);
    execution.waitingApprovalId = undefined;
    this.#resume(execution, response);
  }

  /** Cancels an execution (no-op once it ended). */
  cancel(execution: FakeWorkflowExecution): void {
    this.#stopTimers(execution);
    if (isTerminal(execution)) return;
    this.#dropApproval(execution);
    execution.status = "cancelled";
    execution.lastTransitionAt = this.now();
    this.#log(execution, "WorkflowExecutionCancelled", "Workflow execution cancelled", {}, {
      reason: "cancelled by user",
    });
  }

  /** Removes an execution record, stopping it first. */
  remove(execution: FakeWorkflowExecution): void {
    this.#stopTimers(execution);
    this.#dropApproval(execution);
    this.executions.delete(execution.id);
  }

  /**
   * Adds a pending approval request, e.g. for testing an approval UI without a workflow.
   * Without `executionId` a random one is used.
   */
  createApproval(request: {
    prompt: string;
    executionId?: string;
    timeoutSeconds?: number;
  }): FakePendingApproval {
    const approval: FakePendingApproval = {
      id: crypto.randomUUID(),
      executionId: request.executionId ?? crypto.randomUUID(),
      tenantId: this.#ctx.tenantId,
      prompt: request.prompt,
      createdAt: this.now(),
      timeoutSeconds: request.timeoutSeconds ?? 300,
    };
    this.approvals.set(approval.id, approval);
    return approval;
  }

  /**
   * Approves or rejects a pending request; a workflow waiting on it resumes with the response
   * `"approved"` or `"rejected"`. Returns false when no such request is pending.
   */
  decide(decision: FakeApprovalDecision): boolean {
    const approval = this.approvals.get(decision.approvalId);
    if (!approval) return false;
    this.approvals.delete(approval.id);
    this.decisions.push(decision);
    const execution = this.executions.get(approval.executionId);
    if (execution && execution.waitingApprovalId === approval.id && !isTerminal(execution)) {
      execution.waitingApprovalId = undefined;
      this.#resume(execution, decision.approved ? "approved" : "rejected");
    }
    return true;
  }

  /** Subscribes to live log events (stream form); returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops every simulator timer (fake shutdown). */
  stopAll(): void {
    for (const execution of this.executions.values()) this.#stopTimers(execution);
  }

  #enter(execution: FakeWorkflowExecution, stateName: string): void {
    const state = execution.workflow.manifest.spec.states[stateName];
    if (!state) {
      this.#fail(execution, `transition target state '${stateName}' does not exist`);
      return;
    }
    const visits = (execution.visits.get(stateName) ?? 0) + 1;
    execution.visits.set(stateName, visits);
    const maxVisits = typeof state.max_state_visits === "number" ? state.max_state_visits : 5;
    if (visits > maxVisits) {
      this.#fail(execution, `state '${stateName}' exceeded max_state_visits (${maxVisits})`);
      return;
    }
    execution.currentState = stateName;
    execution.lastTransitionAt = this.now();
    this.#log(execution, "WorkflowStateEntered", `Entered workflow state ${stateName}`, {
      state_name: stateName,
    }, {});
    if (state.kind === "Human") {
      const queued = execution.queuedSignals.shift();
      if (queued !== undefined) {
        this.#later(execution, () => this.#resume(execution, queued));
        return;
      }
      const approval = this.createApproval({
        prompt: typeof state.prompt === "string" ? state.prompt : "",
        executionId: execution.id,
        timeoutSeconds: seconds(state.timeout) ?? 300,
      });
      execution.waitingApprovalId = approval.id;
      return;
    }
    this.#later(execution, () => this.#exit(execution, stateName, runState(state, execution)));
  }

  #resume(execution: FakeWorkflowExecution, response: string): void {
    this.#exit(execution, execution.currentState, { success: true, response, output: response });
  }

  #exit(execution: FakeWorkflowExecution, stateName: string, outcome: Outcome): void {
    execution.stateOutputs[stateName] = outcome.output;
    execution.lastTransitionAt = this.now();
    this.#log(execution, "WorkflowStateExited", `Exited workflow state ${stateName}`, {
      state_name: stateName,
    }, { output: outcome.output });
    const state = execution.workflow.manifest.spec.states[stateName];
    const transition = state.transitions.find((t) => holds(t, outcome));
    if (!transition) {
      if (outcome.success) this.#complete(execution, outcome.output);
      else this.#fail(execution, `state '${stateName}' failed and no transition handles it`);
      return;
    }
    execution.transitions++;
    const max = Math.min(execution.workflow.manifest.spec.max_total_transitions ?? 50, 100);
    if (execution.transitions > max) {
      this.#fail(execution, `exceeded max_total_transitions (${max})`);
      return;
    }
    const target = String(transition.target);
    this.#later(execution, () => this.#enter(execution, target));
  }

  #complete(execution: FakeWorkflowExecution, finalOutput: unknown): void {
    execution.status = "completed";
    execution.lastTransitionAt = this.now();
    this.#log(execution, "WorkflowExecutionCompleted", "Workflow execution completed", {}, {
      final_blackboard: execution.blackboard,
      final_output: finalOutput,
    });
  }

  #fail(execution: FakeWorkflowExecution, error: string): void {
    execution.status = "failed";
    execution.lastTransitionAt = this.now();
    this.#log(execution, "WorkflowExecutionFailed", `Workflow execution failed: ${error}`, {}, {
      error,
    });
  }

  #dropApproval(execution: FakeWorkflowExecution): void {
    if (execution.waitingApprovalId !== undefined) {
      this.approvals.delete(execution.waitingApprovalId);
      execution.waitingApprovalId = undefined;
    }
  }

  /** Records the REST form and publishes the stream form of one log event. */
  #log(
    execution: FakeWorkflowExecution,
    eventType: string,
    message: string,
    fields: { state_name?: string },
    payload: Record<string, unknown>,
  ): void {
    const at = this.now();
    const base = {
      execution_id: execution.id,
      workflow_id: execution.workflow.id,
      workflow_name: execution.workflow.name,
      event_type: eventType,
      message,
      ...fields,
      temporal_workflow_id: execution.temporalWorkflowId,
      temporal_run_id: execution.temporalRunId,
    };
    execution.logs.push({
      ...base,
      timestamp: timestampZ(at),
      details: {
        event_type: eventType,
        execution_id: execution.id,
        temporal_sequence_number: execution.logs.length + 1,
        workflow_id: execution.workflow.id,
        ...fields,
        ...payload,
      },
    });
    const live: FakeWorkflowLogEvent = {
      ...base,
      timestamp: timestampOffset(at),
      details: {
        [eventType]: {
          execution_id: execution.id,
          workflow_id: execution.workflow.id,
          ...fields,
          ...payload,
          at: timestampZ(at),
        },
      },
    };
    for (const listener of [...this.#listeners]) listener(live);
  }

  #later(execution: FakeWorkflowExecution, step: () => void): void {
    const timer = setTimeout(() => {
      execution.timers.delete(timer);
      if (!isTerminal(execution)) step();
    }, this.#stepMs);
    execution.timers.add(timer);
  }

  #stopTimers(execution: FakeWorkflowExecution): void {
    for (const timer of execution.timers) clearTimeout(timer);
    execution.timers.clear();
  }
}

/** True once the execution completed, failed or was cancelled. */
export function isTerminal(execution: FakeWorkflowExecution): boolean {
  return execution.status === "completed" || execution.status === "failed" ||
    execution.status === "cancelled";
}

/** True for the stream events after which the orchestrator closes the log stream. */
export function isTerminalLogEvent(event: FakeWorkflowLogEvent): boolean {
  return TERMINAL_TYPES.has(event.event_type);
}

function describe(
  parsed: ParsedWorkflow,
): Pick<FakeWorkflow, "description" | "labels" | "inputSchema"> {
  const meta = parsed.metadata;
  return {
    description: typeof meta.description === "string" ? meta.description : undefined,
    labels: isObject(meta.labels) ? (meta.labels as Record<string, string>) : {},
    inputSchema: meta.input_schema,
  };
}

/** Parses and checks the parts of a workflow manifest the orchestrator's parser insists on. */
function parseWorkflow(yaml: string): ParsedWorkflow | string {
  let doc: unknown;
  try {
    doc = parseYaml(yaml);
  } catch (error) {
    return `invalid YAML: ${(error as Error).message.split("\n")[0]}`;
  }
  if (!isObject(doc)) return "manifest must be a YAML mapping";
  if (doc.apiVersion !== "100monkeys.ai/v1") return "apiVersion must be '100monkeys.ai/v1'";
  if (doc.kind !== "Workflow") return "kind must be 'Workflow'";
  const metadata = doc.metadata;
  if (!isObject(metadata) || typeof metadata.name !== "string" || metadata.name === "") {
    return "missing field `metadata.name`";
  }
  const spec = doc.spec;
  if (!isObject(spec) || typeof spec.initial_state !== "string") {
    return "missing field `spec.initial_state`";
  }
  if (!isObject(spec.states)) return "missing field `spec.states`";
  for (const [name, state] of Object.entries(spec.states)) {
    if (!isObject(state) || typeof state.kind !== "string" || !STATE_KINDS.has(state.kind)) {
      return `state '${name}': unknown or missing kind`;
    }
    if (!Array.isArray(state.transitions)) return `state '${name}': missing field \`transitions\``;
  }
  if (!(spec.initial_state in spec.states)) {
    return `initial_state '${spec.initial_state}' is not a defined state`;
  }
  return doc as unknown as ParsedWorkflow;
}

function runState(state: FakeStateDefinition, execution: FakeWorkflowExecution): Outcome {
  if (state.kind === "System" && typeof state.command === "string") {
    const command = state.command.trim();
    const exit = /^exit\s+(\d+)$/.exec(command);
    const exitCode = command === "false" ? 1 : exit ? Number(exit[1]) : 0;
    return {
      success: exitCode === 0,
      exitCode,
      output: {
        exit_code: exitCode,
        stdout: exitCode === 0 ? `ran: ${command}\n` : "",
        stderr: "",
      },
    };
  }
  const input = typeof execution.input === "string"
    ? execution.input
    : JSON.stringify(execution.input);
  return { success: true, exitCode: 0, output: `Echo: ${input}` };
}

function holds(transition: Record<string, unknown>, outcome: Outcome): boolean {
  const score = outcome.success ? 1 : 0;
  const threshold = typeof transition.threshold === "number" ? transition.threshold : 0;
  const response = outcome.response?.trim() ?? "";
  switch (transition.condition) {
    case "always":
      return true;
    case "on_success":
    case "exit_code_zero":
      return outcome.success;
    case "on_failure":
    case "exit_code_non_zero":
      return !outcome.success;
    case "exit_code":
      return outcome.exitCode === transition.value;
    case "score_above":
    case "confidence_above":
    case "score_and_confidence_above":
    case "consensus":
      return score > threshold;
    case "score_below":
      return score < threshold;
    case "score_between":
      return score >= Number(transition.min) && score <= Number(transition.max);
    case "input_equals":
      return outcome.response !== undefined && response === String(transition.value);
    case "input_equals_yes":
    case "all_approved":
      return YES.test(response);
    case "input_equals_no":
    case "any_rejected":
      return NO.test(response);
    default:
      return false;
  }
}

/** humantime subset (`90s`, `5m`, `2h`, `1d`) → seconds. */
function seconds(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "s" | "m" | "h" | "d" ?? "s"];
  return Number(match[1]) * unit;
}
