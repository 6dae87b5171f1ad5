/**
 * Streamed file downloads.
 *
 * @module
 */

/**
 * A file being downloaded. The body is not read until you ask: stream it with
 * {@link FileDownload.body} (memory stays flat whatever the size) or buffer it with
 * {@link FileDownload.bytes} / {@link FileDownload.text}. Read it once.
 *
 * @example
 * ```ts
 * import { FileDownload } from "@aegis/sdk/client";
 *
 * const download = new FileDownload(new Response("hello", { headers: { "content-type": "text/plain" } }));
 * console.log(download.contentType, await download.text()); // "text/plain" "hello"
 * ```
 */
export class FileDownload {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "FileDownload";
  /** The underlying HTTP response. */
  readonly response: Response;

  /** Wraps a successful response. */
  constructor(response: Response) {
    this.response = response;
  }

  /** `Content-Type` the orchestrator guessed from the file extension. */
  get contentType(): string | undefined {
    return this.response.headers.get("content-type") ?? undefined;
  }

  /** Size in bytes when the server sent `Content-Length`. */
  get size(): number | undefined {
    const length = this.response.headers.get("content-length");
    return length === null ? undefined : Number(length);
  }

  /** The bytes as a stream (empty stream for an empty file). */
  get body(): ReadableStream<Uint8Array> {
    return this.response.body ?? new ReadableStream({ start: (c) => c.close() });
  }

  /** Reads the whole file into memory. */
  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.response.arrayBuffer());
  }

  /** Reads the whole file as UTF-8 text. */
  text(): Promise<string> {
    return this.response.text();
  }

  /** Abandons the download and releases the connection. */
  async cancel(): Promise<void> {
    await this.response.body?.cancel();
  }
}
