/**
 * Saved scripts (`/v1/scripts*`): the caller's private code snippets, versioned on every
 * update.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { expectArray } from "./core/expect.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { uuidArgument } from "./_ids.ts";

/** A saved script. */
export interface Script {
  /** Script id (UUID). */
  id: string;
  /** Owning tenant. */
  tenant_id: string;
  /** User who created it. */
  created_by: string;
  /** Name (unique per owner). */
  name: string;
  /** Description (`""` when none was given). */
  description: string;
  /** Source code. */
  code: string;
  /** Tags. */
  tags: string[];
  /** Visibility (only `"private"` exists today). */
  visibility: "private";
  /** Version number, incremented by every update. */
  version: number;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last change (RFC 3339). */
  updated_at: string;
}

/** One entry of a script's version history. */
export interface ScriptVersionSummary {
  /** Version number. */
  version: number;
  /** When that version was saved (RFC 3339). */
  updated_at: string;
  /** Who saved it. */
  updated_by: string;
}

/** `GET /v1/scripts/{id}`: the script and its version history. */
export interface ScriptDetail extends Script {
  /** Every saved version. */
  versions: ScriptVersionSummary[];
}

/** Body of {@link createScript} and {@link updateScript}. */
export interface ScriptInput {
  /** Name: 1..128 bytes, no `/` or `\`. */
  name: string;
  /** Source code (at most 256 KiB). */
  code: string;
  /** Description (at most 2 KiB; server default `""`). */
  description?: string;
  /** Up to 16 tags of `a-z`, `0-9`, `-`, `_` (1..32 bytes each). */
  tags?: string[];
  /** Only `"private"` is accepted (the server default). */
  visibility?: "private";
}

/** Options of {@link listScripts}. */
export interface ListScriptsOptions extends RequestOptions {
  /** Only scripts with this exact tag. */
  tag?: string;
  /** Only scripts whose name or description contains this text (case-insensitive). */
  q?: string;
}

/**
 * Saves a new script (HTTP 201). A name already in use is refused with `ConflictError` (409).
 * Not retried automatically after a failure that may have reached the server.
 *
 * @example
 * ```ts
 * import { AegisCore, createScript } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const script = await createScript(core, { name: "hello", code: "print('hi')", tags: ["demo"] });
 * console.log(script.version); // 1
 * ```
 */
export function createScript(
  core: AegisCore,
  script: ScriptInput,
  options?: RequestOptions,
): AegisPromise<Script> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "POST", path: "/v1/scripts", json: scriptBody(script) },
      options,
    );
  });
}

/**
 * Lists the caller's scripts (bare array), optionally filtered by tag or text.
 *
 * @example
 * ```ts
 * import { AegisCore, createScript, listScripts } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await createScript(core, { name: "hello", code: "print('hi')", tags: ["demo"] });
 * console.log((await listScripts(core, { tag: "demo" })).length); // 1
 * ```
 */
export function listScripts(
  core: AegisCore,
  options: ListScriptsOptions = {},
): AegisPromise<Script[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: "/v1/scripts",
      query: { tag: options.tag, q: options.q },
    }, options);
    return expectArray<Script>(body, "GET /v1/scripts");
  });
}

/**
 * Gets a script with its version history.
 *
 * @example
 * ```ts
 * import { AegisCore, createScript, getScript } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createScript(core, { name: "hello", code: "print('hi')" });
 * console.log((await getScript(core, id)).versions.length); // 1
 * ```
 */
export function getScript(
  core: AegisCore,
  scriptId: string,
  options?: RequestOptions,
): AegisPromise<ScriptDetail> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/scripts/${uuidArgument(scriptId, "scriptId", "script")}`,
    }, options);
  });
}

/**
 * Replaces a script's name, code, description and tags, saving a new version. Fields left out
 * are reset to their defaults (empty description, no tags), like the server does. Not retried
 * automatically after a failure that may have reached the server (a repeat would save one
 * more version).
 *
 * @example
 * ```ts
 * import { AegisCore, createScript, updateScript } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createScript(core, { name: "hello", code: "print('hi')" });
 * const updated = await updateScript(core, id, { name: "hello", code: "print('hello')" });
 * console.log(updated.version); // 2
 * ```
 */
export function updateScript(
  core: AegisCore,
  scriptId: string,
  script: ScriptInput,
  options?: RequestOptions,
): AegisPromise<Script> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "PUT",
      path: path`/v1/scripts/${uuidArgument(scriptId, "scriptId", "script")}`,
      json: scriptBody(script),
      idempotent: false,
    }, options);
  });
}

/**
 * Deletes a script (HTTP 204, resolves with nothing).
 *
 * @example
 * ```ts
 * import { AegisCore, createScript, deleteScript } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createScript(core, { name: "hello", code: "print('hi')" });
 * await deleteScript(core, id);
 * ```
 */
export function deleteScript(
  core: AegisCore,
  scriptId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({
      method: "DELETE",
      path: path`/v1/scripts/${uuidArgument(scriptId, "scriptId", "script")}`,
    }, options);
  });
}

function scriptBody(script: ScriptInput): Record<string, unknown> {
  if (typeof script?.name !== "string") {
    throw new InvalidArgumentError("name", "is required (a string)");
  }
  if (typeof script.code !== "string") {
    throw new InvalidArgumentError("code", "is required (a string)");
  }
  if (script.visibility !== undefined && script.visibility !== "private") {
    throw new InvalidArgumentError("visibility", 'only "private" is supported');
  }
  return {
    name: script.name,
    code: script.code,
    description: script.description,
    tags: script.tags,
    visibility: script.visibility,
  };
}
