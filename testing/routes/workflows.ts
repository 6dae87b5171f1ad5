/**
 * Fake `/v1/workflows*` routes: definitions (raw YAML registration), runs, workflow executions,
 * their stored logs (`limit`/`offset`) and the live log stream (SSE, ends after the terminal
 * event; an unknown execution gets one `{"error": …}` event).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { FakeContext } from "../context.ts";
import {
  isObject,
  isUuid,
  jsonBody,
  jsonError,
  plainText,
  timestampOffset,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../http.ts";
import { sseResponse } from "../sse.ts";
import {
  type FakeWorkflow,
  type FakeWorkflowEngine,
  type FakeWorkflowExecution,
  type FakeWorkflowLogEvent,
  isTerminalLogEvent,
} from "../workflow_engine.ts";

const NOT_FOUND = "workflow execution not found";

/** Registers the workflow and workflow-execution routes. */
export function registerWorkflowRoutes(
  app: Hono,
  ctx: FakeContext,
  engine: FakeWorkflowEngine,
): void {
  // Static `/v1/workflows/executions*` routes first: they win over `/v1/workflows/{name}`.
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
    }, { keepAliveMs: ctx.keepAliveMs, signal: c.req.raw.signal });
  });

  app.post("/v1/workflows", (c) => register(c));
  app.post("/v1/workflows/temporal/register", (c) => register(c));

  app.post("/v1/workflows/temporal/execute", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const value = body.value;
    if (!isObject(value)) {
      return unprocessable("invalid type: expected struct ExecuteWorkflowRequest");
    }
    if (typeof value.workflow_id !== "string") return unprocessable("missing field `workflow_id`");
    if (!("input" in value)) return unprocessable("missing field `input`");
    return start(
      c,
      value.workflow_id,
      value,
      typeof value.version === "string" ? value.version : undefined,
    );
  });

  app.get("/v1/workflows", (c) => {
    const globalOnly = c.req.query("scope") === "global";
    const visible = c.req.query("visible") === "true";
    const list = [...engine.workflows.values()]
      .filter((w) => globalOnly ? w.scope === "global" : w.scope === "tenant" || visible)
      .map((w) => ({
        ...workflowView(w),
        status: "active",
        execution_count: [...engine.executions.values()].filter((e) => e.workflow === w).length,
      }));
    return c.json(list);
  });

  app.get("/v1/workflows/:name", (c) => {
    const workflow = engine.find(c.req.param("name"));
    if (!workflow) return jsonError(404, `Workflow '${c.req.param("name")}' not found`);
    return c.json({ ...workflowView(workflow), manifest_yaml: workflow.manifestYaml });
  });

  app.delete("/v1/workflows/:name", (c) => {
    const workflow = engine.find(c.req.param("name"));
    if (!workflow) return jsonError(404, "not found");
    engine.workflows.delete(workflow.id);
    return c.json({ success: true });
  });

  app.get("/v1/workflows/:name/versions", (c) => {
    const workflow = engine.find(c.req.param("name"));
    if (!workflow) return jsonError(404, `Workflow '${c.req.param("name")}' not found`);
    return c.json(workflow.versions.map((v) => ({
      id: v.id,
      name: workflow.name,
      version: v.version,
      ...(workflow.description === undefined ? {} : { description: workflow.description }),
      scope: workflow.scope,
      created_at: timestampOffset(v.createdAt),
      tenant_id: workflow.tenantId,
    })));
  });

  app.post("/v1/workflows/:name/scope", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const target = isObject(body.value) ? body.value.target_scope : undefined;
    if (target !== "global" && target !== "tenant") {
      return jsonError(400, "target_scope must be 'global' or 'tenant'");
    }
    const workflow = engine.find(c.req.param("name"));
    if (!workflow) return jsonError(404, `Workflow '${c.req.param("name")}' not found`);
    const clash = engine.findByName(workflow.name, target);
    if (clash && clash !== workflow) {
      return c.json({
        error: `A ${target} workflow named '${workflow.name}' already exists`,
        existing_id: clash.id,
      }, 409);
    }
    const previous = workflow.scope;
    workflow.scope = target;
    workflow.updatedAt = engine.now();
    return c.json({ workflow_id: workflow.id, previous_scope: previous, new_scope: target });
  });

  app.post("/v1/workflows/:name/run", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (!isObject(body.value)) {
      return unprocessable("invalid type: expected struct RunWorkflowRequest");
    }
    if (!("input" in body.value)) return unprocessable("missing field `input`");
    return start(c, c.req.param("name"), body.value, c.req.query("version"));
  });

  async function register(c: Context): Promise<Response> {
    let yaml: string;
    try {
      yaml = new TextDecoder("utf-8", { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      return plainText(400, "Request body didn't contain valid UTF-8");
    }
    const result = engine.register(yaml, {
      force: c.req.query("force") === "true",
      scope: c.req.query("scope") === "global" ? "global" : "tenant",
    });
    if (typeof result === "string") return jsonError(400, `Failed to register workflow: ${result}`);
    return c.json({
      workflow_id: result.id,
      name: result.name,
      version: result.version,
      status: "registered",
      registered_at: timestampZ(result.updatedAt ?? result.createdAt),
    });
  }

  function start(
    c: Context,
    nameOrId: string,
    body: Record<string, unknown>,
    version: string | undefined,
  ): Response {
    const workflow = engine.find(nameOrId);
    if (!workflow) {
      return jsonError(400, `Failed to start workflow execution: Workflow '${nameOrId}' not found`);
    }
    if (version !== undefined && !workflow.versions.some((v) => v.version === version)) {
      return jsonError(
        400,
        `Failed to start workflow execution: version '${version}' of workflow '${workflow.name}' not found`,
      );
    }
    const invalid = inputProblem(workflow.inputSchema, body.input);
    if (invalid) return jsonError(422, `Invalid execution input: ${invalid}`);
    const execution = engine.start(workflow, body.input, {
      blackboard: body.blackboard,
      intent: typeof body.intent === "string" ? body.intent : undefined,
    });
    return c.json({
      execution_id: execution.id,
      workflow_id: workflow.id,
      temporal_run_id: execution.temporalRunId,
      status: "running",
      started_at: timestampZ(execution.startedAt),
    });
  }

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

function workflowView(w: FakeWorkflow): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    version: w.version,
    ...(w.description === undefined ? {} : { description: w.description }),
    scope: w.scope,
    labels: w.labels,
    created_at: timestampOffset(w.createdAt),
    ...(w.updatedAt === undefined ? {} : { updated_at: timestampOffset(w.updatedAt) }),
    tenant_id: w.tenantId,
    ...(w.inputSchema === undefined ? {} : { input_schema: w.inputSchema }),
  };
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

/** The subset of JSON Schema the fake checks: object type and required keys. */
function inputProblem(schema: unknown, input: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  if (schema.type === "object" && !isObject(input)) return "input must be an object";
  if (Array.isArray(schema.required) && isObject(input)) {
    const missing = schema.required.filter((key) => typeof key === "string" && !(key in input));
    if (missing.length > 0) return `missing required field(s): ${missing.join(", ")}`;
  }
  return undefined;
}
