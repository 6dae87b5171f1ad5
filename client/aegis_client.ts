/**
 * `AegisClient`: every REST call of the orchestrator as one flat, seed-compatible method each.
 * Each method is a one-line delegation to the resource function of the same name, so there is
 * one implementation per call.
 *
 * @module
 */

import * as agents from "./agents.ts";
import { AegisCore } from "./core/core.ts";
import type { FileDownload } from "./core/download.ts";
import type { RequestOptions } from "./core/options.ts";
import type { EventStream } from "./core/stream.ts";
import * as dispatch from "./dispatch.ts";
import type { ExecutionEvent } from "./events.ts";
import * as executions from "./executions.ts";
import * as health from "./health.ts";
import type { ManifestInput } from "./manifest_input.ts";

/**
 * The AEGIS orchestrator client. Construct it with options (bearer token, token function or
 * OAuth2 client credentials), or like the seed reference with `(baseUrl, bearerToken?)`.
 *
 * @example Deploy, run and follow an agent against the embedded fake orchestrator
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
 * for await (const event of await client.streamExecution(execution_id)) console.log(event.event_type);
 * ```
 */
export class AegisClient extends AegisCore {
  // --- health ---------------------------------------------------------------------------

  /** Liveness probe (`GET /health/live`). */
  healthLive(options?: RequestOptions): Promise<health.HealthLive> {
    return health.healthLive(this, options);
  }

  /** Readiness probe (`GET /health/ready`); `"degraded"` still arrives as HTTP 200. */
  healthReady(options?: RequestOptions): Promise<health.HealthReady> {
    return health.healthReady(this, options);
  }

  // --- agents ---------------------------------------------------------------------------

  /** Deploys an agent from a manifest object or YAML/JSON text (validated locally first). */
  deployAgent(
    manifest: ManifestInput,
    options?: agents.DeployAgentOptions,
  ): Promise<agents.DeployAgentResponse> {
    return agents.deployAgent(this, manifest, options);
  }

  /** Lists agents (bare array). */
  listAgents(options?: agents.ListAgentsOptions): Promise<agents.AgentSummary[]> {
    return agents.listAgents(this, options);
  }

  /** Gets an agent with its manifest. */
  getAgent(agentId: string, options?: RequestOptions): Promise<agents.AgentDetail> {
    return agents.getAgent(this, agentId, options);
  }

  /** Resolves an agent name to `{id}`. */
  lookupAgent(name: string, options?: RequestOptions): Promise<agents.LookupAgentResponse> {
    return agents.lookupAgent(this, name, options);
  }

  /** Replaces an agent's manifest (the complete manifest, not a partial patch). */
  updateAgent(
    agentId: string,
    manifest: ManifestInput,
    options?: RequestOptions,
  ): Promise<agents.SuccessResponse> {
    return agents.updateAgent(this, agentId, manifest, options);
  }

  /** Deletes an agent. */
  deleteAgent(agentId: string, options?: RequestOptions): Promise<agents.SuccessResponse> {
    return agents.deleteAgent(this, agentId, options);
  }

  /** Starts an execution of an agent (`POST /v1/agents/{id}/execute`). */
  executeAgent(
    agentId: string,
    input: unknown,
    options?: agents.ExecuteAgentOptions,
  ): Promise<agents.ExecuteAgentResponse> {
    return agents.executeAgent(this, agentId, input, options);
  }

  /** Lists an agent's versions (bare array). */
  listAgentVersions(agentId: string, options?: RequestOptions): Promise<agents.AgentVersion[]> {
    return agents.listAgentVersions(this, agentId, options);
  }

  /** Moves an agent to `"global"` or `"tenant"` scope. */
  updateAgentScope(
    agentId: string,
    targetScope: agents.AgentScope,
    options?: RequestOptions,
  ): Promise<agents.UpdateAgentScopeResponse> {
    return agents.updateAgentScope(this, agentId, targetScope, options);
  }

  /** Streams an agent's activity (history; live too with `follow: true`). */
  streamAgentEvents(
    agentId: string,
    options?: agents.StreamAgentEventsOptions,
  ): Promise<EventStream<ExecutionEvent>> {
    return agents.streamAgentEvents(this, agentId, options);
  }

  // --- executions -----------------------------------------------------------------------

  /** Starts an execution (alias of {@link AegisClient.executeAgent}; there is no `POST /v1/executions`). */
  startExecution(
    agentId: string,
    input: unknown,
    options?: agents.ExecuteAgentOptions,
  ): Promise<agents.ExecuteAgentResponse> {
    return executions.startExecution(this, agentId, input, options);
  }

  /** Streams an execution's events until its terminal event. */
  streamExecution(
    executionId: string,
    options?: executions.StreamExecutionOptions,
  ): Promise<EventStream<ExecutionEvent>> {
    return executions.streamExecution(this, executionId, options);
  }

  /** Gets an execution's status. */
  getExecution(executionId: string, options?: RequestOptions): Promise<executions.Execution> {
    return executions.getExecution(this, executionId, options);
  }

  /** Lists executions (bare array). */
  listExecutions(
    options?: executions.ListExecutionsOptions,
  ): Promise<executions.ExecutionSummary[]> {
    return executions.listExecutions(this, options);
  }

  /** Cancels an execution. */
  cancelExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<executions.ExecutionActionResponse> {
    return executions.cancelExecution(this, executionId, options);
  }

  /** Deletes an execution record. */
  deleteExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<executions.ExecutionActionResponse> {
    return executions.deleteExecution(this, executionId, options);
  }

  /** Downloads a workspace file of an execution (streamed; `.bytes()`/`.text()` to buffer). */
  getExecutionFile(
    executionId: string,
    filePath: string,
    options?: RequestOptions,
  ): Promise<FileDownload> {
    return executions.getExecutionFile(this, executionId, filePath, options);
  }

  // --- dispatch gateway -----------------------------------------------------------------

  /** Sends a dispatch-protocol message (agent-container side). */
  dispatchGateway(message: unknown, options?: RequestOptions): Promise<unknown> {
    return dispatch.dispatchGateway(this, message, options);
  }

  // --- workflows (issue 3) --------------------------------------------------------------
  // --- workflow executions (issue 3) ----------------------------------------------------
  // --- approvals (issue 3) --------------------------------------------------------------
  // --- stimuli (issue 3) ----------------------------------------------------------------
  // --- volumes (issue 3) ----------------------------------------------------------------
  // --- credentials, secrets, api keys (issue 4) -----------------------------------------
  // --- colony, billing (issue 4) --------------------------------------------------------
  // --- cluster, swarms, observability, cortex, users (issue 4) --------------------------
  // --- admin (issue 4) ------------------------------------------------------------------
  // --- SEAL REST (issue 4) --------------------------------------------------------------
}
