/**
 * Fake `/v1/canvas/sessions*` routes and the session event stream.
 *
 * A session gets a workspace volume: a new `canvas-{id}` volume (ephemeral, released when the
 * session is terminated), the volume labelled `volume_label` (persistent, created if missing),
 * or the volume of a git binding (git-linked: 404 for an unknown binding, 409 while it is not
 * `"Ready"`). New sessions answer `"Initializing"` and are `"Ready"` from the next request on.
 * `DELETE` terminates (the session stays readable as `"Terminated"`). Commits and pushes on a
 * linked binding, and termination, are published on the session's stream as
 * `event: <name>` + `data: {"<Variant>": {...}}` with `: keep-alive` comments, like the
 * orchestrator; the stream has no history and ends after `canvas_session_terminated`.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { CanvasSession, WorkspaceMode } from "../../client/canvas.ts";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  isUuid,
  jsonBody,
  jsonError,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";

interface SessionEvent {
  name: string;
  payload: Record<string, unknown>;
}

type Subscriber = (event: SessionEvent) => void;

const WORKSPACE_BYTES = 1024 * 1024 * 1024;

/** Registers the canvas routes. */
export function registerCanvasRoutes(app: Hono, ctx: FakeContext): void {
  const gitRepos = ctx.gitRepos;
  const sessions = new Map<string, CanvasSession>();
  const subscribers = new Map<string, Set<Subscriber>>();
  const now = () => timestampZ(ctx.state.now());

  const publish = (sessionId: string, name: string, variant: string, fields: object) => {
    const event = { name, payload: { [variant]: { session_id: sessionId, ...fields } } };
    for (const subscriber of subscribers.get(sessionId) ?? []) subscriber(event);
  };
  const linkedSessions = (bindingId: string) =>
    [...sessions.values()].filter((s) =>
      s.git_binding_id === bindingId && s.status !== "Terminated"
    );
  gitRepos.onCommit((bindingId, sha) => {
    for (const s of linkedSessions(bindingId)) {
      publish(s.id, "canvas_git_commit_made", "GitCommitMade", {
        commit_sha: sha,
        committed_at: now(),
      });
    }
  });
  gitRepos.onPush((bindingId, remote, ref) => {
    for (const s of linkedSessions(bindingId)) {
      publish(s.id, "canvas_git_pushed", "GitPushed", {
        remote,
        ref_name: ref,
        pushed_at: now(),
      });
    }
  });

  const find = (c: Context): CanvasSession | Response => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const session = sessions.get(id);
    if (session === undefined) return jsonError(404, `canvas session not found: ${id}`);
    if (session.status === "Initializing") session.status = "Ready";
    return session;
  };

  app.post("/v1/canvas/sessions", async (c) => {
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body)) {
      return unprocessable("invalid type: expected struct CreateCanvasSessionRequest");
    }
    if (!("workspace_mode" in body)) return unprocessable("missing field `workspace_mode`");
    const mode = parseMode(body.workspace_mode);
    if (mode === undefined) {
      return unprocessable(
        "workspace_mode: unknown variant, expected one of `Ephemeral`, `Persistent`, `GitLinked`",
      );
    }
    for (const field of ["conversation_id", "git_binding_id"]) {
      const value = body[field];
      if (value !== undefined && value !== null && !(typeof value === "string" && isUuid(value))) {
        return unprocessable(`${field}: UUID parsing failed`);
      }
    }
    if (body.name !== undefined && body.name !== null && typeof body.name !== "string") {
      return unprocessable("name: invalid type: expected a string");
    }
    const topLevel = (body.git_binding_id as string | undefined | null)?.toLowerCase();
    const id = crypto.randomUUID();
    let volumeId: string;
    let bindingId: string | null = null;
    if (mode === "Ephemeral") {
      const volume = ctx.volumes.provision(`canvas-${id}`, WORKSPACE_BYTES);
      if (volume instanceof Response) return volume;
      volumeId = volume.id;
    } else if ("Persistent" in mode) {
      const label = mode.Persistent.volume_label;
      const existing = [...ctx.volumes.volumes.values()].find((v) => v.name === label);
      const volume = existing ?? ctx.volumes.provision(label, WORKSPACE_BYTES);
      if (volume instanceof Response) return volume;
      volumeId = volume.id;
    } else {
      bindingId = mode.GitLinked.binding_id.toLowerCase();
      if (topLevel !== undefined && topLevel !== bindingId) {
        return jsonError(
          400,
          "invalid command: git_binding_id does not match WorkspaceMode::GitLinked payload",
        );
      }
      const binding = gitRepos.bindings.get(bindingId)?.binding;
      if (binding === undefined) {
        return jsonError(404, `git repo binding not found: ${bindingId}`);
      }
      if (binding.status !== "Ready") return jsonError(409, "git repo binding not ready");
      volumeId = binding.volume_id;
    }
    const created = now();
    const session: CanvasSession = {
      id,
      tenant_id: ctx.tenantId,
      conversation_id: (body.conversation_id as string | undefined)?.toLowerCase() ??
        crypto.randomUUID(),
      workspace_volume_id: volumeId,
      git_binding_id: bindingId ?? topLevel ?? null,
      workspace_mode: mode,
      status: "Initializing",
      name: (body.name as string | undefined | null) ?? null,
      archived: false,
      created_at: created,
      last_active_at: created,
    };
    sessions.set(id, session);
    publish(id, "canvas_session_created", "SessionCreated", {
      conversation_id: session.conversation_id,
      workspace_mode: mode,
      tenant_id: ctx.tenantId,
      created_at: created,
    });
    return c.json({ ...session }, 201);
  });

  app.get("/v1/canvas/sessions", (c) => {
    const archived = c.req.query("archived");
    if (archived !== undefined && archived !== "true" && archived !== "false") {
      return new Response(
        "Failed to deserialize query string: archived: provided string was not `true` or `false`",
        { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } },
      );
    }
    const list = [...sessions.values()]
      .filter((s) => archived === "true" || !s.archived)
      .map((s) => {
        if (s.status === "Initializing") s.status = "Ready";
        return s;
      });
    return c.json(list);
  });

  app.get("/v1/canvas/sessions/:id", (c) => {
    const session = find(c);
    return session instanceof Response ? session : c.json(session);
  });

  app.patch("/v1/canvas/sessions/:id", async (c) => {
    const session = find(c);
    if (session instanceof Response) return session;
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body)) {
      return unprocessable("invalid type: expected struct UpdateCanvasSessionRequest");
    }
    if ("name" in body && body.name !== null && typeof body.name !== "string") {
      return unprocessable("name: invalid type: expected a string");
    }
    if ("archived" in body && body.archived !== null && typeof body.archived !== "boolean") {
      return unprocessable("archived: invalid type: expected a boolean");
    }
    // serde reads `"name": null` into `Option<Option<String>>` as None: unchanged, not cleared.
    if (typeof body.name === "string") session.name = body.name;
    if (typeof body.archived === "boolean") session.archived = body.archived;
    session.last_active_at = now();
    return c.json(session);
  });

  app.delete("/v1/canvas/sessions/:id", (c) => {
    const session = find(c);
    if (session instanceof Response) return session;
    if (session.status !== "Terminated") {
      session.status = "Terminated";
      if (session.workspace_mode === "Ephemeral") {
        ctx.volumes.volumes.delete(session.workspace_volume_id);
      }
      publish(session.id, "canvas_session_terminated", "SessionTerminated", {
        terminated_at: now(),
      });
    }
    return c.json({ success: true });
  });

  app.get("/v1/canvas/sessions/:id/events", (c) => {
    const session = find(c);
    if (session instanceof Response) return session;
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const keepAlive = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
          } catch {
            clearInterval(keepAlive);
          }
        }, ctx.keepAliveMs);
        const set = subscribers.get(session.id) ?? new Set();
        subscribers.set(session.id, set);
        const subscriber: Subscriber = (event) => {
          controller.enqueue(
            encoder.encode(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`),
          );
          if (event.name === "canvas_session_terminated") {
            cleanup();
            controller.close();
          }
        };
        set.add(subscriber);
        cleanup = () => {
          clearInterval(keepAlive);
          set.delete(subscriber);
        };
        c.req.raw.signal?.addEventListener("abort", () => cleanup(), { once: true });
        ctx.closing.addEventListener("abort", () => {
          cleanup();
          try {
            controller.error(new Error("the fake orchestrator closed"));
          } catch { /* already closed */ }
        }, { once: true });
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(body, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    });
  });
}

function parseMode(value: unknown): WorkspaceMode | undefined {
  if (value === "Ephemeral") return value;
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const inner = value[keys[0]];
  if (keys[0] === "Persistent" && isObject(inner) && typeof inner.volume_label === "string") {
    return { Persistent: { volume_label: inner.volume_label } };
  }
  if (
    keys[0] === "GitLinked" && isObject(inner) && typeof inner.binding_id === "string" &&
    isUuid(inner.binding_id)
  ) {
    return { GitLinked: { binding_id: inner.binding_id.toLowerCase() } };
  }
  return undefined;
}
