/**
 * Fake `/v1/workflows*` definition routes: raw YAML registration (also through
 * `/v1/workflows/temporal/register`), listing, versions, scope and runs. Workflow executions are
 * in `workflow_executions.ts`.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  plainText,
  timestampOffset,
  timestampZ,
  unprocessable,
} from "../internal/http.ts";
import type { FakeWorkflow } from "../internal/workflows/types.ts";

/**
 * Registers the workflow definition routes (after the workflow-execution routes, whose static
 * `/v1/workflows/executions*` paths must win over `/v1/workflows/{name}`).
 */
export function registerWorkflowRoutes(app: Hono, ctx: FakeContext): void {
  const engine = ctx.workflows;

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
      description: workflow.description ?? null,
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
}

function workflowView(w: FakeWorkflow): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    version: w.version,
    // Like the orchestrator's `json!` of `Option`s: present, `null` when unset.
    description: w.description ?? null,
    scope: w.scope,
    labels: w.labels,
    created_at: timestampOffset(w.createdAt),
    updated_at: w.updatedAt === undefined ? null : timestampOffset(w.updatedAt),
    tenant_id: w.tenantId,
    input_schema: w.inputSchema ?? null,
  };
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
