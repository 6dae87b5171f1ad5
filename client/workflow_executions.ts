/**
 * Workflow executions: list (with a page-walking iterator), get, remove, signal, cancel, and
 * their logs (paged history, page-walking iterator, live SSE stream).
 *
 * @module
 */

import type { AegisCore } from "./core/core.ts";
import { AegisProtocolError, InvalidArgumentError } from "./core/errors.ts";
import { expectArray, expectObject } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { isRecord, isUuid } from "../internal/guards.ts";
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
  /** Workflow name, when known. */
  workflow_name?: string;
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
  /** Workflow name, when known. */
  workflow_name?: string;
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
  /** Temporal workflow id. */
  temporal_workflow_id?: string;
  /** Temporal run id of the execution. */
  temporal_run_id?: string;
}

/** `DELETE /v1/workflows/executions/{id}` answer. */
export interface RemoveWorkflowExecutionResponse {
  /** Always `"removed"`. */
  status: "removed";
  /** Workflow execution UUID. */
  execution_id: string;
}

/** `POST …/signal` answer (HTTP 202). */
export interface SignalWorkflowExecutionResponse {
  /** Always `"signal_sent"`. */
  status: "signal_sent";
  /** Workflow execution UUID. */
  execution_id: string;
}

/** `POST …/cancel` answer (HTTP 202). */
export interface CancelWorkflowExecutionResponse {
  /** Always `"cancel_requested"`. */
  status: "cancel_requested";
  /** Workflow execution UUID. */
  execution_id: string;
}

/**
 * Terminal `event_type`s of a workflow log stream.
 *
 * @example
 * ```ts
 * import { TERMINAL_WORKFLOW_LOG_EVENTS } from "@aegis/sdk/client";
 * console.log(TERMINAL_WORKFLOW_LOG_EVENTS.includes("WorkflowExecutionCompleted")); // true
 * ```
 */
export const TERMINAL_WORKFLOW_LOG_EVENTS: readonly string[] = [
  "WorkflowExecutionCompleted",
  "WorkflowExecutionFailed",
  "WorkflowExecutionCancelled",
];

/** One workflow log event (the SSE `data:` of `…/logs/stream` and the elements of `…/logs`). */
export interface WorkflowLogEvent {
  /** Workflow execution UUID. */
  execution_id: string;
  /** Workflow UUID. */
  workflow_id?: string;
  /** Workflow name, when known. */
  workflow_name?: string;
  /**
   * PascalCase: `WorkflowExecutionStarted`, `WorkflowStateEntered`, `WorkflowStateExited`,
   * `WorkflowIterationStarted|Completed|Failed`, `WorkflowExecutionCompleted|Failed|Cancelled`,
   * `SubworkflowTriggered|Completed|Failed`, … (stored logs may carry other types too).
   */
  event_type: string;
  /** e.g. `Entered workflow state <name>`. */
  message: string;
  /** State the event concerns. */
  state_name?: string;
  /** Iteration the event concerns. */
  iteration_number?: number;
  /** RFC 3339. */
  timestamp: string;
  /**
   * Stream: the domain event keyed by its variant (`{"WorkflowStateEntered": {…}}`); stored logs:
   * the worker's payload (`{event_type, execution_id, temporal_sequence_number, …}`).
   */
  details: Record<string, unknown>;
  /** Temporal workflow id. */
  temporal_workflow_id?: string;
  /** Temporal run id of the execution. */
  temporal_run_id?: string;
}

/** `GET /v1/workflows/executions/{id}/logs` answer (`limit`/`offset` are echoed). */
export interface WorkflowExecutionLogs {
  /** Workflow execution UUID. */
  execution_id: string;
  /** The events of this page, oldest first. */
  events: WorkflowLogEvent[];
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
  /** Fail after this many ms without bytes (default 45 000; keep-alives arrive every 15 s). */
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
export async function listWorkflowExecutions(
  core: AegisCore,
  options: ListWorkflowExecutionsOptions = {},
): Promise<WorkflowExecutionSummary[]> {
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
export async function getWorkflowExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): Promise<WorkflowExecution> {
  return await core.request({
    method: "GET",
    path: path`/v1/workflows/executions/${executionId}`,
  }, options);
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
export async function removeWorkflowExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): Promise<RemoveWorkflowExecutionResponse> {
  return await core.request({
    method: "DELETE",
    path: path`/v1/workflows/executions/${executionId}`,
  }, options);
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
export async function signalWorkflowExecution(
  core: AegisCore,
  executionId: string,
  response: string,
  options?: RequestOptions,
): Promise<SignalWorkflowExecutionResponse> {
  if (typeof response !== "string") {
    throw new InvalidArgumentError("response", "must be a string (the human input)");
  }
  return await core.request({
    method: "POST",
    path: path`/v1/workflows/executions/${executionId}/signal`,
    json: { response },
  }, options);
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
export async function cancelWorkflowExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): Promise<CancelWorkflowExecutionResponse> {
  return await core.request({
    method: "POST",
    path: path`/v1/workflows/executions/${executionId}/cancel`,
    idempotent: true,
  }, options);
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
export async function getWorkflowExecutionLogs(
  core: AegisCore,
  executionId: string,
  options: WorkflowExecutionLogsOptions = {},
): Promise<WorkflowExecutionLogs> {
  const body = await core.request({
    method: "GET",
    path: path`/v1/workflows/executions/${executionId}/logs`,
    query: {
      limit: optionalCount(options.limit, "limit", 1),
      offset: optionalCount(options.offset, "offset", 0),
    },
  }, options);
  const logs = expectObject<WorkflowExecutionLogs>(body, "GET /v1/workflows/executions/{id}/logs");
  expectArray(logs.events, "GET /v1/workflows/executions/{id}/logs (events)");
  return logs;
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
): AsyncGenerator<WorkflowLogEvent, void, undefined> {
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
 * Streams a workflow execution's log events **live** (`…/logs/stream`; no history: read that with
 * {@link getWorkflowExecutionLogs}). Iteration ends right after `WorkflowExecutionCompleted`,
 * `…Failed` or `…Cancelled`; an unknown execution (which the server reports as an in-stream
 * `{"error": …}` event) throws `NotFoundError` with `embedded: true`. An execution that already
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
export async function streamWorkflowExecutionLogs(
  core: AegisCore,
  executionId: string,
  options: StreamWorkflowExecutionLogsOptions = {},
): Promise<EventStream<WorkflowLogEvent>> {
  return await core.stream<WorkflowLogEvent>({
    method: "GET",
    path: path`/v1/workflows/executions/${executionId}/logs/stream`,
  }, {
    decode: decodeWorkflowLogEvent,
    isTerminal: isTerminalWorkflowLogEvent,
    expectTerminal: true,
    embeddedErrors: true,
    idleTimeoutMs: options.idleTimeout ?? 45_000,
  }, options);
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
export function isTerminalWorkflowLogEvent(event: Pick<WorkflowLogEvent, "event_type">): boolean {
  return TERMINAL_WORKFLOW_LOG_EVENTS.includes(event.event_type);
}

/**
 * Decodes one SSE message of a workflow log stream. An `{"error": …}` payload is passed through
 * so that the stream raises it as a typed error.
 *
 * @example
 * ```ts
 * import { decodeWorkflowLogEvent } from "@aegis/sdk/client";
 * const event = decodeWorkflowLogEvent({
 *   event: "message", id: undefined, retry: undefined,
 *   data: '{"execution_id":"e","event_type":"WorkflowStateEntered","message":"m","timestamp":"t","details":{}}',
 * });
 * console.log(event.event_type); // "WorkflowStateEntered"
 * ```
 */
export function decodeWorkflowLogEvent(message: SSEMessage): WorkflowLogEvent {
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch (error) {
    throw new AegisProtocolError("workflow log stream sent an event that is not JSON", {
      cause: error,
    });
  }
  if (!isRecord(value)) {
    throw new AegisProtocolError("workflow log stream sent an event that is not a JSON object");
  }
  if (typeof value.event_type !== "string" && typeof value.error !== "string") {
    throw new AegisProtocolError("workflow log stream sent an event without an event_type");
  }
  return value as unknown as WorkflowLogEvent;
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
