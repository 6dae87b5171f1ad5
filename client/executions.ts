/**
 * Executions: start, stream, get, list, cancel, delete, workspace files.
 *
 * @module
 */

import { executeAgent, type ExecuteAgentOptions, type ExecuteAgentResponse } from "./agents.ts";
import type { AegisCore } from "./core/core.ts";
import { FileDownload } from "./core/download.ts";
import { expectArray } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { encodeFilePath, path } from "./core/path.ts";
import type { EventStream } from "./core/stream.ts";
import { decodeExecutionEvent, type ExecutionEvent, isTerminalExecutionEvent } from "./events.ts";

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
  /** End time (RFC 3339), once finished. */
  ended_at?: string;
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
   * Keep streaming live events after the history (default true). The stream then ends on the
   * terminal event; with `false` it ends after the history.
   */
  follow?: boolean;
  /** Ask for verbose events. */
  verbose?: boolean;
  /** Fail after this many ms without bytes (default 45 000; keep-alives arrive every 15 s). */
  idleTimeout?: number;
}

/** `{success: true}`. */
export interface ExecutionActionResponse {
  /** Always `true` on success. */
  success: true;
}

/**
 * Starts an agent execution. The orchestrator has no `POST /v1/executions`; this uses
 * `POST /v1/agents/{agentId}/execute` (the seed's `contextOverrides` goes in `options`).
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
export async function startExecution(
  core: AegisCore,
  agentId: string,
  input: unknown,
  options?: ExecuteAgentOptions,
): Promise<ExecuteAgentResponse> {
  return await executeAgent(core, agentId, input, options);
}

/**
 * Streams an execution's events (`GET /v1/executions/{id}/events`): its history, then live
 * events; the iteration ends after the terminal event (`execution_completed`, `_failed`,
 * `_cancelled`, `_timed_out`). Breaking out of the loop closes the connection. A connection
 * that drops before the terminal event raises `AegisStreamInterruptedError` (the orchestrator
 * cannot resume, so the SDK never silently replays or skips events).
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
export async function streamExecution(
  core: AegisCore,
  executionId: string,
  options: StreamExecutionOptions = {},
): Promise<EventStream<ExecutionEvent>> {
  const follow = options.follow ?? true;
  return await core.stream<ExecutionEvent>({
    method: "GET",
    path: path`/v1/executions/${executionId}/events`,
    query: { follow: follow ? undefined : false, verbose: options.verbose ? true : undefined },
  }, {
    decode: decodeExecutionEvent,
    isTerminal: isTerminalExecutionEvent,
    expectTerminal: follow,
    idleTimeoutMs: options.idleTimeout ?? 45_000,
  }, options);
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
export async function getExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): Promise<Execution> {
  return await core.request({ method: "GET", path: path`/v1/executions/${executionId}` }, options);
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
export async function listExecutions(
  core: AegisCore,
  options: ListExecutionsOptions = {},
): Promise<ExecutionSummary[]> {
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
export async function cancelExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): Promise<ExecutionActionResponse> {
  return await core.request({
    method: "POST",
    path: path`/v1/executions/${executionId}/cancel`,
    idempotent: true,
  }, options);
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
export async function deleteExecution(
  core: AegisCore,
  executionId: string,
  options?: RequestOptions,
): Promise<ExecutionActionResponse> {
  return await core.request(
    { method: "DELETE", path: path`/v1/executions/${executionId}` },
    options,
  );
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
export async function getExecutionFile(
  core: AegisCore,
  executionId: string,
  filePath: string,
  options?: RequestOptions,
): Promise<FileDownload> {
  const encoded = encodeFilePath(filePath, "filePath");
  const response = await core.requestResponse({
    method: "GET",
    path: path`/v1/executions/${executionId}/files` + "/" + encoded,
    headers: { accept: "*/*" },
  }, options);
  return new FileDownload(response);
}
