/**
 * The records of the fake's workflow side: definitions, simulated executions, approvals and
 * stimuli.
 *
 * @module
 */

import type { WorkflowLogEvent } from "../../../client/workflow_executions.ts";

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
  /** State kind (`Agent`, `System`, `Human`, ...). */
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

const TERMINAL_TYPES = new Set([
  "WorkflowExecutionCompleted",
  "WorkflowExecutionFailed",
  "WorkflowExecutionCancelled",
]);

/** True once the execution completed, failed or was cancelled. */
export function isTerminal(execution: FakeWorkflowExecution): boolean {
  return execution.status === "completed" || execution.status === "failed" ||
    execution.status === "cancelled";
}

/** True for the stream events after which the orchestrator closes the log stream. */
export function isTerminalLogEvent(event: FakeWorkflowLogEvent): boolean {
  return TERMINAL_TYPES.has(event.event_type);
}
