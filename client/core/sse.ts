/**
 * An incremental Server-Sent Events parser (WHATWG "event stream interpretation"): linear time in
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
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;
const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
const SMALL_CHUNK_BYTES = 16;

/**
 * Incremental SSE parser: feed it byte chunks as they arrive, get complete events back.
 *
 * Each chunk is decoded once (strict, streaming UTF-8) and split into lines as text, so the cost
 * per event is a few substring operations rather than one decode per field.
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
  #decoder = newDecoder();
  /** The decoder holds no bytes of an unfinished character. */
  #decoderIdle = true;
  #atStreamStart = true;
  /** A CR ended the previous chunk: a leading LF in the next one belongs to it. */
  #skipLeadingLF = false;
  /** Pieces of a line that spans chunks. */
  #pending: string[] = [];
  #pendingUnits = 0;
  /** Exact UTF-8 size of the pending pieces, kept only once it could exceed the limit. */
  #pendingBytes: number | undefined;
  #data = "";
  #dataLines = 0;
  #dataUnits = 0;
  /** Exact UTF-8 size of the data, kept only once it could exceed the limit. */
  #dataBytes: number | undefined;
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
    const text = this.#decode(chunk);
    const length = text.length;
    if (length === 0) return events;
    let start = 0;
    if (this.#atStreamStart) {
      this.#atStreamStart = false;
      if (text.charCodeAt(0) === BOM) start = 1;
    }
    if (this.#skipLeadingLF) {
      this.#skipLeadingLF = false;
      if (text.charCodeAt(start) === LF) start++;
    }
    // Positions of the next CR and LF; each is searched for at most once per character.
    let nextLF = text.indexOf("\n", start);
    let nextCR = text.indexOf("\r", start);
    while (start < length) {
      if (nextLF !== -1 && nextLF < start) nextLF = text.indexOf("\n", start);
      if (nextCR !== -1 && nextCR < start) nextCR = text.indexOf("\r", start);
      const end = nextCR === -1 ? nextLF : nextLF === -1 || nextCR < nextLF ? nextCR : nextLF;
      if (end === -1) {
        this.#keepPending(start === 0 ? text : text.slice(start));
        break;
      }
      if (this.#pending.length === 0) {
        this.#line(text, start, end, events);
      } else {
        this.#keepPending(text.slice(start, end));
        const line = this.#pending.length === 1 ? this.#pending[0] : this.#pending.join("");
        this.#pending = [];
        this.#pendingUnits = 0;
        this.#pendingBytes = undefined;
        this.#line(line, 0, line.length, events);
      }
      if (text.charCodeAt(end) === CR) {
        if (end + 1 < length) {
          start = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        } else {
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
    let incomplete = this.#pending.length > 0 || this.#dataLines > 0;
    try {
      if (this.#decoder.decode().length > 0) incomplete = true;
    } catch {
      // A truncated UTF-8 sequence is an incomplete line too.
      incomplete = true;
    }
    this.#decoder = newDecoder();
    this.#decoderIdle = true;
    this.#pending = [];
    this.#pendingUnits = 0;
    this.#pendingBytes = undefined;
    this.#resetEvent();
    return incomplete;
  }

  #decode(chunk: Uint8Array): string {
    const length = chunk.length;
    if (length === 0) return "";
    // Small all-ASCII chunks skip the native decoder, whose per-call cost dominates them; only
    // when the decoder holds no partial character (the previous chunk ended in ASCII).
    if (this.#decoderIdle && length <= SMALL_CHUNK_BYTES) {
      const ascii = asciiText(chunk);
      if (ascii !== undefined) return ascii;
    }
    this.#decoderIdle = chunk[length - 1] < 0x80;
    try {
      return this.#decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw new AegisProtocolError("event stream contains invalid UTF-8", {
        cause: error,
      });
    }
  }

  #keepPending(piece: string): void {
    this.#pending.push(piece);
    this.#pendingUnits += piece.length;
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: count bytes exactly only when the limit is in reach.
    if (this.#pendingUnits * 3 > this.#maxEventBytes) {
      this.#pendingBytes = this.#pendingBytes === undefined
        ? this.#pending.reduce((sum, p) => sum + utf8Length(p), 0)
        : this.#pendingBytes + utf8Length(piece);
      if (this.#pendingBytes > this.#maxEventBytes) {
        throw new AegisProtocolError(
          `event stream line exceeds the ${this.#maxEventBytes}-byte limit`,
        );
      }
    }
  }

  #line(text: string, start: number, end: number, events: SSEMessage[]): void {
    if (start === end) {
      this.#dispatch(events);
      return;
    }
    // The character at `end` is a line break or past the text, so these probes never match
    // beyond the line.
    const first = text.charCodeAt(start);
    if (
      first === 100 && text.charCodeAt(start + 1) === 97 &&
      text.charCodeAt(start + 2) === 116 &&
      text.charCodeAt(start + 3) === 97 && text.charCodeAt(start + 4) === COLON
    ) {
      this.#addData(text.slice(valueStart(text, start + 5), end));
      return;
    }
    if (
      first === 101 && text.charCodeAt(start + 1) === 118 &&
      text.charCodeAt(start + 2) === 101 &&
      text.charCodeAt(start + 3) === 110 &&
      text.charCodeAt(start + 4) === 116 &&
      text.charCodeAt(start + 5) === COLON
    ) {
      this.#event = text.slice(valueStart(text, start + 6), end);
      return;
    }
    if (
      first === 105 && text.charCodeAt(start + 1) === 100 &&
      text.charCodeAt(start + 2) === COLON
    ) {
      const id = text.slice(valueStart(text, start + 3), end);
      if (!id.includes("\u0000")) this.#lastId = id;
      return;
    }
    if (first === COLON) {
      this.#onComment?.(text.slice(start + 1, end));
      return;
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(":");
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(valueStart(line, colon + 1));
    switch (name) {
      case "data":
        this.#addData(value);
        break;
      case "event":
        this.#event = value;
        break;
      case "id":
        if (!value.includes("\u0000")) this.#lastId = value;
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) this.#retry = Number(value);
        break;
    }
  }

  #addData(value: string): void {
    this.#dataUnits += value.length + 1;
    if (this.#dataUnits * 3 > this.#maxEventBytes) {
      this.#dataBytes = this.#dataBytes === undefined
        ? (this.#dataLines === 0 ? 0 : utf8Length(this.#data) + 1) +
          utf8Length(value) + 1
        : this.#dataBytes + utf8Length(value) + 1;
      if (this.#dataBytes > this.#maxEventBytes) {
        throw new AegisProtocolError(
          `event stream event exceeds the ${this.#maxEventBytes}-byte limit`,
        );
      }
    }
    this.#data = this.#dataLines === 0 ? value : `${this.#data}\n${value}`;
    this.#dataLines++;
  }

  #dispatch(events: SSEMessage[]): void {
    if (this.#dataLines > 0) {
      events.push({
        event: this.#event || "message",
        data: this.#data,
        id: this.#lastId,
        retry: this.#retry,
      });
    }
    this.#resetEvent();
  }

  #resetEvent(): void {
    this.#data = "";
    this.#dataLines = 0;
    this.#dataUnits = 0;
    this.#dataBytes = undefined;
    this.#event = "";
    this.#retry = undefined;
  }
}

function newDecoder(): TextDecoder {
  // `ignoreBOM`: the byte-order mark is the stream's to strip (only at its very start).
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
}

/** The chunk as text when it is all ASCII, else undefined. */
function asciiText(chunk: Uint8Array): string | undefined {
  for (let i = 0; i < chunk.length; i++) if (chunk[i] >= 0x80) return undefined;
  return String.fromCharCode.apply(null, chunk as unknown as number[]);
}

/** Where a field value starts: after the colon and at most one space. */
function valueStart(text: string, afterColon: number): number {
  return text.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
}

/** UTF-8 size of well-formed text (the decoder is fatal, so there are no lone surrogates). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x800) {
      // A surrogate pair is 2 units for 4 bytes; any other unit here is 3 bytes.
      bytes += unit >= 0xd800 && unit <= 0xdbff ? 0 : 2;
    } else if (unit >= 0x80) {
      bytes += 1;
    }
  }
  return bytes;
}
