/**
 * The fake orchestrator's workflow side: registered workflow definitions, a simulator that walks
 * a workflow's states over time and records `WorkflowLogEvent`s, pending human approvals (a
 * `Human` state creates one; tests can add their own), stimuli and webhook secrets.
 *
 * Simulation rules (documented so tests can steer runs):
 * - Each non-`Human` state takes one step (`stepMs`) and succeeds, except a `System` state whose
 *   command is `false` or `exit <n>` (n != 0), which fails with that exit code.
 * - A `Human` state waits: for `POST .../signal {response}`, or for its approval request to be
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

import { isObject, timestampOffset, timestampZ } from "../http.ts";
import { describe, parseWorkflow } from "./definition.ts";
import { holds, type Outcome, runState, seconds } from "./transitions.ts";
import {
  type FakeApprovalDecision,
  type FakePendingApproval,
  type FakeStimulus,
  type FakeWorkflow,
  type FakeWorkflowExecution,
  type FakeWorkflowLogEvent,
  isTerminal,
} from "./types.ts";

/** Options of {@link FakeWorkflowEngine}. */
export interface FakeWorkflowEngineOptions {
  /** Delay between simulated steps in ms (default 5). */
  stepMs?: number;
  /** HMAC secret per webhook source (stands in for `AEGIS_WEBHOOK_SECRET_{TENANT}_{SOURCE}`). */
  webhookSecrets?: Record<string, string>;
}

/** Receives live log events in stream form (details keyed by variant). */
export type LogListener = (event: FakeWorkflowLogEvent) => void;

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
 * console.log(fake.workflows.decisions); // [{ approvalId, approved: true, ... }]
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

  readonly #tenantId: string;
  readonly #stepMs: number;
  readonly #listeners: Set<LogListener> = new Set();
  #clock = 0;

  /** Creates the engine for one fake orchestrator, whose one tenant is `tenantId`. */
  constructor(tenantId: string, options: FakeWorkflowEngineOptions = {}) {
    this.#tenantId = tenantId;
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
      tenantId: this.#tenantId,
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
      tenantId: this.#tenantId,
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
      tenantId: this.#tenantId,
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
