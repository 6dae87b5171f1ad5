/**
 * Volumes: create, list, get, rename, delete and the storage quota. File operations inside a
 * volume (upload, download, listing, ...) live in `volume_files.ts`.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { AegisProtocolError, InvalidArgumentError } from "../errors.ts";
import { expectArray, expectObject } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { isRecord } from "../internal/guards.ts";
import { parseJson, readText } from "./core/response.ts";

/** Volume lifecycle status (Rust `Debug` casing on the wire). */
export type VolumeStatus =
  | "Creating"
  | "Available"
  | "Attached"
  | "Detached"
  | "Deleting"
  | "Deleted"
  | "Failed";

/** `GET /v1/volumes/{id}` and the `POST /v1/volumes` answer. */
export interface Volume {
  /** Volume UUID. */
  id: string;
  /** The label given at creation (the wire calls it `name`). */
  name: string;
  /** Lifecycle status (`Available` once created; `Attached` while an execution uses it). */
  status: VolumeStatus;
  /** Capacity in bytes, as requested at creation. */
  size_limit_bytes: number;
  /** RFC 3339 `Z`. */
  created_at: string;
}

/** One element of `GET /v1/volumes` (a bare array): a {@link Volume} with its usage. */
export interface VolumeSummary extends Volume {
  /** Bytes currently stored in the volume. */
  used_bytes: number;
}

/** Body of `POST /v1/volumes`: the server requires both fields. */
export interface CreateVolumeRequest {
  /** Display name, unique among the caller's volumes (409 otherwise). */
  label: string;
  /** Capacity in bytes; counts against the tier's storage budget (422 when over). */
  size_limit_bytes: number;
}

/** `{success: true}` answers of rename and delete. */
export interface VolumeActionResponse {
  /** Always `true`; failures are HTTP errors. */
  success: true;
}

/**
 * `GET /v1/volumes/quota`. The orchestrator sends `u32::MAX` / `u64::MAX` as the limits of
 * unlimited tiers (Enterprise, and every non-consumer identity); `u64::MAX` does not fit a
 * JavaScript number, and `JSON.parse` would silently round it. Those sentinels therefore arrive
 * here as `Infinity`, so `used < limit` comparisons stay correct and `Number.isFinite(limit)`
 * tells whether a limit exists.
 */
export interface VolumeQuota {
  /** Volumes the caller owns. */
  volume_count: number;
  /** Bytes stored across those volumes. */
  total_bytes_used: number;
  /** Most volumes the tier allows; `Infinity` = unlimited (`u32::MAX` on the wire). */
  max_volumes: number;
  /** Storage budget of the tier in bytes; `Infinity` = unlimited (`u64::MAX` on the wire). */
  total_storage_bytes: number;
  /** Largest single upload the tier allows; `Infinity` = unlimited (`u64::MAX` on the wire). */
  max_file_size_bytes: number;
}

/** The largest `u32`, which the orchestrator uses for "no volume-count limit". */
const U32_MAX = 4_294_967_295;
/** The largest `u64`, which the orchestrator uses for "no byte limit". */
const U64_MAX_TEXT = "18446744073709551615";
const QUOTA_COUNTERS = ["volume_count", "total_bytes_used"] as const;
const QUOTA_LIMITS = ["max_volumes", "total_storage_bytes", "max_file_size_bytes"] as const;
/** 64 KiB, written out: a bundler can keep a module-level product where nothing uses it. */
const MAX_QUOTA_BODY_BYTES = 65_536;

/**
 * Creates a volume (`POST /v1/volumes`, answered with 201). Both `label` and
 * `size_limit_bytes` are required by the server, so they are checked here first.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const volume = await client.createVolume({ label: "datasets", size_limit_bytes: 1024 ** 3 });
 * console.log(volume.id, volume.name, volume.status);
 * ```
 */
export function createVolume(
  core: AegisCore,
  request: CreateVolumeRequest,
  options?: RequestOptions,
): AegisPromise<Volume> {
  return AegisPromise.run(core, async (core) => {
    if (!isRecord(request)) {
      throw new InvalidArgumentError("request", "must be an object {label, size_limit_bytes}");
    }
    const label = checkLabel(request.label, "label");
    const size = request.size_limit_bytes;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
      throw new InvalidArgumentError(
        "size_limit_bytes",
        "is required and must be a non-negative integer number of bytes",
      );
    }
    const body = await core.request({
      method: "POST",
      path: "/v1/volumes",
      json: { label, size_limit_bytes: size },
    }, options);
    return expectObject<Volume>(body, "POST /v1/volumes");
  });
}

/**
 * Lists the caller's volumes with their usage (a bare array; the server does not page).
 *
 * @example
 * ```ts
 * import { AegisCore, listVolumes } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listVolumes(core)); // []
 * ```
 */
export function listVolumes(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<VolumeSummary[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({ method: "GET", path: "/v1/volumes" }, options);
    return expectArray<VolumeSummary>(body, "GET /v1/volumes");
  });
}

/**
 * Gets one volume by UUID (404 `{error: "volume not found"}` -> `NotFoundError`).
 *
 * @example
 * ```ts
 * import { AegisCore, getVolume } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getVolume(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getVolume(
  core: AegisCore,
  volumeId: string,
  options?: RequestOptions,
): AegisPromise<Volume> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request(
      { method: "GET", path: path`/v1/volumes/${volumeId}` },
      options,
    );
    return expectObject<Volume>(body, "GET /v1/volumes/{id}");
  });
}

/**
 * Renames a volume (`PATCH /v1/volumes/{id}` with `{label}`); the server answers
 * `{success: true}`, not the volume.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "draft", size_limit_bytes: 1 << 20 });
 * console.log(await client.renameVolume(id, "final")); // { success: true }
 * ```
 */
export function renameVolume(
  core: AegisCore,
  volumeId: string,
  label: string,
  options?: RequestOptions,
): AegisPromise<VolumeActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "PATCH",
      path: path`/v1/volumes/${volumeId}`,
      json: { label: checkLabel(label, "label") },
      idempotent: true,
    }, options);
    return expectObject<VolumeActionResponse>(body, "PATCH /v1/volumes/{id}");
  });
}

/**
 * Deletes a volume and everything in it (409 `ConflictError` while it is attached).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "scratch", size_limit_bytes: 1 << 20 });
 * console.log(await client.deleteVolume(id)); // { success: true }
 * ```
 */
export function deleteVolume(
  core: AegisCore,
  volumeId: string,
  options?: RequestOptions,
): AegisPromise<VolumeActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "DELETE",
      path: path`/v1/volumes/${volumeId}`,
    }, options);
    return expectObject<VolumeActionResponse>(body, "DELETE /v1/volumes/{id}");
  });
}

/**
 * Gets the caller's volume quota and usage. Unlimited limits (`u32::MAX` / `u64::MAX` on the
 * wire) become `Infinity`; see {@link VolumeQuota}. The body is parsed here rather than by the
 * generic JSON path because `JSON.parse` cannot tell `u64::MAX` from nearby values once rounded.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator(); // callers of the fake are Enterprise: no limits
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const quota = await client.getVolumeQuota();
 * console.log(quota.max_file_size_bytes); // Infinity
 * ```
 */
export function getVolumeQuota(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<VolumeQuota> {
  return AegisPromise.run(core, async (core) => {
    const spec = { method: "GET", path: "/v1/volumes/quota" } as const;
    const response = await core.requestResponse(spec, options);
    const text = await readText(response, MAX_QUOTA_BODY_BYTES, spec);
    const parsed = expectObject<Record<string, unknown>>(
      parseJson(text, spec, response.headers),
      "GET /v1/volumes/quota",
    );
    const literals = topLevelNumberLiterals(text);
    const quota: Record<string, number> = {};
    for (const field of [...QUOTA_COUNTERS, ...QUOTA_LIMITS]) {
      quota[field] = quotaNumber(field, parsed[field], literals.get(field));
    }
    return quota as unknown as VolumeQuota;
  });
}

function quotaNumber(field: string, value: unknown, literal: string | undefined): number {
  if (typeof value !== "number") {
    throw new AegisProtocolError(
      `expected a number for ${field} from GET /v1/volumes/quota, got ${
        value === undefined ? "nothing" : typeof value
      }`,
    );
  }
  if (Number.isSafeInteger(value)) {
    return field === "max_volumes" && value === U32_MAX ? Infinity : value;
  }
  const isByteLimit = field === "total_storage_bytes" || field === "max_file_size_bytes";
  if (isByteLimit && literal === U64_MAX_TEXT) return Infinity;
  throw new AegisProtocolError(
    `${field} = ${literal ?? value} from GET /v1/volumes/quota is not an integer a JavaScript ` +
      "number holds exactly",
  );
}

/**
 * The raw source text of each number that is a direct member of the top-level object. Only
 * called on text `JSON.parse` accepted, so a token scan (strings kept whole) is enough.
 */
function topLevelNumberLiterals(text: string): Map<string, string> {
  const literals = new Map<string, string>();
  const tokens = /"(?:[^"\\]|\\.)*"|[{}[\]:,]|[^\s{}[\]:,"]+/g;
  let depth = 0;
  let lastString: string | undefined;
  let key: string | undefined;
  for (const [token] of text.matchAll(tokens)) {
    if (token === "{" || token === "[") depth++;
    else if (token === "}" || token === "]") depth--;
    else if (token === ":") key = depth === 1 ? lastString : undefined;
    else if (token === ",") key = undefined;
    else if (token.startsWith('"')) lastString = JSON.parse(token) as string;
    else if (depth === 1 && key !== undefined && /^-?\d/.test(token)) {
      literals.set(key, token);
      key = undefined;
    }
  }
  return literals;
}

function checkLabel(label: unknown, name: string): string {
  if (typeof label !== "string" || label.trim().length === 0) {
    throw new InvalidArgumentError(name, "is required and must be a non-empty string");
  }
  return label;
}
