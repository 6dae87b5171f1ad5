/**
 * Files inside volumes: list, stat, download (streamed), upload (streamed raw body), mkdir,
 * move and delete, plus {@link attachmentRefFromUpload} to hand an upload to an execution.
 *
 * @module
 */

import type { AttachmentRef } from "./agents.ts";
import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { FileDownload } from "./core/download.ts";
import { InvalidArgumentError } from "../errors.ts";
import { expectArray, expectObject } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import {
  normalizeFilePath,
  path,
  rejectControlCharacters,
  rejectLoneSurrogates,
} from "./core/path.ts";
import type { VolumeActionResponse } from "./volumes.ts";

/**
 * The reserved volume name accepted by {@link uploadFile} in place of a UUID: the caller's
 * per-user attachments volume, created by the orchestrator on the first upload.
 *
 * @example
 * ```ts
 * import { AegisClient, CHAT_ATTACHMENTS_VOLUME } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const upload = await client.uploadFile(CHAT_ATTACHMENTS_VOLUME, "notes/todo.txt", "buy milk");
 * console.log(upload.size); // 8
 * ```
 */
export const CHAT_ATTACHMENTS_VOLUME = "chat-attachments";

/** One element of `GET /v1/volumes/{id}/files` (a bare array). */
export interface VolumeFileEntry {
  /** Entry name (no directory part). */
  name: string;
  /** True for a directory. */
  is_dir: boolean;
  /** File size in bytes (0 for directories). */
  size_bytes: number;
  /** RFC 3339 `Z`; `null` when the storage backend does not know. */
  modified_at: string | null;
}

/** `GET /v1/volumes/{id}/files/stat`: what an {@link AttachmentRef} needs besides id and path. */
export interface VolumeFileStat {
  /** File name (last path segment). */
  name: string;
  /** Sniffed from the content (`application/octet-stream` when unknown), not the extension. */
  mime_type: string;
  /** Size in bytes. */
  size: number;
  /** Lower-case hex SHA-256, when the server computed it. */
  sha256?: string;
}

/** `POST /v1/volumes/{id}/files/upload` answer. */
export interface UploadFileResponse {
  /** The volume's UUID (also when uploading to `chat-attachments`). */
  volume_id: string;
  /** The destination path as sent. */
  path: string;
  /** Display name: the `filename` sent, else the last path segment. */
  name: string;
  /** Sniffed from the content, never taken from the request. */
  mime_type: string;
  /** Size in bytes of the stored file. */
  size: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
}

/**
 * What {@link uploadFile} can send. Every variant goes out as the raw request body without the
 * SDK copying it; a `ReadableStream` is streamed as it is produced (and, since it cannot be
 * replayed, never retried).
 */
export type UploadSource =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | string;

/** Options of {@link uploadFile}. */
export interface UploadFileOptions extends RequestOptions {
  /**
   * Display name sent as the percent-encoded `X-Filename` header (default: the `File`'s name;
   * otherwise the server uses the last path segment). The server ignores invalid names
   * (containing `/`, `\`, control characters, or longer than 255 bytes).
   */
  filename?: string;
  /**
   * `Content-Type` of the body (default: the `Blob`'s type, else `application/octet-stream`).
   * The server sniffs the real type from the bytes; this only has to be anything but
   * `multipart/*`, which would make the server parse the body as a form.
   */
  contentType?: string;
}

/**
 * Lists a directory of a volume (default the root `/`; the server requires `path`, so it is
 * always sent).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * await client.uploadFile(id, "notes/todo.txt", "buy milk");
 * console.log(await client.listFiles(id, "/notes")); // [{ name: "todo.txt", is_dir: false, ... }]
 * ```
 */
export function listFiles(
  core: AegisCore,
  volumeId: string,
  dirPath = "/",
  options?: RequestOptions,
): AegisPromise<VolumeFileEntry[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: path`/v1/volumes/${volumeId}/files`,
      query: { path: volumePath(dirPath, "path", true) },
    }, options);
    return expectArray<VolumeFileEntry>(body, "GET /v1/volumes/{id}/files");
  });
}

/**
 * Gets a file's name, sniffed MIME type, size and SHA-256 (`GET .../files/stat`; no published SDK
 * exposes this route).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * await client.uploadFile(id, "a.txt", "hello");
 * console.log(await client.statFile(id, "a.txt")); // { name: "a.txt", mime_type: ..., size: 5, sha256: ... }
 * ```
 */
export function statFile(
  core: AegisCore,
  volumeId: string,
  filePath: string,
  options?: RequestOptions,
): AegisPromise<VolumeFileStat> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "GET",
      path: path`/v1/volumes/${volumeId}/files/stat`,
      query: { path: volumePath(filePath, "path") },
    }, options);
    return expectObject<VolumeFileStat>(body, "GET /v1/volumes/{id}/files/stat");
  });
}

/**
 * Downloads a file. Nothing is buffered: stream `download.body`, or call `.bytes()` /
 * `.text()` for small files. `contentType` is the server's guess from the extension.
 *
 * @example Stream a file to its consumer
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * await client.uploadFile(id, "report.json", '{"ok":true}');
 * const download = await client.downloadFile(id, "report.json");
 * let bytes = 0;
 * for await (const chunk of download.body) bytes += chunk.byteLength;
 * console.log(download.contentType, bytes); // "application/json" 11
 * ```
 */
export function downloadFile(
  core: AegisCore,
  volumeId: string,
  filePath: string,
  options?: RequestOptions,
): AegisPromise<FileDownload> {
  return AegisPromise.run(core, async (core) => {
    const response = await core.requestResponse({
      method: "GET",
      path: path`/v1/volumes/${volumeId}/files/download`,
      query: { path: volumePath(filePath, "path") },
      headers: { accept: "*/*" },
    }, options);
    return new FileDownload(response);
  });
}

/**
 * Downloads a whole file into memory (like `download_file` of the Python SDK); prefer
 * {@link downloadFile} for large files.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * await client.uploadFile(id, "a.bin", new Uint8Array([1, 2, 3]));
 * console.log(await client.downloadFileBytes(id, "a.bin")); // Uint8Array(3) [1, 2, 3]
 * ```
 */
export function downloadFileBytes(
  core: AegisCore,
  volumeId: string,
  filePath: string,
  options?: RequestOptions,
): AegisPromise<Uint8Array> {
  return AegisPromise.run(core, async (core) => {
    return await (await downloadFile(core, volumeId, filePath, options)).bytes();
  });
}

/**
 * Uploads a file to `filePath` (the full destination path, relative to the volume root) as a
 * raw request body: multipart uploads are capped at about 2 MiB by the server, raw bodies only
 * by the tier (413 `{error: "upload exceeds tier cap of N bytes"}` -> `AegisApiError`).
 * `volumeId` is a volume UUID or {@link CHAT_ATTACHMENTS_VOLUME}. A leading `/` is dropped;
 * empty paths, `.`/`..` segments and control characters are refused before anything is sent.
 * Bodies other than streams are retried like idempotent requests (the upload overwrites the
 * same path with the same bytes).
 *
 * @example Upload a generated stream without holding it in memory
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "logs", size_limit_bytes: 1 << 30 });
 * let sent = 0;
 * const source = new ReadableStream<Uint8Array>({
 *   pull(controller) {
 *     if (sent === 4) return controller.close();
 *     sent++;
 *     controller.enqueue(new TextEncoder().encode(`line ${sent}\n`));
 *   },
 * });
 * const uploaded = await client.uploadFile(id, "run/out.log", source, { filename: "out.log" });
 * console.log(uploaded.size, uploaded.sha256);
 * ```
 */
export function uploadFile(
  core: AegisCore,
  volumeId: string,
  filePath: string,
  file: UploadSource,
  options: UploadFileOptions = {},
): AegisPromise<UploadFileResponse> {
  return AegisPromise.run(core, async (core) => {
    const destination = volumePath(filePath, "path");
    const body = checkSource(file);
    const headers: Record<string, string> = {};
    const filename = options.filename ?? fileName(file);
    if (filename !== undefined && filename !== "") {
      if (typeof filename !== "string") {
        throw new InvalidArgumentError("filename", "must be a string");
      }
      rejectLoneSurrogates(filename, "filename");
      headers["x-filename"] = encodeURIComponent(filename);
    }
    const result = await core.request({
      method: "POST",
      path: path`/v1/volumes/${volumeId}/files/upload`,
      query: { path: destination },
      body,
      contentType: contentTypeOf(file, options.contentType),
      headers,
      idempotent: !(body instanceof ReadableStream),
    }, options);
    return expectObject<UploadFileResponse>(result, "POST /v1/volumes/{id}/files/upload");
  });
}

/**
 * Creates a directory (`POST .../files/mkdir?path=`; the server reads only the query, no body).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * console.log(await client.mkdir(id, "reports/2026")); // { success: true }
 * ```
 */
export function mkdir(
  core: AegisCore,
  volumeId: string,
  dirPath: string,
  options?: RequestOptions,
): AegisPromise<VolumeActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "POST",
      path: path`/v1/volumes/${volumeId}/files/mkdir`,
      query: { path: volumePath(dirPath, "path") },
    }, options);
    return expectObject<VolumeActionResponse>(body, "POST /v1/volumes/{id}/files/mkdir");
  });
}

/**
 * Moves or renames a file or directory inside a volume (`{from, to}` body).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * await client.uploadFile(id, "draft.md", "# Draft");
 * console.log(await client.movePath(id, "draft.md", "final.md")); // { success: true }
 * ```
 */
export function movePath(
  core: AegisCore,
  volumeId: string,
  from: string,
  to: string,
  options?: RequestOptions,
): AegisPromise<VolumeActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "POST",
      path: path`/v1/volumes/${volumeId}/files/move`,
      json: { from: volumePath(from, "from"), to: volumePath(to, "to") },
    }, options);
    return expectObject<VolumeActionResponse>(body, "POST /v1/volumes/{id}/files/move");
  });
}

/**
 * Deletes a file, or a directory with its contents. The volume root cannot be named.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await client.createVolume({ label: "docs", size_limit_bytes: 1 << 20 });
 * await client.uploadFile(id, "tmp/a.txt", "x");
 * console.log(await client.deletePath(id, "tmp")); // { success: true }
 * ```
 */
export function deletePath(
  core: AegisCore,
  volumeId: string,
  targetPath: string,
  options?: RequestOptions,
): AegisPromise<VolumeActionResponse> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({
      method: "DELETE",
      path: path`/v1/volumes/${volumeId}/files`,
      query: { path: volumePath(targetPath, "path") },
    }, options);
    return expectObject<VolumeActionResponse>(body, "DELETE /v1/volumes/{id}/files");
  });
}

/**
 * Turns an upload answer into the {@link AttachmentRef} that `executeAgent` accepts in its
 * `attachments` option (the fields are the same; this drops anything else the server adds).
 *
 * @example
 * ```ts
 * import { attachmentRefFromUpload } from "@aegis/sdk/client";
 *
 * const ref = attachmentRefFromUpload({
 *   volume_id: "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10", path: "in/data.csv", name: "data.csv",
 *   mime_type: "application/octet-stream", size: 42, sha256: "ab".repeat(32),
 * });
 * console.log(ref.path); // "in/data.csv"
 * ```
 */
export function attachmentRefFromUpload(upload: UploadFileResponse): AttachmentRef {
  return {
    volume_id: upload.volume_id,
    path: upload.path,
    name: upload.name,
    mime_type: upload.mime_type,
    size: upload.size,
    sha256: upload.sha256,
  };
}

/**
 * A volume path as the server accepts it: relative (a leading `/` is dropped), no empty, `.` or
 * `..` segments, no C0/C1 control characters (the server's `char::is_control` check). Only
 * listings may name the root, sent as `/`.
 */
function volumePath(value: string, name: string, allowRoot = false): string {
  if (allowRoot && value === "/") return "/";
  const relative = normalizeFilePath(value, name);
  if (/[\u0080-\u009f]/.test(relative)) {
    throw new InvalidArgumentError(name, "must not contain control characters");
  }
  return allowRoot ? "/" + relative : relative;
}

function checkSource(file: UploadSource): BodyInit {
  if (
    typeof file === "string" || file instanceof Blob || file instanceof Uint8Array ||
    file instanceof ArrayBuffer || file instanceof ReadableStream
  ) {
    return file as BodyInit;
  }
  throw new InvalidArgumentError(
    "file",
    "must be a Blob, File, Uint8Array, ArrayBuffer, ReadableStream or string",
  );
}

function fileName(file: UploadSource): string | undefined {
  return typeof File !== "undefined" && file instanceof File ? file.name : undefined;
}

function contentTypeOf(file: UploadSource, requested: string | undefined): string {
  if (requested !== undefined) {
    if (typeof requested !== "string" || requested.trim() === "") {
      throw new InvalidArgumentError("contentType", "must be a non-empty string");
    }
    rejectControlCharacters(requested, "contentType");
    if (isMultipart(requested)) {
      throw new InvalidArgumentError(
        "contentType",
        "must not be multipart/*: the server would parse the raw body as a form",
      );
    }
    return requested;
  }
  if (file instanceof Blob && file.type !== "" && !isMultipart(file.type)) return file.type;
  if (typeof file === "string") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

function isMultipart(type: string): boolean {
  return /^\s*multipart\//i.test(type);
}
