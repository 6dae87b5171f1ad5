/**
 * Fake `/v1/executions*` routes.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import {
  contentTypeFor,
  isUuid,
  jsonError,
  plainText,
  timestampZ,
  uuidParam,
} from "../internal/http.ts";
import { sseResponse } from "../internal/sse.ts";
import type { FakeExecution } from "../internal/state.ts";
import { liveEvents } from "../internal/live_events.ts";

/** Registers the execution routes. */
export function registerExecutionRoutes(app: Hono, ctx: FakeContext): void {
  const { state } = ctx;

  app.get("/v1/executions", (c) => {
    const agentId = c.req.query("agent_id");
    if (agentId !== undefined && !isUuid(agentId)) {
      return plainText(400, "Failed to deserialize query string: agent_id: UUID parsing failed");
    }
    const limitText = c.req.query("limit");
    if (limitText !== undefined && !/^\d+$/.test(limitText)) {
      return plainText(
        400,
        "Failed to deserialize query string: limit: invalid digit found in string",
      );
    }
    const workflowName = c.req.query("workflow_name");
    if (workflowName !== undefined) {
      return c.json({ error: `Workflow '${workflowName}' not found` });
    }
    const limit = Math.min(limitText === undefined ? 20 : Number(limitText), 1000);
    const list = [...state.executions.values()]
      .filter((e) => agentId === undefined || e.agentId === agentId.toLowerCase())
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, limit)
      .map((e) => ({
        id: e.id,
        agent_id: e.agentId,
        status: e.status,
        started_at: timestampZ(e.startedAt),
        ended_at: e.endedAt === undefined ? null : timestampZ(e.endedAt),
        tenant_id: e.tenantId,
      }));
    return c.json(list);
  });

  app.get("/v1/executions/:id", (c) => {
    const execution = find(c, 404);
    if (execution instanceof Response) return execution;
    return c.json({
      id: execution.id,
      agent_id: execution.agentId,
      status: execution.status,
      tenant_id: execution.tenantId,
    });
  });

  app.post("/v1/executions/:id/cancel", (c) => {
    const execution = find(c, 500);
    if (execution instanceof Response) return execution;
    state.cancel(execution);
    return c.json({ success: true });
  });

  app.delete("/v1/executions/:id", (c) => {
    const execution = find(c, 500);
    if (execution instanceof Response) return execution;
    state.cancel(execution);
    state.executions.delete(execution.id);
    return c.json({ success: true });
  });

  app.get("/v1/executions/:id/events", (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const follow = c.req.query("follow") !== "false";
    const execution = state.executions.get(id);
    return sseResponse(async function* (signal) {
      // Like the orchestrator: an unknown execution aborts the body right after the 200.
      if (!execution) throw new Error("execution not found");
      yield* liveEvents(
        ctx,
        signal,
        follow,
        (e) => e.execution_id === id,
        () => [...execution.events],
      );
    }, {
      keepAliveMs: ctx.keepAliveMs,
      signal: c.req.raw.signal,
      closing: ctx.closing,
    });
  });

  app.get("/v1/executions/:id/files/*", (c) => {
    const execution = find(c, 404);
    if (execution instanceof Response) return execution;
    const raw = new URL(c.req.url).pathname;
    const marker = `/files/`;
    const encoded = raw.slice(raw.indexOf(marker) + marker.length);
    let filePath: string;
    try {
      filePath = encoded.split("/").map(decodeURIComponent).join("/");
    } catch {
      return jsonError(422, "invalid path");
    }
    filePath = filePath.replace(/^\/?workspace\//, "");
    if (filePath.split("/").some((s) => s === ".." || s === "")) {
      return jsonError(422, "invalid path");
    }
    const file = execution.files.get(filePath);
    if (!file) return jsonError(404, `File not found: ${filePath}`);
    return new Response(file as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": contentTypeFor(filePath) },
    });
  });

  function find(c: Context, missingStatus: number): FakeExecution | Response {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    return state.executions.get(id) ?? jsonError(missingStatus, "Execution not found");
  }
}
