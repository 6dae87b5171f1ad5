/**
 * Fake `/v1/secrets*` routes: `GET /v1/secrets` is a permanent 501, secret paths are one segment
 * (`a%2Fb`), bodies are parsed by hand (content type not checked). The fake's caller counts as an
 * operator. Secret values are kept in memory only to answer field-name queries.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import { isObject, jsonError, manualJsonObject } from "../internal/http.ts";

const SECRET_BODY_LIMIT = 256 * 1024;

/** Registers the secret routes. */
export function registerSecretRoutes(app: Hono, _ctx: FakeContext): void {
  const secrets = new Map<string, Record<string, string>>();

  app.get("/v1/secrets", () => jsonError(501, "Secret listing is not supported via this endpoint"));

  app.get("/v1/secrets/:path", (c) => {
    const path = c.req.param("path");
    const stored = secrets.get(path);
    if (stored === undefined) {
      return Response.json({ error: "Secret not found", path }, { status: 404 });
    }
    return c.json({ path, fields: Object.keys(stored) });
  });

  app.put("/v1/secrets/:path", async (c) => {
    const path = c.req.param("path");
    const body = await manualJsonObject(c, SECRET_BODY_LIMIT);
    if (body instanceof Response) return body;
    if (!("data" in body)) return jsonError(400, "Invalid JSON: missing field `data`");
    if (!isObject(body.data)) {
      return jsonError(400, "Invalid JSON: invalid type for `data`, expected a map");
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(body.data)) {
      fields[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    secrets.set(path, fields);
    return c.json({ status: "written", path });
  });

  app.delete("/v1/secrets/:path", (c) => {
    const path = c.req.param("path");
    secrets.delete(path);
    return c.json({ status: "deleted", path });
  });
}
