/**
 * The edge fleet (`/v1/edge/*`): enrollment tokens for new edge hosts, the hosts themselves,
 * groups of hosts, and fleet operations (preview a target, invoke a tool on every host it
 * resolves to while streaming per-host results, cancel). These routes exist only on
 * orchestrators with a database; their errors are `{status, code, message}` bodies, mapped to
 * the usual typed errors with `code` `bad_request`, `not_found`, `conflict` or `internal`.
 * The tenant comes from the team context (`tenantId`) like colony calls.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { openEventStream } from "./core/open_stream.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { AegisProtocolError, InvalidArgumentError } from "../errors.ts";
import { expectArray } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { uuidArgument } from "./_ids.ts";
import type { SSEMessage } from "./core/sse.ts";
import type { EventStream } from "./core/stream.ts";

/** `POST /v1/edge/enrollment-tokens` answer. */
export interface EnrollmentToken {
  /** One-time enrollment token. */
  token: string;
  /** Expiry time (RFC 3339 with `+00:00`). */
  expires_at: string;
  /** Endpoint the edge daemon connects to. */
  controller_endpoint: string;
  /** Payload to render as a QR code for enrollment. */
  qr_payload: string;
  /** Shell command that enrolls a host with this token. */
  command_hint: string;
}

/** An enrolled edge host. */
export interface EdgeHost {
  /** Node id (UUID). */
  id: string;
  /** Display name (`edge-xxxxxxxx` when none was set). */
  name: string;
  /** Owning tenant. */
  tenant_id: string;
  /** `"active"`, `"draining"` or `"unhealthy"`. */
  status: string;
  /** True while the host holds a live connection to the orchestrator. */
  connected: boolean;
  /** Tags. */
  tags: string[];
  /** Operating system the host reported. */
  os: string;
  /** CPU architecture the host reported. */
  arch: string;
  /** Enrollment time (RFC 3339 with `+00:00`). */
  enrolled_at: string;
  /** Last heartbeat (RFC 3339 with `+00:00`), `null` before the first. */
  last_seen_at: string | null;
}

/** Body of {@link updateEdgeHost}: every field is optional. */
export interface UpdateEdgeHostRequest {
  /** New display name (must not be blank). */
  name?: string;
  /** Replace the tag set with this one. */
  tags?: string[];
  /** Tags to add. */
  add_tags?: string[];
  /** Tags to remove. */
  remove_tags?: string[];
}

/** A label condition: `{Equals: [key, value]}`, `{Exists: key}` or `{In: [key, values]}`. */
export type LabelMatch =
  | { Equals: [string, string] }
  | { Exists: string }
  | { In: [string, string[]] };

/** A tag condition. */
export type TagMatch =
  | { Has: string }
  | { AnyOf: string[] }
  | { AllOf: string[] }
  | { NoneOf: string[] };

/** Which hosts a selector matches, as returned by the server. */
export interface EdgeSelector {
  /** Operating system, or `null` for any. */
  os: string | null;
  /** Architecture, or `null` for any. */
  arch: string | null;
  /** Tools every matching host has. */
  tools: string[];
  /** Label conditions (all must hold). */
  labels: LabelMatch[];
  /** Tag conditions (all must hold). */
  tags: TagMatch[];
}

/** A selector as sent: fields left out match anything. */
export interface EdgeSelectorInput {
  /** Operating system. */
  os?: string | null;
  /** Architecture. */
  arch?: string | null;
  /** Tools every matching host has. */
  tools?: string[];
  /** Label conditions. */
  labels?: LabelMatch[];
  /** Tag conditions. */
  tags?: TagMatch[];
}

/** Which hosts a fleet operation targets. */
export type EdgeTarget =
  | "All"
  | { Node: string }
  | { Group: string }
  | { Selector: EdgeSelectorInput };

/** A group of edge hosts. */
export interface EdgeGroup {
  /** Group id (UUID). */
  id: string;
  /** Name (unique per tenant). */
  name: string;
  /** Owning tenant. */
  tenant_id: string;
  /** Hosts matching this selector belong to the group. */
  selector: EdgeSelector;
  /** Hosts that belong to the group whatever the selector says. */
  pinned_members: string[];
  /** Creator, as given when the group was created. */
  created_by: string;
  /** Creation time (RFC 3339 with `+00:00`). */
  created_at: string;
}

/** Body of {@link createEdgeGroup}. */
export interface CreateEdgeGroupRequest {
  /** Name (unique per tenant; a duplicate is a 409). */
  name: string;
  /** Selector of the group's hosts. */
  selector: EdgeSelectorInput;
  /** Hosts that always belong to the group (node ids; other values are ignored). */
  pinned_members?: string[];
  /** Who created the group (free text, required by the server). */
  created_by: string;
}

/** Body of {@link updateEdgeGroup}: fields left out are unchanged. */
export interface UpdateEdgeGroupRequest {
  /** New name. */
  name?: string;
  /** New selector. */
  selector?: EdgeSelectorInput;
  /** New pinned members. */
  pinned_members?: string[];
}

/** `POST /v1/edge/fleet/preview` answer. */
export interface FleetPreview {
  /** Node ids the target resolves to now. */
  resolved: string[];
}

/** Body of {@link invokeFleet}. */
export interface FleetInvokeRequest {
  /** Hosts to run on. */
  target: EdgeTarget;
  /** Tool to invoke on each host. */
  tool_name: string;
  /** Tool arguments (a JSON object). */
  args: Record<string, unknown>;
  /** Security context the tool runs under. */
  security_context_name: string;
  /** Caller's SEAL security token, forwarded to the hosts. */
  user_security_token?: string;
  /** One host at a time (default), all at once, or in batches of `batch`. */
  mode?: "sequential" | "parallel" | "rolling";
  /** Batch size of `"rolling"` mode (default 1). */
  batch?: number;
  /** Most hosts running at once. */
  max_concurrency?: number;
  /** Stop at the first failure (default), carry on, or stop after `stop_after` failures. */
  failure_policy?: "fail-fast" | "continue" | "stop-after";
  /** Failures tolerated by `"stop-after"` (default 1). */
  stop_after?: number;
  /** Refuse to start with fewer resolved hosts than this. */
  require_min_targets?: number;
  /** Per-host deadline in seconds (default 60). */
  deadline_secs?: number;
}

/** Totals of a finished fleet operation. */
export interface FleetSummary {
  /** Hosts that succeeded. */
  ok: number;
  /** Hosts that failed. */
  err: number;
  /** Hosts that ran out of time. */
  timed_out: number;
  /** Hosts skipped. */
  skipped: number;
}

/**
 * One event of a fleet operation. `type` is the server's variant name; its fields are
 * unwrapped next to it. The stream ends after `Done`.
 */
export type FleetEvent =
  | {
    /** The operation started; keep `fleet_command_id` to cancel it. */
    type: "Started";
    fleet_command_id: string;
    resolved: string[];
    /** `[node_id, reason]` pairs of hosts left out. */
    skipped: [string, string][];
  }
  | {
    /** A host started running the tool. */
    type: "NodeStarted";
    node_id: string;
  }
  | {
    /** Output from a host: `chunk` holds the raw bytes as numbers. */
    type: "NodeProgress";
    node_id: string;
    chunk: number[];
    stderr: boolean;
  }
  | {
    /** A host finished. */
    type: "NodeCompleted";
    node_id: string;
    ok: boolean;
    exit_code: number;
    error_kind: string | null;
    error_message: string | null;
  }
  | {
    /** The operation was cancelled. */
    type: "Cancelled";
    reason: string;
  }
  | {
    /** The operation finished (always the last event). */
    type: "Done";
    summary: FleetSummary;
  };

/** Options of {@link invokeFleet}. */
export interface InvokeFleetOptions extends RequestOptions {
  /**
   * Fail after this many ms in which the server sends nothing (default 45 000; keep-alives
   * arrive every 15 s). Time your loop spends with an event does not count.
   */
  idleTimeout?: number;
}

/** `GET /v1/edge/fleet/runs` answer (run history is not kept: always empty). */
export interface FleetRunList {
  /** Always empty. */
  runs: never[];
}

/**
 * Issues a one-time enrollment token for a new edge host. Not retried automatically after a
 * failure that may have reached the server (each call issues a new token).
 *
 * @example
 * ```ts
 * import { AegisCore, createEnrollmentToken } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { command_hint } = await createEnrollmentToken(core, "build-box-1");
 * console.log(command_hint);
 * ```
 */
export function createEnrollmentToken(
  core: AegisCore,
  issuedTo: string,
  options?: RequestOptions,
): AegisPromise<EnrollmentToken> {
  return AegisPromise.run(core, async (core) => {
    if (typeof issuedTo !== "string") {
      throw new InvalidArgumentError("issuedTo", "must be a string naming the host or its owner");
    }
    return await core.request({
      method: "POST",
      path: "/v1/edge/enrollment-tokens",
      json: { issued_to: issuedTo },
    }, options);
  });
}

/**
 * Lists the tenant's edge hosts (bare array; operators see every tenant's).
 *
 * @example
 * ```ts
 * import { AegisCore, listEdgeHosts } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * for (const host of await listEdgeHosts(core)) console.log(host.name, host.connected);
 * ```
 */
export function listEdgeHosts(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<EdgeHost[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({ method: "GET", path: "/v1/edge/hosts" }, options);
    return expectArray<EdgeHost>(body, "GET /v1/edge/hosts");
  });
}

/**
 * Gets an edge host.
 *
 * @example
 * ```ts
 * import { AegisCore, getEdgeHost } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const { id } = fake.edge.enrollHost({ name: "build-box-1" });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await getEdgeHost(core, id)).os); // "linux"
 * ```
 */
export function getEdgeHost(
  core: AegisCore,
  hostId: string,
  options?: RequestOptions,
): AegisPromise<EdgeHost> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/edge/hosts/${uuidArgument(hostId, "hostId", "edge host")}`,
    }, options);
  });
}

/**
 * Renames an edge host or changes its tags (safe to repeat).
 *
 * @example
 * ```ts
 * import { AegisCore, updateEdgeHost } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const { id } = fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const host = await updateEdgeHost(core, id, { add_tags: ["gpu"] });
 * console.log(host.tags); // ["ci", "gpu"]
 * ```
 */
export function updateEdgeHost(
  core: AegisCore,
  hostId: string,
  update: UpdateEdgeHostRequest,
  options?: RequestOptions,
): AegisPromise<EdgeHost> {
  return AegisPromise.run(core, async (core) => {
    if (
      update?.name !== undefined && (typeof update.name !== "string" || update.name.trim() === "")
    ) {
      throw new InvalidArgumentError("name", "must not be blank");
    }
    return await core.request({
      method: "PATCH",
      path: path`/v1/edge/hosts/${uuidArgument(hostId, "hostId", "edge host")}`,
      json: {
        name: update.name,
        tags: update.tags,
        add_tags: update.add_tags,
        remove_tags: update.remove_tags,
      },
      idempotent: true,
    }, options);
  });
}

/**
 * Revokes an edge host (HTTP 204, resolves with nothing).
 *
 * @example
 * ```ts
 * import { AegisCore, deleteEdgeHost } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const { id } = fake.edge.enrollHost({ name: "old-box" });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await deleteEdgeHost(core, id);
 * ```
 */
export function deleteEdgeHost(
  core: AegisCore,
  hostId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({
      method: "DELETE",
      path: path`/v1/edge/hosts/${uuidArgument(hostId, "hostId", "edge host")}`,
    }, options);
  });
}

/**
 * Lists the tenant's edge groups (bare array).
 *
 * @example
 * ```ts
 * import { AegisCore, listEdgeGroups } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listEdgeGroups(core)); // []
 * ```
 */
export function listEdgeGroups(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<EdgeGroup[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({ method: "GET", path: "/v1/edge/groups" }, options);
    return expectArray<EdgeGroup>(body, "GET /v1/edge/groups");
  });
}

/**
 * Creates an edge group (HTTP 200). A name already in use is refused with `ConflictError`
 * (409). Selector fields left out match anything.
 *
 * @example
 * ```ts
 * import { AegisCore, createEdgeGroup } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const group = await createEdgeGroup(core, {
 *   name: "linux-ci", selector: { os: "linux", tags: [{ Has: "ci" }] }, created_by: "ops",
 * });
 * console.log(group.selector.tools); // []
 * ```
 */
export function createEdgeGroup(
  core: AegisCore,
  request: CreateEdgeGroupRequest,
  options?: RequestOptions,
): AegisPromise<EdgeGroup> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.name !== "string" || request.name === "") {
      throw new InvalidArgumentError("name", "must be a non-empty string");
    }
    if (typeof request.created_by !== "string") {
      throw new InvalidArgumentError("created_by", "is required (a string)");
    }
    return await core.request({
      method: "POST",
      path: "/v1/edge/groups",
      json: {
        name: request.name,
        selector: selectorBody(request.selector, "selector"),
        pinned_members: request.pinned_members,
        created_by: request.created_by,
      },
    }, options);
  });
}

/**
 * Gets an edge group.
 *
 * @example
 * ```ts
 * import { AegisCore, createEdgeGroup, getEdgeGroup } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createEdgeGroup(core, { name: "all", selector: {}, created_by: "ops" });
 * console.log((await getEdgeGroup(core, id)).name); // "all"
 * ```
 */
export function getEdgeGroup(
  core: AegisCore,
  groupId: string,
  options?: RequestOptions,
): AegisPromise<EdgeGroup> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/edge/groups/${uuidArgument(groupId, "groupId", "edge group")}`,
    }, options);
  });
}

/**
 * Changes an edge group's name, selector or pinned members (safe to repeat).
 *
 * @example
 * ```ts
 * import { AegisCore, createEdgeGroup, updateEdgeGroup } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createEdgeGroup(core, { name: "all", selector: {}, created_by: "ops" });
 * const group = await updateEdgeGroup(core, id, { selector: { arch: "arm64" } });
 * console.log(group.selector.arch); // "arm64"
 * ```
 */
export function updateEdgeGroup(
  core: AegisCore,
  groupId: string,
  update: UpdateEdgeGroupRequest,
  options?: RequestOptions,
): AegisPromise<EdgeGroup> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "PATCH",
      path: path`/v1/edge/groups/${uuidArgument(groupId, "groupId", "edge group")}`,
      json: {
        name: update?.name,
        selector: update?.selector === undefined
          ? undefined
          : selectorBody(update.selector, "selector"),
        pinned_members: update?.pinned_members,
      },
      idempotent: true,
    }, options);
  });
}

/**
 * Deletes an edge group (HTTP 204, resolves with nothing).
 *
 * @example
 * ```ts
 * import { AegisCore, createEdgeGroup, deleteEdgeGroup } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createEdgeGroup(core, { name: "temp", selector: {}, created_by: "ops" });
 * await deleteEdgeGroup(core, id);
 * ```
 */
export function deleteEdgeGroup(
  core: AegisCore,
  groupId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({
      method: "DELETE",
      path: path`/v1/edge/groups/${uuidArgument(groupId, "groupId", "edge group")}`,
    }, options);
  });
}

/**
 * Resolves a fleet target to the hosts it names now, without running anything.
 *
 * @example
 * ```ts
 * import { AegisCore, previewFleet } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * fake.edge.enrollHost({ name: "build-box-1", tags: ["ci"] });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { resolved } = await previewFleet(core, { Selector: { tags: [{ Has: "ci" }] } });
 * console.log(resolved.length); // 1
 * ```
 */
export function previewFleet(
  core: AegisCore,
  target: EdgeTarget,
  options?: RequestOptions,
): AegisPromise<FleetPreview> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: "/v1/edge/fleet/preview",
      json: { target: targetBody(target) },
      idempotent: true,
    }, options);
  });
}

/**
 * Invokes a tool on every host the target resolves to and streams the per-host events
 * (`POST /v1/edge/fleet/invoke`, answered with SSE). The iteration ends after the `Done`
 * event; a connection that drops before it raises `AegisStreamInterruptedError`. Breaking
 * out of the loop closes the connection but does not stop the operation: call
 * {@link cancelFleet} with the `fleet_command_id` of the `Started` event for that. Never
 * retried automatically (it runs tools).
 *
 * @example
 * ```ts
 * import { AegisCore, invokeFleet } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * fake.edge.enrollHost({ name: "build-box-1" });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const events = await invokeFleet(core, {
 *   target: "All", tool_name: "cmd.run", args: { command: "uptime" },
 *   security_context_name: "default",
 * });
 * for await (const event of events) {
 *   if (event.type === "Done") console.log(event.summary.ok); // 1
 * }
 * ```
 */
export function invokeFleet(
  core: AegisCore,
  request: FleetInvokeRequest,
  options: InvokeFleetOptions = {},
): AegisPromise<EventStream<FleetEvent>> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.tool_name !== "string" || request.tool_name === "") {
      throw new InvalidArgumentError("tool_name", "must be a non-empty string");
    }
    if (typeof request.args !== "object" || request.args === null || Array.isArray(request.args)) {
      throw new InvalidArgumentError("args", "must be a JSON object");
    }
    if (typeof request.security_context_name !== "string") {
      throw new InvalidArgumentError("security_context_name", "is required (a string)");
    }
    const mode = request.mode === "sequential" ? undefined : request.mode;
    const failurePolicy = request.failure_policy === "fail-fast"
      ? undefined
      : request.failure_policy;
    return await openEventStream<FleetEvent>(core, {
      method: "POST",
      path: "/v1/edge/fleet/invoke",
      json: {
        target: targetBody(request.target),
        tool_name: request.tool_name,
        args: request.args,
        security_context_name: request.security_context_name,
        user_security_token: request.user_security_token,
        mode,
        batch: request.batch,
        max_concurrency: request.max_concurrency,
        failure_policy: failurePolicy,
        stop_after: request.stop_after,
        require_min_targets: request.require_min_targets,
        deadline_secs: request.deadline_secs,
      },
      idempotent: false,
    }, {
      decode: decodeFleetEvent,
      isTerminal: (event) => event.type === "Done",
      expectTerminal: true,
      idleTimeoutMs: options.idleTimeout ?? 45_000,
    }, options);
  });
}

/**
 * Cancels a running fleet operation (HTTP 204, resolves with nothing; 404 when it is not
 * running). Not retried automatically: a repeat after a cancel that worked would report 404.
 *
 * @example
 * ```ts
 * import { AegisCore, cancelFleet } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await cancelFleet(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function cancelFleet(
  core: AegisCore,
  fleetCommandId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({
      method: "POST",
      path: path`/v1/edge/fleet/${
        uuidArgument(fleetCommandId, "fleetCommandId", "fleet command")
      }/cancel`,
    }, options);
  });
}

/**
 * Lists past fleet runs. The orchestrator keeps no run history, so the list is always empty;
 * follow an operation through the events of {@link invokeFleet} instead.
 *
 * @example
 * ```ts
 * import { AegisCore, listFleetRuns } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listFleetRuns(core)); // { runs: [] }
 * ```
 */
export function listFleetRuns(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<FleetRunList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/edge/fleet/runs" }, options);
  });
}

/**
 * Gets one past fleet run. The orchestrator keeps no run history, so this always rejects with
 * `NotFoundError` (404, `fleet run history not retained server-side`); it exists so that
 * callers written against the route get that answer as a typed error.
 *
 * @example
 * ```ts
 * import { AegisCore, getFleetRun } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getFleetRun(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getFleetRun(
  core: AegisCore,
  fleetCommandId: string,
  options?: RequestOptions,
): AegisPromise<FleetRunList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      {
        method: "GET",
        path: path`/v1/edge/fleet/runs/${
          uuidArgument(fleetCommandId, "fleetCommandId", "fleet command")
        }`,
      },
      options,
    );
  });
}

/** The server requires every selector field but `os`/`arch`; fill them so nothing is refused. */
function selectorBody(selector: EdgeSelectorInput, name: string): EdgeSelector {
  if (typeof selector !== "object" || selector === null || Array.isArray(selector)) {
    throw new InvalidArgumentError(
      name,
      "must be an object ({os?, arch?, tools?, labels?, tags?})",
    );
  }
  return {
    os: selector.os ?? null,
    arch: selector.arch ?? null,
    tools: selector.tools ?? [],
    labels: selector.labels ?? [],
    tags: selector.tags ?? [],
  };
}

function targetBody(target: EdgeTarget): unknown {
  if (target === "All") return target;
  if (typeof target === "object" && target !== null) {
    if ("Node" in target && typeof target.Node === "string") return { Node: target.Node };
    if ("Group" in target && typeof target.Group === "string") return { Group: target.Group };
    if ("Selector" in target) {
      return { Selector: selectorBody(target.Selector, "target.Selector") };
    }
  }
  throw new InvalidArgumentError(
    "target",
    'must be "All", {Node: id}, {Group: id} or {Selector: {...}}',
  );
}

const FLEET_EVENT_TYPES = new Set([
  "Started",
  "NodeStarted",
  "NodeProgress",
  "NodeCompleted",
  "Cancelled",
  "Done",
]);

function decodeFleetEvent(message: SSEMessage): FleetEvent {
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch (error) {
    throw new AegisProtocolError("fleet stream sent an event that is not JSON", { cause: error });
  }
  const entries = typeof value === "object" && value !== null ? Object.entries(value) : [];
  if (
    entries.length !== 1 || !FLEET_EVENT_TYPES.has(entries[0][0]) ||
    typeof entries[0][1] !== "object" || entries[0][1] === null
  ) {
    throw new AegisProtocolError(
      `fleet stream sent an unknown event: ${message.data.slice(0, 200)}`,
    );
  }
  return { type: entries[0][0], ...entries[0][1] } as FleetEvent;
}
