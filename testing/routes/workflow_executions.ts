/**
 * Fake `/v1/workflows/executions*` routes: workflow executions, signals, cancel, their stored
 * logs (`limit`/`offset`) and the live log stream (SSE, ends after the terminal event; an unknown
 * execution gets one `{"error": ...}` event).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  isUuid,
  jsonBody,
  jsonError,
  plainText,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";
import { sseResponse } from "../internal/sse.ts";
import type { FakeWorkflowEngine } from "../internal/workflows/engine.ts";
import {
  type FakeWorkflowExecution,
  type FakeWorkflowLogEvent,
  isTerminalLogEvent,
} from "../internal/workflows/types.ts";

const NOT_FOUND = "workflow execution not found";

/**
 * Registers the workflow-execution routes (before the workflow routes: these static paths must
 * win over `/v1/workflows/{name}`).
 */
export function registerWorkflowExecutionRoutes(app: Hono, ctx: FakeContext): void {
  const engine = ctx.workflows;

  app.get("/v1/workflows/executions", (c) => {
    const limit = lenientCount(c.req.query("limit")) ?? 20;
    const offset = lenientCount(c.req.query("offset")) ?? 0;
    const workflowIdText = c.req.query("workflow_id");
    const workflowId = workflowIdText !== undefined && isUuid(workflowIdText)
      ? workflowIdText.toLowerCase()
      : undefined;
    const list = [...engine.executions.values()]
      .filter((e) => workflowId === undefined || e.workflow.id === workflowId)
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(offset, offset + limit)
      .map((e) => ({
        execution_id: e.id,
        workflow_id: e.workflow.id,
        workflow_name: e.workflow.name,
        status: e.status,
        current_state: e.currentState,
        started_at: timestampZ(e.startedAt),
        last_transition_at: timestampZ(e.lastTransitionAt),
        tenant_id: e.tenantId,
      }));
    return c.json(list);
  });

  app.get("/v1/workflows/executions/:id", (c) => {
    const execution = findExecution(c);
    if (execution instanceof Response) return execution;
    return c.json({
      execution_id: execution.id,
      workflow_id: execution.workflow.id,
      workflow_name: execution.workflow.name,
      status: execution.status,
      current_state: execution.currentState,
      started_at: timestampZ(execution.startedAt),
      last_transition_at: timestampZ(execution.lastTransitionAt),
      blackboard: execution.blackboard,
      state_outputs: execution.stateOutputs,
      temporal_workflow_id: execution.temporalWorkflowId,
      temporal_run_id: execution.temporalRunId,
    });
  });

  app.delete("/v1/workflows/executions/:id", (c) => {
    const execution = findExecution(c);
    if (execution instanceof Response) return execution;
    engine.remove(execution);
    return c.json({ status: "removed", execution_id: execution.id });
  });

  app.post("/v1/workflows/executions/:id/signal", async (c) => {
    // This handler takes the id as a string: a non-UUID is simply not found.
    const id = c.req.param("id");
    const execution = isUuid(id) ? engine.executions.get(id.toLowerCase()) : undefined;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (!isObject(body.value) || !("response" in body.value)) {
      return unprocessable("missing field `response`");
    }
    if (typeof body.value.response !== "string") {
      return unprocessable("response: invalid type: expected a string");
    }
    if (!execution) return jsonError(404, NOT_FOUND);
    engine.signal(execution, body.value.response);
    return c.json({ status: "signal_sent", execution_id: execution.id }, 202);
  });

  app.post("/v1/workflows/executions/:id/cancel", (c) => {
    const execution = findExecution(c);
    if (execution instanceof Response) return execution;
    engine.cancel(execution);
    return c.json({ status: "cancel_requested", execution_id: execution.id }, 202);
  });

  app.get("/v1/workflows/executions/:id/logs", (c) => {
    const limit = strictCount(c.req.query("limit"), "limit");
    if (limit instanceof Response) return limit;
    const offset = strictCount(c.req.query("offset"), "offset");
    if (offset instanceof Response) return offset;
    const execution = findExecution(c);
    if (execution instanceof Response) return execution;
    const effectiveLimit = limit ?? 100;
    const effectiveOffset = offset ?? 0;
    const events = execution.logs.slice(effectiveOffset, effectiveOffset + effectiveLimit);
    return c.json({
      execution_id: execution.id,
      events,
      count: events.length,
      limit: effectiveLimit,
      offset: effectiveOffset,
    });
  });

  app.get("/v1/workflows/executions/:id/logs/stream", (c) => {
    const id = c.req.param("id");
    const execution = isUuid(id) ? engine.executions.get(id.toLowerCase()) : undefined;
    return sseResponse(async function* (signal) {
      if (!execution) {
        yield { error: NOT_FOUND };
        return;
      }
      yield* liveLog(engine, execution.id, signal);
    }, {
      keepAliveMs: ctx.keepAliveMs,
      signal: c.req.raw.signal,
      closing: ctx.closing,
    });
  });

  function findExecution(c: Context): FakeWorkflowExecution | Response {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    return engine.executions.get(id) ?? jsonError(404, NOT_FOUND);
  }
}

/** Live log events of one execution until (and including) its terminal event. */
async function* liveLog(
  engine: FakeWorkflowEngine,
  executionId: string,
  signal: AbortSignal,
): AsyncGenerator<FakeWorkflowLogEvent> {
  const queue: FakeWorkflowLogEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = engine.subscribe((event) => {
    if (event.execution_id !== executionId) return;
    queue.push(event);
    wake?.();
  });
  try {
    while (!signal.aborted) {
      while (queue.length > 0) {
        const event = queue.shift()!;
        yield event;
        if (isTerminalLogEvent(event)) return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      wake = undefined;
    }
  } finally {
    unsubscribe();
  }
}

/** `/v1/workflows/executions` parses its query leniently: bad values are ignored. */
function lenientCount(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Typed query structs answer a bad number with axum's plain-text 400. */
function strictCount(text: string | undefined, name: string): number | undefined | Response {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    return plainText(
      400,
      `Failed to deserialize query string: ${name}: invalid digit found in string`,
    );
  }
  return Number(text);
}
