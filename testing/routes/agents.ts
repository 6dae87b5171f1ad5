/**
 * Fake `/v1/agents*` routes, answering with the orchestrator's status codes and shapes
 * (deploy failures are HTTP 500 `{error}`, bad UUIDs plain-text 400, lists bare arrays).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";
import { liveEvents } from "../internal/live_events.ts";
import { type EventSource, sseResponse } from "../internal/sse.ts";
import type { FakeAgent, FakeExecution } from "../internal/state.ts";

/** Registers the agent routes. */
export function registerAgentRoutes(app: Hono, ctx: FakeContext): void {
  const { state } = ctx;

  app.post("/v1/agents", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const problem = manifestProblem(body.value);
    if (problem instanceof Response) return problem;
    if (problem) return jsonError(500, problem);
    const manifest = body.value as Manifest;
    const force = c.req.query("force") === "true";
    const scope = c.req.query("scope") === "global" ? "global" : "tenant";
    const existing = [...state.agents.values()].find((a) => nameOf(a) === manifest.metadata.name);
    const now = state.now();
    if (existing) {
      if (versionOf(existing) === manifest.metadata.version && !force) {
        return jsonError(
          500,
          `Agent '${manifest.metadata.name}' version '${manifest.metadata.version}' is already deployed (ID: ${existing.id}). Use --force to overwrite it.`,
        );
      }
      existing.manifest = manifest as unknown as Record<string, unknown>;
      existing.updatedAt = now;
      existing.versions.push({
        id: crypto.randomUUID(),
        version: manifest.metadata.version,
        createdAt: now,
        manifest: existing.manifest,
      });
      return c.json({ agent_id: existing.id });
    }
    const agent: FakeAgent = {
      id: crypto.randomUUID(),
      tenantId: ctx.tenantId,
      scope,
      manifest: manifest as unknown as Record<string, unknown>,
      versions: [],
      createdAt: now,
      updatedAt: now,
    };
    agent.versions.push({
      id: crypto.randomUUID(),
      version: manifest.metadata.version,
      createdAt: now,
      manifest: agent.manifest,
    });
    state.agents.set(agent.id, agent);
    return c.json({ agent_id: agent.id });
  });

  app.get("/v1/agents", (c) => {
    const globalOnly = c.req.query("scope") === "global";
    const visible = c.req.query("visible") !== "false";
    const agents = [...state.agents.values()].filter((a) =>
      globalOnly ? a.scope === "global" : visible || a.scope === "tenant"
    );
    return c.json(agents.map((a) => ({ ...agentView(a), execution_count: executionCount(a.id) })));
  });

  app.get("/v1/agents/lookup/:name", (c) => {
    const name = c.req.param("name");
    const agent = [...state.agents.values()].find((a) => nameOf(a) === name);
    return agent ? c.json({ id: agent.id }) : jsonError(404, "Agent not found");
  });

  app.get("/v1/agents/:id", (c) => {
    const agent = findAgent(c);
    if (agent instanceof Response) return agent;
    return c.json({
      ...agentView(agent),
      manifest: storedManifest(agent.manifest),
      manifest_yaml: `# manifest of ${nameOf(agent)}\n${
        JSON.stringify(storedManifest(agent.manifest), null, 2)
      }\n`,
    });
  });

  app.patch("/v1/agents/:id", async (c) => {
    const agent = findAgent(c);
    if (agent instanceof Response) return agent;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const problem = manifestProblem(body.value);
    if (problem instanceof Response) return problem;
    if (problem) return jsonError(500, problem);
    agent.manifest = body.value as Record<string, unknown>;
    agent.updatedAt = state.now();
    return c.json({ success: true });
  });

  app.delete("/v1/agents/:id", (c) => {
    const agent = findAgent(c);
    if (agent instanceof Response) return agent;
    state.agents.delete(agent.id);
    return c.json({ success: true });
  });

  app.get("/v1/agents/:id/versions", (c) => {
    const agent = findAgent(c);
    if (agent instanceof Response) return agent;
    return c.json(agent.versions.map((v) => ({
      id: v.id,
      version: v.version,
      created_at: timestampZ(v.createdAt),
      manifest_yaml: JSON.stringify(v.manifest),
    })));
  });

  app.post("/v1/agents/:id/scope", async (c) => {
    const agent = findAgent(c);
    if (agent instanceof Response) return agent;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const target = isObject(body.value) ? body.value.target_scope : undefined;
    if (target === undefined) return jsonError(400, "missing 'target_scope' field");
    if (target !== "global" && target !== "tenant") {
      return jsonError(400, `invalid target_scope '${String(target)}'`);
    }
    if (agent.scope === target) return jsonError(400, `agent is already ${target}-scoped`);
    agent.scope = target;
    return c.json({ success: true, new_scope: target });
  });

  app.post("/v1/agents/:agent_id/execute", async (c) => {
    const agentId = uuidParam(c, "agent_id");
    if (agentId instanceof Response) return agentId;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (!isObject(body.value) || !("input" in body.value)) {
      return unprocessable("missing field `input`");
    }
    const agent = state.agents.get(agentId);
    if (!agent) return jsonError(500, `Agent not found: ${agentId}`);
    const version = c.req.query("version");
    if (version !== undefined && version !== versionOf(agent)) {
      return jsonError(409, `version mismatch: requested ${version}, deployed ${versionOf(agent)}`);
    }
    const execution: FakeExecution = {
      id: crypto.randomUUID(),
      agentId,
      tenantId: ctx.tenantId,
      status: "Pending",
      input: body.value.input,
      startedAt: state.now(),
      events: [],
      files: new Map(),
      timers: new Set(),
    };
    state.executions.set(execution.id, execution);
    state.run(execution);
    return c.json({ execution_id: execution.id });
  });

  app.get("/v1/agents/:agent_id/events", (c) => {
    const agentId = uuidParam(c, "agent_id");
    if (agentId instanceof Response) return agentId;
    // Like the orchestrator: an unknown agent is not an error here, just one with no history.
    const follow = c.req.query("follow") !== undefined && c.req.query("follow") !== "false";
    const source: EventSource = (signal) =>
      liveEvents(
        ctx,
        signal,
        follow,
        (e) => e.agent_id === agentId,
        () =>
          [...state.executions.values()]
            .filter((e) => e.agentId === agentId)
            .slice(-50)
            .flatMap((e) => e.events)
            .sort((a, b) => a.timestamp.localeCompare(b.timestamp)),
      );
    return sseResponse(source, {
      keepAliveMs: ctx.keepAliveMs,
      signal: c.req.raw.signal,
      closing: ctx.closing,
    });
  });

  function findAgent(c: Context): FakeAgent | Response {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    return state.agents.get(id) ?? jsonError(404, "Agent not found");
  }

  function executionCount(agentId: string): number {
    let count = 0;
    for (const e of state.executions.values()) if (e.agentId === agentId) count++;
    return count;
  }

  function agentView(a: FakeAgent): Record<string, unknown> {
    const metadata = (a.manifest.metadata ?? {}) as Record<string, unknown>;
    const spec = (a.manifest.spec ?? {}) as Record<string, unknown>;
    return {
      id: a.id,
      name: metadata.name,
      version: metadata.version,
      description: metadata.description ?? "",
      status: "active",
      labels: metadata.labels ?? {},
      scope: a.scope,
      created_at: state.agentTimestamp(a.createdAt),
      updated_at: state.agentTimestamp(a.updatedAt),
      tenant_id: a.tenantId,
      ...(spec.input_schema === undefined ? {} : { input_schema: spec.input_schema }),
    };
  }
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; version: string };
  spec: { task?: { instruction?: string } };
}

/** The server's own deploy checks (`manifest.validate()`), with its error texts. */
function manifestProblem(value: unknown): string | Response | undefined {
  if (!isObject(value)) return unprocessable("invalid type: expected struct AgentManifest");
  for (const field of ["apiVersion", "kind", "metadata", "spec"]) {
    if (!(field in value)) return unprocessable(`missing field \`${field}\``);
  }
  const metadata = value.metadata;
  if (!isObject(metadata) || typeof metadata.name !== "string") {
    return unprocessable("metadata: missing field `name`");
  }
  if (typeof metadata.version !== "string") {
    return unprocessable("metadata: missing field `version`");
  }
  if (!isObject(value.spec) || !isObject(value.spec.runtime)) {
    return unprocessable("spec: missing field `runtime`");
  }
  if (value.apiVersion !== "100monkeys.ai/v1") {
    return `Invalid apiVersion: expected '100monkeys.ai/v1', got '${String(value.apiVersion)}'`;
  }
  if (value.kind !== "Agent") return `Invalid kind: expected 'Agent', got '${String(value.kind)}'`;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(metadata.name)) {
    return `Invalid agent name '${metadata.name}'`;
  }
  const task = value.spec.task;
  if (!isObject(task) || typeof task.instruction !== "string" || task.instruction.trim() === "") {
    return "spec.task is required \u2014 agent must have a non-empty task.instruction";
  }
  return undefined;
}

/** The server stores `max_iterations` as `max_retries`. */
function storedManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(manifest);
  const execution = (copy.spec as Record<string, unknown> | undefined)?.execution;
  if (isObject(execution) && "max_iterations" in execution) {
    execution.max_retries = execution.max_iterations;
    delete execution.max_iterations;
  }
  return copy;
}

function nameOf(agent: FakeAgent): string {
  return (agent.manifest.metadata as { name: string }).name;
}

function versionOf(agent: FakeAgent): string {
  return (agent.manifest.metadata as { version: string }).version;
}
