/**
 * Workflow executions: list (with a page-walking iterator), get, remove, signal, cancel, and
 * their logs (paged history, page-walking iterator, live SSE stream).
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { openEventStream } from "./core/open_stream.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { AegisError, AegisProtocolError, InvalidArgumentError } from "../errors.ts";
import { AegisStreamInterruptedError } from "./core/errors.ts";
import { runWorkflow, type RunWorkflowOptions, type WorkflowRunResponse } from "./workflows.ts";
import { expectArray, expectObject } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { isUuid } from "../internal/guards.ts";
import { decodeJsonEvent } from "./events.ts";
import { workflowExecutionIdArgument } from "./_ids.ts";
import { lookupOptions } from "./_lookup.ts";
import type { SSEMessage } from "./core/sse.ts";
import type { EventStream } from "./core/stream.ts";

/** Workflow-execution status (lower-case on the wire, unlike agent executions). */
export type WorkflowExecutionStatus = "pending" | "running" | "completed" | "failed" | "cancelled";

/** One element of `GET /v1/workflows/executions` (a bare array). */
export interface WorkflowExecutionSummary {
  /** Workflow execution UUID. */
  execution_id: string;
  /** Workflow UUID. */
  workflow_id: string;
  /** Workflow name; `null` when the workflow definition is gone. */
  workflow_name: string | null;
  /** Lower-case status. */
  status: WorkflowExecutionStatus;
  /** Name of the state the execution is in (or ended in). */
  current_state: string;
  /** RFC 3339. */
  started_at: string;
  /** RFC 3339 time of the last state change. */
  last_transition_at: string;
  /** Owning tenant. */
  tenant_id: string;
}

/** `GET /v1/workflows/executions/{id}` (there is no `final_output` field). */
export interface WorkflowExecution {
  /** Workflow execution UUID. */
  execution_id: string;
  /** Workflow UUID. */
  workflow_id: string;
  /** Workflow name; `null` when the workflow definition is gone. */
  workflow_name: string | null;
  /** Lower-case status. */
  status: WorkflowExecutionStatus;
  /** Name of the current (or final) state. */
  current_state: string;
  /** RFC 3339. */
  started_at: string;
  /** RFC 3339 time of the last state change. */
  last_transition_at: string;
  /** Shared key/value store of the run. */
  blackboard: Record<string, unknown>;
  /** Output of every state that finished, keyed by state name. */
  state_outputs: Record<string, unknown>;
  /** Temporal workflow id; `null` when the orchestrator cannot reach Temporal. */
  temporal_workflow_id: string | null;
  /** Temporal run id of the execution; `null` when the orchestrator cannot reach Temporal. */
  temporal_run_id: string | null;
}

/** `DELETE /v1/workflows/executions/{id}` answer. */
export interface RemoveWorkflowExecutionResponse {
  /** Always `"removed"`. */
  status: "removed";
  /** Workflow execution UUID. */
  execution_id: string;
}

/** `POST .../signal` answer (HTTP 202). */
export interface SignalWorkflowExecutionResponse {
  /** Always `"signal_sent"`. */
  status: "signal_sent";
  /** Workflow execution UUID. */
  execution_id: string;
}

/** `POST .../cancel` answer (HTTP 202). */
export interface CancelWorkflowExecutionResponse {
  /** Always `"cancel_requested"`. */
  status: "cancel_requested";
  /** Workflow execution UUID. */
  execution_id: string;
}

/**
 * `details[event_type]` of each known workflow log stream event (the domain event, externally
 * tagged). `T | null` fields are always present. Timestamps are RFC 3339.
 */
export interface WorkflowEventVariants {
  /** A workflow definition was registered. */
  WorkflowRegistered: {
    workflow_id: string;
    tenant_id: string;
    name: string;
    version: string;
    scope: string;
    registered_at: string;
  };
  /** The run began. */
  WorkflowExecutionStarted: { execution_id: string; workflow_id: string; started_at: string };
  /** The run entered a state. */
  WorkflowStateEntered: { execution_id: string; state_name: string; entered_at: string };
  /** The run left a state with its output. */
  WorkflowStateExited: {
    execution_id: string;
    state_name: string;
    output: unknown;
    exited_at: string;
  };
  /** An iteration of the run began. */
  WorkflowIterationStarted: { execution_id: string; iteration_number: number; started_at: string };
  /** An iteration of the run produced output. */
  WorkflowIterationCompleted: {
    execution_id: string;
    iteration_number: number;
    output: unknown;
    completed_at: string;
  };
  /** An iteration of the run failed. */
  WorkflowIterationFailed: {
    execution_id: string;
    iteration_number: number;
    error: string;
    failed_at: string;
  };
  /** Terminal: the run succeeded. */
  WorkflowExecutionCompleted: {
    execution_id: string;
    final_blackboard: unknown;
    artifacts: unknown | null;
    completed_at: string;
  };
  /** Terminal: the run failed. */
  WorkflowExecutionFailed: { execution_id: string; reason: string; failed_at: string };
  /** Terminal: the run was cancelled. */
  WorkflowExecutionCancelled: { execution_id: string; cancelled_at: string };
  /** A `Subworkflow` state started a child run. */
  SubworkflowTriggered: {
    parent_execution_id: string;
    child_execution_id: string;
    child_workflow_id: string;
    mode: string;
    parent_state_name: string;
    triggered_at: string;
  };
  /** A blocking child run finished. */
  SubworkflowCompleted: {
    parent_execution_id: string;
    child_execution_id: string;
    result_key: string;
    completed_at: string;
  };
  /** A child run failed. */
  SubworkflowFailed: {
    parent_execution_id: string;
    child_execution_id: string;
    reason: string;
    failed_at: string;
  };
  /** A workflow moved between tenant and global scope. */
  WorkflowScopeChanged: {
    workflow_id: string;
    workflow_name: string;
    previous_scope: string;
    new_scope: string;
    previous_tenant_id: string;
    new_tenant_id: string;
    changed_by: string;
    changed_at: string;
  };
  /** An intent-to-execution pipeline began. */
  IntentExecutionPipelineStarted: {
    pipeline_execution_id: string;
    workflow_execution_id: string;
    intent: string;
    language: unknown;
    workspace_volume_id: string;
    started_at: string;
  };
  /** An intent-to-execution pipeline finished. */
  IntentExecutionPipelineCompleted: {
    pipeline_execution_id: string;
    workflow_execution_id: string;
    tenant_id: string;
    final_result: string;
    duration_ms: number;
    reused_existing_agent: boolean;
    agent_similarity_score: number | null;
    completed_at: string;
  };
  /** An intent-to-execution pipeline failed. */
  IntentExecutionPipelineFailed: {
    pipeline_execution_id: string;
    workflow_execution_id: string;
    failed_at_state: string;
    reason: string;
    failed_at: string;
  };
  /** A workflow definition was removed. */
  WorkflowRemoved: {
    workflow_id: string;
    tenant_id: string;
    workflow_name: string;
    removed_at: string;
  };
}

/** Every PascalCase `event_type` of the workflow log stream this SDK types (contract section 4.3). */
export type KnownWorkflowLogEventType = keyof WorkflowEventVariants;

const WORKFLOW_VARIANT_PATHS: { readonly [T in KnownWorkflowLogEventType]: readonly [T] } = {
  WorkflowRegistered: ["WorkflowRegistered"],
  WorkflowExecutionStarted: ["WorkflowExecutionStarted"],
  WorkflowStateEntered: ["WorkflowStateEntered"],
  WorkflowStateExited: ["WorkflowStateExited"],
  WorkflowIterationStarted: ["WorkflowIterationStarted"],
  WorkflowIterationCompleted: ["WorkflowIterationCompleted"],
  WorkflowIterationFailed: ["WorkflowIterationFailed"],
  WorkflowExecutionCompleted: ["WorkflowExecutionCompleted"],
  WorkflowExecutionFailed: ["WorkflowExecutionFailed"],
  WorkflowExecutionCancelled: ["WorkflowExecutionCancelled"],
  SubworkflowTriggered: ["SubworkflowTriggered"],
  SubworkflowCompleted: ["SubworkflowCompleted"],
  SubworkflowFailed: ["SubworkflowFailed"],
  WorkflowScopeChanged: ["WorkflowScopeChanged"],
  IntentExecutionPipelineStarted: ["IntentExecutionPipelineStarted"],
  IntentExecutionPipelineCompleted: ["IntentExecutionPipelineCompleted"],
  IntentExecutionPipelineFailed: ["IntentExecutionPipelineFailed"],
  WorkflowRemoved: ["WorkflowRemoved"],
};

/** `event_type`s after which a workflow execution produces nothing more. */
export type TerminalWorkflowLogEventType =
  | "WorkflowExecutionCompleted"
  | "WorkflowExecutionFailed"
  | "WorkflowExecutionCancelled";

/**
 * Terminal `event_type`s of a workflow log stream.
 *
 * @example
 * ```ts
 * import { TERMINAL_WORKFLOW_LOG_EVENTS } from "@aegis/sdk/client";
 * console.log(TERMINAL_WORKFLOW_LOG_EVENTS.includes("WorkflowExecutionCompleted")); // true
 * ```
 */
export const TERMINAL_WORKFLOW_LOG_EVENTS: readonly TerminalWorkflowLogEventType[] = [
  "WorkflowExecutionCompleted",
  "WorkflowExecutionFailed",
  "WorkflowExecutionCancelled",
];

/**
 * Fields of every workflow log event, stored or live. `?:` fields are left out (never `null`)
 * when the orchestrator does not know them.
 */
export interface WorkflowLogEventEnvelope {
  /** Workflow execution UUID. */
  execution_id: string;
  /** Workflow UUID. */
  workflow_id?: string;
  /** Workflow name. */
  workflow_name?: string;
  /** e.g. `Entered workflow state <name>`. */
  message: string;
  /** State the event concerns. */
  state_name?: string;
  /** Iteration the event concerns. */
  iteration_number?: number;
  /** RFC 3339 (`+00:00` form in the stream). */
  timestamp: string;
  /** Temporal workflow id. */
  temporal_workflow_id?: string;
  /** Temporal run id of the execution. */
  temporal_run_id?: string;
}

/** A known live workflow log event of type `T` (a union of types gives a union of events). */
export type WorkflowLogEventOf<T extends KnownWorkflowLogEventType> = T extends
  KnownWorkflowLogEventType ? WorkflowLogEventEnvelope & {
    /** PascalCase event name. */
    event_type: T;
    /** The domain event under its variant name (the other names are typed absent). */
    details:
      & { readonly [K in Exclude<KnownWorkflowLogEventType, T>]?: never }
      & { [K in T]: WorkflowEventVariants[K] };
  }
  : never;

/** Any live workflow log event of a type listed in {@link WorkflowEventVariants}. */
export type KnownWorkflowLogEvent = { [T in KnownWorkflowLogEventType]: WorkflowLogEventOf<T> }[
  KnownWorkflowLogEventType
];

/** A live workflow log event of a type the SDK does not know. */
export interface UnknownWorkflowLogEvent extends WorkflowLogEventEnvelope {
  /** PascalCase event name (not a known one). */
  event_type: string;
  /** The domain event as sent; known variant names are typed absent so narrowing holds. */
  details:
    & { readonly [K in KnownWorkflowLogEventType]?: never }
    & { readonly [variant: string]: unknown };
}

/**
 * One event of the live workflow log stream (`.../logs/stream`): a union discriminated on the
 * PascalCase `event_type`, with `details` = `{ <event_type>: payload }`.
 *
 * @example
 * ```ts
 * import type { WorkflowLogEvent } from "@aegis/sdk/client";
 *
 * function stateOf(event: WorkflowLogEvent): string | undefined {
 *   if (event.event_type === "WorkflowStateEntered") {
 *     return event.details.WorkflowStateEntered?.state_name;
 *   }
 *   return undefined;
 * }
 * console.log(stateOf({
 *   execution_id: "e", event_type: "WorkflowStateEntered", message: "Entered workflow state A",
 *   timestamp: "2026-01-01T00:00:00+00:00",
 *   details: { WorkflowStateEntered: { execution_id: "e", state_name: "A", entered_at: "t" } },
 * })); // "A"
 * ```
 */
export type WorkflowLogEvent = KnownWorkflowLogEvent | UnknownWorkflowLogEvent;

/**
 * `details` of a stored log event (`GET .../logs`): the Temporal worker's payload as stored.
 * Every field is present; the ones the event type does not use are `null`.
 */
export interface StoredWorkflowEventPayload {
  /** The worker's event type, e.g. `WorkflowStateEntered`. */
  event_type: string;
  /** Workflow execution UUID. */
  execution_id: string;
  /** Order of the event within the run. */
  temporal_sequence_number: number;
  /** Workflow UUID. */
  workflow_id: string | null;
  /** State the event concerns. */
  state_name: string | null;
  /** Output of a state or iteration. */
  output: unknown | null;
  /** Failure text. */
  error: string | null;
  /** Iteration the event concerns. */
  iteration_number: number | null;
  /** Blackboard at the end of the run. */
  final_blackboard: unknown | null;
  /** Final output of the run. */
  final_output: unknown | null;
  /** Artifact paths. */
  artifacts: string[] | null;
  /** Agent that ran the state. */
  agent_id: string | null;
  /** Code diff of a refinement. */
  code_diff: unknown | null;
  /** Parent run of a sub-workflow event. */
  parent_execution_id: string | null;
  /** Child run of a sub-workflow event. */
  child_execution_id: string | null;
  /** Child workflow of a sub-workflow event. */
  child_workflow_id: string | null;
  /** Sub-workflow mode (`blocking` or `fire_and_forget`). */
  mode: string | null;
  /** Blackboard key of a blocking sub-workflow's result. */
  result_key: string | null;
  /** State that started the sub-workflow. */
  parent_state_name: string | null;
  /** Container step name (`ContainerRun*` events). */
  name: string | null;
  /** Container image (`ContainerRun*` events). */
  image: string | null;
  /** Other fields the worker stored (container runs and newer event types). */
  readonly [field: string]: unknown;
}

/** One element of `GET /v1/workflows/executions/{id}/logs` `events` (the stored form). */
export interface StoredWorkflowLogEvent extends WorkflowLogEventEnvelope {
  /** The type string the worker stored (PascalCase, also e.g. `ContainerRun*`). */
  event_type: string;
  /** The stored payload. */
  details: StoredWorkflowEventPayload;
}

/** `GET /v1/workflows/executions/{id}/logs` answer (`limit`/`offset` are echoed). */
export interface WorkflowExecutionLogs {
  /** Workflow execution UUID. */
  execution_id: string;
  /** The events of this page, oldest first. */
  events: StoredWorkflowLogEvent[];
  /** Number of events in this page. */
  count: number;
  /** Page size used (echoed). */
  limit: number;
  /** Events skipped (echoed). */
  offset: number;
}

/** Options of {@link listWorkflowExecutions}. */
export interface ListWorkflowExecutionsOptions extends RequestOptions {
  /** Page size (server default 20). */
  limit?: number;
  /** Executions to skip (server default 0). */
  offset?: number;
  /** Only executions of this workflow (UUID; the server silently ignores anything else). */
  workflowId?: string;
}

/** Options of {@link iterateWorkflowExecutions}. */
export interface IterateWorkflowExecutionsOptions extends RequestOptions {
  /** Executions fetched per request (default 50). */
  pageSize?: number;
  /** Only executions of this workflow (UUID). */
  workflowId?: string;
}

/** Options of {@link getWorkflowExecutionLogs}. */
export interface WorkflowExecutionLogsOptions extends RequestOptions {
  /** Page size (server default 100). */
  limit?: number;
  /** Events to skip (server default 0). */
  offset?: number;
}

/** Options of {@link iterateWorkflowExecutionLogs}. */
export interface IterateWorkflowExecutionLogsOptions extends RequestOptions {
  /** Events fetched per request (default 100). */
  pageSize?: number;
  /** Start after this many events (default 0). */
  offset?: number;
}

/** Options of {@link streamWorkflowExecutionLogs}. */
export interface StreamWorkflowExecutionLogsOptions extends RequestOptions {
  /**
   * Fail after this many ms in which the server sends nothing (default 45 000; keep-alives
   * arrive every 15 s). Time your loop spends with an event does not count.
   */
  idleTimeout?: number;
}

/**
 * Lists workflow executions, one page (a bare array). To walk every page use
 * {@link iterateWorkflowExecutions}.
 *
 * @example
 * ```ts
 * import { AegisCore, listWorkflowExecutions } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listWorkflowExecutions(core, { limit: 10, offset: 0 })); // []
 * ```
 */
export function listWorkflowExecutions(
  core: AegisCore,
  options: ListWorkflowExecutionsOptions = {},
): AegisPromise<WorkflowExecutionSummary[]> {
  return AegisPromise.run(core, async (core) => {
    // The server ignores malformed values silently (returning unfiltered pages), so refuse them.
    const limit = optionalCount(options.limit, "limit", 1);
    const offset = optionalCount(options.offset, "offset", 0);
    const workflowId = optionalUuid(options.workflowId, "workflowId");
    const body = await core.request({
      method: "GET",
      path: "/v1/workflows/executions",
      query: { limit, offset, workflow_id: workflowId },
    }, options);
    return expectArray<WorkflowExecutionSummary>(body, "GET /v1/workflows/executions");
  });
}

/**
 * Walks every page of {@link listWorkflowExecutions} (offset paging), yielding each execution
 * once: an execution that moves to a later page because new ones were started meanwhile is
 * skipped the second time. A server that keeps answering the same page raises
 * `AegisProtocolError` instead of looping forever.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * for await (const execution of client.iterateWorkflowExecutions({ pageSize: 100 })) {
 *   console.log(execution.execution_id, execution.status);
 * }
 * ```
 */
export async function* iterateWorkflowExecutions(
  core: AegisCore,
  options: IterateWorkflowExecutionsOptions = {},
): AsyncGenerator<WorkflowExecutionSummary, void, undefined> {
  const pageSize = optionalCount(options.pageSize, "pageSize", 1) ?? 50;
  const seen = new Set<string>();
  let offset = 0;
  for (;;) {
    const page = await listWorkflowExecutions(core, {
      ...options,
      limit: pageSize,
      offset,
    });
    let fresh = 0;
    for (const execution of page) {
      if (seen.has(execution.execution_id)) continue;
      seen.add(execution.execution_id);
      fresh++;
      yield execution;
    }
    if (page.length < pageSize) return;
    if (fresh === 0) {
      throw new AegisProtocolError(
        `GET /v1/workflows/executions returned the same ${page.length} executions for offset ` +
          `${offset}; the server does not seem to honour offset`,
      );
    }
    offset += page.length;
  }
}

/**
 * Gets a workflow execution with its blackboard and state outputs.
 *
 * @example
 * ```ts
 * import { AegisCore, getWorkflowExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getWorkflowExecution(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getWorkflowExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): AegisPromise<WorkflowExecution> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/workflows/executions/${workflowExecutionIdArgument(executionId)}`,
    }, options);
  });
}

/**
 * Removes a workflow execution record (terminating it if it still runs).
 *
 * @example
 * ```ts
 * import { AegisCore, removeWorkflowExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await removeWorkflowExecution(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function removeWorkflowExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): AegisPromise<RemoveWorkflowExecutionResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "DELETE",
      path: path`/v1/workflows/executions/${workflowExecutionIdArgument(executionId)}`,
    }, options);
  });
}

/**
 * Answers a workflow waiting in a `Human` state (sends `{response}`; HTTP 202). Transitions such
 * as `input_equals_yes` or `input_equals {value}` test this text.
 *
 * @example
 * ```ts
 * import { AegisCore, signalWorkflowExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await signalWorkflowExecution(core, crypto.randomUUID(), "yes").catch((e) => console.log(e.status));
 * ```
 */
export function signalWorkflowExecution(
  core: AegisCore,
  executionId: string,
  response: string,
  options?: RequestOptions,
): AegisPromise<SignalWorkflowExecutionResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof response !== "string") {
      throw new InvalidArgumentError("response", "must be a string (the human input)");
    }
    return await core.request({
      method: "POST",
      path: path`/v1/workflows/executions/${workflowExecutionIdArgument(executionId)}/signal`,
      json: { response },
    }, options);
  });
}

/**
 * Requests cancellation of a workflow execution (HTTP 202; safe to repeat).
 *
 * @example
 * ```ts
 * import { AegisCore, cancelWorkflowExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await cancelWorkflowExecution(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function cancelWorkflowExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): AegisPromise<CancelWorkflowExecutionResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: path`/v1/workflows/executions/${workflowExecutionIdArgument(executionId)}/cancel`,
      idempotent: true,
    }, options);
  });
}

/**
 * Gets one page of a workflow execution's stored log events (oldest first). To walk every page
 * use {@link iterateWorkflowExecutionLogs}.
 *
 * @example
 * ```ts
 * import { AegisCore, getWorkflowExecutionLogs } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getWorkflowExecutionLogs(core, crypto.randomUUID(), { limit: 50 })
 *   .catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getWorkflowExecutionLogs(
  core: AegisCore,
  executionId: string,
  options: WorkflowExecutionLogsOptions = {},
): AegisPromise<WorkflowExecutionLogs> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: path`/v1/workflows/executions/${workflowExecutionIdArgument(executionId)}/logs`,
      query: {
        limit: optionalCount(options.limit, "limit", 1),
        offset: optionalCount(options.offset, "offset", 0),
      },
    }, options);
    const logs = expectObject<WorkflowExecutionLogs>(
      body,
      "GET /v1/workflows/executions/{id}/logs",
    );
    expectArray(logs.events, "GET /v1/workflows/executions/{id}/logs (events)");
    return logs;
  });
}

/**
 * Walks every page of a workflow execution's stored logs, yielding each event once in order.
 * The walk ends on a page shorter than the `limit` the server echoed (so a server-side clamp of
 * the page size does not end it early).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await client.registerWorkflow({
 *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "greet", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * const { execution_id } = await client.runWorkflow("greet", null);
 * for await (const event of client.iterateWorkflowExecutionLogs(execution_id, { pageSize: 2 })) {
 *   console.log(event.event_type);
 * }
 * ```
 */
export async function* iterateWorkflowExecutionLogs(
  core: AegisCore,
  executionId: string,
  options: IterateWorkflowExecutionLogsOptions = {},
): AsyncGenerator<StoredWorkflowLogEvent, void, undefined> {
  const pageSize = optionalCount(options.pageSize, "pageSize", 1) ?? 100;
  let offset = optionalCount(options.offset, "offset", 0) ?? 0;
  for (;;) {
    const page = await getWorkflowExecutionLogs(core, executionId, {
      ...options,
      limit: pageSize,
      offset,
    });
    yield* page.events;
    const served = typeof page.limit === "number" && page.limit > 0 ? page.limit : pageSize;
    if (page.events.length === 0 || page.events.length < served) return;
    offset += page.events.length;
  }
}

/**
 * Streams a workflow execution's log events **live** (`.../logs/stream`; no history: read that with
 * {@link getWorkflowExecutionLogs}). Iteration ends right after `WorkflowExecutionCompleted`,
 * `...Failed` or `...Cancelled`; an unknown execution (which the server reports as an in-stream
 * `{"error": ...}` event) throws `NotFoundError` with `embedded: true`. An execution that already
 * finished produces no more events, so check its status first.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await client.registerWorkflow({
 *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "ask", version: "1.0.0" },
 *   spec: { initial_state: "ASK", states: { ASK: { kind: "Human", prompt: "Go?", transitions: [] } } },
 * });
 * const { execution_id } = await client.runWorkflow("ask", null);
 * const stream = await client.streamWorkflowExecutionLogs(execution_id);
 * await client.signalWorkflowExecution(execution_id, "yes");
 * for await (const event of stream) console.log(event.event_type, event.state_name);
 * ```
 */
export function streamWorkflowExecutionLogs(
  core: AegisCore,
  executionId: string,
  options: StreamWorkflowExecutionLogsOptions = {},
): AegisPromise<EventStream<WorkflowLogEvent>> {
  return AegisPromise.run(core, async (core) => {
    return await openEventStream<WorkflowLogEvent>(core, {
      method: "GET",
      path: path`/v1/workflows/executions/${workflowExecutionIdArgument(executionId)}/logs/stream`,
    }, {
      decode: decodeWorkflowLogEvent,
      isTerminal: isTerminalWorkflowLogEvent,
      expectTerminal: true,
      embeddedErrors: true,
      idleTimeoutMs: options.idleTimeout ?? 45_000,
    }, options);
  });
}

/**
 * True for the events after which a workflow execution produces nothing more.
 *
 * @example
 * ```ts
 * import { isTerminalWorkflowLogEvent } from "@aegis/sdk/client";
 * console.log(isTerminalWorkflowLogEvent({ event_type: "WorkflowExecutionFailed" })); // true
 * ```
 */
export function isTerminalWorkflowLogEvent(
  event: Pick<WorkflowLogEvent, "event_type">,
): event is WorkflowLogEventOf<TerminalWorkflowLogEventType> {
  return (TERMINAL_WORKFLOW_LOG_EVENTS as readonly string[]).includes(event.event_type);
}

/**
 * Decodes one SSE message of a workflow log stream (the same decoder as execution events). An
 * `{"error": ...}` payload is passed through so that the stream raises it as a typed error.
 *
 * @example
 * ```ts
 * import { decodeWorkflowLogEvent } from "@aegis/sdk/client";
 * const event = decodeWorkflowLogEvent({
 *   event: "message", id: undefined, retry: undefined,
 *   data: '{"execution_id":"e","event_type":"WorkflowStateEntered","message":"m",' +
 *     '"timestamp":"t","details":{"WorkflowStateEntered":{"execution_id":"e","state_name":"A","entered_at":"t"}}}',
 * });
 * console.log(event.event_type); // "WorkflowStateEntered"
 * ```
 */
export function decodeWorkflowLogEvent(message: SSEMessage): WorkflowLogEvent {
  return decodeJsonEvent(message, {
    stream: "workflow log stream",
    variants: WORKFLOW_VARIANT_PATHS,
    passErrors: true,
  }) as WorkflowLogEvent;
}

function optionalCount(value: number | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(name, `must be an integer >= ${min}`);
  }
  return value;
}

function optionalUuid(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isUuid(value)) {
    throw new InvalidArgumentError(name, "must be a workflow UUID");
  }
  return value;
}

/** Options of {@link runWorkflowExecution}: those of `runWorkflow` plus the stream's idle timeout. */
export interface RunWorkflowExecutionOptions extends RunWorkflowOptions {
  /** Fail after this many ms without bytes on the log stream (default 45 000). */
  idleTimeout?: number;
}

/** What {@link runWorkflowExecution} resolves with once the run completed. */
export interface WorkflowExecutionResult {
  /** The run as `runWorkflow` started it. */
  run: WorkflowRunResponse;
  /** The finished run: status, blackboard and every state's output. */
  execution: WorkflowExecution;
}

/**
 * A workflow run started by {@link runWorkflowExecution} failed or was cancelled. `reason` is
 * the orchestrator's failure text.
 *
 * @example
 * ```ts
 * import { WorkflowExecutionFailedError } from "@aegis/sdk/client";
 *
 * const error = new WorkflowExecutionFailedError("6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11", "failed", "BUILD failed");
 * console.log(error.outcome, error.reason); // "failed" "BUILD failed"
 * ```
 */
export class WorkflowExecutionFailedError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "WorkflowExecutionFailedError";
  /** Workflow execution UUID. */
  readonly executionId: string;
  /** How it ended. */
  readonly outcome: "failed" | "cancelled";
  /** The orchestrator's reason. */
  readonly reason: string;

  /** Creates the error; {@link runWorkflowExecution} builds it from the terminal event. */
  constructor(executionId: string, outcome: "failed" | "cancelled", reason: string) {
    super(`workflow execution ${executionId} ${outcome}: ${reason}`);
    this.executionId = executionId;
    this.outcome = outcome;
    this.reason = reason;
  }
}

/**
 * Runs a workflow (`runWorkflow`), follows its live log until the run ends and resolves with
 * the finished execution (blackboard and state outputs); rejects with
 * {@link WorkflowExecutionFailedError} carrying the reason when it fails or is cancelled. A run
 * that ends before the log stream is open is caught by checking its status right after
 * subscribing (the log stream has no history).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await client.registerWorkflow({
 *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "greet", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * const { execution } = await client.runWorkflowExecution("greet", null);
 * console.log(execution.status); // "completed"
 * ```
 */
export function runWorkflowExecution(
  core: AegisCore,
  name: string,
  input: unknown,
  options: RunWorkflowExecutionOptions = {},
): AegisPromise<WorkflowExecutionResult> {
  return AegisPromise.run(core, async (core) => {
    const run = await runWorkflow(core, name, input, options);
    const id = run.execution_id;
    const request = lookupOptions(options);
    const stream = await streamWorkflowExecutionLogs(core, id, {
      ...request,
      idleTimeout: options.idleTimeout,
    });
    let failure: { outcome: "failed" | "cancelled"; reason: string } | undefined;
    try {
      const current = await getWorkflowExecution(core, id, request);
      if (!isFinished(current.status)) {
        for await (const event of stream) {
          if (event.event_type === "WorkflowExecutionFailed") {
            const reason = event.details.WorkflowExecutionFailed?.reason;
            if (typeof reason === "string") failure = { outcome: "failed", reason };
          } else if (event.event_type === "WorkflowExecutionCancelled") {
            failure = { outcome: "cancelled", reason: "cancelled" };
          }
        }
      }
    } catch (error) {
      // The run may end between the status check and the first event; the status decides.
      if (!(error instanceof AegisStreamInterruptedError)) throw error;
    } finally {
      stream.close();
    }
    const execution = await getWorkflowExecution(core, id, request);
    if (execution.status === "completed") return { run, execution };
    if (!isFinished(execution.status)) {
      throw new AegisStreamInterruptedError(
        `workflow execution ${id} is still ${execution.status} but its log stream ended`,
        0,
      );
    }
    const outcome = execution.status === "cancelled" ? "cancelled" : "failed";
    const reason = failure?.reason ?? await storedFailureReason(core, id, request) ??
      `workflow execution ${outcome}`;
    throw new WorkflowExecutionFailedError(id, outcome, reason);
  });
}

function isFinished(status: WorkflowExecutionStatus): boolean {
  return status === "completed" || status === "failed" || status === "cancelled";
}

/** The `error` the worker stored with the run's last failure event, if any. */
async function storedFailureReason(
  core: AegisCore,
  executionId: string,
  options: RequestOptions,
): Promise<string | undefined> {
  let reason: string | undefined;
  for await (const event of iterateWorkflowExecutionLogs(core, executionId, options)) {
    if (typeof event.details.error === "string" && event.details.error.length > 0) {
      reason = event.details.error;
    }
  }
  return reason;
}
