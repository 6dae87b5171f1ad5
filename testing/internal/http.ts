/**
 * Response helpers that reproduce the orchestrator's error shapes exactly (JSON `{error}`,
 * `{error, message}`, axum's plain-text rejections, empty 404/405 bodies).
 *
 * @module
 */

import { isRecord, isUuid } from "../../internal/guards.ts";
import type { Context } from "hono";
import type { FakeContext } from "./context.ts";

/** JSON `{error}` or `{error, message}` with a status. */
export function jsonError(status: number, error: string, message?: string): Response {
  const body = message === undefined ? { error } : { error, message };
  return Response.json(body, { status });
}

/** axum-style plain-text rejection. */
export function plainText(status: number, text: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** A UUID path parameter, or axum's plain-text 400 for anything else. */
export function uuidParam(c: Context, name: string): string | Response {
  const value = c.req.param(name) ?? "";
  if (!isUuid(value)) {
    return plainText(
      400,
      `Invalid URL: Cannot parse \`${name}\` with value \`${value}\` to a \`Uuid\``,
    );
  }
  return value.toLowerCase();
}

/**
 * Reads a JSON body the way axum's `Json` extractor does: 415 without
 * `Content-Type: application/json`, 400 for bad JSON, else the value.
 */
export async function jsonBody(c: Context): Promise<{ value: unknown } | Response> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    return plainText(415, "Expected request with `Content-Type: application/json`");
  }
  const text = await c.req.text();
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return plainText(
      400,
      `Failed to parse the request body as JSON: ${(error as Error).message}`,
    );
  }
}

/** axum's 422 for a body of the wrong shape. */
export function unprocessable(detail: string): Response {
  return plainText(422, `Failed to deserialize the JSON body into the target type: ${detail}`);
}

/** RFC 3339 with `Z` and microseconds, like chrono's serde output. */
export function timestampZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** RFC 3339 with `+00:00`, like chrono's `to_rfc3339()`. */
export function timestampOffset(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

/** Parses a body by hand like the credential and secret handlers: any content type. */
export async function manualJsonObject(
  c: Context,
  limit: number,
): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > limit) {
    return jsonError(413, `Request body exceeds the ${limit}-byte limit`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return jsonError(400, `Invalid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) return jsonError(400, "Invalid JSON: expected a JSON object");
  return value;
}

const CONTENT_TYPES: Record<string, string> = {
  json: "application/json",
  txt: "text/plain",
  log: "text/plain",
  md: "text/plain",
  rs: "text/plain",
  toml: "text/plain",
  yaml: "text/plain",
  yml: "text/plain",
  html: "text/html",
  htm: "text/html",
  js: "text/javascript",
  css: "text/css",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  pdf: "application/pdf",
};

/** The orchestrator's extension-based content type guess. */
export function contentTypeFor(filePath: string): string {
  const ext = filePath.split(".").pop()?.toLowerCase() ?? "";
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

/** `limit` query parameter: default when absent or not a number, else clamped to `1..max`. */
export function limitOf(c: Context, fallback: number, max: number): number {
  const raw = c.req.query("limit");
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(value)));
}

/** Swarm routes use the tenant middleware, so `X-Tenant-Id` selects the tenant. */
export function tenantOf(c: Context, ctx: FakeContext): string {
  return c.req.header("x-tenant-id") || ctx.tenantId;
}

export { isRecord as isObject, isUuid };
