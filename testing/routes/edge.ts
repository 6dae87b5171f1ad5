/**
 * Fake `/v1/edge/*` routes: enrollment tokens, hosts, groups and fleet operations, with the
 * edge router's own error body `{status, code, message}`.
 *
 * Hosts enroll over gRPC in the real system, so tests add them with `fake.edge.enrollHost()`.
 * A fleet invocation resolves its target among the tenant's hosts, skips disconnected ones, and
 * runs the tool on each host in turn (or all at once in `parallel` mode): `NodeStarted`, one
 * `NodeProgress` chunk (`"<tool_name> ok\n"`), `NodeCompleted`, then `Done` with the totals.
 * `fake.edge.toolDelayMs` makes each host take that long, so a test can cancel mid-run
 * (`Cancelled`, then `Done`). Run history is not kept, like the orchestrator.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { EdgeGroup, EdgeSelector, LabelMatch, TagMatch } from "../../client/edge.ts";
import type { FakeEdgeHost } from "../internal/edge_store.ts";
import type { FakeContext } from "../internal/context.ts";
import { isObject, isUuid, jsonBody, timestampOffset, unprocessable } from "../internal/http.ts";

/** Registers the edge routes. */
export function registerEdgeRoutes(app: Hono, ctx: FakeContext): void {
  const { hosts, groups, running } = ctx.edge;

  const ownHost = (c: Context): FakeEdgeHost | Response => {
    const id = c.req.param("id") ?? "";
    if (!isUuid(id)) return edgeError(400, "bad_request", `invalid node id: ${id}`);
    const host = hosts.get(id.toLowerCase());
    if (host === undefined || host.view.tenant_id !== ctx.tenantId) {
      return edgeError(404, "not_found", "edge");
    }
    return host;
  };
  const ownGroup = (c: Context): EdgeGroup | Response => {
    const id = c.req.param("id") ?? "";
    if (!isUuid(id)) return edgeError(400, "bad_request", uuidError(id));
    const group = groups.get(id.toLowerCase());
    if (group === undefined || group.tenant_id !== ctx.tenantId) {
      return edgeError(404, "not_found", "group");
    }
    return group;
  };
  const hostView = (host: FakeEdgeHost) => ({ ...host.view, tags: [...host.view.tags] });

  app.post("/v1/edge/enrollment-tokens", async (c) => {
    const body = await structBody(c, "IssueTokenRequest");
    if (body instanceof Response) return body;
    if (typeof body.issued_to !== "string") return unprocessable("missing field `issued_to`");
    const token = `aegis-enroll.${crypto.randomUUID().replaceAll("-", "")}`;
    const endpoint = "https://relay.aegis.test:443";
    return c.json({
      token,
      expires_at: timestampOffset(ctx.state.now() + 15 * 60 * 1000),
      controller_endpoint: endpoint,
      qr_payload: `aegis-edge://enroll?token=${token}&endpoint=${encodeURIComponent(endpoint)}`,
      command_hint: `aegis edge enroll --token ${token}`,
    });
  });

  app.get(
    "/v1/edge/hosts",
    (c) =>
      c.json([...hosts.values()].filter((h) => h.view.tenant_id === ctx.tenantId).map(hostView)),
  );

  app.get("/v1/edge/hosts/:id", (c) => {
    const host = ownHost(c);
    return host instanceof Response ? host : c.json(hostView(host));
  });

  app.patch("/v1/edge/hosts/:id", async (c) => {
    const host = ownHost(c);
    if (host instanceof Response) return host;
    const body = await structBody(c, "PatchHost");
    if (body instanceof Response) return body;
    for (const field of ["tags", "add_tags", "remove_tags"]) {
      const value = body[field];
      if (value !== undefined && value !== null && !isStringArray(value)) {
        return unprocessable(`${field}: invalid type: expected a sequence of strings`);
      }
    }
    if (body.name !== undefined && body.name !== null) {
      if (typeof body.name !== "string") {
        return unprocessable("name: invalid type: expected a string");
      }
      if (body.name.trim() === "") return edgeError(400, "bad_request", "name must not be empty");
      host.view.name = body.name.trim();
    }
    if (isStringArray(body.tags)) host.view.tags = [...body.tags];
    if (isStringArray(body.add_tags)) {
      for (const tag of body.add_tags) if (!host.view.tags.includes(tag)) host.view.tags.push(tag);
    }
    if (isStringArray(body.remove_tags)) {
      const removed = new Set(body.remove_tags);
      host.view.tags = host.view.tags.filter((t) => !removed.has(t));
    }
    return c.json(hostView(host));
  });

  app.delete("/v1/edge/hosts/:id", (c) => {
    const host = ownHost(c);
    if (host instanceof Response) return host;
    hosts.delete(host.view.id);
    return c.body(null, 204);
  });

  app.get(
    "/v1/edge/groups",
    (c) => c.json([...groups.values()].filter((g) => g.tenant_id === ctx.tenantId)),
  );

  app.post("/v1/edge/groups", async (c) => {
    const body = await structBody(c, "CreateGroup");
    if (body instanceof Response) return body;
    for (const field of ["name", "selector", "created_by"]) {
      if (!(field in body)) return unprocessable(`missing field \`${field}\``);
    }
    if (typeof body.name !== "string" || typeof body.created_by !== "string") {
      return unprocessable("invalid type: expected a string");
    }
    const selector = parseSelector(body.selector);
    if (typeof selector === "string") return unprocessable(`selector: ${selector}`);
    const pinned = body.pinned_members ?? [];
    if (!isStringArray(pinned)) {
      return unprocessable("pinned_members: invalid type: expected a sequence of strings");
    }
    if ([...groups.values()].some((g) => g.tenant_id === ctx.tenantId && g.name === body.name)) {
      return edgeError(409, "conflict", "group exists");
    }
    const group: EdgeGroup = {
      id: crypto.randomUUID(),
      name: body.name,
      tenant_id: ctx.tenantId,
      selector,
      pinned_members: pinned.filter(isUuid).map((p) => p.toLowerCase()),
      created_by: body.created_by,
      created_at: timestampOffset(ctx.state.now()),
    };
    groups.set(group.id, group);
    return c.json(group);
  });

  app.get("/v1/edge/groups/:id", (c) => {
    const group = ownGroup(c);
    return group instanceof Response ? group : c.json(group);
  });

  app.patch("/v1/edge/groups/:id", async (c) => {
    const group = ownGroup(c);
    if (group instanceof Response) return group;
    const body = await structBody(c, "PatchGroup");
    if (body instanceof Response) return body;
    let selector: EdgeSelector | undefined;
    if (body.selector !== undefined && body.selector !== null) {
      const parsed = parseSelector(body.selector);
      if (typeof parsed === "string") return unprocessable(`selector: ${parsed}`);
      selector = parsed;
    }
    const pinned = body.pinned_members;
    if (pinned !== undefined && pinned !== null && !isStringArray(pinned)) {
      return unprocessable("pinned_members: invalid type: expected a sequence of strings");
    }
    if (body.name !== undefined && body.name !== null && typeof body.name !== "string") {
      return unprocessable("name: invalid type: expected a string");
    }
    if (typeof body.name === "string") group.name = body.name;
    if (selector !== undefined) group.selector = selector;
    if (isStringArray(pinned)) {
      group.pinned_members = pinned.filter(isUuid).map((p) => p.toLowerCase());
    }
    return c.json(group);
  });

  app.delete("/v1/edge/groups/:id", (c) => {
    const group = ownGroup(c);
    if (group instanceof Response) return group;
    groups.delete(group.id);
    return c.body(null, 204);
  });

  /** The tenant's hosts a target names, or the edge router's 400. */
  const resolve = (target: unknown): FakeEdgeHost[] | Response => {
    const own = [...hosts.values()].filter((h) => h.view.tenant_id === ctx.tenantId);
    if (target === "All") return own;
    if (isObject(target) && Object.keys(target).length === 1) {
      if (typeof target.Node === "string") {
        const host = own.find((h) => h.view.id === (target.Node as string).toLowerCase());
        return host === undefined
          ? edgeError(400, "bad_request", `edge unavailable: ${target.Node}`)
          : [host];
      }
      if (typeof target.Group === "string") {
        const group = groups.get((target.Group as string).toLowerCase());
        if (group === undefined || group.tenant_id !== ctx.tenantId) {
          return edgeError(400, "bad_request", `group not found: ${target.Group}`);
        }
        return own.filter((h) =>
          group.pinned_members.includes(h.view.id) || matches(group.selector, h)
        );
      }
      if ("Selector" in target) {
        const selector = parseSelector(target.Selector);
        if (typeof selector !== "string") return own.filter((h) => matches(selector, h));
      }
    }
    return unprocessable(
      "target: unknown variant, expected one of `Node`, `Group`, `Selector`, `All`",
    );
  };

  app.post("/v1/edge/fleet/preview", async (c) => {
    const body = await structBody(c, "FleetTargetSpec");
    if (body instanceof Response) return body;
    if (!("target" in body)) return unprocessable("missing field `target`");
    const resolved = resolve(body.target);
    if (resolved instanceof Response) return resolved;
    return c.json({ resolved: resolved.filter((h) => h.view.connected).map((h) => h.view.id) });
  });

  app.post("/v1/edge/fleet/invoke", async (c) => {
    const body = await structBody(c, "FleetInvokeRequest");
    if (body instanceof Response) return body;
    for (const field of ["target", "tool_name", "args", "security_context_name"]) {
      if (!(field in body)) return unprocessable(`missing field \`${field}\``);
    }
    if (typeof body.tool_name !== "string" || typeof body.security_context_name !== "string") {
      return unprocessable("invalid type: expected a string");
    }
    const resolved = resolve(body.target);
    if (resolved instanceof Response) return resolved;
    if (!isObject(body.args)) {
      return edgeError(400, "bad_request", "args must be JSON object: expected an object");
    }
    const connected = resolved.filter((h) => h.view.connected);
    const minimum = body.require_min_targets;
    if (typeof minimum === "number" && connected.length < minimum) {
      return edgeError(
        400,
        "bad_request",
        `insufficient targets: required ${minimum}, available ${connected.length}`,
      );
    }
    const parallel = body.mode === "parallel";
    const toolName = body.tool_name;
    const fleetId = crypto.randomUUID();
    const cancel = new AbortController();
    running.set(fleetId, cancel);
    const delay = ctx.edge.toolDelayMs;
    const chunk = [...new TextEncoder().encode(`${toolName} ok\n`)];
    const events = async function* (): AsyncGenerator<unknown> {
      const summary = { ok: 0, err: 0, timed_out: 0, skipped: 0 };
      const skipped = resolved.filter((h) => !h.view.connected)
        .map((h) => [h.view.id, "Disconnected"]);
      summary.skipped = skipped.length;
      yield {
        Started: {
          fleet_command_id: fleetId,
          resolved: connected.map((h) => h.view.id),
          skipped,
        },
      };
      const runOne = async (host: FakeEdgeHost) => {
        if (delay > 0) await sleep(delay, cancel.signal);
        return host;
      };
      const batches = parallel ? [connected] : connected.map((h) => [h]);
      for (const batch of batches) {
        if (cancel.signal.aborted) break;
        for (const host of batch) yield { NodeStarted: { node_id: host.view.id } };
        const finished = await Promise.all(batch.map(runOne));
        if (cancel.signal.aborted) break;
        for (const host of finished) {
          yield { NodeProgress: { node_id: host.view.id, chunk, stderr: false } };
          summary.ok++;
          yield {
            NodeCompleted: {
              node_id: host.view.id,
              ok: true,
              exit_code: 0,
              error_kind: null,
              error_message: null,
            },
          };
        }
      }
      if (cancel.signal.aborted) yield { Cancelled: { reason: "cancelled by user" } };
      running.delete(fleetId);
      yield { Done: { summary } };
    };
    return fleetStream(events(), ctx.keepAliveMs, ctx.closing);
  });

  app.post("/v1/edge/fleet/:id/cancel", (c) => {
    const id = c.req.param("id") ?? "";
    if (!isUuid(id)) return edgeError(400, "bad_request", uuidError(id));
    const run = running.get(id.toLowerCase());
    if (run === undefined) return edgeError(404, "not_found", "fleet command");
    run.abort();
    running.delete(id.toLowerCase());
    return c.body(null, 204);
  });

  app.get("/v1/edge/fleet/runs", (c) => c.json({ runs: [] }));

  app.get(
    "/v1/edge/fleet/runs/:id",
    () => edgeError(404, "not_found", "fleet run history not retained server-side"),
  );
}

/** The edge router's error body. */
function edgeError(status: number, code: string, message: string): Response {
  return Response.json({ status, code, message }, { status });
}

function uuidError(value: string): string {
  return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by ` +
    `[0-9a-fA-F-], found \`${value.slice(0, 1)}\` at 1`;
}

async function structBody(c: Context, name: string): Promise<Record<string, unknown> | Response> {
  const parsed = await jsonBody(c);
  if (parsed instanceof Response) return parsed;
  return isObject(parsed.value)
    ? parsed.value
    : unprocessable(`invalid type: expected struct ${name}`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** serde's view of `EdgeSelector`: `os`/`arch` may be absent, the lists are required. */
function parseSelector(value: unknown): EdgeSelector | string {
  if (!isObject(value)) return "invalid type: expected struct EdgeSelector";
  for (const field of ["tools", "labels", "tags"]) {
    if (!(field in value)) return `missing field \`${field}\``;
    if (!Array.isArray(value[field])) return `${field}: invalid type: expected a sequence`;
  }
  for (const field of ["os", "arch"]) {
    const v = value[field];
    if (v !== undefined && v !== null && typeof v !== "string") {
      return `${field}: invalid type: expected a string`;
    }
  }
  return {
    os: (value.os as string | null | undefined) ?? null,
    arch: (value.arch as string | null | undefined) ?? null,
    tools: value.tools as string[],
    labels: value.labels as LabelMatch[],
    tags: value.tags as TagMatch[],
  };
}

function matches(selector: EdgeSelector, host: FakeEdgeHost): boolean {
  const { view, tools, labels } = host;
  if (selector.os !== null && selector.os !== view.os) return false;
  if (selector.arch !== null && selector.arch !== view.arch) return false;
  if (!selector.tools.every((t) => tools.includes(t))) return false;
  const labelOk = (m: LabelMatch) =>
    "Equals" in m
      ? labels[m.Equals[0]] === m.Equals[1]
      : "Exists" in m
      ? m.Exists in labels
      : m.In[1].includes(labels[m.In[0]]);
  const tagOk = (m: TagMatch) =>
    "Has" in m
      ? view.tags.includes(m.Has)
      : "AnyOf" in m
      ? m.AnyOf.some((t) => view.tags.includes(t))
      : "AllOf" in m
      ? m.AllOf.every((t) => view.tags.includes(t))
      : !m.NoneOf.some((t) => view.tags.includes(t));
  return selector.labels.every(labelOk) && selector.tags.every(tagOk);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** `data: <json>` per event with `:` keep-alives, ending when the events end. */
function fleetStream(
  events: AsyncGenerator<unknown>,
  keepAliveMs: number,
  closing: AbortSignal,
): Response {
  const encoder = new TextEncoder();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The fake is shutting down: break the stream off like a dropped connection.
      closing.addEventListener("abort", () => {
        clearInterval(keepAlive);
        try {
          controller.error(new Error("the fake orchestrator closed"));
        } catch { /* already closed */ }
      }, { once: true });
      keepAlive = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(":\n\n"));
        } catch {
          clearInterval(keepAlive);
        }
      }, keepAliveMs);
    },
    async pull(controller) {
      const next = await events.next();
      if (next.done) {
        clearInterval(keepAlive);
        controller.close();
      } else {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
      }
    },
    cancel() {
      clearInterval(keepAlive);
      // The operation keeps running on the server after the client leaves; drain it.
      void (async () => {
        for await (const _ of events) { /* discard */ }
      })();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}
