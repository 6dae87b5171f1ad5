/**
 * `AegisClient`: every REST call of the orchestrator as one flat method each. Each method is a
 * one-line delegation to the resource function of the same name, so there is one implementation
 * per call, and carries the full documentation (users hover the method).
 *
 * Convention for every method's JSDoc: a first paragraph that says what the call does (its first
 * sentence is the README table's summary), one `Route: \`METHOD /path\`` line, further details,
 * a runnable `@example`, and `@category <README section>`. A route the orchestrator does not
 * serve is `@deprecated` with the reason. `scripts/method_table.ts --write` regenerates the
 * README's method table from these docs; `tests/client/surface_test.ts` fails when it is stale.
 *
 * @module
 */

// First: a bundle then holds them before the resource modules, next to the core modules they
// share text with, which gzip compresses ~0.5 KB better than with them after.
import { clientCredentialsFrom } from "./core/client_credentials.ts";
import { hookRunner } from "./core/hook_runner.ts";
import * as agents from "./agents.ts";
import * as approvals from "./approvals.ts";
import * as stimuli from "./stimuli.ts";
import * as workflowExecutions from "./workflow_executions.ts";
import * as workflows from "./workflows.ts";
import * as admin from "./admin.ts";
import * as apiKeys from "./api_keys.ts";
import * as apiKeyValidation from "./api_key_validation.ts";
import * as billing from "./billing.ts";
import * as billingPlan from "./billing_plan.ts";
import * as cluster from "./cluster.ts";
import * as colony from "./colony.ts";
import * as colonyTeams from "./colony_teams.ts";
import * as cortex from "./cortex.ts";
import * as credentials from "./credentials.ts";
import * as observability from "./observability.ts";
import * as sealApi from "./seal_api.ts";
import * as secrets from "./secrets.ts";
import * as swarms from "./swarms.ts";
import * as users from "./users.ts";
import * as volumeFiles from "./volume_files.ts";
import * as volumes from "./volumes.ts";
import * as canvas from "./canvas.ts";
import * as edge from "./edge.ts";
import * as gitRepos from "./git_repos.ts";
import * as scripts from "./scripts.ts";
import { AegisCore } from "./core/pipeline.ts";
import type { AegisPromise } from "./core/api_promise.ts";
import type { FileDownload } from "./core/download.ts";
import {
  CLIENT_CREDENTIALS,
  type ClientOptions,
  clientOptionsOf,
  type ClientOptionsWithOAuth,
  type RequestOptions,
} from "./core/options.ts";
import type { EventStream } from "./core/stream.ts";
import type { AgentMessage, OrchestratorMessage } from "../bootstrap/types.ts";
import * as dispatch from "./dispatch.ts";
import type { ExecutionEvent } from "./events.ts";
import * as executions from "./executions.ts";
import * as health from "./health.ts";
import type { ManifestInput, WorkflowManifestInput } from "./manifest_input.ts";

/**
 * The AEGIS orchestrator client. Construct it with options (bearer token, token function or
 * OAuth2 client credentials), or positionally as `(baseUrl, bearerToken?)`.
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
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisClient";
  /**
   * Creates a client from options, or positionally from a base URL and a bearer token. What is
   * left out comes from `AEGIS_*` environment variables where the runtime has them (see
   * {@link ClientOptions}). Unlike a bare `AegisCore`, it takes OAuth2 client credentials as
   * options (`keycloakUrl`, `realm`, `clientId`, `clientSecret`) and from the environment, and
   * runs hooks without a `hookRunner` option.
   */
  constructor(options?: ClientOptions | string, bearerToken?: string) {
    // The options as given, seen through an object that adds the OAuth2 client and the hook
    // runner: nothing is copied, so options inherited or defined by getters read as they would.
    const complete: ClientOptionsWithOAuth = Object.create(clientOptionsOf(options, bearerToken), {
      [CLIENT_CREDENTIALS]: { value: clientCredentialsFrom },
      hookRunner: { value: hookRunner },
    });
    super(complete);
  }

  /**
   * Liveness probe.
   * Body also has `mode`, `uptime_seconds`; status `healthy`.
   *
   * Route: `GET /health/live`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: createFakeOrchestrator().fetch });
   * console.log((await client.healthLive()).status); // "healthy"
   * ```
   * @category Health
   */
  healthLive(options?: RequestOptions): AegisPromise<health.HealthLive> {
    return health.healthLive(this, options);
  }

  /**
   * Readiness probe.
   * Always HTTP 200; `status` is `ready` or `degraded`.
   *
   * Route: `GET /health/ready`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: createFakeOrchestrator().fetch });
   * const ready = await client.healthReady();
   * console.log(ready.status, ready.dependencies.database);
   * ```
   * @category Health
   */
  healthReady(options?: RequestOptions): AegisPromise<health.HealthReady> {
    return health.healthReady(this, options);
  }

  /**
   * Deploys an agent from a manifest object (or its JSON text). The manifest is validated locally
   * first (a `ManifestValidationError` lists every problem), then sent as JSON. YAML is read with
   * `parseManifest` from `@aegis/sdk/manifest`, so that apps deploying from code do not bundle a
   * YAML parser; YAML text passed here is refused with an `InvalidArgumentError` saying so.
   *
   * Route: `POST /v1/agents`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { parseManifest } from "@aegis/sdk/manifest";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { agent_id } = await client.deployAgent(parseManifest(`
   * apiVersion: 100monkeys.ai/v1
   * kind: Agent
   * metadata: { name: hello, version: 1.0.0 }
   * spec:
   *   runtime: { language: python, version: "3.11" }
   *   task: { instruction: Say hi }
   * `));
   * console.log(agent_id);
   * ```
   * @category Agents
   */
  deployAgent(
    manifest: ManifestInput,
    options?: agents.DeployAgentOptions,
  ): AegisPromise<agents.DeployAgentResponse> {
    return agents.deployAgent(this, manifest, options);
  }

  /**
   * Lists agents (the server returns a bare array; there is no paging).
   *
   * Route: `GET /v1/agents`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listAgents()).length); // 0
   * ```
   * @category Agents
   */
  listAgents(options?: agents.ListAgentsOptions): AegisPromise<agents.AgentSummary[]> {
    return agents.listAgents(this, options);
  }

  /**
   * Gets one agent with its manifest.
   *
   * Route: `GET /v1/agents/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient, NotFoundError } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getAgent(crypto.randomUUID()).catch((e) => console.log(e instanceof NotFoundError));
   * ```
   * @category Agents
   */
  getAgent(agentId: string, options?: RequestOptions): AegisPromise<agents.AgentDetail> {
    return agents.getAgent(this, agentId, options);
  }

  /**
   * Resolves an agent name to its id.
   * Answer is `{id}` only.
   *
   * Route: `GET /v1/agents/lookup/{name}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.lookupAgent("no-such-agent").catch((e) => console.log(e.status)); // 404
   * ```
   * @category Agents
   */
  lookupAgent(name: string, options?: RequestOptions): AegisPromise<agents.LookupAgentResponse> {
    return agents.lookupAgent(this, name, options);
  }

  /**
   * Replaces an agent's manifest. The server needs the **complete** manifest (it is not a partial
   * patch); it is validated locally like {@link AegisClient.deployAgent}.
   *
   * Route: `PATCH /v1/agents/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const manifest = {
   *   apiVersion: "100monkeys.ai/v1", kind: "Agent",
   *   metadata: { name: "hello", version: "1.0.0" },
   *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
   * } as const;
   * const { agent_id } = await client.deployAgent(manifest);
   * await client.updateAgent(agent_id, { ...manifest, metadata: { ...manifest.metadata, description: "v2" } });
   * ```
   * @category Agents
   */
  updateAgent(
    agentId: string,
    manifest: ManifestInput,
    options?: RequestOptions,
  ): AegisPromise<agents.SuccessResponse> {
    return agents.updateAgent(this, agentId, manifest, options);
  }

  /**
   * Deletes an agent.
   *
   * Route: `DELETE /v1/agents/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.deleteAgent(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Agents
   */
  deleteAgent(agentId: string, options?: RequestOptions): AegisPromise<agents.SuccessResponse> {
    return agents.deleteAgent(this, agentId, options);
  }

  /**
   * Starts an execution of an agent. `input` may be a string or
   * any JSON value. Not retried automatically except on 429/503 (the server may already have
   * started it).
   *
   * Route: `POST /v1/agents/{id}/execute`
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
   * const { execution_id } = await client.executeAgent(agent_id, "hi", { intent: "greeting" });
   * console.log(execution_id);
   * ```
   * @category Agents
   */
  executeAgent(
    agentId: string,
    input: unknown,
    options?: agents.ExecuteAgentOptions,
  ): AegisPromise<agents.ExecuteAgentResponse> {
    return agents.executeAgent(this, agentId, input, options);
  }

  /**
   * Lists an agent's stored versions (bare array).
   *
   * Route: `GET /v1/agents/{id}/versions`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.listAgentVersions(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Agents
   */
  listAgentVersions(
    agentId: string,
    options?: RequestOptions,
  ): AegisPromise<agents.AgentVersion[]> {
    return agents.listAgentVersions(this, agentId, options);
  }

  /**
   * Moves an agent between tenant and global scope (sends `{target_scope}`).
   *
   * Route: `POST /v1/agents/{id}/scope`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.updateAgentScope(crypto.randomUUID(), "global").catch((e) => console.log(e.status));
   * ```
   * @category Agents
   */
  updateAgentScope(
    agentId: string,
    targetScope: agents.AgentScope,
    options?: RequestOptions,
  ): AegisPromise<agents.UpdateAgentScopeResponse> {
    return agents.updateAgentScope(this, agentId, targetScope, options);
  }

  /**
   * Streams an agent's activity: the history of its latest executions, then (unless
   * `follow: false`) live events until you break out of the loop or close the stream.
   *
   * Route: `GET /v1/agents/{id}/events`
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
   * const history = await (await client.streamAgentEvents(agent_id, { follow: false })).toArray();
   * console.log(history.length); // 0: no executions yet
   * ```
   * @category Agents
   */
  streamAgentEvents(
    agentId: string,
    options?: agents.StreamAgentEventsOptions,
  ): AegisPromise<EventStream<ExecutionEvent>> {
    return agents.streamAgentEvents(this, agentId, options);
  }

  /**
   * Starts an agent execution. The orchestrator has no `POST /v1/executions`; this uses
   * `POST /v1/agents/{agentId}/execute`; context overrides go in `options`.
   *
   * Route: `POST /v1/agents/{id}/execute`
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
   * @category Executions
   */
  startExecution(
    agentId: string,
    input: unknown,
    options?: agents.ExecuteAgentOptions,
  ): AegisPromise<agents.ExecuteAgentResponse> {
    return executions.startExecution(this, agentId, input, options);
  }

  /**
   * Streams an execution's events: its history, then live
   * events; the iteration ends after the terminal event (`execution_completed`, `_failed`,
   * `_cancelled`, `_timed_out`). Breaking out of the loop closes the connection. A connection
   * that drops before the terminal event raises `AegisStreamInterruptedError` (the orchestrator
   * cannot resume, so the SDK never silently replays or skips events). An unknown execution (the
   * server answers 200, then ends the stream) is a `NotFoundError`; `follow` defaults to `true`.
   *
   * Route: `GET /v1/executions/{id}/events`
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
   * @category Executions
   */
  streamExecution(
    executionId: string,
    options?: executions.StreamExecutionOptions,
  ): AegisPromise<EventStream<ExecutionEvent>> {
    return executions.streamExecution(this, executionId, options);
  }

  /**
   * Runs an agent to the end in one call: starts an execution, follows its events and resolves
   * with the final output, or rejects with `ExecutionFailedError` carrying the reason.
   *
   * Route: `POST /v1/agents/{id}/execute`, `GET /v1/executions/{id}/events`
   *
   * Rejects with `ExecutionFailedError` (`outcome` `failed`, `cancelled` or `timed_out`, and the
   * orchestrator's `reason`) when the execution does not complete; an unknown agent is a
   * `NotFoundError`, and a name where the id belongs is an `InvalidArgumentError` that points
   * at `lookupAgent`. Stop waiting with `options.signal`.
   *
   * @param agentId The agent's UUID (resolve a name with `lookupAgent`).
   * @param input The execution input (a string or any JSON value).
   * @param options Those of `startExecution`, plus the stream's `idleTimeout`.
   * @returns The final output, the iteration count and the terminal event.
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
   * const { output } = await client.runExecution(agent_id, "Write a primality check");
   * console.log(output);
   * ```
   * @category Executions
   */
  runExecution(
    agentId: string,
    input: unknown,
    options?: executions.RunExecutionOptions,
  ): AegisPromise<executions.ExecutionResult> {
    return executions.runExecution(this, agentId, input, options);
  }

  /**
   * Gets an execution (`{id, agent_id, status, tenant_id}`; there is no output field: read it
   * from the `execution_completed` event or the workspace files).
   *
   * Route: `GET /v1/executions/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getExecution(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Executions
   */
  getExecution(executionId: string, options?: RequestOptions): AegisPromise<executions.Execution> {
    return executions.getExecution(this, executionId, options);
  }

  /**
   * Lists executions, newest first (bare array). The server reports an unknown `workflowName`
   * as an HTTP 200 `{error}` body; that becomes a typed error here.
   *
   * Route: `GET /v1/executions`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listExecutions({ limit: 5 })); // []
   * ```
   * @category Executions
   */
  listExecutions(
    options?: executions.ListExecutionsOptions,
  ): AegisPromise<executions.ExecutionSummary[]> {
    return executions.listExecutions(this, options);
  }

  /**
   * Cancels a running execution (safe to repeat).
   *
   * Route: `POST /v1/executions/{id}/cancel`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.cancelExecution(crypto.randomUUID()).catch((e) => console.log(e.status));
   * ```
   * @category Executions
   */
  cancelExecution(
    executionId: string,
    options?: RequestOptions,
  ): AegisPromise<executions.ExecutionActionResponse> {
    return executions.cancelExecution(this, executionId, options);
  }

  /**
   * Deletes an execution record.
   *
   * Route: `DELETE /v1/executions/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.deleteExecution(crypto.randomUUID()).catch((e) => console.log(e.status));
   * ```
   * @category Executions
   */
  deleteExecution(
    executionId: string,
    options?: RequestOptions,
  ): AegisPromise<executions.ExecutionActionResponse> {
    return executions.deleteExecution(this, executionId, options);
  }

  /**
   * Downloads a file from an execution's workspace. Each path segment is percent-encoded; a
   * leading `/` or `/workspace/` is fine; `..` segments are refused before anything is sent.
   *
   * Route: `GET /v1/executions/{id}/files/{path}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getExecutionFile(crypto.randomUUID(), "out/report.md")
   *   .then((file) => file.text(), (e) => console.log(e.status));
   * ```
   * @category Executions
   */
  getExecutionFile(
    executionId: string,
    filePath: string,
    options?: RequestOptions,
  ): AegisPromise<FileDownload> {
    return executions.getExecutionFile(this, executionId, filePath, options);
  }

  /**
   * Sends one dispatch-protocol message (`generate` or `dispatch_result`) and returns the
   * orchestrator's reply: a dispatch (`type: "dispatch"`) or a final message. Never retried
   * automatically: a repeat would run the LLM turn again. The route needs no credentials; custom
   * bootstraps normally call it through `runBootstrap` from `@aegis/sdk/bootstrap`.
   *
   * Route: `POST /v1/dispatch-gateway`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: createFakeOrchestrator().fetch });
   * const reply = await client.dispatchGateway({
   *   type: "generate", agent_id: crypto.randomUUID(), execution_id: crypto.randomUUID(),
   *   iteration_number: 1, prompt: "list the files", messages: [], model_alias: "default",
   * });
   * console.log(reply);
   * ```
   * @category Dispatch gateway
   */
  dispatchGateway(
    message: AgentMessage,
    options?: RequestOptions,
  ): AegisPromise<OrchestratorMessage> {
    return dispatch.dispatchGateway(this, message, options);
  }

  /**
   * Registers a workflow. The manifest (an object, or its JSON text) is validated locally first --
   * a `ManifestValidationError` lists every problem -- and then sent as YAML, which is what the
   * orchestrator parses. YAML text is read with `parseWorkflowManifest` from
   * `@aegis/sdk/manifest` (the client does not bundle a YAML parser; YAML text passed here is
   * refused with an `InvalidArgumentError` saying so). Repeated automatically after a lost
   * response only with `force`.
   *
   * Route: `POST /v1/workflows`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { parseWorkflowManifest } from "@aegis/sdk/manifest";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { workflow_id } = await client.registerWorkflow(parseWorkflowManifest(`
   * apiVersion: 100monkeys.ai/v1
   * kind: Workflow
   * metadata: { name: greet, version: 1.0.0 }
   * spec:
   *   initial_state: HELLO
   *   states:
   *     HELLO: { kind: System, command: echo hello, transitions: [] }
   * `));
   * console.log(workflow_id);
   * ```
   * @category Workflows
   */
  registerWorkflow(
    manifest: WorkflowManifestInput,
    options?: workflows.RegisterWorkflowOptions,
  ): AegisPromise<workflows.RegisterWorkflowResponse> {
    return workflows.registerWorkflow(this, manifest, options);
  }

  /**
   * Registers a workflow through the `/v1/workflows/temporal/register` alias (same behaviour as
   * {@link AegisClient.registerWorkflow}).
   *
   * Route: `POST /v1/workflows/temporal/register`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const registered = await client.registerTemporalWorkflow({
   *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "greet", version: "1.0.0" },
   *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
   * });
   * console.log(registered.status); // "registered"
   * ```
   * @category Workflows
   */
  registerTemporalWorkflow(
    manifest: WorkflowManifestInput,
    options?: workflows.RegisterWorkflowOptions,
  ): AegisPromise<workflows.RegisterWorkflowResponse> {
    return workflows.registerTemporalWorkflow(this, manifest, options);
  }

  /**
   * Lists workflow definitions (a bare array; the server has no paging). By default only the
   * tenant's own workflows; `visible: true` adds the global ones.
   *
   * Route: `GET /v1/workflows`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listWorkflows({ visible: true })); // []
   * ```
   * @category Workflows
   */
  listWorkflows(
    options?: workflows.ListWorkflowsOptions,
  ): AegisPromise<workflows.WorkflowSummary[]> {
    return workflows.listWorkflows(this, options);
  }

  /**
   * Gets a workflow definition by name, including its `manifest_yaml`.
   *
   * Route: `GET /v1/workflows/{name}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getWorkflow("no-such-workflow").catch((e) => console.log(e.status)); // 404
   * ```
   * @category Workflows
   */
  getWorkflow(name: string, options?: RequestOptions): AegisPromise<workflows.WorkflowDetail> {
    return workflows.getWorkflow(this, name, options);
  }

  /**
   * Deletes a workflow definition.
   *
   * Route: `DELETE /v1/workflows/{name}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.deleteWorkflow("no-such-workflow").catch((e) => console.log(e.status)); // 404
   * ```
   * @category Workflows
   */
  deleteWorkflow(
    name: string,
    options?: RequestOptions,
  ): AegisPromise<workflows.WorkflowDeleteResponse> {
    return workflows.deleteWorkflow(this, name, options);
  }

  /**
   * Lists the registered versions of a workflow (a bare array).
   *
   * Route: `GET /v1/workflows/{name}/versions`
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
   * console.log((await client.listWorkflowVersions("greet")).map((v) => v.version)); // ["1.0.0"]
   * ```
   * @category Workflows
   */
  listWorkflowVersions(
    name: string,
    options?: RequestOptions,
  ): AegisPromise<workflows.WorkflowVersion[]> {
    return workflows.listWorkflowVersions(this, name, options);
  }

  /**
   * Moves a workflow (by name or UUID) between tenant and global scope (sends `{target_scope}`).
   *
   * Route: `POST /v1/workflows/{name}/scope`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.updateWorkflowScope("no-such-workflow", "global").catch((e) => console.log(e.status));
   * ```
   * @category Workflows
   */
  updateWorkflowScope(
    name: string,
    targetScope: workflows.WorkflowScope,
    options?: RequestOptions,
  ): AegisPromise<workflows.UpdateWorkflowScopeResponse> {
    return workflows.updateWorkflowScope(this, name, targetScope, options);
  }

  /**
   * Starts a workflow execution by workflow name. `input` is required by the server (pass `null`
   * for none). Not repeated automatically except on 429/503 (the server may already have started it).
   *
   * Route: `POST /v1/workflows/{name}/run`
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
   * const { execution_id } = await client.runWorkflow("greet", { who: "world" }, { intent: "demo" });
   * console.log(execution_id);
   * ```
   * @category Workflows
   */
  runWorkflow(
    name: string,
    input: unknown,
    options?: workflows.RunWorkflowOptions,
  ): AegisPromise<workflows.WorkflowRunResponse> {
    return workflows.runWorkflow(this, name, input, options);
  }

  /**
   * Starts a workflow execution through `POST /v1/workflows/temporal/execute` (`workflow_id` is a
   * name or UUID; the tenant always comes from the token).
   * Body needs `workflow_id` and `input`.
   *
   * Route: `POST /v1/workflows/temporal/execute`
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
   * const run = await client.executeTemporalWorkflow({ workflow_id: "greet", input: "hi" });
   * console.log(run.status); // "running"
   * ```
   * @category Workflows
   */
  executeTemporalWorkflow(
    request: workflows.ExecuteTemporalWorkflowRequest,
    options?: RequestOptions,
  ): AegisPromise<workflows.WorkflowRunResponse> {
    return workflows.executeTemporalWorkflow(this, request, options);
  }

  /**
   * Lists workflow executions, one page (a bare array). To walk every page use
   * {@link AegisClient.iterateWorkflowExecutions}.
   *
   * Route: `GET /v1/workflows/executions`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listWorkflowExecutions({ limit: 10, offset: 0 })); // []
   * ```
   * @category Workflow executions
   */
  listWorkflowExecutions(
    options?: workflowExecutions.ListWorkflowExecutionsOptions,
  ): AegisPromise<workflowExecutions.WorkflowExecutionSummary[]> {
    return workflowExecutions.listWorkflowExecutions(this, options);
  }

  /**
   * Walks every page of {@link AegisClient.listWorkflowExecutions} (offset paging), yielding each execution
   * once: an execution that moves to a later page because new ones were started meanwhile is
   * skipped the second time. A server that keeps answering the same page raises
   * `AegisProtocolError` instead of looping forever.
   *
   * Route: `GET /v1/workflows/executions (paged)`
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
   * @category Workflow executions
   */
  iterateWorkflowExecutions(
    options?: workflowExecutions.IterateWorkflowExecutionsOptions,
  ): AsyncGenerator<workflowExecutions.WorkflowExecutionSummary, void, undefined> {
    return workflowExecutions.iterateWorkflowExecutions(this, options);
  }

  /**
   * Gets a workflow execution with its blackboard and state outputs.
   * No `final_output` field.
   *
   * Route: `GET /v1/workflows/executions/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getWorkflowExecution(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Workflow executions
   */
  getWorkflowExecution(
    executionId: string,
    options?: RequestOptions,
  ): AegisPromise<workflowExecutions.WorkflowExecution> {
    return workflowExecutions.getWorkflowExecution(this, executionId, options);
  }

  /**
   * Removes a workflow execution record (terminating it if it still runs).
   *
   * Route: `DELETE /v1/workflows/executions/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.removeWorkflowExecution(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Workflow executions
   */
  removeWorkflowExecution(
    executionId: string,
    options?: RequestOptions,
  ): AegisPromise<workflowExecutions.RemoveWorkflowExecutionResponse> {
    return workflowExecutions.removeWorkflowExecution(this, executionId, options);
  }

  /**
   * Answers a workflow waiting in a `Human` state (sends `{response}`; HTTP 202). Transitions such
   * as `input_equals_yes` or `input_equals {value}` test this text.
   *
   * Route: `POST /v1/workflows/executions/{id}/signal`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.signalWorkflowExecution(crypto.randomUUID(), "yes").catch((e) => console.log(e.status));
   * ```
   * @category Workflow executions
   */
  signalWorkflowExecution(
    executionId: string,
    response: string,
    options?: RequestOptions,
  ): AegisPromise<workflowExecutions.SignalWorkflowExecutionResponse> {
    return workflowExecutions.signalWorkflowExecution(this, executionId, response, options);
  }

  /**
   * Requests cancellation of a workflow execution (HTTP 202; safe to repeat).
   *
   * Route: `POST /v1/workflows/executions/{id}/cancel`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.cancelWorkflowExecution(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Workflow executions
   */
  cancelWorkflowExecution(
    executionId: string,
    options?: RequestOptions,
  ): AegisPromise<workflowExecutions.CancelWorkflowExecutionResponse> {
    return workflowExecutions.cancelWorkflowExecution(this, executionId, options);
  }

  /**
   * Gets one page of a workflow execution's stored log events (oldest first). To walk every page
   * use {@link AegisClient.iterateWorkflowExecutionLogs}.
   *
   * Route: `GET /v1/workflows/executions/{id}/logs`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getWorkflowExecutionLogs(crypto.randomUUID(), { limit: 50 })
   *   .catch((e) => console.log(e.status)); // 404
   * ```
   * @category Workflow executions
   */
  getWorkflowExecutionLogs(
    executionId: string,
    options?: workflowExecutions.WorkflowExecutionLogsOptions,
  ): AegisPromise<workflowExecutions.WorkflowExecutionLogs> {
    return workflowExecutions.getWorkflowExecutionLogs(this, executionId, options);
  }

  /**
   * Walks every page of a workflow execution's stored logs, yielding each event once in order.
   * The walk ends on a page shorter than the `limit` the server echoed (so a server-side clamp of
   * the page size does not end it early).
   *
   * Route: `GET /v1/workflows/executions/{id}/logs (paged)`
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
   * @category Workflow executions
   */
  iterateWorkflowExecutionLogs(
    executionId: string,
    options?: workflowExecutions.IterateWorkflowExecutionLogsOptions,
  ): AsyncGenerator<workflowExecutions.WorkflowLogEvent, void, undefined> {
    return workflowExecutions.iterateWorkflowExecutionLogs(this, executionId, options);
  }

  /**
   * Streams a workflow execution's log events **live** (`.../logs/stream`; no history: read that with
   * {@link AegisClient.getWorkflowExecutionLogs}). Iteration ends right after `WorkflowExecutionCompleted`,
   * `...Failed` or `...Cancelled`; an unknown execution (which the server reports as an in-stream
   * `{"error": ...}` event) throws `NotFoundError` with `embedded: true`. An execution that already
   * finished produces no more events, so check its status first.
   *
   * Route: `GET /v1/workflows/executions/{id}/logs/stream`
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
   * @category Workflow executions
   */
  streamWorkflowExecutionLogs(
    executionId: string,
    options?: workflowExecutions.StreamWorkflowExecutionLogsOptions,
  ): AegisPromise<EventStream<workflowExecutions.WorkflowLogEvent>> {
    return workflowExecutions.streamWorkflowExecutionLogs(this, executionId, options);
  }

  /**
   * Runs a workflow to the end in one call: starts it, follows its live log and resolves with
   * the finished execution, or rejects with `WorkflowExecutionFailedError` carrying the reason.
   *
   * Route: `POST /v1/workflows/{name}/run`, `GET /v1/workflows/executions/{id}/logs/stream`
   *
   * The log stream has no history, so the run's status is checked right after subscribing (a
   * run that already ended is not waited for). The result holds `runWorkflow`'s answer and the
   * finished `WorkflowExecution` (status, blackboard, every state's output).
   *
   * @param name The workflow's name.
   * @param input The workflow input (required by the server; `null` for none).
   * @param options Those of `runWorkflow`, plus the stream's `idleTimeout`.
   * @returns The run and the finished execution.
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
   * @category Workflow executions
   */
  runWorkflowExecution(
    name: string,
    input: unknown,
    options?: workflowExecutions.RunWorkflowExecutionOptions,
  ): AegisPromise<workflowExecutions.WorkflowExecutionResult> {
    return workflowExecutions.runWorkflowExecution(this, name, input, options);
  }

  /**
   * Lists the pending approval requests.
   * `{pending_requests, count}`.
   *
   * Route: `GET /v1/human-approvals`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { pending_requests, count } = await client.listPendingApprovals();
   * console.log(`${count} pending approvals`, pending_requests);
   * ```
   * @category Human approvals
   */
  listPendingApprovals(options?: RequestOptions): AegisPromise<approvals.PendingApprovalList> {
    return approvals.listPendingApprovals(this, options);
  }

  /**
   * Gets one pending approval request.
   * HTTP-200 `{error}` answers become typed errors.
   *
   * Route: `GET /v1/human-approvals/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient, NotFoundError } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getPendingApproval(crypto.randomUUID())
   *   .catch((e) => console.log(e instanceof NotFoundError, e.embedded)); // true true
   * ```
   * @category Human approvals
   */
  getPendingApproval(
    approvalId: string,
    options?: RequestOptions,
  ): AegisPromise<approvals.PendingApprovalResponse> {
    return approvals.getPendingApproval(this, approvalId, options);
  }

  /**
   * Approves a pending request. Not repeated automatically: a second approval of the same request
   * fails with `NotFoundError` ("already completed").
   * HTTP-200 `{error}` answers become typed errors.
   *
   * Route: `POST /v1/human-approvals/{id}/approve`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.approveRequest(crypto.randomUUID(), { feedback: "Looks good", approved_by: "jeshua" })
   *   .catch((e) => console.log(e.message));
   * ```
   * @category Human approvals
   */
  approveRequest(
    approvalId: string,
    request?: approvals.ApprovalRequest,
    options?: RequestOptions,
  ): AegisPromise<approvals.ApprovalResponse> {
    return approvals.approveRequest(this, approvalId, request, options);
  }

  /**
   * Rejects a pending request; `reason` is required.
   * HTTP-200 `{error}` answers become typed errors.
   *
   * Route: `POST /v1/human-approvals/{id}/reject`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.rejectRequest(crypto.randomUUID(), { reason: "Scope too broad", rejected_by: "jeshua" })
   *   .catch((e) => console.log(e.message));
   * ```
   * @category Human approvals
   */
  rejectRequest(
    approvalId: string,
    request: approvals.RejectionRequest,
    options?: RequestOptions,
  ): AegisPromise<approvals.ApprovalResponse> {
    return approvals.rejectRequest(this, approvalId, request, options);
  }

  /**
   * Ingests a stimulus (`POST /v1/stimuli`, HTTP 202). The answer carries the started workflow
   * execution and the `Location` of its log. With an `idempotency_key` the call is repeated
   * automatically after a lost response; if the first attempt had reached the server, the repeat
   * fails with `ConflictError` (`code: "idempotent_duplicate"`), which then means "already accepted".
   *
   * Route: `POST /v1/stimuli`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.registerWorkflow({
   *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "triage", version: "1.0.0" },
   *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
   * });
   * const accepted = await client.ingestStimulus({ content: "disk full on db-1", idempotency_key: "alert-42" });
   * console.log(accepted.workflow_execution_id, accepted.location);
   * ```
   * @category Stimuli
   */
  ingestStimulus(
    request: stimuli.IngestStimulusRequest,
    options?: RequestOptions,
  ): AegisPromise<stimuli.StimulusAccepted> {
    return stimuli.ingestStimulus(this, request, options);
  }

  /**
   * Lists stimuli (operators only; others get `PermissionDeniedError` `operator_required`).
   * Operators only; `{items}`.
   *
   * Route: `GET /v1/stimuli`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listStimuli({ limit: 10 })).items); // []
   * ```
   * @category Stimuli
   */
  listStimuli(options?: stimuli.ListStimuliOptions): AegisPromise<stimuli.StimulusList> {
    return stimuli.listStimuli(this, options);
  }

  /**
   * Gets one stimulus (operators only). The server reports an unknown id as an HTTP 200
   * `{error}` body; that becomes `NotFoundError` (`embedded: true`).
   *
   * Route: `GET /v1/stimuli/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getStimulus(crypto.randomUUID()).catch((e) => console.log(e.name)); // "NotFoundError"
   * ```
   * @category Stimuli
   */
  getStimulus(
    stimulusId: string,
    options?: RequestOptions,
  ): AegisPromise<stimuli.StimulusResponse> {
    return stimuli.getStimulus(this, stimulusId, options);
  }

  /**
   * Sends a webhook to `POST /v1/webhooks/{source}`, signed the way the orchestrator verifies it:
   * the payload is serialised once (strings and bytes as they are, other values as JSON), those
   * exact bytes are signed with HMAC-SHA256 under `secret`, and sent with
   * `X-Aegis-Signature: sha256=<hex>` and no bearer token. The secret itself is never sent.
   *
   * Route: `POST /v1/webhooks/{source}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator({ webhookSecrets: { github: "s3cret" } });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.registerWorkflow({
   *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "on-push", version: "1.0.0" },
   *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
   * });
   * const accepted = await client.sendWebhook("github", { ref: "main" }, { secret: "s3cret" });
   * console.log(accepted.stimulus_id);
   * ```
   * @category Stimuli
   */
  sendWebhook(
    source: string,
    payload: stimuli.WebhookPayload,
    options: stimuli.SendWebhookOptions,
  ): AegisPromise<stimuli.StimulusAccepted> {
    return stimuli.sendWebhook(this, source, payload, options);
  }

  /**
   * Creates a volume (`POST /v1/volumes`, answered with 201). Both `label` and
   * `size_limit_bytes` are required by the server, so they are checked here first.
   *
   * Route: `POST /v1/volumes`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const volume = await client.createVolume({ label: "datasets", size_limit_bytes: 1024 ** 3 });
   * console.log(volume.id, volume.name, volume.status);
   * ```
   * @category Volumes
   */
  createVolume(
    request: volumes.CreateVolumeRequest,
    options?: RequestOptions,
  ): AegisPromise<volumes.Volume> {
    return volumes.createVolume(this, request, options);
  }

  /**
   * Lists the caller's volumes with their usage (a bare array; the server does not page).
   *
   * Route: `GET /v1/volumes`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listVolumes()); // []
   * ```
   * @category Volumes
   */
  listVolumes(options?: RequestOptions): AegisPromise<volumes.VolumeSummary[]> {
    return volumes.listVolumes(this, options);
  }

  /**
   * Gets one volume by UUID (404 `{error: "volume not found"}` -> `NotFoundError`).
   *
   * Route: `GET /v1/volumes/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getVolume(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Volumes
   */
  getVolume(volumeId: string, options?: RequestOptions): AegisPromise<volumes.Volume> {
    return volumes.getVolume(this, volumeId, options);
  }

  /**
   * Renames a volume (`PATCH /v1/volumes/{id}` with `{label}`); the server answers
   * `{success: true}`, not the volume.
   *
   * Route: `PATCH /v1/volumes/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "draft", size_limit_bytes: 1 << 20 });
   * console.log(await client.renameVolume(id, "final")); // { success: true }
   * ```
   * @category Volumes
   */
  renameVolume(
    volumeId: string,
    label: string,
    options?: RequestOptions,
  ): AegisPromise<volumes.VolumeActionResponse> {
    return volumes.renameVolume(this, volumeId, label, options);
  }

  /**
   * Deletes a volume and everything in it (409 `ConflictError` while it is attached).
   *
   * Route: `DELETE /v1/volumes/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "scratch", size_limit_bytes: 1 << 20 });
   * console.log(await client.deleteVolume(id)); // { success: true }
   * ```
   * @category Volumes
   */
  deleteVolume(
    volumeId: string,
    options?: RequestOptions,
  ): AegisPromise<volumes.VolumeActionResponse> {
    return volumes.deleteVolume(this, volumeId, options);
  }

  /**
   * Gets the caller's volume quota and usage. Unlimited limits (`u32::MAX` / `u64::MAX` on the
   * wire) become `Infinity`; see {@link VolumeQuota}. The body is parsed here rather than by the
   * generic JSON path because `JSON.parse` cannot tell `u64::MAX` from nearby values once rounded.
   *
   * Route: `GET /v1/volumes/quota`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator(); // callers of the fake are Enterprise: no limits
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const quota = await client.getVolumeQuota();
   * console.log(quota.max_file_size_bytes); // Infinity
   * ```
   * @category Volumes
   */
  getVolumeQuota(options?: RequestOptions): AegisPromise<volumes.VolumeQuota> {
    return volumes.getVolumeQuota(this, options);
  }

  /**
   * Lists a directory of a volume (default the root `/`; the server requires `path`, so it is
   * always sent).
   *
   * Route: `GET /v1/volumes/{id}/files?path=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * await client.uploadFile(id, "notes/todo.txt", "buy milk");
   * console.log(await client.listFiles(id, "/notes")); // [{ name: "todo.txt", is_dir: false, ... }]
   * ```
   * @category Volumes
   */
  listFiles(
    volumeId: string,
    dirPath?: string,
    options?: RequestOptions,
  ): AegisPromise<volumeFiles.VolumeFileEntry[]> {
    return volumeFiles.listFiles(this, volumeId, dirPath, options);
  }

  /**
   * Gets a file's name, sniffed MIME type, size and SHA-256 (`GET .../files/stat`; no published SDK
   * exposes this route).
   *
   * Route: `GET /v1/volumes/{id}/files/stat?path=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * await client.uploadFile(id, "a.txt", "hello");
   * console.log(await client.statFile(id, "a.txt")); // { name: "a.txt", mime_type: ..., size: 5, sha256: ... }
   * ```
   * @category Volumes
   */
  statFile(
    volumeId: string,
    filePath: string,
    options?: RequestOptions,
  ): AegisPromise<volumeFiles.VolumeFileStat> {
    return volumeFiles.statFile(this, volumeId, filePath, options);
  }

  /**
   * Downloads a file. Nothing is buffered: stream `download.body`, or call `.bytes()` /
   * `.text()` for small files. `contentType` is the server's guess from the extension.
   *
   * Route: `GET /v1/volumes/{id}/files/download?path=`
   *
   * @example Stream a file to its consumer
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * await client.uploadFile(id, "report.json", '{"ok":true}');
   * const download = await client.downloadFile(id, "report.json");
   * let bytes = 0;
   * for await (const chunk of download.body) bytes += chunk.byteLength;
   * console.log(download.contentType, bytes); // "application/json" 11
   * ```
   * @category Volumes
   */
  downloadFile(
    volumeId: string,
    filePath: string,
    options?: RequestOptions,
  ): AegisPromise<FileDownload> {
    return volumeFiles.downloadFile(this, volumeId, filePath, options);
  }

  /**
   * Downloads a whole file into memory; prefer {@link AegisClient.downloadFile} for large files.
   *
   * Route: `GET /v1/volumes/{id}/files/download?path=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * await client.uploadFile(id, "a.bin", new Uint8Array([1, 2, 3]));
   * console.log(await client.downloadFileBytes(id, "a.bin")); // Uint8Array(3) [1, 2, 3]
   * ```
   * @category Volumes
   */
  downloadFileBytes(
    volumeId: string,
    filePath: string,
    options?: RequestOptions,
  ): AegisPromise<Uint8Array> {
    return volumeFiles.downloadFileBytes(this, volumeId, filePath, options);
  }

  /**
   * Uploads a file to `filePath` (the full destination path, relative to the volume root) as a
   * raw request body: multipart uploads are capped at about 2 MiB by the server, raw bodies only
   * by the tier (413 `{error: "upload exceeds tier cap of N bytes"}` -> `AegisApiError`).
   * `volumeId` is a volume UUID or {@link CHAT_ATTACHMENTS_VOLUME}. A leading `/` is dropped;
   * empty paths, `.`/`..` segments and control characters are refused before anything is sent.
   * Bodies other than streams are retried like idempotent requests (the upload overwrites the
   * same path with the same bytes).
   *
   * Route: `POST /v1/volumes/{id}/files/upload?path=`
   *
   * @example Upload a generated stream without holding it in memory
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "logs", size_limit_bytes: 1 << 30 });
   * let sent = 0;
   * const source = new ReadableStream<Uint8Array>({
   *   pull(controller) {
   *     if (sent === 4) return controller.close();
   *     sent++;
   *     controller.enqueue(new TextEncoder().encode(`line ${sent}\n`));
   *   },
   * });
   * const uploaded = await client.uploadFile(id, "run/out.log", source, { filename: "out.log" });
   * console.log(uploaded.size, uploaded.sha256);
   * ```
   * @category Volumes
   */
  uploadFile(
    volumeId: string,
    filePath: string,
    file: volumeFiles.UploadSource,
    options?: volumeFiles.UploadFileOptions,
  ): AegisPromise<volumeFiles.UploadFileResponse> {
    return volumeFiles.uploadFile(this, volumeId, filePath, file, options);
  }

  /**
   * Creates a directory (`POST .../files/mkdir?path=`; the server reads only the query, no body).
   *
   * Route: `POST /v1/volumes/{id}/files/mkdir?path=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * console.log(await client.mkdir(id, "reports/2026")); // { success: true }
   * ```
   * @category Volumes
   */
  mkdir(
    volumeId: string,
    dirPath: string,
    options?: RequestOptions,
  ): AegisPromise<volumes.VolumeActionResponse> {
    return volumeFiles.mkdir(this, volumeId, dirPath, options);
  }

  /**
   * Moves or renames a file or directory inside a volume (`{from, to}` body).
   *
   * Route: `POST /v1/volumes/{id}/files/move`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * await client.uploadFile(id, "draft.md", "# Draft");
   * console.log(await client.movePath(id, "draft.md", "final.md")); // { success: true }
   * ```
   * @category Volumes
   */
  movePath(
    volumeId: string,
    from: string,
    to: string,
    options?: RequestOptions,
  ): AegisPromise<volumes.VolumeActionResponse> {
    return volumeFiles.movePath(this, volumeId, from, to, options);
  }

  /**
   * Deletes a file, or a directory with its contents. The volume root cannot be named.
   *
   * Route: `DELETE /v1/volumes/{id}/files?path=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
   * await client.uploadFile(id, "tmp/a.txt", "x");
   * console.log(await client.deletePath(id, "tmp")); // { success: true }
   * ```
   * @category Volumes
   */
  deletePath(
    volumeId: string,
    targetPath: string,
    options?: RequestOptions,
  ): AegisPromise<volumes.VolumeActionResponse> {
    return volumeFiles.deletePath(this, volumeId, targetPath, options);
  }

  /**
   * Lists the caller's credential bindings.
   * `{credentials, count}`.
   *
   * Route: `GET /v1/credentials`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listCredentials()).count); // 0
   * ```
   * @category Credentials
   */
  listCredentials(options?: RequestOptions): AegisPromise<credentials.CredentialList> {
    return credentials.listCredentials(this, options);
  }

  /**
   * Gets one binding (wrapped as `{credential}`); unknown ids are a `NotFoundError`.
   *
   * Route: `GET /v1/credentials/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getCredential(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Credentials
   */
  getCredential(
    credentialId: string,
    options?: RequestOptions,
  ): AegisPromise<credentials.GetCredentialResponse> {
    return credentials.getCredential(this, credentialId, options);
  }

  /**
   * Stores a secret value (API key, token, variable) as a credential binding
   * (`POST /v1/credentials/api-keys`, 201 `{id}`).
   * Body `{provider, label, value, credential_type, scope?}`; answer 201 `{id}`.
   *
   * Route: `POST /v1/credentials/api-keys`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.storeApiKey({
   *   provider: "github", label: "CI token", value: "ghp_example", credential_type: "secret",
   * });
   * console.log(id);
   * ```
   * @category Credentials
   */
  storeApiKey(
    request: credentials.StoreApiKeyRequest,
    options?: RequestOptions,
  ): AegisPromise<credentials.StoreApiKeyResponse> {
    return credentials.storeApiKey(this, request, options);
  }

  /**
   * Revokes a binding.
   *
   * Route: `DELETE /v1/credentials/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.revokeCredential(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Credentials
   */
  revokeCredential(
    credentialId: string,
    options?: RequestOptions,
  ): AegisPromise<credentials.CredentialStatusResponse> {
    return credentials.revokeCredential(this, credentialId, options);
  }

  /**
   * Replaces a binding's secret value (sends `{value}`). Safe to repeat: the same value is
   * written again.
   *
   * Route: `POST /v1/credentials/{id}/rotate`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.storeApiKey({
   *   provider: "openai", label: "prod", value: "sk-old", credential_type: "secret",
   * });
   * console.log(await client.rotateCredential(id, "sk-new")); // { status: "rotated", id }
   * ```
   * @category Credentials
   */
  rotateCredential(
    credentialId: string,
    value: string,
    options?: RequestOptions,
  ): AegisPromise<credentials.CredentialStatusResponse> {
    return credentials.rotateCredential(this, credentialId, value, options);
  }

  /**
   * Starts an OAuth authorization-code flow; send the user to `authorization_url`, then call
   * {@link AegisClient.oauthCallback} with the `state` and `code` the provider returns.
   * `redirect_uri` required; answer `{authorization_url, state}`.
   *
   * Route: `POST /v1/credentials/oauth/initiate`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { authorization_url, state } = await client.oauthInitiate({
   *   provider: "github", redirect_uri: "https://app.example/callback",
   * });
   * console.log(authorization_url, state);
   * ```
   * @category Credentials
   */
  oauthInitiate(
    request: credentials.OAuthInitiateRequest,
    options?: RequestOptions,
  ): AegisPromise<credentials.OAuthInitiateResponse> {
    return credentials.oauthInitiate(this, request, options);
  }

  /**
   * Completes an OAuth flow. The `state`
   * is single-use, so this GET is not retried after a failure that may have reached the server
   * (a repeat would fail with 400 and hide the success).
   *
   * Route: `GET /v1/credentials/oauth/callback?state=&code=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { state } = await client.oauthInitiate({ provider: "github", redirect_uri: "https://app.example/cb" });
   * const { id } = await client.oauthCallback({ state, code: "code-from-provider" });
   * console.log(id);
   * ```
   * @category Credentials
   */
  oauthCallback(
    params: credentials.OAuthCallbackParams,
    options?: RequestOptions,
  ): AegisPromise<credentials.OAuthCallbackResponse> {
    return credentials.oauthCallback(this, params, options);
  }

  /**
   * Polls a device-authorization flow once. Resolves with `{status: "pending"}` (HTTP 202) until
   * the user approves, then `{status: "complete", binding_id}` (HTTP 200).
   *
   * Route: `POST /v1/credentials/oauth/device/poll`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const result = await client.devicePoll({ device_code: "dev-123", provider: "github" });
   * if (result.status === "complete") console.log(result.binding_id);
   * else console.log("pending, poll again");
   * ```
   * @category Credentials
   */
  devicePoll(
    request: credentials.DevicePollRequest,
    options?: RequestOptions,
  ): AegisPromise<credentials.DevicePollResponse> {
    return credentials.devicePoll(this, request, options);
  }

  /**
   * Lists the grants of a binding.
   *
   * Route: `GET /v1/credentials/{id}/grants`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.storeApiKey({ provider: "github", label: "ci", value: "x", credential_type: "secret" });
   * console.log((await client.listGrants(id)).count); // 0
   * ```
   * @category Credentials
   */
  listGrants(credentialId: string, options?: RequestOptions): AegisPromise<credentials.GrantList> {
    return credentials.listGrants(this, credentialId, options);
  }

  /**
   * Lets an agent, a workflow or all agents use a binding (201 `{grant_id}`). `target_value` is
   * required (and checked locally) for `agent` and `workflow` grants.
   * Body `{target_type, target_value?}`; 201 `{grant_id}`.
   *
   * Route: `POST /v1/credentials/{id}/grants`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.storeApiKey({ provider: "github", label: "ci", value: "x", credential_type: "secret" });
   * const { grant_id } = await client.addGrant(id, { target_type: "all_agents" });
   * console.log(grant_id);
   * ```
   * @category Credentials
   */
  addGrant(
    credentialId: string,
    grant: credentials.AddGrantRequest,
    options?: RequestOptions,
  ): AegisPromise<credentials.AddGrantResponse> {
    return credentials.addGrant(this, credentialId, grant, options);
  }

  /**
   * Revokes one grant of a binding.
   *
   * Route: `DELETE /v1/credentials/{id}/grants/{grant_id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.storeApiKey({ provider: "github", label: "ci", value: "x", credential_type: "secret" });
   * const { grant_id } = await client.addGrant(id, { target_type: "all_agents" });
   * console.log(await client.revokeGrant(id, grant_id)); // { status: "revoked", grant_id }
   * ```
   * @category Credentials
   */
  revokeGrant(
    credentialId: string,
    grantId: string,
    options?: RequestOptions,
  ): AegisPromise<credentials.RevokeGrantResponse> {
    return credentials.revokeGrant(this, credentialId, grantId, options);
  }

  /**
   * Lists secrets. The orchestrator does not support listing: `GET /v1/secrets` always answers
   * 501, so this always rejects with a `NotImplementedError`. It is kept so code that lists
   * secrets fails with a clear, typed error instead of a 404; read each secret with `getSecret`.
   *
   * Route: `GET /v1/secrets`
   *
   * @example
   * ```ts
   * import { AegisClient, NotImplementedError } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.listSecrets().catch((e) => console.log(e instanceof NotImplementedError)); // true
   * ```
   * @category Secrets
   */
  listSecrets(options?: RequestOptions): AegisPromise<never> {
    return secrets.listSecrets(this, options);
  }

  /**
   * Reads the field names of the secret at `secretPath`. A path containing `/` (`"ci/github"`) is
   * sent as one percent-encoded segment (`ci%2Fgithub`), which is what the route expects.
   * `path` is one segment (`a/b` -> `a%2Fb`); answer `{path, fields}` (names only, never values).
   *
   * Route: `GET /v1/secrets/{path}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.writeSecret("ci/github", { token: "ghp_example" });
   * console.log(await client.getSecret("ci/github")); // { path: "ci/github", fields: ["token"] }
   * ```
   * @category Secrets
   */
  getSecret(secretPath: string, options?: RequestOptions): AegisPromise<secrets.SecretInfo> {
    return secrets.getSecret(this, secretPath, options);
  }

  /**
   * Writes (replaces) the secret at `secretPath` with the fields of `data` (sent as `{data}`; the
   * server keeps string values and stores other JSON values as their JSON text).
   *
   * Route: `PUT /v1/secrets/{path}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.writeSecret("db/main", { user: "app", password: "s3cret", port: 5432 }));
   * ```
   * @category Secrets
   */
  writeSecret(
    secretPath: string,
    data: Record<string, unknown>,
    options?: RequestOptions,
  ): AegisPromise<secrets.WriteSecretResponse> {
    return secrets.writeSecret(this, secretPath, data, options);
  }

  /**
   * Deletes the secret at `secretPath`.
   *
   * Route: `DELETE /v1/secrets/{path}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.writeSecret("tmp", { a: "1" });
   * console.log(await client.deleteSecret("tmp")); // { status: "deleted", path: "tmp" }
   * ```
   * @category Secrets
   */
  deleteSecret(
    secretPath: string,
    options?: RequestOptions,
  ): AegisPromise<secrets.DeleteSecretResponse> {
    return secrets.deleteSecret(this, secretPath, options);
  }

  /**
   * Lists the caller's API keys.
   *
   * Route: `GET /v1/api-keys`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listApiKeys()).api_keys); // []
   * ```
   * @category API keys
   */
  listApiKeys(options?: RequestOptions): AegisPromise<apiKeys.ApiKeyList> {
    return apiKeys.listApiKeys(this, options);
  }

  /**
   * Creates an API key. The secret is in the `key` field of the answer and is never shown again.
   * Not retried automatically after a failure that may have reached the server (a repeat would
   * mint a second key).
   * `scopes` required; the secret is in `key`; 201.
   *
   * Route: `POST /v1/api-keys`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const created = await client.createApiKey({ name: "ci", scopes: ["agent:list"] });
   * console.log(created.key.startsWith("aegis_")); // true
   * ```
   * @category API keys
   */
  createApiKey(
    request: apiKeys.CreateApiKeyRequest,
    options?: RequestOptions,
  ): AegisPromise<apiKeys.CreatedApiKey> {
    return apiKeys.createApiKey(this, request, options);
  }

  /**
   * Revokes an API key.
   *
   * Route: `DELETE /v1/api-keys/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createApiKey({ name: "temp", scopes: [] });
   * console.log(await client.revokeApiKey(id)); // { message: "API key revoked" }
   * ```
   * @category API keys
   */
  revokeApiKey(
    keyId: string,
    options?: RequestOptions,
  ): AegisPromise<apiKeys.RevokeApiKeyResponse> {
    return apiKeys.revokeApiKey(this, keyId, options);
  }

  /**
   * Validates an `aegis_...` API key and returns the identity behind it, for gateways that accept
   * API keys. The key is sent as the bearer credential instead of the client's own; an invalid,
   * expired or revoked key rejects with `AuthenticationError` (401).
   *
   * Route: `POST /v1/api-keys/validate`
   *
   * @param apiKey The key to check (`aegis_...`).
   * @param options Per-request options.
   * @returns `{user_id, tenant_id, aegis_role, scopes, zaru_tier}` (`null` where the owner has no role or plan).
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { key } = await client.createApiKey({ name: "gateway", scopes: ["agent:list"] });
   * console.log((await client.validateApiKey(key)).scopes); // ["agent:list"]
   * ```
   * @category API keys
   */
  validateApiKey(
    apiKey: string,
    options?: RequestOptions,
  ): AegisPromise<apiKeyValidation.ApiKeyIdentity> {
    return apiKeyValidation.validateApiKey(this, apiKey, options);
  }

  /**
   * Lists the members of the team named by the team context.
   * Needs team context `X-Tenant-Id: t-{uuid}` (`tenantId` option).
   *
   * Route: `GET /v1/colony/members`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * // Without a team context the server refuses:
   * await client.listMembers().catch((e) => console.log(e.code)); // "team_context_required"
   * ```
   * @category Colony
   */
  listMembers(options?: RequestOptions): AegisPromise<colony.ColonyMemberList> {
    return colony.listMembers(this, options);
  }

  /**
   * Invites someone to the team by e-mail (`POST /v1/colony/invitations`
   * `{invitee_email, role?}`; there is no `POST /v1/colony/members`). Not retried automatically
   * after a failure that may have reached the server (a repeat would send a second invitation).
   *
   * Route: `POST /v1/colony/invitations`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const team = await client.request<{ team: { tenant_id: string } }>({
   *   method: "POST", path: "/v1/colony/teams", json: { display_name: "Ops", tier: "business" },
   * });
   * const { invitation } = await client.inviteMember("ada@example.com", "admin", {
   *   tenantId: team.team.tenant_id,
   * });
   * console.log(invitation.invitee_email);
   * ```
   * @category Colony
   */
  inviteMember(
    email: string,
    role?: colony.ColonyRole,
    options?: RequestOptions,
  ): AegisPromise<colony.InviteMemberResponse> {
    return colony.inviteMember(this, email, role, options);
  }

  /**
   * Removes a member from the team (HTTP 204, resolves with nothing).
   *
   * Route: `DELETE /v1/colony/members/{user_id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.removeMember(crypto.randomUUID()).catch((e) => console.log(e.status)); // 400: no team context
   * ```
   * @category Colony
   */
  removeMember(userId: string, options?: RequestOptions): AegisPromise<void> {
    return colony.removeMember(this, userId, options);
  }

  /**
   * Changes a member's role (`PUT /v1/colony/roles` `{user_id, role}`).
   *
   * Route: `PUT /v1/colony/roles`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.updateRole(crypto.randomUUID(), "admin").catch((e) => console.log(e.code));
   * ```
   * @category Colony
   */
  updateRole(
    userId: string,
    role: colony.ColonyRole,
    options?: RequestOptions,
  ): AegisPromise<colony.UpdateRoleResponse> {
    return colony.updateRole(this, userId, role, options);
  }

  /**
   * Gets the team's SAML settings (Enterprise teams; owner or admin). `{saml: null}` when none.
   *
   * Route: `GET /v1/colony/saml`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const team = await client.request<{ team: { tenant_id: string } }>({
   *   method: "POST", path: "/v1/colony/teams", json: { display_name: "Corp", tier: "enterprise" },
   * });
   * console.log(await client.getSamlConfig({ tenantId: team.team.tenant_id })); // { saml: null }
   * ```
   * @category Colony
   */
  getSamlConfig(options?: RequestOptions): AegisPromise<colony.SamlConfigResponse> {
    return colony.getSamlConfig(this, options);
  }

  /**
   * Stores the team's SAML settings.
   * Answer `{status:"configured"}`.
   *
   * Route: `PUT /v1/colony/saml`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const team = await client.request<{ team: { tenant_id: string } }>({
   *   method: "POST", path: "/v1/colony/teams", json: { display_name: "Corp", tier: "enterprise" },
   * });
   * await client.setSamlConfig({
   *   entity_id: "https://idp.example/entity", sso_url: "https://idp.example/sso",
   *   certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
   * }, { tenantId: team.team.tenant_id });
   * ```
   * @category Colony
   */
  setSamlConfig(
    config: colony.SamlConfig,
    options?: RequestOptions,
  ): AegisPromise<colony.SetSamlConfigResponse> {
    return colony.setSamlConfig(this, config, options);
  }

  /**
   * Gets the subscription of the team in context, or the caller's personal plan without one.
   *
   * Route: `GET /v1/colony/subscription`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.getSubscription()).is_team); // false
   * ```
   * @category Colony
   */
  getSubscription(options?: RequestOptions): AegisPromise<colony.ColonySubscription> {
    return colony.getSubscription(this, options);
  }

  /**
   * Lists the teams the caller is an active member of, each with its `t-{uuid}` tenant: pass that
   * as `tenantId` to member, invitation, role and SAML calls. Needs no team context.
   *
   * Route: `GET /v1/colony/teams`
   *
   * @param options Per-request options.
   * @returns The teams and their count.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.createTeam({ display_name: "Ops", tier: "business" });
   * const { teams } = await client.listTeams();
   * console.log(teams[0].tenant_id.startsWith("t-")); // true
   * ```
   * @category Colony
   */
  listTeams(options?: RequestOptions): AegisPromise<colonyTeams.TeamList> {
    return colonyTeams.listTeams(this, options);
  }

  /**
   * Creates a team owned by the caller (HTTP 201). Not retried automatically after a failure that
   * may have reached the server (a repeat would create a second team).
   *
   * Route: `POST /v1/colony/teams`
   *
   * @param request `{display_name, tier}`; the caller's plan must allow the tier.
   * @param options Per-request options.
   * @returns `{team}`, with the new team's `tenant_id`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { team } = await client.createTeam({ display_name: "Ops", tier: "business" });
   * console.log(team.tenant_id.startsWith("t-")); // true
   * ```
   * @category Colony
   */
  createTeam(
    request: colonyTeams.CreateTeamRequest,
    options?: RequestOptions,
  ): AegisPromise<colonyTeams.CreateTeamResponse> {
    return colonyTeams.createTeam(this, request, options);
  }

  /**
   * Deletes a team (owner only; HTTP 204).
   *
   * Route: `DELETE /v1/colony/teams/{team_id}`
   *
   * @param teamId The team id (UUID, not the `t-` tenant).
   * @param options Per-request options.
   * @returns Nothing, once the team is deleted.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { team } = await client.createTeam({ display_name: "Temp", tier: "business" });
   * await client.deleteTeam(team.id);
   * ```
   * @category Colony
   */
  deleteTeam(teamId: string, options?: RequestOptions): AegisPromise<void> {
    return colonyTeams.deleteTeam(this, teamId, options);
  }

  /**
   * Lists the pending invitations of the team named by the team context.
   * Needs team context `X-Tenant-Id: t-{uuid}` (`tenantId` option).
   *
   * Route: `GET /v1/colony/invitations`
   *
   * @param options Per-request options, with the team's `tenantId`.
   * @returns The pending invitations and their count.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { team } = await client.createTeam({ display_name: "Ops", tier: "business" });
   * await client.inviteMember("ada@example.com", "member", { tenantId: team.tenant_id });
   * const { invitations } = await client.listInvitations({ tenantId: team.tenant_id });
   * console.log(invitations[0].invitee_email); // "ada@example.com"
   * ```
   * @category Colony
   */
  listInvitations(options?: RequestOptions): AegisPromise<colonyTeams.InvitationList> {
    return colonyTeams.listInvitations(this, options);
  }

  /**
   * Cancels a pending invitation (owner or admin; HTTP 204).
   *
   * Route: `DELETE /v1/colony/invitations/{invitation_id}`
   *
   * @param invitationId The invitation id (UUID).
   * @param options Per-request options, with the team's `tenantId`.
   * @returns Nothing, once the invitation is cancelled.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { team } = await client.createTeam({ display_name: "Ops", tier: "business" });
   * const tenantId = team.tenant_id;
   * const { invitation } = await client.inviteMember("ada@example.com", "member", { tenantId });
   * await client.cancelInvitation(invitation.id, { tenantId });
   * ```
   * @category Colony
   */
  cancelInvitation(invitationId: string, options?: RequestOptions): AegisPromise<void> {
    return colonyTeams.cancelInvitation(this, invitationId, options);
  }

  /**
   * Accepts an invitation with the token the invitee received. Needs no team context; expired
   * (410 `invitation_expired`), used (409 `invitation_not_pending`) and unknown (400
   * `invalid_invitation`) tokens are typed errors.
   *
   * Route: `POST /v1/colony/invitations/{token}/accept`
   *
   * @param token The invitation token.
   * @param options Per-request options.
   * @returns The membership: `{team_id, user_id, role, status}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { team } = await client.createTeam({ display_name: "Ops", tier: "business" });
   * const { invitation } = await client.inviteMember("ada@example.com", "admin", {
   *   tenantId: team.tenant_id,
   * });
   * console.log((await client.acceptInvitation(invitation.token)).role); // "admin"
   * ```
   * @category Colony
   */
  acceptInvitation(
    token: string,
    options?: RequestOptions,
  ): AegisPromise<colonyTeams.AcceptedInvitation> {
    return colonyTeams.acceptInvitation(this, token, options);
  }

  /**
   * Lists the prices of every tier. Needs no credentials (sent without a token).
   * No credentials sent. Billing off -> `BillingNotConfiguredError` (501) on every billing call.
   *
   * Route: `GET /v1/billing/prices`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * for (const tier of (await client.listPrices()).tiers) console.log(tier.tier, tier.monthly?.amount);
   * ```
   * @category Billing
   */
  listPrices(options?: RequestOptions): AegisPromise<billing.PricingResponse> {
    return billing.listPrices(this, options);
  }

  /**
   * Creates a Stripe Checkout session; redirect the user to the returned `url`.
   * Takes one object; `success_url` and `cancel_url` required.
   *
   * Route: `POST /v1/billing/checkout`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { url } = await client.createCheckoutSession({
   *   price_id: "price_pro_monthly",
   *   success_url: "https://app.example/billing/ok",
   *   cancel_url: "https://app.example/billing/cancel",
   * });
   * console.log(url);
   * ```
   * @category Billing
   */
  createCheckoutSession(
    request: billing.CheckoutSessionRequest,
    options?: RequestOptions,
  ): AegisPromise<billing.SessionUrl> {
    return billing.createCheckoutSession(this, request, options);
  }

  /**
   * Creates a Stripe customer-portal session; redirect the user to the returned `url`.
   * `{return_url}` required.
   *
   * Route: `POST /v1/billing/portal`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { url } = await client.createPortalSession({ return_url: "https://app.example/settings" });
   * console.log(url);
   * ```
   * @category Billing
   */
  createPortalSession(
    request: billing.PortalSessionRequest,
    options?: RequestOptions,
  ): AegisPromise<billing.SessionUrl> {
    return billing.createPortalSession(this, request, options);
  }

  /**
   * Gets the caller's billing subscription.
   * No `stripe_customer_id`.
   *
   * Route: `GET /v1/billing/subscription`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const sub = await client.getSubscriptionBilling();
   * console.log(sub.tier, sub.status);
   * ```
   * @category Billing
   */
  getSubscriptionBilling(options?: RequestOptions): AegisPromise<billing.BillingSubscription> {
    return billing.getSubscriptionBilling(this, options);
  }

  /**
   * Lists the caller's invoices.
   * Fields `amount_due`, `amount_paid`, `invoice_pdf` (not `amount`, `pdf_url`).
   *
   * Route: `GET /v1/billing/invoices`
   *
   * @example
   * ```ts
   * import { AegisClient, BillingNotConfiguredError } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator({ billingConfigured: false });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getInvoices().catch((e) => console.log(e instanceof BillingNotConfiguredError)); // true
   * ```
   * @category Billing
   */
  getInvoices(options?: RequestOptions): AegisPromise<billing.InvoiceList> {
    return billing.getInvoices(this, options);
  }

  /**
   * Sets the number of extra seats on the caller's subscription (Stripe prorates the difference).
   * Setting the same number again changes nothing, so it is retried like a read.
   *
   * Route: `POST /v1/billing/seats`
   *
   * @param request `{extra_seats, seat_price_id}`.
   * @param options Per-request options.
   * @returns `{success: true, extra_seats}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * fake.platform.billingSubscription = { tier: "business", interval: "month", seats: 0 };
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const result = await client.updateSeats({ extra_seats: 2, seat_price_id: "price_business_seat_monthly" });
   * console.log(result.extra_seats); // 2
   * ```
   * @category Billing
   */
  updateSeats(
    request: billingPlan.UpdateSeatsRequest,
    options?: RequestOptions,
  ): AegisPromise<billingPlan.UpdateSeatsResponse> {
    return billingPlan.updateSeats(this, request, options);
  }

  /**
   * Previews a tier change: what it would do and what it costs now and at renewal. Changes
   * nothing.
   *
   * Route: `POST /v1/billing/preview-tier-change`
   *
   * @param request `{target_tier, billing_interval, seats?}` (`seats` counts all seats).
   * @param options Per-request options.
   * @returns The action, the amounts in cents and when a deferred change takes effect.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * fake.platform.billingSubscription = { tier: "pro", interval: "month", seats: 0 };
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const preview = await client.previewTierChange({ target_tier: "business", billing_interval: "month" });
   * console.log(preview.action); // "upgrade_immediate"
   * ```
   * @category Billing
   */
  previewTierChange(
    request: billingPlan.TierChangeRequest,
    options?: RequestOptions,
  ): AegisPromise<billingPlan.TierChangePreview> {
    return billingPlan.previewTierChange(this, request, options);
  }

  /**
   * Changes the plan's tier: upgrades apply and are charged now, downgrades and moves to `free`
   * take effect at the end of the period. Not retried automatically (it may charge).
   *
   * Route: `POST /v1/billing/change-tier`
   *
   * @param request `{target_tier, billing_interval, seats?}` (`seats` counts all seats).
   * @param options Per-request options.
   * @returns What was done, the amount charged and the proration invoice, if any.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * fake.platform.billingSubscription = { tier: "business", interval: "month", seats: 0 };
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const result = await client.changeTier({ target_tier: "free", billing_interval: "month" });
   * console.log(result.action); // "cancel_at_period_end"
   * ```
   * @category Billing
   */
  changeTier(
    request: billingPlan.TierChangeRequest,
    options?: RequestOptions,
  ): AegisPromise<billingPlan.TierChangeResult> {
    return billingPlan.changeTier(this, request, options);
  }

  /**
   * Gets the cluster's health and its nodes.
   *
   * Route: `GET /v1/cluster/status`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const status = await client.getClusterStatus();
   * console.log(status.cluster_health, status.total_nodes);
   * ```
   * @category Cluster and swarms
   */
  getClusterStatus(options?: RequestOptions): AegisPromise<cluster.ClusterStatus> {
    return cluster.getClusterStatus(this, options);
  }

  /**
   * Lists cluster nodes (`{source, items}`).
   *
   * Route: `GET /v1/cluster/nodes`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { items } = await client.getClusterNodes({ limit: 10 });
   * console.log(items.map((n) => n.node_id));
   * ```
   * @category Cluster and swarms
   */
  getClusterNodes(options?: cluster.ClusterNodesOptions): AegisPromise<cluster.ClusterNodeList> {
    return cluster.getClusterNodes(this, options);
  }

  /**
   * Lists swarms.
   * `{items}`, not `{swarms}`.
   *
   * Route: `GET /v1/swarms`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listSwarms({ limit: 50 })).items); // []
   * ```
   * @category Cluster and swarms
   */
  listSwarms(options?: swarms.ListSwarmsOptions): AegisPromise<swarms.SwarmList> {
    return swarms.listSwarms(this, options);
  }

  /**
   * Gets a swarm with its locks and recent messages. The server reports an unknown swarm as HTTP
   * 200 `{"error":"swarm not found"}`; that becomes a `NotFoundError` with `embedded: true`.
   *
   * Route: `GET /v1/swarms/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient, NotFoundError } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getSwarm(crypto.randomUUID()).catch((e) => console.log(e instanceof NotFoundError)); // true
   * ```
   * @category Cluster and swarms
   */
  getSwarm(swarmId: string, options?: RequestOptions): AegisPromise<swarms.SwarmDetail> {
    return swarms.getSwarm(this, swarmId, options);
  }

  /**
   * Gets the operator dashboard summary.
   * Operators only.
   *
   * Route: `GET /v1/dashboard/summary`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.getDashboardSummary()).cluster.cluster_health);
   * ```
   * @category Observability
   */
  getDashboardSummary(options?: RequestOptions): AegisPromise<observability.DashboardSummary> {
    return observability.getDashboardSummary(this, options);
  }

  /**
   * Lists recent security incidents.
   * `{items}`, not `{incidents}`.
   *
   * Route: `GET /v1/security/incidents`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listSecurityIncidents({ limit: 20 })).items);
   * ```
   * @category Observability
   */
  listSecurityIncidents(
    options?: observability.ObservabilityListOptions,
  ): AegisPromise<observability.SecurityIncidentList> {
    return observability.listSecurityIncidents(this, options);
  }

  /**
   * Lists storage-policy violations. A repository failure comes
   * back from the server as HTTP 200 `{error, items: []}`; it becomes an `AegisApiError` with
   * `embedded: true` instead of a misleading empty list.
   *
   * Route: `GET /v1/storage/violations`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listStorageViolations()).items);
   * ```
   * @category Observability
   */
  listStorageViolations(
    options?: observability.ObservabilityListOptions,
  ): AegisPromise<observability.StorageViolationList> {
    return observability.listStorageViolations(this, options);
  }

  /**
   * Lists learned patterns, optionally filtered by error signature.
   * `{items}`; filter `q`, `limit`.
   *
   * Route: `GET /v1/cortex/patterns`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listCortexPatterns({ q: "ModuleNotFoundError", limit: 5 })).items);
   * ```
   * @category Cortex
   */
  listCortexPatterns(
    options?: cortex.ListCortexPatternsOptions,
  ): AegisPromise<cortex.CortexPatternList> {
    return cortex.listCortexPatterns(this, options);
  }

  /**
   * Gets the skill inventory.
   * camelCase fields.
   *
   * Route: `GET /v1/cortex/skills`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.getCortexSkills()).items.map((s) => s.name));
   * ```
   * @category Cortex
   */
  getCortexSkills(options?: RequestOptions): AegisPromise<cortex.CortexSkillList> {
    return cortex.getCortexSkills(this, options);
  }

  /**
   * Gets Cortex metrics.
   * camelCase fields.
   *
   * Route: `GET /v1/cortex/metrics`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.getCortexMetrics()).totalPatterns);
   * ```
   * @category Cortex
   */
  getCortexMetrics(options?: RequestOptions): AegisPromise<cortex.CortexMetrics> {
    return cortex.getCortexMetrics(this, options);
  }

  /**
   * Gets the caller's rate-limit usage per resource and window.
   *
   * Route: `GET /v1/user/rate-limits/usage`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * for (const b of (await client.getUserRateLimitUsage()).usage) {
   *   console.log(b.resource_type, b.bucket, `${b.current_count}/${b.limit_value}`);
   * }
   * ```
   * @category User
   */
  getUserRateLimitUsage(options?: RequestOptions): AegisPromise<users.UserRateLimitUsage> {
    return users.getUserRateLimitUsage(this, options);
  }

  /**
   * Creates a tenant (sends `{slug, display_name, tier}`; `tier` defaults to `"enterprise"`).
   * Not served by the current orchestrator (404).
   *
   * Route: `POST /v1/admin/tenants`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const tenant = await client.createTenant("acme", "Acme Corp");
   * console.log(tenant.tier); // "enterprise"
   * ```
   * @deprecated The orchestrator does not serve `/v1/admin/tenants` (it answers 404: there is no
   * HTTP tenant-management API). The call is kept, as documented, for an orchestrator that adds it.
   * @category Admin
   */
  createTenant(
    slug: string,
    displayName: string,
    tier?: string,
    options?: RequestOptions,
  ): AegisPromise<admin.Tenant> {
    return admin.createTenant(this, slug, displayName, tier, options);
  }

  /**
   * Lists tenants. Not served by the current orchestrator (404).
   *
   * Route: `GET /v1/admin/tenants`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listTenants()).count); // 0
   * ```
   * @deprecated The orchestrator does not serve `/v1/admin/tenants` (it answers 404: there is no
   * HTTP tenant-management API). The call is kept, as documented, for an orchestrator that adds it.
   * @category Admin
   */
  listTenants(options?: RequestOptions): AegisPromise<admin.TenantList> {
    return admin.listTenants(this, options);
  }

  /**
   * Suspends a tenant. Not served by the current orchestrator (404).
   *
   * Route: `POST /v1/admin/tenants/{slug}/suspend`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.createTenant("acme", "Acme Corp");
   * console.log(await client.suspendTenant("acme")); // { status: "suspended", slug: "acme" }
   * ```
   * @deprecated The orchestrator does not serve `/v1/admin/tenants` (it answers 404: there is no
   * HTTP tenant-management API). The call is kept, as documented, for an orchestrator that adds it.
   * @category Admin
   */
  suspendTenant(slug: string, options?: RequestOptions): AegisPromise<admin.TenantStatusResponse> {
    return admin.suspendTenant(this, slug, options);
  }

  /**
   * Soft-deletes a tenant. Not served by the current orchestrator (404).
   *
   * Route: `DELETE /v1/admin/tenants/{slug}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.createTenant("acme", "Acme Corp");
   * console.log(await client.deleteTenant("acme")); // { status: "deleted", slug: "acme" }
   * ```
   * @deprecated The orchestrator does not serve `/v1/admin/tenants` (it answers 404: there is no
   * HTTP tenant-management API). The call is kept, as documented, for an orchestrator that adds it.
   * @category Admin
   */
  deleteTenant(slug: string, options?: RequestOptions): AegisPromise<admin.TenantStatusResponse> {
    return admin.deleteTenant(this, slug, options);
  }

  /**
   * Lists rate-limit overrides, optionally only those of one tenant or user.
   * Filter object `{tenantId?, userId?}` instead of two positional arguments.
   *
   * Route: `GET /v1/admin/rate-limits/overrides`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.listRateLimitOverrides({ tenantId: "acme" })).count); // 0
   * ```
   * @category Admin
   */
  listRateLimitOverrides(
    filter?: admin.RateLimitOverrideFilter,
    options?: RequestOptions,
  ): AegisPromise<admin.RateLimitOverrideList> {
    return admin.listRateLimitOverrides(this, filter, options);
  }

  /**
   * Creates or replaces (upserts) a rate-limit override. Exactly one of `tenant_id` and
   * `user_id` must be given: this is checked locally (`InvalidArgumentError`, nothing sent) as
   * well as by the server (400). Safe to repeat, so it is retried like a PUT.
   *
   * Route: `POST /v1/admin/rate-limits/overrides`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const override = await client.createRateLimitOverride({
   *   tenant_id: "acme", resource_type: "agent_execution", bucket: "hourly", limit_value: 500,
   * });
   * console.log(override.id);
   * ```
   * @category Admin
   */
  createRateLimitOverride(
    payload: admin.RateLimitOverrideInput,
    options?: RequestOptions,
  ): AegisPromise<admin.RateLimitOverride> {
    return admin.createRateLimitOverride(this, payload, options);
  }

  /**
   * Deletes a rate-limit override.
   *
   * Route: `DELETE /v1/admin/rate-limits/overrides/{id}`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.deleteRateLimitOverride(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Admin
   */
  deleteRateLimitOverride(
    overrideId: string,
    options?: RequestOptions,
  ): AegisPromise<admin.DeleteRateLimitOverrideResponse> {
    return admin.deleteRateLimitOverride(this, overrideId, options);
  }

  /**
   * Gets the usage counters of one scope (`scope_type` e.g. `"tenant"` or `"user"`).
   * Answer `{usage, count}`.
   *
   * Route: `GET /v1/admin/rate-limits/usage?scope_type=&scope_id=`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.getRateLimitUsage("tenant", "acme")).usage);
   * ```
   * @category Admin
   */
  getRateLimitUsage(
    scopeType: string,
    scopeId: string,
    options?: RequestOptions,
  ): AegisPromise<admin.RateLimitUsage> {
    return admin.getRateLimitUsage(this, scopeType, scopeId, options);
  }

  /**
   * Attests an agent key and opens a SEAL session. The route is outside
   * the JWT middleware but authenticates inside the handler, so the client's bearer token (a
   * Keycloak JWT, or an `aegis_...` API key given as `bearerToken`) is sent; without one the server
   * answers 401 `{"error":"unauthorized"}`.
   * Bearer token sent (authenticated in the handler); answer also has `status`, `expires_at`, `session_id`.
   *
   * Route: `POST /v1/seal/attest`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { Ed25519Key } from "@aegis/sdk/seal";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const key = await Ed25519Key.generate();
   * const session = await client.attestSeal({
   *   public_key: key.getPublicKeyBase64(), security_context: "aegis-system-operator",
   * });
   * console.log(session.security_token.split(".").length); // 3
   * ```
   * @category SEAL
   */
  attestSeal(
    payload: sealApi.SealAttestationRequest,
    options?: RequestOptions,
  ): AegisPromise<sealApi.SealAttestationResponse> {
    return sealApi.attestSeal(this, payload, options);
  }

  /**
   * Sends a signed envelope to `POST /v1/seal/invoke` and returns the tool's result as is.
   * Sent without credentials (the session token inside the envelope authenticates) and **never
   * retried**: the server's replay protection would reject the repeat. Every failure is a 400
   * `{error}` (`BadRequestError`). Pass the envelope object, or its exact JSON text when the
   * payload holds numbers whose text matters for the signature.
   *
   * Route: `POST /v1/seal/invoke`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createSealEnvelope, Ed25519Key } from "@aegis/sdk/seal";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const key = await Ed25519Key.generate();
   * const { security_token } = await client.attestSeal({
   *   public_key: key.getPublicKeyBase64(), security_context: "aegis-system-operator",
   * });
   * const envelope = await createSealEnvelope(security_token, {
   *   jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { hi: 1 } },
   * }, key);
   * console.log(await client.invokeSeal(envelope)); // { hi: 1 }
   * ```
   * @category SEAL
   */
  invokeSeal(
    envelope: sealApi.SealInvokeEnvelope | string,
    options?: RequestOptions,
  ): AegisPromise<sealApi.SealInvokeResult> {
    return sealApi.invokeSeal(this, envelope, options);
  }

  /**
   * Lists the SEAL tools, optionally for one security context (sent both as the
   * `X-Zaru-Security-Context` header, which the server prefers, and as the `security_context`
   * query parameter; a non-ASCII name, which a header cannot carry, goes in the query only).
   * Needs no credentials.
   * Tools describe their arguments in `inputSchema`.
   *
   * Route: `GET /v1/seal/tools`
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * const { tools } = await client.listSealTools("aegis-system-operator");
   * console.log(tools.map((t) => t.name));
   * ```
   * @category SEAL
   */
  listSealTools(
    securityContext?: string,
    options?: RequestOptions,
  ): AegisPromise<sealApi.SealToolsResponse> {
    return sealApi.listSealTools(this, securityContext, options);
  }

  /**
   * Binds a git repository: the server creates a volume and clones into it in the background
   * (HTTP 201, status `"Pending"`). Not retried automatically after a failure that may have
   * reached the server.
   *
   * Route: `POST /v1/storage/git`
   *
   * @param request `{repo_url, label, git_ref?, credential_binding_id?, sparse_paths?, auto_refresh?, shallow?}`.
   * @param options Per-request options.
   * @returns The new binding.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const binding = await client.createGitRepo({
   *   repo_url: "https://github.com/example/site.git", label: "site",
   *   git_ref: { type: "branch", value: "main" },
   * });
   * console.log(binding.status); // "Pending"
   * ```
   * @category Git repositories
   */
  createGitRepo(
    request: gitRepos.CreateGitRepoRequest,
    options?: RequestOptions,
  ): AegisPromise<gitRepos.GitRepoBinding> {
    return gitRepos.createGitRepo(this, request, options);
  }

  /**
   * Lists the caller's git repository bindings (bare array).
   *
   * Route: `GET /v1/storage/git`
   *
   * @param options Per-request options.
   * @returns The bindings.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listGitRepos()); // []
   * ```
   * @category Git repositories
   */
  listGitRepos(options?: RequestOptions): AegisPromise<gitRepos.GitRepoBinding[]> {
    return gitRepos.listGitRepos(this, options);
  }

  /**
   * Gets a git repository binding; poll it until `status` is `"Ready"` after creating one.
   *
   * Route: `GET /v1/storage/git/{id}`
   *
   * @param bindingId The binding id (UUID).
   * @param options Per-request options.
   * @returns The binding.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createGitRepo({ repo_url: "https://github.com/example/site.git", label: "site" });
   * console.log((await client.getGitRepo(id)).status); // "Ready"
   * ```
   * @category Git repositories
   */
  getGitRepo(bindingId: string, options?: RequestOptions): AegisPromise<gitRepos.GitRepoBinding> {
    return gitRepos.getGitRepo(this, bindingId, options);
  }

  /**
   * Deletes a git repository binding and its volume.
   *
   * Route: `DELETE /v1/storage/git/{id}`
   *
   * @param bindingId The binding id (UUID).
   * @param options Per-request options.
   * @returns `{success: true}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createGitRepo({ repo_url: "https://github.com/example/site.git", label: "site" });
   * console.log(await client.deleteGitRepo(id)); // { success: true }
   * ```
   * @category Git repositories
   */
  deleteGitRepo(
    bindingId: string,
    options?: RequestOptions,
  ): AegisPromise<gitRepos.GitRepoActionResponse> {
    return gitRepos.deleteGitRepo(this, bindingId, options);
  }

  /**
   * Fetches the tracked reference again and checks it out (safe to repeat).
   *
   * Route: `POST /v1/storage/git/{id}/refresh`
   *
   * @param bindingId The binding id (UUID).
   * @param options Per-request options.
   * @returns `{success: true}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createGitRepo({ repo_url: "https://github.com/example/site.git", label: "site" });
   * console.log(await client.refreshGitRepo(id)); // { success: true }
   * ```
   * @category Git repositories
   */
  refreshGitRepo(
    bindingId: string,
    options?: RequestOptions,
  ): AegisPromise<gitRepos.GitRepoActionResponse> {
    return gitRepos.refreshGitRepo(this, bindingId, options);
  }

  /**
   * Commits every change in the binding's working tree; a clean tree is a `ConflictError` (409).
   * Not retried automatically after a failure that may have reached the server.
   *
   * Route: `POST /v1/storage/git/{id}/commit`
   *
   * @param bindingId The binding id (UUID).
   * @param message The commit message.
   * @param options Per-request options.
   * @returns `{commit_sha}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createGitRepo({ repo_url: "https://github.com/example/site.git", label: "site" });
   * await client.commitGitRepo(id, "Update copy").catch((e) => console.log(e.status)); // 409: clean tree
   * ```
   * @category Git repositories
   */
  commitGitRepo(
    bindingId: string,
    message: string,
    options?: RequestOptions,
  ): AegisPromise<gitRepos.GitCommitResponse> {
    return gitRepos.commitGitRepo(this, bindingId, message, options);
  }

  /**
   * Pushes the binding's current branch (HTTP 204); retried like a read, since pushing what is
   * already pushed changes nothing.
   *
   * Route: `POST /v1/storage/git/{id}/push`
   *
   * @param bindingId The binding id (UUID).
   * @param options `remote` and `ref` to push to, and per-request options.
   * @returns Nothing, once pushed.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createGitRepo({ repo_url: "https://github.com/example/site.git", label: "site" });
   * await client.pushGitRepo(id, { remote: "origin", ref: "main" });
   * ```
   * @category Git repositories
   */
  pushGitRepo(bindingId: string, options?: gitRepos.PushGitRepoOptions): AegisPromise<void> {
    return gitRepos.pushGitRepo(this, bindingId, options);
  }

  /**
   * Gets the unified diff of the binding's working tree, or of its index with `staged`.
   *
   * Route: `GET /v1/storage/git/{id}/diff`
   *
   * @param bindingId The binding id (UUID).
   * @param options `staged`, and per-request options.
   * @returns `{diff}` (empty when nothing changed).
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createGitRepo({ repo_url: "https://github.com/example/site.git", label: "site" });
   * console.log((await client.diffGitRepo(id)).diff); // ""
   * ```
   * @category Git repositories
   */
  diffGitRepo(
    bindingId: string,
    options?: gitRepos.DiffGitRepoOptions,
  ): AegisPromise<gitRepos.GitDiff> {
    return gitRepos.diffGitRepo(this, bindingId, options);
  }

  /**
   * Saves a new script (HTTP 201, version 1); a name in use is a `ConflictError` (409). Not
   * retried automatically after a failure that may have reached the server.
   *
   * Route: `POST /v1/scripts`
   *
   * @param script `{name, code, description?, tags?, visibility?}`.
   * @param options Per-request options.
   * @returns The script.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const script = await client.createScript({ name: "hello", code: "print('hi')", tags: ["demo"] });
   * console.log(script.version); // 1
   * ```
   * @category Scripts
   */
  createScript(
    script: scripts.ScriptInput,
    options?: RequestOptions,
  ): AegisPromise<scripts.Script> {
    return scripts.createScript(this, script, options);
  }

  /**
   * Lists the caller's scripts (bare array), optionally by tag or text.
   *
   * Route: `GET /v1/scripts`
   *
   * @param options `tag`, `q`, and per-request options.
   * @returns The scripts.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listScripts({ tag: "demo" })); // []
   * ```
   * @category Scripts
   */
  listScripts(options?: scripts.ListScriptsOptions): AegisPromise<scripts.Script[]> {
    return scripts.listScripts(this, options);
  }

  /**
   * Gets a script with its version history.
   *
   * Route: `GET /v1/scripts/{id}`
   *
   * @param scriptId The script id (UUID).
   * @param options Per-request options.
   * @returns The script and its `versions`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createScript({ name: "hello", code: "print('hi')" });
   * console.log((await client.getScript(id)).versions.length); // 1
   * ```
   * @category Scripts
   */
  getScript(scriptId: string, options?: RequestOptions): AegisPromise<scripts.ScriptDetail> {
    return scripts.getScript(this, scriptId, options);
  }

  /**
   * Replaces a script's fields and saves a new version. Not retried automatically after a
   * failure that may have reached the server (a repeat would save another version).
   *
   * Route: `PUT /v1/scripts/{id}`
   *
   * @param scriptId The script id (UUID).
   * @param script `{name, code, description?, tags?}`; left-out fields are reset.
   * @param options Per-request options.
   * @returns The updated script.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createScript({ name: "hello", code: "print('hi')" });
   * const updated = await client.updateScript(id, { name: "hello", code: "print('hello')" });
   * console.log(updated.version); // 2
   * ```
   * @category Scripts
   */
  updateScript(
    scriptId: string,
    script: scripts.ScriptInput,
    options?: RequestOptions,
  ): AegisPromise<scripts.Script> {
    return scripts.updateScript(this, scriptId, script, options);
  }

  /**
   * Deletes a script (HTTP 204).
   *
   * Route: `DELETE /v1/scripts/{id}`
   *
   * @param scriptId The script id (UUID).
   * @param options Per-request options.
   * @returns Nothing, once deleted.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createScript({ name: "hello", code: "print('hi')" });
   * await client.deleteScript(id);
   * ```
   * @category Scripts
   */
  deleteScript(scriptId: string, options?: RequestOptions): AegisPromise<void> {
    return scripts.deleteScript(this, scriptId, options);
  }

  /**
   * Creates a canvas session with an ephemeral, persistent or git-linked workspace (HTTP 201).
   * Not retried automatically after a failure that may have reached the server.
   *
   * Route: `POST /v1/canvas/sessions`
   *
   * @param request `{workspace_mode, conversation_id?, git_binding_id?, name?}`.
   * @param options Per-request options.
   * @returns The session.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const session = await client.createCanvasSession({ workspace_mode: "Ephemeral", name: "Draft" });
   * console.log(session.status); // "Initializing"
   * ```
   * @category Canvas
   */
  createCanvasSession(
    request: canvas.CreateCanvasSessionRequest,
    options?: RequestOptions,
  ): AegisPromise<canvas.CanvasSession> {
    return canvas.createCanvasSession(this, request, options);
  }

  /**
   * Lists the caller's canvas sessions (bare array); archived ones only with `archived: true`.
   *
   * Route: `GET /v1/canvas/sessions`
   *
   * @param options `archived`, and per-request options.
   * @returns The sessions.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listCanvasSessions()); // []
   * ```
   * @category Canvas
   */
  listCanvasSessions(
    options?: canvas.ListCanvasSessionsOptions,
  ): AegisPromise<canvas.CanvasSession[]> {
    return canvas.listCanvasSessions(this, options);
  }

  /**
   * Gets a canvas session.
   *
   * Route: `GET /v1/canvas/sessions/{id}`
   *
   * @param sessionId The session id (UUID).
   * @param options Per-request options.
   * @returns The session.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createCanvasSession({ workspace_mode: "Ephemeral" });
   * console.log((await client.getCanvasSession(id)).workspace_mode); // "Ephemeral"
   * ```
   * @category Canvas
   */
  getCanvasSession(
    sessionId: string,
    options?: RequestOptions,
  ): AegisPromise<canvas.CanvasSession> {
    return canvas.getCanvasSession(this, sessionId, options);
  }

  /**
   * Renames, archives or unarchives a canvas session (safe to repeat; a name cannot be removed).
   *
   * Route: `PATCH /v1/canvas/sessions/{id}`
   *
   * @param sessionId The session id (UUID).
   * @param update `{name?, archived?}`; left-out fields are unchanged.
   * @param options Per-request options.
   * @returns The updated session.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createCanvasSession({ workspace_mode: "Ephemeral" });
   * console.log((await client.updateCanvasSession(id, { archived: true })).archived); // true
   * ```
   * @category Canvas
   */
  updateCanvasSession(
    sessionId: string,
    update: canvas.UpdateCanvasSessionRequest,
    options?: RequestOptions,
  ): AegisPromise<canvas.CanvasSession> {
    return canvas.updateCanvasSession(this, sessionId, update, options);
  }

  /**
   * Terminates a canvas session and releases an ephemeral workspace.
   *
   * Route: `DELETE /v1/canvas/sessions/{id}`
   *
   * @param sessionId The session id (UUID).
   * @param options Per-request options.
   * @returns `{success: true}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createCanvasSession({ workspace_mode: "Ephemeral" });
   * console.log(await client.deleteCanvasSession(id)); // { success: true }
   * ```
   * @category Canvas
   */
  deleteCanvasSession(
    sessionId: string,
    options?: RequestOptions,
  ): AegisPromise<canvas.CanvasActionResponse> {
    return canvas.deleteCanvasSession(this, sessionId, options);
  }

  /**
   * Streams a canvas session's live events (no history), each with its event name as `type`;
   * ends after `canvas_session_terminated` or when the server closes an idle stream.
   *
   * Route: `GET /v1/canvas/sessions/{id}/events`
   *
   * @param sessionId The session id (UUID).
   * @param options `idleTimeout`, and per-request options.
   * @returns The event stream (iterate it with `for await`).
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createCanvasSession({ workspace_mode: "Ephemeral" });
   * const events = await client.streamCanvasSession(id);
   * await client.deleteCanvasSession(id);
   * for await (const event of events) console.log(event.type); // "canvas_session_terminated"
   * ```
   * @category Canvas
   */
  streamCanvasSession(
    sessionId: string,
    options?: canvas.StreamCanvasSessionOptions,
  ): AegisPromise<EventStream<canvas.CanvasEvent>> {
    return canvas.streamCanvasSession(this, sessionId, options);
  }

  /**
   * Issues a one-time enrollment token for a new edge host. Not retried automatically after a
   * failure that may have reached the server.
   *
   * Route: `POST /v1/edge/enrollment-tokens`
   *
   * @param issuedTo Who or what the token is for.
   * @param options Per-request options.
   * @returns The token, its expiry and the enrollment command.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.createEnrollmentToken("build-box-1")).command_hint);
   * ```
   * @category Edge fleet
   */
  createEnrollmentToken(
    issuedTo: string,
    options?: RequestOptions,
  ): AegisPromise<edge.EnrollmentToken> {
    return edge.createEnrollmentToken(this, issuedTo, options);
  }

  /**
   * Lists the tenant's edge hosts (bare array).
   *
   * Route: `GET /v1/edge/hosts`
   *
   * @param options Per-request options.
   * @returns The hosts.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listEdgeHosts()); // []
   * ```
   * @category Edge fleet
   */
  listEdgeHosts(options?: RequestOptions): AegisPromise<edge.EdgeHost[]> {
    return edge.listEdgeHosts(this, options);
  }

  /**
   * Gets an edge host.
   *
   * Route: `GET /v1/edge/hosts/{id}`
   *
   * @param hostId The host's node id (UUID).
   * @param options Per-request options.
   * @returns The host.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const { id } = fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.getEdgeHost(id)).name); // "build-box-1"
   * ```
   * @category Edge fleet
   */
  getEdgeHost(hostId: string, options?: RequestOptions): AegisPromise<edge.EdgeHost> {
    return edge.getEdgeHost(this, hostId, options);
  }

  /**
   * Renames an edge host or changes its tags (safe to repeat).
   *
   * Route: `PATCH /v1/edge/hosts/{id}`
   *
   * @param hostId The host's node id (UUID).
   * @param update `{name?, tags?, add_tags?, remove_tags?}`.
   * @param options Per-request options.
   * @returns The updated host.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const { id } = fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.updateEdgeHost(id, { add_tags: ["gpu"] })).tags); // ["ci", "gpu"]
   * ```
   * @category Edge fleet
   */
  updateEdgeHost(
    hostId: string,
    update: edge.UpdateEdgeHostRequest,
    options?: RequestOptions,
  ): AegisPromise<edge.EdgeHost> {
    return edge.updateEdgeHost(this, hostId, update, options);
  }

  /**
   * Revokes an edge host (HTTP 204).
   *
   * Route: `DELETE /v1/edge/hosts/{id}`
   *
   * @param hostId The host's node id (UUID).
   * @param options Per-request options.
   * @returns Nothing, once revoked.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const { id } = fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.deleteEdgeHost(id);
   * ```
   * @category Edge fleet
   */
  deleteEdgeHost(hostId: string, options?: RequestOptions): AegisPromise<void> {
    return edge.deleteEdgeHost(this, hostId, options);
  }

  /**
   * Lists the tenant's edge groups (bare array).
   *
   * Route: `GET /v1/edge/groups`
   *
   * @param options Per-request options.
   * @returns The groups.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listEdgeGroups()); // []
   * ```
   * @category Edge fleet
   */
  listEdgeGroups(options?: RequestOptions): AegisPromise<edge.EdgeGroup[]> {
    return edge.listEdgeGroups(this, options);
  }

  /**
   * Creates an edge group; a name in use is a `ConflictError` (409). Selector fields left out
   * match anything.
   *
   * Route: `POST /v1/edge/groups`
   *
   * @param request `{name, selector, pinned_members?, created_by}`.
   * @param options Per-request options.
   * @returns The group.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const group = await client.createEdgeGroup({
   *   name: "linux-ci", selector: { os: "linux", tags: [{ Has: "ci" }] }, created_by: "ops",
   * });
   * console.log(group.selector.arch); // null
   * ```
   * @category Edge fleet
   */
  createEdgeGroup(
    request: edge.CreateEdgeGroupRequest,
    options?: RequestOptions,
  ): AegisPromise<edge.EdgeGroup> {
    return edge.createEdgeGroup(this, request, options);
  }

  /**
   * Gets an edge group.
   *
   * Route: `GET /v1/edge/groups/{id}`
   *
   * @param groupId The group id (UUID).
   * @param options Per-request options.
   * @returns The group.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createEdgeGroup({ name: "all", selector: {}, created_by: "ops" });
   * console.log((await client.getEdgeGroup(id)).name); // "all"
   * ```
   * @category Edge fleet
   */
  getEdgeGroup(groupId: string, options?: RequestOptions): AegisPromise<edge.EdgeGroup> {
    return edge.getEdgeGroup(this, groupId, options);
  }

  /**
   * Changes an edge group's name, selector or pinned members (safe to repeat).
   *
   * Route: `PATCH /v1/edge/groups/{id}`
   *
   * @param groupId The group id (UUID).
   * @param update `{name?, selector?, pinned_members?}`.
   * @param options Per-request options.
   * @returns The updated group.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createEdgeGroup({ name: "all", selector: {}, created_by: "ops" });
   * console.log((await client.updateEdgeGroup(id, { selector: { arch: "arm64" } })).selector.arch); // "arm64"
   * ```
   * @category Edge fleet
   */
  updateEdgeGroup(
    groupId: string,
    update: edge.UpdateEdgeGroupRequest,
    options?: RequestOptions,
  ): AegisPromise<edge.EdgeGroup> {
    return edge.updateEdgeGroup(this, groupId, update, options);
  }

  /**
   * Deletes an edge group (HTTP 204).
   *
   * Route: `DELETE /v1/edge/groups/{id}`
   *
   * @param groupId The group id (UUID).
   * @param options Per-request options.
   * @returns Nothing, once deleted.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { id } = await client.createEdgeGroup({ name: "all", selector: {}, created_by: "ops" });
   * await client.deleteEdgeGroup(id);
   * ```
   * @category Edge fleet
   */
  deleteEdgeGroup(groupId: string, options?: RequestOptions): AegisPromise<void> {
    return edge.deleteEdgeGroup(this, groupId, options);
  }

  /**
   * Resolves a fleet target to the hosts it names now, without running anything.
   *
   * Route: `POST /v1/edge/fleet/preview`
   *
   * @param target `"All"`, `{Node}`, `{Group}` or `{Selector}`.
   * @param options Per-request options.
   * @returns `{resolved}`: the node ids.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const { id } = fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log((await client.previewFleet("All")).resolved.length); // 1
   * ```
   * @category Edge fleet
   */
  previewFleet(target: edge.EdgeTarget, options?: RequestOptions): AegisPromise<edge.FleetPreview> {
    return edge.previewFleet(this, target, options);
  }

  /**
   * Invokes a tool on every host a target resolves to and streams the per-host events until
   * `Done`. Never retried automatically (it runs tools); breaking out of the loop does not stop
   * the operation (use `cancelFleet`).
   *
   * Route: `POST /v1/edge/fleet/invoke`
   *
   * @param request `{target, tool_name, args, security_context_name, mode?, ...}`.
   * @param options `idleTimeout`, and per-request options.
   * @returns The event stream (iterate it with `for await`).
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const { id } = fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const events = await client.invokeFleet({
   *   target: "All", tool_name: "cmd.run", args: { command: "uptime" }, security_context_name: "default",
   * });
   * for await (const event of events) if (event.type === "Done") console.log(event.summary.ok); // 1
   * ```
   * @category Edge fleet
   */
  invokeFleet(
    request: edge.FleetInvokeRequest,
    options?: edge.InvokeFleetOptions,
  ): AegisPromise<EventStream<edge.FleetEvent>> {
    return edge.invokeFleet(this, request, options);
  }

  /**
   * Cancels a running fleet operation (HTTP 204; 404 when it is not running). Not retried
   * automatically: a repeat after a cancel that worked would report 404.
   *
   * Route: `POST /v1/edge/fleet/{id}/cancel`
   *
   * @param fleetCommandId `fleet_command_id` of the operation's `Started` event.
   * @param options Per-request options.
   * @returns Nothing, once cancelled.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.cancelFleet(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Edge fleet
   */
  cancelFleet(fleetCommandId: string, options?: RequestOptions): AegisPromise<void> {
    return edge.cancelFleet(this, fleetCommandId, options);
  }

  /**
   * Lists past fleet runs: always empty, since the orchestrator keeps no run history.
   *
   * Route: `GET /v1/edge/fleet/runs`
   *
   * @param options Per-request options.
   * @returns `{runs: []}`.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * console.log(await client.listFleetRuns()); // { runs: [] }
   * ```
   * @category Edge fleet
   */
  listFleetRuns(options?: RequestOptions): AegisPromise<edge.FleetRunList> {
    return edge.listFleetRuns(this, options);
  }

  /**
   * Gets one past fleet run: always a `NotFoundError` (404), since no run history is kept.
   *
   * Route: `GET /v1/edge/fleet/runs/{id}`
   *
   * @param fleetCommandId The fleet command id (UUID).
   * @param options Per-request options.
   * @returns Never resolves successfully today.
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * await client.getFleetRun(crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
   * ```
   * @category Edge fleet
   */
  getFleetRun(fleetCommandId: string, options?: RequestOptions): AegisPromise<edge.FleetRunList> {
    return edge.getFleetRun(this, fleetCommandId, options);
  }
}
