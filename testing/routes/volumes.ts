/**
 * Fake `/v1/volumes*` routes: volume CRUD with tier quotas and the quota endpoint (with the
 * orchestrator's `u64::MAX` "unlimited" values written exactly). File operations are in
 * `volume_files.ts`.
 *
 * @module
 */

import type { Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";
import { type FakeVolume, usedBytes } from "../internal/volume_store.ts";

/** Registers the volume routes. */
export function registerVolumeRoutes(app: Hono, ctx: FakeContext): void {
  const { volumes, limits } = ctx.volumes;

  app.post("/v1/volumes", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const value = body.value;
    if (!isObject(value)) return unprocessable("invalid type: expected struct CreateVolumeRequest");
    if (!("label" in value)) return unprocessable("missing field `label`");
    if (typeof value.label !== "string") {
      return unprocessable("label: invalid type, expected a string");
    }
    if (!("size_limit_bytes" in value)) return unprocessable("missing field `size_limit_bytes`");
    const size = value.size_limit_bytes;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 0) {
      return unprocessable("size_limit_bytes: invalid value, expected u64");
    }
    const created = ctx.volumes.provision(value.label, size);
    if (created instanceof Response) return created;
    return c.json(volumeJson(created), 201);
  });

  app.get("/v1/volumes", (c) =>
    c.json([...volumes.values()].map((v) => {
      const { created_at, id, name, size_limit_bytes, status } = volumeJson(v);
      return { created_at, id, name, size_limit_bytes, status, used_bytes: usedBytes(v) };
    })));

  app.get("/v1/volumes/quota", () => {
    const used = [...volumes.values()].reduce((sum, v) => sum + usedBytes(v), 0);
    // serde_json writes map keys sorted and u64 values exactly; JSON.stringify cannot.
    const text =
      `{"max_file_size_bytes":${limits.maxFileSizeBytes},"max_volumes":${limits.maxVolumes},` +
      `"total_bytes_used":${used},"total_storage_bytes":${limits.totalStorageBytes},` +
      `"volume_count":${volumes.size}}`;
    return new Response(text, { headers: { "content-type": "application/json" } });
  });

  app.get("/v1/volumes/:id", (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const volume = volumes.get(id);
    return volume ? c.json(volumeJson(volume)) : jsonError(404, "volume not found");
  });

  app.patch("/v1/volumes/:id", async (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (!isObject(body.value) || !("label" in body.value)) {
      return unprocessable("missing field `label`");
    }
    const label = body.value.label;
    if (typeof label !== "string") return unprocessable("label: invalid type, expected a string");
    const volume = volumes.get(id);
    if (!volume) return jsonError(404, `volume not found: ${id}`);
    if ([...volumes.values()].some((v) => v !== volume && v.name === label)) {
      return jsonError(409, `volume with name '${label}' already exists`);
    }
    volume.name = label;
    return c.json({ success: true });
  });

  app.delete("/v1/volumes/:id", (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const volume = volumes.get(id);
    if (!volume) return jsonError(404, `volume not found: ${id}`);
    if (volume.status === "Attached") {
      return jsonError(409, "volume is currently attached and cannot be deleted");
    }
    volumes.delete(id);
    return c.json({ success: true });
  });
}

function volumeJson(v: FakeVolume) {
  return {
    created_at: timestampZ(v.createdAt),
    id: v.id,
    name: v.name,
    size_limit_bytes: v.sizeLimitBytes,
    status: v.status,
  };
}
