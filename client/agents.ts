/**
 * Agents: deploy, list, get, look up, update, delete, execute, versions, scope, events.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { openEventStream } from "./core/open_stream.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { EventStream } from "./core/stream.ts";
import { expectArray } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { type AgentEvent, decodeExecutionEvent } from "./events.ts";
import { agentIdArgument } from "./_ids.ts";
import { lookupOptions, rethrowNotFound } from "./_lookup.ts";
import { AegisApiError, ConflictError } from "./core/errors.ts";
import { type ManifestInput, prepareAgentManifest } from "./manifest_input.ts";

/** Agent lifecycle status (lower-case on the wire). */
export type AgentStatus = "active" | "paused" | "archived" | "failed";
/** Visibility scope. */
export type AgentScope = "global" | "tenant";

/** One element of `GET /v1/agents` (a bare array). */
export interface AgentSummary {
  /** Unique id (UUID). */
  id: string;
  /** Name. */
  name: string;
  /** Version string. */
  version: string;
  /** `""` when the manifest has none. */
  description: string;
  /** Current status. */
  status: AgentStatus;
  /** Metadata labels. */
  labels: Record<string, string>;
  /** Visibility scope. */
  scope: AgentScope;
  /** RFC 3339 (`+00:00` form). */
  created_at: string;
  /** Last update time (RFC 3339). */
  updated_at: string;
  /** Owning tenant. */
  tenant_id: string;
  /** Number of executions so far. */
  execution_count: number;
  /** JSON Schema the execution input must satisfy, if declared. */
  input_schema?: unknown;
}

/** `GET /v1/agents/{id}`. */
export interface AgentDetail extends Omit<AgentSummary, "execution_count"> {
  /** The stored manifest (the server writes `execution.max_iterations` as `max_retries`). */
  manifest: Record<string, unknown>;
  /** The stored manifest as YAML. */
  manifest_yaml: string;
}

/** `POST /v1/agents` answer. */
export interface DeployAgentResponse {
  /** Agent UUID. */
  agent_id: string;
}

/** `{success: true}` answers. */
export interface SuccessResponse {
  /** Always `true` on success. */
  success: true;
}

/** `GET /v1/agents/lookup/{name}` answer (only the id). */
export interface LookupAgentResponse {
  /** Unique id (UUID). */
  id: string;
}

/** One element of `GET /v1/agents/{id}/versions`. */
export interface AgentVersion {
  /** Unique id (UUID). */
  id: string;
  /** Version string. */
  version: string;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** The stored manifest as YAML. */
  manifest_yaml: string;
}

/** `POST /v1/agents/{id}/scope` answer. */
export interface UpdateAgentScopeResponse {
  /** Always `true` on success. */
  success: true;
  /** The scope after the change. */
  new_scope: AgentScope;
}

/** A file already uploaded to a volume, handed to an execution. */
export interface AttachmentRef {
  /** Volume UUID. */
  volume_id: string;
  /** Path inside the volume. */
  path: string;
  /** Name. */
  name: string;
  /** Content-sniffed MIME type. */
  mime_type: string;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the content, hex. */
  sha256?: string;
}

/** `POST /v1/agents/{id}/execute` answer. */
export interface ExecuteAgentResponse {
  /** Execution UUID. */
  execution_id: string;
}

/** Options of {@link deployAgent}. */
export interface DeployAgentOptions extends RequestOptions {
  /** Overwrite an agent with the same name and version (keeps its id). */
  force?: boolean;
  /** `"global"` deploys a global agent (operators); default tenant scope. */
  scope?: AgentScope;
}

/** Options of {@link listAgents}. */
export interface ListAgentsOptions extends RequestOptions {
  /** `"global"` lists global agents only. */
  scope?: AgentScope;
  /** Include global agents visible to the tenant (server default true). */
  visible?: boolean;
}

/** Options of {@link executeAgent} and `startExecution`. */
export interface ExecuteAgentOptions extends RequestOptions {
  /** Semantic intent label. */
  intent?: string;
  /** Context overrides for this execution. */
  contextOverrides?: unknown;
  /** Files previously uploaded to volumes. */
  attachments?: AttachmentRef[];
  /** Require this agent version (409 on mismatch). */
  version?: string;
}

/** Options of {@link streamAgentEvents}. */
export interface StreamAgentEventsOptions extends RequestOptions {
  /**
   * Keep streaming live events after the history (default `true`, like `streamExecution`; the
   * SDK sends it explicitly because the server's own default is history only). An agent stream
   * has no terminal event: break out of the loop or call `close()` to stop. With `false` the
   * stream ends after the history of the agent's latest executions.
   */
  follow?: boolean;
  /** Also forward events that resolve to no agent. */
  verbose?: boolean;
  /**
   * Fail after this many ms in which the server sends nothing (default 45 000; keep-alives
   * arrive every 15 s). Time your loop spends with an event does not count.
   */
  idleTimeout?: number;
}

/**
 * Deploys an agent from a manifest object (or its JSON text). The manifest is validated locally
 * first (a `ManifestValidationError` lists every problem), then sent as JSON. YAML is read with
 * `parseManifest` from `@aegis/sdk/manifest`, so that apps deploying from code do not bundle a
 * YAML parser; YAML text passed here is refused with an `InvalidArgumentError` saying so.
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
 */
export function deployAgent(
  core: AegisCore,
  manifest: ManifestInput,
  options: DeployAgentOptions = {},
): AegisPromise<DeployAgentResponse> {
  return AegisPromise.run(core, async (core) => {
    const json = prepareAgentManifest(manifest);
    try {
      return await core.request({
        method: "POST",
        path: "/v1/agents",
        query: { force: options.force, scope: options.scope === "global" ? "global" : undefined },
        json,
        // Deploying the same name+version again is refused or (with force) overwrites: safe.
        idempotent: true,
      }, options);
    } catch (error) {
      throw duplicateDeployError(error) ?? error;
    }
  });
}

/**
 * The orchestrator refuses a second deploy of the same name and version with a 500 whose
 * message names the CLI flag (`--force`); SDK users need the option instead.
 */
function duplicateDeployError(error: unknown): ConflictError | undefined {
  if (!(error instanceof AegisApiError) || error instanceof ConflictError) return undefined;
  const message = error.serverMessage ?? "";
  if (!/already deployed/i.test(message)) return undefined;
  const what = message.replace(/\s*Use --force to overwrite it\.?\s*$/i, "");
  return new ConflictError({
    status: error.status,
    method: error.method,
    path: error.path,
    code: error.code,
    serverMessage: `${what} Pass { force: true } to deployAgent to overwrite it, or deploy ` +
      `under a new metadata.version.`,
    body: error.body,
    headers: error.headers,
    requestId: error.requestId,
  });
}

/**
 * Lists agents (the server returns a bare array; there is no paging).
 *
 * @example
 * ```ts
 * import { AegisCore, listAgents } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listAgents(core)).length); // 0
 * ```
 */
export function listAgents(
  core: AegisCore,
  options: ListAgentsOptions = {},
): AegisPromise<AgentSummary[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: "/v1/agents",
      query: { scope: options.scope === "global" ? "global" : undefined, visible: options.visible },
    }, options);
    return expectArray<AgentSummary>(body, "GET /v1/agents");
  });
}

/**
 * Gets one agent with its manifest.
 *
 * @example
 * ```ts
 * import { AegisCore, getAgent, NotFoundError } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getAgent(core, crypto.randomUUID()).catch((e) => console.log(e instanceof NotFoundError));
 * ```
 */
export function getAgent(
  core: AegisCore,
  agentId: string,
  options?: RequestOptions,
): AegisPromise<AgentDetail> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    return await core.request({ method: "GET", path: path`/v1/agents/${id}` }, options);
  });
}

/**
 * Resolves an agent name to its id.
 *
 * @example
 * ```ts
 * import { AegisCore, lookupAgent } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await lookupAgent(core, "no-such-agent").catch((e) => console.log(e.status)); // 404
 * ```
 */
export function lookupAgent(
  core: AegisCore,
  name: string,
  options?: RequestOptions,
): AegisPromise<LookupAgentResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: path`/v1/agents/lookup/${name}` }, options);
  });
}

/**
 * Replaces an agent's manifest. The server needs the **complete** manifest (it is not a partial
 * patch); it is validated locally like {@link deployAgent}.
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
 */
export function updateAgent(
  core: AegisCore,
  agentId: string,
  manifest: ManifestInput,
  options?: RequestOptions,
): AegisPromise<SuccessResponse> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    const json = prepareAgentManifest(manifest);
    return await core.request({
      method: "PATCH",
      path: path`/v1/agents/${id}`,
      json,
      idempotent: true,
    }, options);
  });
}

/**
 * Deletes an agent.
 *
 * @example
 * ```ts
 * import { AegisCore, deleteAgent } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await deleteAgent(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function deleteAgent(
  core: AegisCore,
  agentId: string,
  options?: RequestOptions,
): AegisPromise<SuccessResponse> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    return await core.request({ method: "DELETE", path: path`/v1/agents/${id}` }, options);
  });
}

/**
 * Starts an execution of an agent (`POST /v1/agents/{id}/execute`). `input` may be a string or
 * any JSON value. Not retried automatically except on 429/503 (the server may already have
 * started it).
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
 */
export function executeAgent(
  core: AegisCore,
  agentId: string,
  input: unknown,
  options: ExecuteAgentOptions = {},
): AegisPromise<ExecuteAgentResponse> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    return await core.request({
      method: "POST",
      path: path`/v1/agents/${id}/execute`,
      query: { version: options.version },
      json: {
        input,
        intent: options.intent,
        context_overrides: options.contextOverrides,
        attachments: options.attachments,
      },
    }, options);
  });
}

/**
 * Lists an agent's stored versions (bare array).
 *
 * @example
 * ```ts
 * import { AegisCore, listAgentVersions } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await listAgentVersions(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function listAgentVersions(
  core: AegisCore,
  agentId: string,
  options?: RequestOptions,
): AegisPromise<AgentVersion[]> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    const body = await core.request(
      { method: "GET", path: path`/v1/agents/${id}/versions` },
      options,
    );
    return expectArray<AgentVersion>(body, "GET /v1/agents/{id}/versions");
  });
}

/**
 * Moves an agent between tenant and global scope (sends `{target_scope}`).
 *
 * @example
 * ```ts
 * import { AegisCore, updateAgentScope } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await updateAgentScope(core, crypto.randomUUID(), "global").catch((e) => console.log(e.status));
 * ```
 */
export function updateAgentScope(
  core: AegisCore,
  agentId: string,
  targetScope: AgentScope,
  options?: RequestOptions,
): AegisPromise<UpdateAgentScopeResponse> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    return await core.request({
      method: "POST",
      path: path`/v1/agents/${id}/scope`,
      json: { target_scope: targetScope },
      idempotent: true,
    }, options);
  });
}

/**
 * Streams an agent's activity: the history of its latest executions, then (unless
 * `follow: false`) live events until you break out of the loop or close the stream.
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
 */
export function streamAgentEvents(
  core: AegisCore,
  agentId: string,
  options: StreamAgentEventsOptions = {},
): AegisPromise<EventStream<AgentEvent>> {
  return AegisPromise.run(core, async (core) => {
    const id = agentIdArgument(agentId);
    return await openEventStream<AgentEvent>(core, {
      method: "GET",
      path: path`/v1/agents/${id}/events`,
      query: { follow: options.follow ?? true, verbose: options.verbose ? true : undefined },
    }, {
      decode: decodeExecutionEvent,
      idleTimeoutMs: options.idleTimeout ?? 45_000,
      checkEmptyEnd: () => rethrowNotFound(getAgent(core, id, lookupOptions(options))),
    }, options);
  });
}
