/**
 * Fake `/v1/volumes/{id}/files*` routes: file operations including
 * uploads as raw bodies (streamed against the tier cap) or multipart forms (about 2 MiB at most,
 * like axum's default limit), content-sniffed MIME types and SHA-256 digests.
 *
 * Files are kept in memory, so the fake suits functional tests; measure client memory with the
 * fake in another process (see `tests/client/volumes_memory_test.ts`).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { sha256Hex } from "../internal/api_key_store.ts";
import type { FakeContext } from "../internal/context.ts";
import {
  contentTypeFor,
  isObject,
  isUuid,
  jsonBody,
  jsonError,
  plainText,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";
import {
  CHAT_ATTACHMENTS,
  type FakeVolume,
  type FakeVolumeFile,
  MISSING_PATH,
  MULTIPART_LIMIT,
  usedBytes,
} from "../internal/volume_store.ts";

/** Registers the volume file routes. */
export function registerVolumeFileRoutes(app: Hono, ctx: FakeContext): void {
  const { volumes, limits } = ctx.volumes;
  const now = () => ctx.state.now();

  app.get("/v1/volumes/:id/files", (c) =>
    withPath(c, (volume, target) => {
      if (volume.files.has(target)) {
        return jsonError(422, `invalid path: not a directory: /${target}`);
      }
      if (!isDirectory(volume, target)) {
        return jsonError(404, `not found: /${target}`);
      }
      return c.json(listDirectory(volume, target));
    }));

  app.get("/v1/volumes/:id/files/stat", (c) =>
    withPath(c, (volume, target) => {
      const file = fileAt(volume, target);
      if (file instanceof Response) return file;
      return c.json({
        mime_type: file.mimeType,
        name: target.split("/").pop() ?? target,
        sha256: file.sha256,
        size: file.data.byteLength,
      });
    }));

  app.get("/v1/volumes/:id/files/download", (c) =>
    withPath(c, (volume, target) => {
      const file = fileAt(volume, target);
      if (file instanceof Response) return file;
      return new Response(file.data as Uint8Array<ArrayBuffer>, {
        headers: {
          "content-type": contentTypeFor(target),
          "content-length": String(file.data.byteLength),
        },
      });
    }));

  app.delete("/v1/volumes/:id/files", (c) =>
    withPath(c, (volume, target) => {
      if (target === "") return jsonError(422, "invalid path: the volume root cannot be deleted");
      if (volume.files.delete(target)) return c.json({ success: true });
      if (!isDirectory(volume, target)) return jsonError(404, `not found: /${target}`);
      for (const key of [...volume.files.keys()]) {
        if (key.startsWith(target + "/")) volume.files.delete(key);
      }
      for (const key of [...volume.dirs.keys()]) {
        if (key === target || key.startsWith(target + "/")) volume.dirs.delete(key);
      }
      return c.json({ success: true });
    }));

  app.post("/v1/volumes/:id/files/mkdir", (c) =>
    withPath(c, (volume, target) => {
      if (target === "" || volume.files.has(target)) {
        return jsonError(422, `invalid path: /${target} already exists`);
      }
      const parts = target.split("/");
      for (let i = 1; i <= parts.length; i++) {
        const dir = parts.slice(0, i).join("/");
        if (volume.files.has(dir)) return jsonError(422, `invalid path: not a directory: /${dir}`);
        if (!volume.dirs.has(dir)) volume.dirs.set(dir, now());
      }
      return c.json({ success: true });
    }));

  app.post("/v1/volumes/:id/files/move", async (c) => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const value = body.value;
    if (!isObject(value) || !("from" in value)) return unprocessable("missing field `from`");
    if (!("to" in value)) return unprocessable("missing field `to`");
    if (typeof value.from !== "string" || typeof value.to !== "string") {
      return unprocessable("invalid type: expected a string");
    }
    const volume = volumes.get(id);
    if (!volume) return jsonError(404, `not found: volume ${id}`);
    const from = canonical(value.from);
    const to = canonical(value.to);
    if (from instanceof Response) return from;
    if (to instanceof Response) return to;
    if (from === "" || to === "") {
      return jsonError(422, "invalid path: cannot move the volume root");
    }
    if (to === from || to.startsWith(from + "/")) {
      return jsonError(422, "invalid path: cannot move a path into itself");
    }
    const file = volume.files.get(from);
    if (file) {
      volume.files.delete(from);
      volume.files.set(to, { ...file, modifiedAt: now() });
      return c.json({ success: true });
    }
    if (!isDirectory(volume, from)) return jsonError(404, `not found: /${from}`);
    const rename = (key: string) => to + key.slice(from.length);
    for (const [key, entry] of [...volume.files]) {
      if (!key.startsWith(from + "/")) continue;
      volume.files.delete(key);
      volume.files.set(rename(key), entry);
    }
    for (const [key, created] of [...volume.dirs]) {
      if (key !== from && !key.startsWith(from + "/")) continue;
      volume.dirs.delete(key);
      volume.dirs.set(rename(key), created);
    }
    volume.dirs.set(to, volume.dirs.get(to) ?? now());
    return c.json({ success: true });
  });

  app.post("/v1/volumes/:idOrName/files/upload", async (c) => {
    const destination = c.req.query("path");
    if (destination === undefined) return plainText(400, MISSING_PATH);
    const invalid = destinationProblem(destination);
    if (invalid) return jsonError(422, invalid);
    const idOrName = c.req.param("idOrName");
    let volume: FakeVolume | undefined;
    let volumeId: string;
    if (isUuid(idOrName)) {
      volumeId = idOrName.toLowerCase();
    } else if (idOrName === CHAT_ATTACHMENTS) {
      const found = ctx.volumes.chatAttachments();
      if (found instanceof Response) return found;
      volume = found;
      volumeId = found.id;
    } else {
      return jsonError(400, `expected volume UUID or reserved name '${CHAT_ATTACHMENTS}'`);
    }
    const cap = limits.maxFileSizeBytes;
    const declared = c.req.header("content-length");
    if (declared !== undefined && /^\d+$/.test(declared) && BigInt(declared) > cap) {
      return tooLarge(cap);
    }
    const type = c.req.header("content-type") ?? "";
    const received = /^\s*multipart\//i.test(type)
      ? await readMultipart(c.req.raw, cap)
      : await readRaw(c.req.raw, cap, c.req.header("x-filename"));
    if (received instanceof Response) return received;
    volume ??= volumes.get(volumeId);
    if (!volume) return jsonError(404, `not found: volume ${volumeId}`);
    const target = canonical(destination);
    if (target instanceof Response) return target;
    const previous = volume.files.get(target)?.data.byteLength ?? 0;
    if (usedBytes(volume) - previous + received.data.byteLength > volume.sizeLimitBytes) {
      return jsonError(422, "file size exceeds limit");
    }
    const sha256 = await sha256Hex(received.data);
    const mimeType = sniffMimeType(received.data);
    volume.files.set(target, { data: received.data, sha256, mimeType, modifiedAt: now() });
    const name = received.name !== undefined && validFilename(received.name)
      ? received.name
      : lastSegment(destination) ?? destination;
    return c.json({
      mime_type: mimeType,
      name,
      path: destination,
      sha256,
      size: received.data.byteLength,
      volume_id: volume.id,
    });
  });

  /** Runs a `?path=` file route: UUID, required query, existing volume, canonical path. */
  async function withPath(
    c: Context,
    handle: (volume: FakeVolume, target: string) => Response | Promise<Response>,
  ): Promise<Response> {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const raw = c.req.query("path");
    if (raw === undefined) return plainText(400, MISSING_PATH);
    const volume = volumes.get(id);
    if (!volume) return jsonError(404, `not found: volume ${id}`);
    const target = canonical(raw);
    if (target instanceof Response) return target;
    return await handle(volume, target);
  }
}

/** Rooted at `/`, `.` and empty segments dropped, `..` and control characters refused. */
function canonical(raw: string): string | Response {
  if (hasControl(raw)) return jsonError(422, "invalid path: contains control characters");
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) {
    return jsonError(422, "invalid path: path traversal ('..') is not allowed");
  }
  return segments.join("/");
}

/** The file at `target`, or the orchestrator's 422 (a directory) / 404 (nothing there). */
function fileAt(volume: FakeVolume, target: string): FakeVolumeFile | Response {
  const file = volume.files.get(target);
  if (file) return file;
  return isDirectory(volume, target)
    ? jsonError(422, `invalid path: not a file: /${target}`)
    : jsonError(404, `not found: /${target}`);
}

function isDirectory(volume: FakeVolume, target: string): boolean {
  if (target === "" || volume.dirs.has(target)) return true;
  const prefix = target + "/";
  for (const key of volume.files.keys()) if (key.startsWith(prefix)) return true;
  for (const key of volume.dirs.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

function listDirectory(volume: FakeVolume, dir: string) {
  const prefix = dir === "" ? "" : dir + "/";
  const entries = new Map<
    string,
    { name: string; is_dir: boolean; size_bytes: number; modified_at: string | null }
  >();
  const childOf = (key: string) => key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
  for (const [key, file] of volume.files) {
    const rest = childOf(key);
    if (rest === undefined) continue;
    const [first, ...more] = rest.split("/");
    if (more.length === 0) {
      entries.set(first, {
        name: first,
        is_dir: false,
        size_bytes: file.data.byteLength,
        modified_at: timestampZ(file.modifiedAt),
      });
    } else if (!entries.has(first)) {
      const created = volume.dirs.get(prefix + first);
      entries.set(first, {
        name: first,
        is_dir: true,
        size_bytes: 0,
        modified_at: created === undefined ? null : timestampZ(created),
      });
    }
  }
  for (const [key, created] of volume.dirs) {
    const rest = childOf(key);
    if (rest === undefined || rest === "") continue;
    const first = rest.split("/")[0];
    if (!entries.has(first)) {
      const own = volume.dirs.get(prefix + first) ?? created;
      entries.set(first, {
        name: first,
        is_dir: true,
        size_bytes: 0,
        modified_at: timestampZ(own),
      });
    }
  }
  return [...entries.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The upload handler's own checks on `?path=` (422 `{error}` each). */
function destinationProblem(path: string): string | undefined {
  if (path === "") return "destination path is empty";
  if (path.startsWith("/")) return "destination path must be relative (no leading '/')";
  if (path.split("/").includes("..")) return "destination path may not contain '..'";
  if (hasControl(path)) return "destination path contains control characters";
  return undefined;
}

/** Rust's `char::is_control`: C0, DEL and C1. */
function hasControl(value: string): boolean {
  // deno-lint-ignore no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(value);
}

function validFilename(name: string): boolean {
  if (name === "" || name === "." || name === "..") return false;
  if (new TextEncoder().encode(name).byteLength > 255) return false;
  return !hasControl(name) && !name.includes("/") && !name.includes("\\");
}

/** What `Path::file_name` gives: the last normal segment, if any. */
function lastSegment(path: string): string | undefined {
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  const last = segments.at(-1);
  return last === undefined || last === ".." ? undefined : last;
}

function tooLarge(cap: bigint): Response {
  return jsonError(413, `upload exceeds tier cap of ${cap} bytes`);
}

interface Received {
  data: Uint8Array;
  name: string | undefined;
}

/** Streams a raw body, answering 413 the moment the running total passes the tier cap. */
async function readRaw(
  request: Request,
  cap: bigint,
  header: string | undefined,
  drainRefused = false,
): Promise<Received | Response> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        return jsonError(400, `body read error: ${(error as Error).message}`);
      }
      if (next.done) break;
      total += next.value.byteLength;
      if (BigInt(total) > cap) {
        if (drainRefused) await discardRest(reader);
        else await reader.cancel().catch(() => {});
        return tooLarge(cap);
      }
      chunks.push(next.value);
    }
  }
  let name: string | undefined;
  if (header !== undefined) {
    try {
      name = decodeURIComponent(header);
    } catch {
      name = header;
    }
  }
  return { data: concat(chunks, total), name };
}

/**
 * Reads and drops what is left of a refused multipart body, up to a bound, before cancelling
 * it: Node 24's fetch fails asynchronously ("ReadableStream is already closed") when a
 * `FormData` body it is still producing is cancelled under it.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let drained = 0;
  try {
    while (drained < 8 * 1024 * 1024) {
      const { done, value } = await reader.read();
      if (done) return;
      drained += value.byteLength;
    }
  } catch {
    return;
  }
  await reader.cancel().catch(() => {});
}

/**
 * Reads a multipart body within axum's 2 MiB limit; the first part with a non-empty body is
 * the file, whatever its field name.
 */
async function readMultipart(request: Request, cap: bigint): Promise<Received | Response> {
  const raw = await readRaw(request, BigInt(MULTIPART_LIMIT), undefined, true);
  if (raw instanceof Response) {
    if (raw.status !== 413) return raw;
    return jsonError(400, "multipart read error: length limit exceeded");
  }
  if (BigInt(raw.data.byteLength) > cap) return tooLarge(cap);
  let form: FormData;
  try {
    form = await new Response(raw.data as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch (error) {
    return jsonError(400, `multipart parse error: ${(error as Error).message}`);
  }
  for (const [, part] of form) {
    if (typeof part === "string") {
      if (part !== "") return { data: new TextEncoder().encode(part), name: undefined };
    } else if (part.size > 0) {
      return { data: new Uint8Array(await part.arrayBuffer()), name: part.name || undefined };
    }
  }
  return jsonError(422, "multipart body contained no file");
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const MAGIC: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
  [[0x25, 0x50, 0x44, 0x46], "application/pdf"],
  [[0xff, 0xd8, 0xff], "image/jpeg"],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], "image/gif"],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], "image/gif"],
  [[0x50, 0x4b, 0x03, 0x04], "application/zip"],
  [[0x50, 0x4b, 0x05, 0x06], "application/zip"],
  [[0x50, 0x4b, 0x07, 0x08], "application/zip"],
];

/** A few of the `infer` crate's magic numbers; like it, plain text is `application/octet-stream`. */
function sniffMimeType(data: Uint8Array): string {
  for (const [magic, type] of MAGIC) {
    if (data.byteLength >= magic.length && magic.every((byte, i) => data[i] === byte)) return type;
  }
  return "application/octet-stream";
}
