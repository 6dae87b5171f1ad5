/**
 * Fake `/v1/scripts*` routes: the caller's saved scripts, versioned on every update, with the
 * orchestrator's validation (name 1..128 bytes without path separators, description <= 2 KiB,
 * code <= 256 KiB, <= 16 tags of `[a-z0-9_-]{1,32}`, visibility `private` only) and its
 * `{error}` bodies: 400 validation, 404 not found, 409 duplicate name.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { Script, ScriptVersionSummary } from "../../client/scripts.ts";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";

interface FakeScript {
  script: Script;
  versions: ScriptVersionSummary[];
}

const utf8 = /* @__PURE__ */ new TextEncoder();

/** Registers the script routes. */
export function registerScriptRoutes(app: Hono, ctx: FakeContext): void {
  const scripts = new Map<string, FakeScript>();

  app.post("/v1/scripts", async (c) => {
    const input = await scriptInput(c);
    if (input instanceof Response) return input;
    if ([...scripts.values()].some((s) => s.script.name === input.name)) {
      return jsonError(409, "a script with this name already exists");
    }
    const now = timestampZ(ctx.state.now());
    const script: Script = {
      id: crypto.randomUUID(),
      tenant_id: ctx.tenantId,
      created_by: ctx.userId,
      ...input,
      visibility: "private",
      version: 1,
      created_at: now,
      updated_at: now,
    };
    scripts.set(script.id, {
      script,
      versions: [{ version: 1, updated_at: now, updated_by: ctx.userId }],
    });
    return c.json(script, 201);
  });

  app.get("/v1/scripts", (c) => {
    const tag = c.req.query("tag");
    const needle = c.req.query("q")?.toLowerCase();
    const list = [...scripts.values()].map((s) => s.script)
      .filter((s) => tag === undefined || s.tags.includes(tag))
      .filter((s) =>
        needle === undefined || s.name.toLowerCase().includes(needle) ||
        s.description.toLowerCase().includes(needle)
      );
    return c.json(list);
  });

  app.get("/v1/scripts/:id", (c) => {
    const found = find(c);
    if (found instanceof Response) return found;
    return c.json({ ...found.script, versions: found.versions });
  });

  app.put("/v1/scripts/:id", async (c) => {
    const found = find(c);
    if (found instanceof Response) return found;
    const input = await scriptInput(c);
    if (input instanceof Response) return input;
    if (
      [...scripts.values()].some((s) => s !== found && s.script.name === input.name)
    ) {
      return jsonError(409, "a script with this name already exists");
    }
    const now = timestampZ(ctx.state.now());
    const version = found.script.version + 1;
    found.script = { ...found.script, ...input, version, updated_at: now };
    found.versions.push({ version, updated_at: now, updated_by: ctx.userId });
    return c.json(found.script);
  });

  app.delete("/v1/scripts/:id", (c) => {
    const found = find(c);
    if (found instanceof Response) return found;
    scripts.delete(found.script.id);
    return c.body(null, 204);
  });

  const find = (c: Context): FakeScript | Response => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    return scripts.get(id) ?? jsonError(404, "script not found");
  };
}

type ScriptFields = Pick<Script, "name" | "description" | "code" | "tags">;

/** The body as the handler reads it: axum `Json` (415/400/422), then domain validation (400). */
async function scriptInput(c: Context): Promise<ScriptFields | Response> {
  const parsed = await jsonBody(c);
  if (parsed instanceof Response) return parsed;
  const body = parsed.value;
  if (!isObject(body)) return unprocessable("invalid type: expected struct ScriptRequestBody");
  for (const field of ["name", "code"]) {
    if (!(field in body)) return unprocessable(`missing field \`${field}\``);
    if (typeof body[field] !== "string") {
      return unprocessable(`${field}: invalid type: expected a string`);
    }
  }
  const description = body.description ?? "";
  if (typeof description !== "string") {
    return unprocessable("description: invalid type: expected a string");
  }
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string")) {
    return unprocessable("tags: invalid type: expected a sequence of strings");
  }
  const visibility = body.visibility;
  if (visibility !== undefined && visibility !== null) {
    if (typeof visibility !== "string") {
      return unprocessable("visibility: invalid type: expected a string");
    }
    if (visibility.toLowerCase() !== "private") {
      return jsonError(
        400,
        `script visibility '${visibility}' is not supported yet; only 'private' is accepted`,
      );
    }
  }
  const name = body.name as string;
  const code = body.code as string;
  const invalid = (reason: string) => jsonError(400, `domain validation failed: ${reason}`);
  if (name.trim() === "") return invalid("script name must not be empty");
  if (utf8.encode(name).length > 128) return invalid("script name exceeds 128-byte maximum");
  if (/[/\\]/.test(name)) return invalid("script name may not contain path separators");
  if (utf8.encode(description).length > 2048) {
    return invalid("script description exceeds 2048-byte maximum");
  }
  if (utf8.encode(code).length > 256 * 1024) {
    return invalid("script code exceeds 262144-byte maximum");
  }
  if (tags.length > 16) return invalid("scripts may have at most 16 tags");
  const badTag = (tags as string[]).find((t) => !/^[a-z0-9_-]{1,32}$/.test(t));
  if (badTag !== undefined) return invalid(`invalid tag: ${badTag}`);
  return { name, description, code, tags: tags as string[] };
}
