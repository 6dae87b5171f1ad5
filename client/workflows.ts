/**
 * Workflow definitions: register (raw YAML), list, get, delete, versions, scope, run.
 *
 * @module
 */

import { prepareWorkflowYaml, type WorkflowManifestInput } from "./manifest_input.ts";
import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import { expectArray } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** Visibility scope of a workflow. */
export type WorkflowScope = "global" | "tenant";

/** One element of `GET /v1/workflows` (a bare array). */
export interface WorkflowSummary {
  /** Workflow UUID. */
  id: string;
  /** Name (`metadata.name`). */
  name: string;
  /** Version (`metadata.version`); `null` when the manifest has none. */
  version: string | null;
  /** Description; `null` when the manifest has none. */
  description: string | null;
  /** `"global"` or `"tenant"`. */
  scope: WorkflowScope;
  /** Always `"active"`. */
  status: "active";
  /** Labels of the manifest. */
  labels: Record<string, string>;
  /** RFC 3339 (`+00:00` form). */
  created_at: string;
  /** RFC 3339 (`+00:00` form); `null` until the workflow is updated. */
  updated_at: string | null;
  /** Owning tenant. */
  tenant_id: string;
  /** `metadata.input_schema` of the manifest; `null` when it has none. */
  input_schema: unknown;
  /** Executions started from this workflow. */
  execution_count: number;
}

/** `GET /v1/workflows/{name}`: the definition with its stored YAML. */
export interface WorkflowDetail {
  /** UUID. */
  id: string;
  /** Name (`metadata.name`). */
  name: string;
  /** Version (`metadata.version`); `null` when the manifest has none. */
  version: string | null;
  /** Description; `null` when the manifest has none. */
  description: string | null;
  /** `"global"` or `"tenant"`. */
  scope: WorkflowScope;
  /** Labels of the manifest. */
  labels: Record<string, string>;
  /** RFC 3339. */
  created_at: string;
  /** RFC 3339 (`+00:00` form); `null` until the workflow is updated. */
  updated_at: string | null;
  /** Owning tenant. */
  tenant_id: string;
  /** `metadata.input_schema` of the manifest; `null` when it has none. */
  input_schema: unknown;
  /** The manifest as registered (there is no separate `getWorkflowYaml`). */
  manifest_yaml: string;
}

/** `POST /v1/workflows` answer. */
export interface RegisterWorkflowResponse {
  /** Workflow UUID. */
  workflow_id: string;
  /** Name (`metadata.name`). */
  name: string;
  /** Version (`metadata.version`). */
  version: string;
  /** Always `"registered"`. */
  status: "registered";
  /** RFC 3339 `Z`. */
  registered_at: string;
}

/** One element of `GET /v1/workflows/{name}/versions` (a bare array). */
export interface WorkflowVersion {
  /** UUID. */
  id: string;
  /** Name (`metadata.name`). */
  name: string;
  /** Version (`metadata.version`); `null` when the manifest has none. */
  version: string | null;
  /** Description; `null` when the manifest has none. */
  description: string | null;
  /** `"global"` or `"tenant"`. */
  scope: WorkflowScope;
  /** RFC 3339. */
  created_at: string;
  /** Owning tenant. */
  tenant_id: string;
}

/** `POST /v1/workflows/{name}/scope` answer. */
export interface UpdateWorkflowScopeResponse {
  /** Workflow UUID. */
  workflow_id: string;
  /** Scope before the change. */
  previous_scope: WorkflowScope;
  /** Scope after the change. */
  new_scope: WorkflowScope;
}

/** `{success: true}` answer of deletes. */
export interface WorkflowDeleteResponse {
  /** Always `true`. */
  success: true;
}

/** Answer of `POST /v1/workflows/{name}/run` and `POST /v1/workflows/temporal/execute`. */
export interface WorkflowRunResponse {
  /** Workflow execution UUID (use it with the workflow-execution calls). */
  execution_id: string;
  /** Workflow UUID. */
  workflow_id: string;
  /** Temporal run id of the execution. */
  temporal_run_id: string;
  /** Always `"running"` (the run starts asynchronously). */
  status: "running";
  /** RFC 3339 `Z`. */
  started_at: string;
}

/** Options of {@link registerWorkflow}. */
export interface RegisterWorkflowOptions extends RequestOptions {
  /** Overwrite a workflow with the same name and version. */
  force?: boolean;
  /** `"global"` registers a global workflow (operators); default tenant scope. */
  scope?: WorkflowScope;
}

/** Options of {@link listWorkflows}. */
export interface ListWorkflowsOptions extends RequestOptions {
  /** `"global"` lists global workflows only. */
  scope?: WorkflowScope;
  /** Also list the global workflows visible to the tenant (server default false: tenant-owned only). */
  visible?: boolean;
}

/** Options of {@link runWorkflow}. */
export interface RunWorkflowOptions extends RequestOptions {
  /** Initial blackboard values. */
  blackboard?: unknown;
  /** Semantic intent label. */
  intent?: string;
  /** Run this registered version instead of the latest. */
  version?: string;
}

/** Body of `POST /v1/workflows/temporal/execute`. */
export interface ExecuteTemporalWorkflowRequest {
  /** Workflow name or UUID. */
  workflow_id: string;
  /** Workflow input (required; use `null` for none). */
  input: unknown;
  /** Initial blackboard values. */
  blackboard?: unknown;
  /** Registered version to run (default: latest). */
  version?: string;
  /** Semantic intent label. */
  intent?: string;
  /** Security context the execution runs under. */
  security_context_name?: string;
}

/**
 * Registers a workflow. The manifest (an object, or its JSON text) is validated locally first --
 * a `ManifestValidationError` lists every problem -- and then sent as YAML, which is what the
 * orchestrator parses. YAML text is read with `parseWorkflowManifest` from
 * `@aegis/sdk/manifest` (the client does not bundle a YAML parser; YAML text passed here is
 * refused with an `InvalidArgumentError` saying so). Repeated automatically after a lost
 * response only with `force`.
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
 */
export function registerWorkflow(
  core: AegisCore,
  manifest: WorkflowManifestInput,
  options: RegisterWorkflowOptions = {},
): AegisPromise<RegisterWorkflowResponse> {
  return AegisPromise.run(core, async (core) => {
    return await register(core, "/v1/workflows", manifest, options);
  });
}

/**
 * Registers a workflow through the `/v1/workflows/temporal/register` alias (same behaviour as
 * {@link registerWorkflow}).
 *
 * @example
 * ```ts
 * import { AegisCore, registerTemporalWorkflow } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const registered = await registerTemporalWorkflow(core, {
 *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "greet", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * console.log(registered.status); // "registered"
 * ```
 */
export function registerTemporalWorkflow(
  core: AegisCore,
  manifest: WorkflowManifestInput,
  options: RegisterWorkflowOptions = {},
): AegisPromise<RegisterWorkflowResponse> {
  return AegisPromise.run(core, async (core) => {
    return await register(core, "/v1/workflows/temporal/register", manifest, options);
  });
}

async function register(
  core: AegisCore,
  route: string,
  manifest: WorkflowManifestInput,
  options: RegisterWorkflowOptions,
): Promise<RegisterWorkflowResponse> {
  const yaml = prepareWorkflowYaml(manifest);
  return await core.request({
    method: "POST",
    path: route,
    query: { force: options.force, scope: options.scope === "global" ? "global" : undefined },
    body: yaml,
    contentType: "application/yaml",
    // Without force a repeat after a lost response would be refused as a duplicate.
    idempotent: options.force === true,
  }, options);
}

/**
 * Lists workflow definitions (a bare array; the server has no paging). By default only the
 * tenant's own workflows; `visible: true` adds the global ones.
 *
 * @example
 * ```ts
 * import { AegisCore, listWorkflows } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listWorkflows(core, { visible: true })); // []
 * ```
 */
export function listWorkflows(
  core: AegisCore,
  options: ListWorkflowsOptions = {},
): AegisPromise<WorkflowSummary[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: "/v1/workflows",
      query: { scope: options.scope === "global" ? "global" : undefined, visible: options.visible },
    }, options);
    return expectArray<WorkflowSummary>(body, "GET /v1/workflows");
  });
}

/**
 * Gets a workflow definition by name, including its `manifest_yaml`.
 *
 * @example
 * ```ts
 * import { AegisCore, getWorkflow } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getWorkflow(core, "no-such-workflow").catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getWorkflow(
  core: AegisCore,
  name: string,
  options?: RequestOptions,
): AegisPromise<WorkflowDetail> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "GET", path: path`/v1/workflows/${workflowName(name)}` },
      options,
    );
  });
}

/**
 * Deletes a workflow definition.
 *
 * @example
 * ```ts
 * import { AegisCore, deleteWorkflow } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await deleteWorkflow(core, "no-such-workflow").catch((e) => console.log(e.status)); // 404
 * ```
 */
export function deleteWorkflow(
  core: AegisCore,
  name: string,
  options?: RequestOptions,
): AegisPromise<WorkflowDeleteResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "DELETE", path: path`/v1/workflows/${workflowName(name)}` },
      options,
    );
  });
}

/**
 * Lists the registered versions of a workflow (a bare array).
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
 */
export function listWorkflowVersions(
  core: AegisCore,
  name: string,
  options?: RequestOptions,
): AegisPromise<WorkflowVersion[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: path`/v1/workflows/${workflowName(name)}/versions`,
    }, options);
    return expectArray<WorkflowVersion>(body, "GET /v1/workflows/{name}/versions");
  });
}

/**
 * Moves a workflow (by name or UUID) between tenant and global scope (sends `{target_scope}`).
 *
 * @example
 * ```ts
 * import { AegisCore, updateWorkflowScope } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await updateWorkflowScope(core, "no-such-workflow", "global").catch((e) => console.log(e.status));
 * ```
 */
export function updateWorkflowScope(
  core: AegisCore,
  name: string,
  targetScope: WorkflowScope,
  options?: RequestOptions,
): AegisPromise<UpdateWorkflowScopeResponse> {
  return AegisPromise.run(core, async (core) => {
    if (targetScope !== "global" && targetScope !== "tenant") {
      throw new InvalidArgumentError("targetScope", 'must be "global" or "tenant"');
    }
    return await core.request({
      method: "POST",
      path: path`/v1/workflows/${workflowName(name)}/scope`,
      json: { target_scope: targetScope },
      idempotent: true,
    }, options);
  });
}

/**
 * Starts a workflow execution by workflow name. `input` is required by the server (pass `null`
 * for none). Not repeated automatically except on 429/503 (the server may already have started it).
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
 */
export function runWorkflow(
  core: AegisCore,
  name: string,
  input: unknown,
  options: RunWorkflowOptions = {},
): AegisPromise<WorkflowRunResponse> {
  return AegisPromise.run(core, async (core) => {
    requireInput(input);
    return await core.request({
      method: "POST",
      path: path`/v1/workflows/${workflowName(name)}/run`,
      query: { version: options.version },
      json: { input, blackboard: options.blackboard, intent: options.intent },
    }, options);
  });
}

/**
 * Starts a workflow execution through `POST /v1/workflows/temporal/execute` (`workflow_id` is a
 * name or UUID; the tenant always comes from the token).
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
 */
export function executeTemporalWorkflow(
  core: AegisCore,
  request: ExecuteTemporalWorkflowRequest,
  options?: RequestOptions,
): AegisPromise<WorkflowRunResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.workflow_id !== "string" || request.workflow_id.length === 0) {
      throw new InvalidArgumentError("workflow_id", "must be a workflow name or UUID");
    }
    requireInput(request.input);
    return await core.request({
      method: "POST",
      path: "/v1/workflows/temporal/execute",
      json: request,
    }, options);
  });
}

/** The static `/v1/workflows/executions` routes shadow a workflow named `executions`. */
function workflowName(name: string): string {
  if (name === "executions") {
    throw new InvalidArgumentError(
      "name",
      "a workflow named 'executions' cannot be addressed by name: the orchestrator routes " +
        "/v1/workflows/executions to the workflow-execution list",
    );
  }
  return name;
}

function requireInput(input: unknown): void {
  if (input === undefined) {
    throw new InvalidArgumentError("input", "is required by the server; pass null for no input");
  }
}
