/**
 * Canvas sessions (`/v1/canvas/sessions*`): a workspace volume an agent and a user edit
 * together, ephemeral, persistent or linked to a git repository binding, and the session's
 * live event stream.
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

/**
 * Where the session's workspace lives: `"Ephemeral"` (released with the session),
 * `{Persistent: {volume_label}}` (kept under that label), or `{GitLinked: {binding_id}}` (the
 * working tree of a git repository binding).
 */
export type WorkspaceMode =
  | "Ephemeral"
  | { Persistent: { volume_label: string } }
  | { GitLinked: { binding_id: string } };

/** Session state (Rust `Debug` casing). */
export type CanvasSessionStatus = "Initializing" | "Ready" | "Idle" | "Terminated";

/** A canvas session. */
export interface CanvasSession {
  /** Session id (UUID). */
  id: string;
  /** Owning tenant. */
  tenant_id: string;
  /** Conversation the session belongs to. */
  conversation_id: string;
  /** Volume holding the workspace. */
  workspace_volume_id: string;
  /** Git repository binding of a git-linked session, else `null`. */
  git_binding_id: string | null;
  /** Workspace mode. */
  workspace_mode: WorkspaceMode;
  /** Current state. */
  status: CanvasSessionStatus;
  /** Name, or `null`. */
  name: string | null;
  /** True when archived (archived sessions are listed only on request). */
  archived: boolean;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last activity (RFC 3339). */
  last_active_at: string;
}

/** Body of {@link createCanvasSession}. */
export interface CreateCanvasSessionRequest {
  /** Workspace mode. */
  workspace_mode: WorkspaceMode;
  /** Conversation to attach to (the server makes a new one when omitted). */
  conversation_id?: string;
  /** Git binding; must match the one inside a `GitLinked` mode when both are given. */
  git_binding_id?: string;
  /** Name. */
  name?: string;
}

/** Body of {@link updateCanvasSession}: fields left out are unchanged. */
export interface UpdateCanvasSessionRequest {
  /**
   * New name. A name cannot be removed: the orchestrator reads `"name": null` as "unchanged",
   * so the SDK refuses `null` rather than send a request that would silently do nothing.
   */
  name?: string;
  /** Archive or unarchive. */
  archived?: boolean;
}

/** Options of {@link listCanvasSessions}. */
export interface ListCanvasSessionsOptions extends RequestOptions {
  /** Include archived sessions. */
  archived?: boolean;
}

/** `{success: true}`. */
export interface CanvasActionResponse {
  /** Always `true` on success. */
  success: true;
}

/**
 * One event of a canvas session's stream. The SSE event name is `type`; the server's payload
 * (`{"SessionCreated": {...}}`) is unwrapped into the other fields.
 */
export type CanvasEvent =
  | {
    /** The session was created. */
    type: "canvas_session_created";
    session_id: string;
    conversation_id: string;
    workspace_mode: WorkspaceMode;
    tenant_id: string;
    created_at: string;
  }
  | {
    /** An agent wrote files into the workspace. */
    type: "canvas_files_written_by_agent";
    session_id: string;
    file_count: number;
    written_at: string;
  }
  | {
    /** A commit was made in a git-linked workspace. */
    type: "canvas_git_commit_made";
    session_id: string;
    commit_sha: string;
    committed_at: string;
  }
  | {
    /** A git-linked workspace was pushed. */
    type: "canvas_git_pushed";
    session_id: string;
    remote: string;
    ref_name: string;
    pushed_at: string;
  }
  | {
    /** The session ended; the stream ends after this event. */
    type: "canvas_session_terminated";
    session_id: string;
    terminated_at: string;
  }
  | {
    /** The workspace volume is no longer attached to the session. */
    type: "canvas_workspace_volume_orphaned";
    session_id: string;
    volume_id: string;
    reason: string;
    observed_at: string;
  };

/** Options of {@link streamCanvasSession}. */
export interface StreamCanvasSessionOptions extends RequestOptions {
  /**
   * Fail after this many ms in which the server sends nothing (default 60 000; keep-alives
   * arrive every 20 s). Time your loop spends with an event does not count.
   */
  idleTimeout?: number;
}

/**
 * Creates a canvas session (HTTP 201). Not retried automatically after a failure that may have
 * reached the server (a repeat would create a second session and workspace).
 *
 * @example
 * ```ts
 * import { AegisCore, createCanvasSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const session = await createCanvasSession(core, { workspace_mode: "Ephemeral", name: "Draft" });
 * console.log(session.status); // "Initializing"
 * ```
 */
export function createCanvasSession(
  core: AegisCore,
  request: CreateCanvasSessionRequest,
  options?: RequestOptions,
): AegisPromise<CanvasSession> {
  return AegisPromise.run(core, async (core) => {
    const mode = request?.workspace_mode;
    const valid = mode === "Ephemeral" ||
      (typeof mode === "object" && mode !== null &&
        (typeof (mode as { Persistent?: { volume_label?: unknown } }).Persistent?.volume_label ===
            "string" ||
          typeof (mode as { GitLinked?: { binding_id?: unknown } }).GitLinked?.binding_id ===
            "string"));
    if (!valid) {
      throw new InvalidArgumentError(
        "workspace_mode",
        'must be "Ephemeral", {Persistent: {volume_label}} or {GitLinked: {binding_id}}',
      );
    }
    return await core.request({
      method: "POST",
      path: "/v1/canvas/sessions",
      json: {
        workspace_mode: mode,
        conversation_id: request.conversation_id,
        git_binding_id: request.git_binding_id,
        name: request.name,
      },
    }, options);
  });
}

/**
 * Lists the caller's canvas sessions (bare array); archived ones only with `archived: true`.
 *
 * @example
 * ```ts
 * import { AegisCore, listCanvasSessions } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listCanvasSessions(core, { archived: true })); // []
 * ```
 */
export function listCanvasSessions(
  core: AegisCore,
  options: ListCanvasSessionsOptions = {},
): AegisPromise<CanvasSession[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: "/v1/canvas/sessions",
      query: { archived: options.archived },
    }, options);
    return expectArray<CanvasSession>(body, "GET /v1/canvas/sessions");
  });
}

/**
 * Gets a canvas session (404 when it does not exist or belongs to someone else).
 *
 * @example
 * ```ts
 * import { AegisCore, createCanvasSession, getCanvasSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createCanvasSession(core, { workspace_mode: "Ephemeral" });
 * console.log((await getCanvasSession(core, id)).workspace_mode); // "Ephemeral"
 * ```
 */
export function getCanvasSession(
  core: AegisCore,
  sessionId: string,
  options?: RequestOptions,
): AegisPromise<CanvasSession> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      {
        method: "GET",
        path: path`/v1/canvas/sessions/${uuidArgument(sessionId, "sessionId", "canvas session")}`,
      },
      options,
    );
  });
}

/**
 * Renames, archives or unarchives a session (safe to repeat). Fields left out are unchanged; a
 * name cannot be removed once set (see {@link UpdateCanvasSessionRequest.name}).
 *
 * @example
 * ```ts
 * import { AegisCore, createCanvasSession, updateCanvasSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createCanvasSession(core, { workspace_mode: "Ephemeral", name: "Draft" });
 * const updated = await updateCanvasSession(core, id, { name: "Final", archived: true });
 * console.log(updated.name, updated.archived); // "Final" true
 * ```
 */
export function updateCanvasSession(
  core: AegisCore,
  sessionId: string,
  update: UpdateCanvasSessionRequest,
  options?: RequestOptions,
): AegisPromise<CanvasSession> {
  return AegisPromise.run(core, async (core) => {
    const { name, archived } = update ?? {};
    if (name !== undefined && typeof name !== "string") {
      throw new InvalidArgumentError(
        "name",
        "must be a string; a session's name cannot be removed (the server ignores null)",
      );
    }
    if (archived !== undefined && typeof archived !== "boolean") {
      throw new InvalidArgumentError("archived", "must be true or false");
    }
    const body = { name, archived };
    return await core.request({
      method: "PATCH",
      path: path`/v1/canvas/sessions/${uuidArgument(sessionId, "sessionId", "canvas session")}`,
      json: body,
      idempotent: true,
    }, options);
  });
}

/**
 * Terminates a session and releases an ephemeral workspace (`DELETE`).
 *
 * @example
 * ```ts
 * import { AegisCore, createCanvasSession, deleteCanvasSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createCanvasSession(core, { workspace_mode: "Ephemeral" });
 * console.log(await deleteCanvasSession(core, id)); // { success: true }
 * ```
 */
export function deleteCanvasSession(
  core: AegisCore,
  sessionId: string,
  options?: RequestOptions,
): AegisPromise<CanvasActionResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      {
        method: "DELETE",
        path: path`/v1/canvas/sessions/${uuidArgument(sessionId, "sessionId", "canvas session")}`,
      },
      options,
    );
  });
}

/**
 * Streams a session's live events (`GET /v1/canvas/sessions/{id}/events`). There is no
 * history: only events that happen while connected arrive. The iteration ends after
 * `canvas_session_terminated`, or when the server closes an idle stream (after two minutes
 * without activity on the server). Breaking out of the loop closes the connection.
 *
 * @example
 * ```ts
 * import { AegisCore, createCanvasSession, deleteCanvasSession, streamCanvasSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createCanvasSession(core, { workspace_mode: "Ephemeral" });
 * const events = await streamCanvasSession(core, id);
 * await deleteCanvasSession(core, id);
 * for await (const event of events) console.log(event.type); // "canvas_session_terminated"
 * ```
 */
export function streamCanvasSession(
  core: AegisCore,
  sessionId: string,
  options: StreamCanvasSessionOptions = {},
): AegisPromise<EventStream<CanvasEvent>> {
  return AegisPromise.run(core, async (core) => {
    return await openEventStream<CanvasEvent>(core, {
      method: "GET",
      path: path`/v1/canvas/sessions/${
        uuidArgument(sessionId, "sessionId", "canvas session")
      }/events`,
    }, {
      decode: decodeCanvasEvent,
      isTerminal: (event) => event.type === "canvas_session_terminated",
      idleTimeoutMs: options.idleTimeout ?? 60_000,
    }, options);
  });
}

const CANVAS_EVENT_VARIANTS: Record<string, string> = {
  canvas_session_created: "SessionCreated",
  canvas_files_written_by_agent: "FilesWrittenByAgent",
  canvas_git_commit_made: "GitCommitMade",
  canvas_git_pushed: "GitPushed",
  canvas_session_terminated: "SessionTerminated",
  canvas_workspace_volume_orphaned: "WorkspaceVolumeOrphaned",
};

function decodeCanvasEvent(message: SSEMessage): CanvasEvent {
  const variant = CANVAS_EVENT_VARIANTS[message.event];
  if (variant === undefined) {
    throw new AegisProtocolError(`canvas stream sent an unknown event '${message.event}'`);
  }
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch (error) {
    throw new AegisProtocolError("canvas stream sent an event that is not JSON", { cause: error });
  }
  const fields = (value as Record<string, unknown> | null)?.[variant];
  if (typeof fields !== "object" || fields === null) {
    throw new AegisProtocolError(`canvas stream event '${message.event}' has no ${variant} body`);
  }
  return { type: message.event, ...fields } as CanvasEvent;
}
