/**
 * A byte-level Server-Sent Events parser (WHATWG "event stream interpretation"): linear time in
 * the input whatever the chunking, bounded memory, CR/LF/CRLF line endings, comments, `data`,
 * `event`, `id` and `retry` fields, and strict UTF-8.
 *
 * @module
 */

import { AegisProtocolError } from "./errors.ts";

/** One dispatched event. */
export interface SSEMessage {
  /** `event:` field, or `"message"` when absent. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last `id:` seen (it persists across events, as the standard says), if any. */
  id: string | undefined;
  /** `retry:` in ms, when this event set it. */
  retry: number | undefined;
}

/** Options of {@link SSEParser}. */
export interface SSEParserOptions {
  /** Largest line or event (in bytes) accepted before failing; default 16 MiB. */
  maxEventBytes?: number;
  /** Called for `:` comment lines (keep-alives), with the comment text. */
  onComment?: (comment: string) => void;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Incremental SSE parser: feed it byte chunks as they arrive, get complete events back.
 *
 * @example Parse a stream split at an awkward place
 * ```ts
 * import { SSEParser } from "@aegis/sdk/client";
 *
 * const parser = new SSEParser();
 * const bytes = new TextEncoder().encode('data: {"n":1}\n\n:\n\ndata: {"n":2}\n\n');
 * const events = [...parser.feed(bytes.subarray(0, 7)), ...parser.feed(bytes.subarray(7))];
 * console.log(events.map((e) => JSON.parse(e.data).n)); // [1, 2]
 * ```
 */
export class SSEParser {
  readonly #maxEventBytes: number;
  readonly #onComment: ((comment: string) => void) | undefined;
  readonly #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  /** Pieces of a line that spans chunks. */
  #partial: Uint8Array[] = [];
  #partialBytes = 0;
  /** A CR ended the previous chunk: a leading LF in the next one belongs to it. */
  #skipLeadingLF = false;
  #firstLine = true;
  #data: string[] = [];
  #dataBytes = 0;
  #event = "";
  #lastId: string | undefined;
  #retry: number | undefined;

  /** Creates a parser. */
  constructor(options: SSEParserOptions = {}) {
    this.#maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.#onComment = options.onComment;
  }

  /** Consumes a chunk and returns the events it completed (possibly none). */
  feed(chunk: Uint8Array): SSEMessage[] {
    const events: SSEMessage[] = [];
    let start = 0;
    if (this.#skipLeadingLF) {
      this.#skipLeadingLF = false;
      if (chunk.length > 0 && chunk[0] === LF) start = 1;
    }
    // Positions of the next CR and LF; each is searched for at most once per byte.
    let nextLF = chunk.indexOf(LF, start);
    let nextCR = chunk.indexOf(CR, start);
    while (start < chunk.length) {
      if (nextLF !== -1 && nextLF < start) nextLF = chunk.indexOf(LF, start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf(CR, start);
      const end = nextCR === -1 ? nextLF : nextLF === -1 ? nextCR : Math.min(nextCR, nextLF);
      if (end === -1) {
        this.#keepPartial(chunk.subarray(start));
        break;
      }
      this.#line(this.#takeLine(chunk.subarray(start, end)), events);
      if (chunk[end] === CR) {
        if (end + 1 < chunk.length) start = chunk[end + 1] === LF ? end + 2 : end + 1;
        else {
          this.#skipLeadingLF = true;
          start = end + 1;
        }
      } else {
        start = end + 1;
      }
    }
    return events;
  }

  /**
   * Ends the input. A final event without its blank line is discarded, as the standard says;
   * returns true when such an incomplete event (or a partial line) was pending.
   */
  end(): boolean {
    const incomplete = this.#partialBytes > 0 || this.#data.length > 0;
    this.#partial = [];
    this.#partialBytes = 0;
    this.#resetEvent();
    return incomplete;
  }

  #keepPartial(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.#partialBytes += piece.length;
    if (this.#partialBytes > this.#maxEventBytes) {
      throw new AegisProtocolError(
        `event stream line exceeds the ${this.#maxEventBytes}-byte limit`,
      );
    }
    // Copy: the caller may reuse the chunk's buffer.
    this.#partial.push(piece.slice());
  }

  #takeLine(tail: Uint8Array): Uint8Array {
    if (this.#partial.length === 0) return tail;
    const line = new Uint8Array(this.#partialBytes + tail.length);
    let offset = 0;
    for (const piece of this.#partial) {
      line.set(piece, offset);
      offset += piece.length;
    }
    line.set(tail, offset);
    this.#partial = [];
    this.#partialBytes = 0;
    if (line.length > this.#maxEventBytes) {
      throw new AegisProtocolError(
        `event stream line exceeds the ${this.#maxEventBytes}-byte limit`,
      );
    }
    return line;
  }

  #line(line: Uint8Array, events: SSEMessage[]): void {
    if (this.#firstLine) {
      this.#firstLine = false;
      if (line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    }
    if (line.length === 0) {
      this.#dispatch(events);
      return;
    }
    const colon = line.indexOf(COLON);
    if (colon === 0) {
      this.#onComment?.(this.#decode(line.subarray(1)));
      return;
    }
    const nameBytes = colon === -1 ? line : line.subarray(0, colon);
    let valueStart = colon === -1 ? line.length : colon + 1;
    if (valueStart < line.length && line[valueStart] === SPACE) valueStart++;
    const value = line.subarray(valueStart);
    switch (fieldName(nameBytes)) {
      case "data":
        this.#dataBytes += value.length + 1;
        if (this.#dataBytes > this.#maxEventBytes) {
          throw new AegisProtocolError(
            `event stream event exceeds the ${this.#maxEventBytes}-byte limit`,
          );
        }
        this.#data.push(this.#decode(value));
        break;
      case "event":
        this.#event = this.#decode(value);
        break;
      case "id": {
        const id = this.#decode(value);
        if (!id.includes("\u0000")) this.#lastId = id;
        break;
      }
      case "retry":
        if (value.length > 0 && value.every((b) => b >= 48 && b <= 57)) {
          this.#retry = Number(this.#decode(value));
        }
        break;
    }
  }

  #dispatch(events: SSEMessage[]): void {
    if (this.#data.length > 0) {
      events.push({
        event: this.#event || "message",
        data: this.#data.length === 1 ? this.#data[0] : this.#data.join("\n"),
        id: this.#lastId,
        retry: this.#retry,
      });
    }
    this.#resetEvent();
  }

  #resetEvent(): void {
    this.#data = [];
    this.#dataBytes = 0;
    this.#event = "";
    this.#retry = undefined;
  }

  #decode(bytes: Uint8Array): string {
    try {
      return this.#decoder.decode(bytes);
    } catch (error) {
      throw new AegisProtocolError("event stream contains invalid UTF-8", { cause: error });
    }
  }
}

/** Recognises the four field names without decoding; other names are ignored. */
function fieldName(bytes: Uint8Array): string | undefined {
  const [a, b, c, d, e] = bytes;
  switch (bytes.length) {
    case 2:
      return a === 105 && b === 100 ? "id" : undefined;
    case 4:
      return a === 100 && b === 97 && c === 116 && d === 97 ? "data" : undefined;
    case 5:
      if (a === 101 && b === 118 && c === 101 && d === 110 && e === 116) return "event";
      if (a === 114 && b === 101 && c === 116 && d === 114 && e === 121) return "retry";
      return undefined;
  }
  return undefined;
}
