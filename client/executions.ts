/**
 * Executions: start, stream, get, list, cancel, delete, workspace files.
 *
 * @module
 */

import { AegisError } from "../errors.ts";
import { executionIdArgument } from "./_ids.ts";
import { executeAgent, type ExecuteAgentOptions, type ExecuteAgentResponse } from "./agents.ts";
import type { AegisCore } from "./core/pipeline.ts";
import { openEventStream } from "./core/open_stream.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { FileDownload } from "./core/download.ts";
import { expectArray } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { encodeFilePath, path } from "./core/path.ts";
import type { EventStream } from "./core/stream.ts";
import { AegisStreamInterruptedError } from "./core/errors.ts";
import { lookupOptions, rethrowNotFound } from "./_lookup.ts";
import {
  decodeExecutionEvent,
  type ExecutionEvent,
  type ExecutionEventOf,
  isTerminalExecutionEvent,
  type TerminalExecutionEventType,
} from "./events.ts";

/** Execution status (Rust `Debug` casing on the wire). */
export type ExecutionStatus = "Pending" | "Running" | "Completed" | "Failed" | "Cancelled";

/** `GET /v1/executions/{id}`: only these four fields exist. */
export interface Execution {
  /** Unique id (UUID). */
  id: string;
  /** Agent UUID. */
  agent_id: string;
  /** Current status. */
  status: ExecutionStatus;
  /** Owning tenant. */
  tenant_id: string;
}

/** One element of `GET /v1/executions` (a bare array). */
export interface ExecutionSummary extends Execution {
  /** RFC 3339 `Z`. */
  started_at: string;
  /** End time (RFC 3339 `Z`); `null` while the execution has not finished. */
  ended_at: string | null;
}

/** Options of {@link listExecutions}. */
export interface ListExecutionsOptions extends RequestOptions {
  /** Only this agent's executions. */
  agentId?: string;
  /** Only executions of this workflow. */
  workflowName?: string;
  /** At most this many (server default 20, max 1000). There is no offset. */
  limit?: number;
}

/** Options of {@link streamExecution}. */
export interface StreamExecutionOptions extends RequestOptions {
  /**
   * Keep streaming live events after the history (default `true`, like
   * `streamAgentEvents`). The stream then ends on the terminal event; with `false` it ends
   * after the history.
   */
  follow?: boolean;
  /** Ask for verbose events. */
  verbose?: boolean;
  /**
   * Fail after this many ms in which the server sends nothing (default 45 000; keep-alives
   * arrive every 15 s). Time your loop spends with an event does not count.
   */
  idleTimeout?: number;
}

/** `{success: true}`. */
export interface ExecutionActionResponse {
  /** Always `true` on success. */
  success: true;
}

/**
 * Starts an agent execution. The orchestrator has no `POST /v1/executions`; this uses
 * `POST /v1/agents/{agentId}/execute`; context overrides go in `options`.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { agent_id } = await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * const { execution_id } = await client.startExecution(agent_id, "Write a primality check");
 * console.log(execution_id);
 * ```
 */
export function startExecution(
  core: AegisCore,
  agentId: string,
  input: unknown,
  options?: ExecuteAgentOptions,
): AegisPromise<ExecuteAgentResponse> {
  return AegisPromise.run(core, async (core) => {
    return await executeAgent(core, agentId, input, options);
  });
}

/**
 * Streams an execution's events (`GET /v1/executions/{id}/events`): its history, then live
 * events; the iteration ends after the terminal event (`execution_completed`, `_failed`,
 * `_cancelled`, `_timed_out`). Breaking out of the loop closes the connection. A connection
 * that drops before the terminal event raises `AegisStreamInterruptedError` (the orchestrator
 * cannot resume, so the SDK never silently replays or skips events). The orchestrator answers
 * 200 for an execution it does not have and then ends the stream: a stream that ends before its
 * first event is checked with a GET, and an unknown execution is a `NotFoundError`. `follow`
 * defaults to `true` (as for `streamAgentEvents`).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { agent_id } = await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * const { execution_id } = await client.startExecution(agent_id, "hi");
 * for await (const event of await client.streamExecution(execution_id)) {
 *   if (event.event_type === "execution_completed") {
 *     console.log(event.details.ExecutionCompleted?.final_output);
 *   }
 * }
 * ```
 */
export function streamExecution(
  core: AegisCore,
  executionId: string,
  options: StreamExecutionOptions = {},
): AegisPromise<EventStream<ExecutionEvent>> {
  return AegisPromise.run(core, async (core) => {
    const id = executionIdArgument(executionId);
    const follow = options.follow ?? true;
    return await openEventStream<ExecutionEvent>(core, {
      method: "GET",
      path: path`/v1/executions/${id}/events`,
      query: { follow: follow ? undefined : false, verbose: options.verbose ? true : undefined },
    }, {
      decode: decodeExecutionEvent,
      isTerminal: isTerminalExecutionEvent,
      expectTerminal: follow,
      idleTimeoutMs: options.idleTimeout ?? 45_000,
      checkEmptyEnd: () => rethrowNotFound(getExecution(core, id, lookupOptions(options))),
    }, options);
  });
}

/**
 * Gets an execution (`{id, agent_id, status, tenant_id}`; there is no output field: read it
 * from the `execution_completed` event or the workspace files).
 *
 * @example
 * ```ts
 * import { AegisCore, getExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getExecution(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): AegisPromise<Execution> {
  return AegisPromise.run(core, async (core) => {
    const id = executionIdArgument(executionId);
    return await core.request({ method: "GET", path: path`/v1/executions/${id}` }, options);
  });
}

/**
 * Lists executions, newest first (bare array). The server reports an unknown `workflowName`
 * as an HTTP 200 `{error}` body; that becomes a typed error here.
 *
 * @example
 * ```ts
 * import { AegisCore, listExecutions } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listExecutions(core, { limit: 5 })); // []
 * ```
 */
export function listExecutions(
  core: AegisCore,
  options: ListExecutionsOptions = {},
): AegisPromise<ExecutionSummary[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: "/v1/executions",
      query: {
        agent_id: options.agentId,
        workflow_name: options.workflowName,
        limit: options.limit,
      },
      embeddedErrors: true,
    }, options);
    return expectArray<ExecutionSummary>(body, "GET /v1/executions");
  });
}

/**
 * Cancels a running execution (safe to repeat).
 *
 * @example
 * ```ts
 * import { AegisCore, cancelExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await cancelExecution(core, crypto.randomUUID()).catch((e) => console.log(e.status));
 * ```
 */
export function cancelExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): AegisPromise<ExecutionActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const id = executionIdArgument(executionId);
    return await core.request({
      method: "POST",
      path: path`/v1/executions/${id}/cancel`,
      idempotent: true,
    }, options);
  });
}

/**
 * Deletes an execution record.
 *
 * @example
 * ```ts
 * import { AegisCore, deleteExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await deleteExecution(core, crypto.randomUUID()).catch((e) => console.log(e.status));
 * ```
 */
export function deleteExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): AegisPromise<ExecutionActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const id = executionIdArgument(executionId);
    return await core.request(
      { method: "DELETE", path: path`/v1/executions/${id}` },
      options,
    );
  });
}

/**
 * Downloads a file from an execution's workspace. Each path segment is percent-encoded; a
 * leading `/` or `/workspace/` is fine; `..` segments are refused before anything is sent.
 *
 * @example
 * ```ts
 * import { AegisCore, getExecutionFile } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getExecutionFile(core, crypto.randomUUID(), "out/report.md")
 *   .then((file) => file.text(), (e) => console.log(e.status));
 * ```
 */
export function getExecutionFile(
  core: AegisCore,
  executionId: string,
  filePath: string,
  options?: RequestOptions,
): AegisPromise<FileDownload> {
  return AegisPromise.run(core, async (core) => {
    const id = executionIdArgument(executionId);
    const encoded = encodeFilePath(filePath, "filePath");
    const response = await core.requestResponse({
      method: "GET",
      path: path`/v1/executions/${id}/files` + "/" + encoded,
      headers: { accept: "*/*" },
    }, options);
    return new FileDownload(response);
  });
}

/** Options of {@link runExecution}: those of `startExecution` plus the stream's idle timeout. */
export interface RunExecutionOptions extends ExecuteAgentOptions {
  /**
   * Fail after this many ms in which the server sends nothing on the stream (default 45 000).
   * Time your loop spends with an event does not count.
   */
  idleTimeout?: number;
}

/** What {@link runExecution} resolves with once the execution completed. */
export interface ExecutionResult {
  /** Execution UUID. */
  execution_id: string;
  /** The last iteration's output (`ExecutionCompleted.final_output`). */
  output: string;
  /** Iterations the execution needed. */
  total_iterations: number;
  /** RFC 3339 completion time. */
  completed_at: string;
  /** The terminal event itself. */
  event: ExecutionEventOf<"execution_completed">;
}

/** The unsuccessful terminal events of an execution. */
export type ExecutionFailureEvent = ExecutionEventOf<
  Exclude<TerminalExecutionEventType, "execution_completed">
>;

/**
 * An execution started by {@link runExecution} ended without completing: it failed, was
 * cancelled or timed out. `reason` is the orchestrator's failure reason.
 *
 * @example
 * ```ts
 * import { ExecutionFailedError } from "@aegis/sdk/client";
 *
 * const error = new ExecutionFailedError("6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11", "failed", "boom");
 * console.log(error.outcome, error.reason); // "failed" "boom"
 * ```
 */
export class ExecutionFailedError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "ExecutionFailedError";
  /** Execution UUID. */
  readonly executionId: string;
  /** How it ended. */
  readonly outcome: "failed" | "cancelled" | "timed_out";
  /** The orchestrator's reason (for a timeout: how long it was allowed to run). */
  readonly reason: string;
  /** The terminal event, when the stream delivered one. */
  readonly event: ExecutionFailureEvent | undefined;

  /** Creates the error; {@link runExecution} builds it from the terminal event. */
  constructor(
    executionId: string,
    outcome: "failed" | "cancelled" | "timed_out",
    reason: string,
    event?: ExecutionFailureEvent,
  ) {
    super(`execution ${executionId} ${outcome.replace("_", " ")}: ${reason}`);
    this.executionId = executionId;
    this.outcome = outcome;
    this.reason = reason;
    this.event = event;
  }
}

/**
 * Starts an execution, follows its events and resolves with its final output once it
 * completes; rejects with {@link ExecutionFailedError} (carrying the reason) when it fails,
 * is cancelled or times out. Breaking off is up to `options.signal`.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { agent_id } = await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * const result = await client.runExecution(agent_id, "Write a primality check");
 * console.log(result.output);
 * ```
 */
export function runExecution(
  core: AegisCore,
  agentId: string,
  input: unknown,
  options: RunExecutionOptions = {},
): AegisPromise<ExecutionResult> {
  return AegisPromise.run(core, async (core) => {
    const { execution_id } = await startExecution(core, agentId, input, options);
    const streamOptions: StreamExecutionOptions = {
      ...lookupOptions(options),
      idleTimeout: options.idleTimeout,
    };
    let terminal: ExecutionEventOf<TerminalExecutionEventType> | undefined;
    try {
      terminal = await terminalEvent(await streamExecution(core, execution_id, streamOptions));
    } catch (error) {
      // Events published between the server's history read and its subscription can be missed,
      // so a stream that ended without its terminal event is read once more as history.
      if (!(error instanceof AegisStreamInterruptedError)) throw error;
    }
    terminal ??= await terminalEvent(
      await streamExecution(core, execution_id, { ...streamOptions, follow: false }),
    );
    if (terminal === undefined) {
      throw new AegisStreamInterruptedError(
        `execution ${execution_id} has not finished but its event stream ended`,
        0,
      );
    }
    return outcomeOf(execution_id, terminal);
  });
}

async function terminalEvent(
  stream: EventStream<ExecutionEvent>,
): Promise<ExecutionEventOf<TerminalExecutionEventType> | undefined> {
  for await (const event of stream) {
    if (isTerminalExecutionEvent(event)) return event;
  }
  return undefined;
}

function outcomeOf(
  executionId: string,
  event: ExecutionEventOf<TerminalExecutionEventType>,
): ExecutionResult {
  switch (event.event_type) {
    case "execution_completed": {
      const done = event.details.ExecutionCompleted;
      return {
        execution_id: executionId,
        output: done.final_output,
        total_iterations: done.total_iterations,
        completed_at: done.completed_at,
        event,
      };
    }
    case "execution_failed":
      throw new ExecutionFailedError(
        executionId,
        "failed",
        event.details.ExecutionFailed.reason,
        event,
      );
    case "execution_cancelled":
      throw new ExecutionFailedError(
        executionId,
        "cancelled",
        event.details.ExecutionCancelled.reason ?? "cancelled",
        event,
      );
    case "execution_timed_out":
      throw new ExecutionFailedError(
        executionId,
        "timed_out",
        `timed out after ${event.details.ExecutionTimedOut.timeout_seconds} s`,
        event,
      );
  }
}
