/**
 * An incremental Server-Sent Events parser (WHATWG "event stream interpretation"): linear time in
 * the input whatever the chunking, bounded memory, CR/LF/CRLF line endings, comments, `data`,
 * `event`, `id` and `retry` fields, and strict UTF-8.
 *
 * @module
 */

import { AegisProtocolError } from "../../errors.ts";

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
const REPLACEMENT_CHARACTER = "\ufffd";
/** 16 MiB, written out: bundlers keep a module-level product even where nothing uses it. */
const DEFAULT_MAX_EVENT_BYTES = 16_777_216;
const EMPTY = /* @__PURE__ */ new Uint8Array(0);
/**
 * What `feed` returns for a chunk that completes no event (most chunks of a large event): one
 * shared array rather than a new one per chunk. Not frozen: V8 iterates frozen arrays on a
 * slower path, and every caller only reads the answer.
 */
const NO_EVENTS: SSEMessage[] = [];

/**
 * Up to this size an all-ASCII chunk is turned into text without calling the decoder, where the
 * decoder is a JavaScript wrapper (Deno's around an op, Node's around a binding): there its fixed
 * cost per call is several times the work for 16 bytes. A decoder implemented natively (Bun,
 * browsers, workerd) is cheaper than building the string in JavaScript, so there it is 0.
 * Computed in a function marked pure, so that a bundle without the parser drops it too (the
 * npm package shares one chunk between the parser and the resource functions).
 */
const SMALL_CHUNK_BYTES = /* @__PURE__ */ (() => isNative(TextDecoder.prototype.decode) ? 0 : 16)();

/**
 * Incremental SSE parser: feed it byte chunks as they arrive, get complete events back.
 *
 * Each chunk is decoded once and split into lines as text, so the cost per event is a few
 * substring operations rather than one decode per field. The decoder is the lenient one, which
 * every runtime optimises best; strictness comes from checking its output for U+FFFD (only text
 * that contains one is re-checked strictly) and from completing characters split across chunks
 * here, so an invalid byte is reported at the chunk where a strict streaming decoder would.
 *
 * @example Parse a stream split at an awkward place
 * ```ts
 * import { SSEParser } from "./sse.ts";
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
  /** Decodes chunks that follow ASCII text (so probably are ASCII too)... */
  readonly #asciiDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  /**
   * ...and this one those that follow non-ASCII text. Both are lenient and only ever given whole
   * characters, so they give the same text; this one has streamed once (nothing), which on some
   * runtimes (Node 20) moves it for good from a one-shot path that is fast for ASCII but slow
   * for other text to a converter that is faster for it. Elsewhere that call changes nothing.
   */
  #textDecoder: TextDecoder | undefined;
  /** The events the current `feed` completed. */
  #events = NO_EVENTS;
  /** The last chunk was all ASCII: the next one probably is too. */
  #lastTextAscii = true;
  /** The first bytes of a character that the previous chunk ended in the middle of. */
  readonly #carry = new Uint8Array(4);
  /** How many bytes of `#carry` are set (0: the last chunk ended on a whole character). */
  #carryLength = 0;
  /** UTF-8 size of the text the last chunk decoded to (the bytes it was decoded from). */
  #textBytes = 0;
  #atStreamStart = true;
  /** A CR ended the previous chunk: a leading LF in the next one belongs to it. */
  #skipLeadingLF = false;
  /** The start of a line that spans chunks ("" when none)... */
  #pending = "";
  /**
   * ...and the pieces after it, appended as they come. Engines hold such a sum as a rope of its
   * pieces and copy it once, when the line is first searched, so the cost stays linear; it is
   * cheaper than collecting the pieces in an array to join (5-7% on Node 20 for 256 KiB and
   * 16 MB events in 256-byte chunks).
   */
  #pendingRest = "";
  #pendingUnits = 0;
  /** Exact UTF-8 size of the pending pieces, less the first one's while that is uncounted. */
  #pendingBytes = 0;
  /** The first piece's size was not known for free (a partial, non-ASCII text). */
  #pendingFirstUncounted = false;
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

  /**
   * Consumes a chunk and returns the events it completed (possibly none). The array is only
   * for reading: when empty, it is shared.
   */
  feed(chunk: Uint8Array): SSEMessage[] {
    this.#events = NO_EVENTS;
    const text = this.#decode(chunk);
    const length = text.length;
    if (length === 0) return NO_EVENTS;
    // A text as long as the bytes it came from is all ASCII: its sizes in bytes are its lengths.
    const ascii = this.#textBytes === length;
    this.#lastTextAscii = ascii;
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
        if (start === 0) this.#keepPending(text, this.#textBytes);
        else {
          const piece = text.slice(start);
          this.#keepPending(piece, ascii ? piece.length : undefined);
        }
        break;
      }
      if (this.#pending === "") {
        this.#line(text, start, end, ascii ? end - start : undefined);
      } else {
        this.#completePending(text, start, end, ascii);
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
        // Blank lines right after an LF end events: no search needed to find them.
        while (text.charCodeAt(start) === LF) {
          this.#dispatch();
          start++;
        }
      }
    }
    const events = this.#events;
    this.#events = NO_EVENTS;
    return events;
  }

  /**
   * Ends the input. A final event without its blank line is discarded, as the standard says;
   * returns true when such an incomplete event (or a partial line or character) was pending.
   */
  end(): boolean {
    const incomplete = this.#pending !== "" || this.#dataLines > 0 ||
      this.#carryLength > 0;
    this.#carryLength = 0;
    this.#clearPending();
    this.#resetEvent();
    return incomplete;
  }

  /** The chunk as text (with the character the previous chunk began), strictly valid UTF-8. */
  #decode(chunk: Uint8Array): string {
    const length = chunk.length;
    // The common case first: no character pending from the last chunk, and this one ends on
    // ASCII (so on a whole character).
    if (this.#carryLength === 0 && length > SMALL_CHUNK_BYTES && chunk[length - 1] < 0x80) {
      this.#textBytes = length;
      return this.#decodeWhole(chunk);
    }
    let from = 0;
    let completed = "";
    let completedBytes = 0;
    if (this.#carryLength > 0) {
      // Complete the character the previous chunk began, checking each byte as a strict
      // streaming decoder would (without allocating: this happens for a few % of chunks).
      const carry = this.#carry;
      const size = sequenceSize(carry[0]);
      let count = this.#carryLength;
      from = Math.min(size - count, length);
      for (let i = 0; i < from; i++, count++) {
        const byte = chunk[i];
        carry[count] = byte;
        const valid = count === 1 ? isValidSecond(carry[0], byte) : (byte & 0xc0) === 0x80;
        if (!valid) throw invalidUtf8(carry.slice(0, count + 1));
      }
      this.#carryLength = count;
      if (count < size) {
        this.#textBytes = 0;
        return "";
      }
      this.#carryLength = 0;
      completed = String.fromCodePoint(codePoint(carry, size));
      completedBytes = size;
    }
    let to = length;
    if (to > from && chunk[to - 1] >= 0x80) {
      to = unfinishedTail(chunk, from);
      for (let i = to; i < length; i++) this.#carry[i - to] = chunk[i];
      this.#carryLength = length - to;
    }
    const size = to - from;
    let text: string;
    if (size === 0) text = "";
    else if (size <= SMALL_CHUNK_BYTES && isAscii(chunk, from, to)) {
      text = asciiText(chunk, from, to);
    } else {
      text = this.#decodeWhole(from === 0 && to === length ? chunk : chunk.subarray(from, to));
    }
    this.#textBytes = completedBytes + size;
    return completed === "" ? text : completed + text;
  }

  /** Decodes bytes that end on a whole character, leniently, then checks the text. */
  #decodeWhole(bytes: Uint8Array): string {
    const text = (this.#lastTextAscii ? this.#asciiDecoder : this.#nonAsciiDecoder()).decode(bytes);
    // U+FFFD is either in the input or stands for invalid bytes: only then look closer.
    if (text.includes(REPLACEMENT_CHARACTER)) checkStrictly(bytes);
    return text;
  }

  #nonAsciiDecoder(): TextDecoder {
    if (this.#textDecoder === undefined) {
      this.#textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
      this.#textDecoder.decode(EMPTY, { stream: true });
    }
    return this.#textDecoder;
  }

  /** Adds a piece of an unfinished line; `bytes` is its UTF-8 size when known without counting. */
  #keepPending(piece: string, bytes: number | undefined): void {
    if (this.#pending === "") {
      this.#pending = piece;
      this.#pendingBytes = bytes ?? 0;
      this.#pendingFirstUncounted = bytes === undefined;
    } else {
      // Later pieces are whole texts, whose size is known; counting is only a safety net.
      this.#pendingRest += piece;
      this.#pendingBytes += bytes ?? utf8Length(piece);
    }
    this.#pendingUnits += piece.length;
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: count bytes exactly only when the limit is in reach.
    if (
      this.#pendingBytes + (this.#pendingFirstUncounted ? this.#pending.length * 3 : 0) >
        this.#maxEventBytes && this.#countPending() > this.#maxEventBytes
    ) {
      throw lineTooLong(this.#maxEventBytes);
    }
  }

  /** Exact UTF-8 size of the pending pieces. */
  #countPending(): number {
    if (this.#pendingFirstUncounted) {
      this.#pendingFirstUncounted = false;
      this.#pendingBytes += utf8Length(this.#pending);
    }
    return this.#pendingBytes;
  }

  /** Ends the pending line with `text[start, end)` (`end` is a line break) and interprets it. */
  #completePending(text: string, start: number, end: number, ascii: boolean): void {
    const head = text.slice(start, end);
    let bytes: number | undefined;
    // Long lines get their exact size (cheap: only the partial pieces of non-ASCII text are
    // counted), so a long `data:` value is never counted again by the event bound.
    if ((this.#pendingUnits + head.length) * 3 > this.#maxEventBytes) {
      bytes = this.#countPending() + (ascii ? head.length : utf8Length(head));
      if (bytes > this.#maxEventBytes) throw lineTooLong(this.#maxEventBytes);
    }
    const line = this.#pending + this.#pendingRest + head;
    this.#clearPending();
    this.#line(line, 0, line.length, bytes);
  }

  #clearPending(): void {
    this.#pending = "";
    this.#pendingRest = "";
    this.#pendingUnits = 0;
    this.#pendingBytes = 0;
    this.#pendingFirstUncounted = false;
  }

  /** Interprets the line `text[start, end)`; `bytes` is its UTF-8 size, when known. */
  #line(text: string, start: number, end: number, bytes: number | undefined): void {
    if (start === end) {
      this.#dispatch();
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
      const from = valueStart(text, start + 5);
      // The prefix before the value is ASCII, one byte a unit.
      this.#addData(
        text.slice(from, end),
        bytes === undefined ? undefined : bytes - (from - start),
      );
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
        this.#addData(value, undefined);
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

  /** Appends a data line; `bytes` is its UTF-8 size, when known. */
  #addData(value: string, bytes: number | undefined): void {
    this.#dataUnits += value.length + 1;
    if (this.#dataUnits * 3 > this.#maxEventBytes) {
      const lineBytes = (bytes ?? utf8Length(value)) + 1;
      this.#dataBytes = this.#dataBytes === undefined
        ? (this.#dataLines === 0 ? 0 : utf8Length(this.#data) + 1) + lineBytes
        : this.#dataBytes + lineBytes;
      if (this.#dataBytes > this.#maxEventBytes) {
        throw new AegisProtocolError(
          `event stream event exceeds the ${this.#maxEventBytes}-byte limit`,
        );
      }
    }
    this.#data = this.#dataLines === 0 ? value : `${this.#data}\n${value}`;
    this.#dataLines++;
  }

  #dispatch(): void {
    if (this.#dataLines > 0) {
      if (this.#events === NO_EVENTS) this.#events = [];
      this.#events.push({
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

function isNative(method: unknown): boolean {
  return typeof method === "function" &&
    /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(method));
}

/** Length of the UTF-8 sequence a valid lead byte starts. */
function sequenceSize(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
}

/** Whether the second byte of a sequence fits its lead (no overlong forms, surrogates or >U+10FFFF). */
function isValidSecond(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return second >= 0x80 && second <= 0xbf;
}

/** The code point of the complete, valid UTF-8 sequence `bytes[0, size)`. */
function codePoint(bytes: Uint8Array, size: number): number {
  let value = bytes[0] & (size === 2 ? 0x1f : size === 3 ? 0x0f : 0x07);
  for (let i = 1; i < size; i++) value = (value << 6) | (bytes[i] & 0x3f);
  return value;
}

/**
 * Where the unfinished character at the end of `chunk` starts, or its length when it ends on a
 * whole character. Only a well-formed beginning counts as unfinished: anything invalid stays in
 * the text, for the decoder to flag now.
 */
function unfinishedTail(chunk: Uint8Array, from: number): number {
  const length = chunk.length;
  let lead = length - 1;
  while (lead > from && lead > length - 4 && (chunk[lead] & 0xc0) === 0x80) lead--;
  const byte = chunk[lead];
  if (byte < 0xc2 || byte > 0xf4) return length;
  const present = length - lead;
  if (present >= sequenceSize(byte)) return length;
  if (present >= 2 && !isValidSecond(byte, chunk[lead + 1])) return length;
  // A third byte here is a continuation byte (the loop above stopped at the lead).
  return lead;
}

function lineTooLong(maxEventBytes: number): AegisProtocolError {
  return new AegisProtocolError(`event stream line exceeds the ${maxEventBytes}-byte limit`);
}

/** Throws the protocol error for `bytes` when they are not valid UTF-8. */
function checkStrictly(bytes: Uint8Array): void {
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new AegisProtocolError("event stream contains invalid UTF-8", { cause: error });
  }
}

function invalidUtf8(bytes: Uint8Array): AegisProtocolError {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    return new AegisProtocolError("event stream contains invalid UTF-8", { cause: error });
  }
  return new AegisProtocolError("event stream contains invalid UTF-8");
}

function isAscii(chunk: Uint8Array, from: number, to: number): boolean {
  let bits = 0;
  for (let i = from; i < to; i++) bits |= chunk[i];
  return bits < 0x80;
}

/**
 * All-ASCII bytes as text, for small chunks, where calling the native decoder costs more than
 * the work. Fixed-arity `fromCharCode` calls are what every engine makes fast (`apply` over a
 * typed array is not, on JavaScriptCore).
 */
function asciiText(chunk: Uint8Array, from: number, to: number): string {
  const c = chunk;
  let i = from;
  if (to - from === 16) {
    return String.fromCharCode(
      c[i],
      c[i + 1],
      c[i + 2],
      c[i + 3],
      c[i + 4],
      c[i + 5],
      c[i + 6],
      c[i + 7],
      c[i + 8],
      c[i + 9],
      c[i + 10],
      c[i + 11],
      c[i + 12],
      c[i + 13],
      c[i + 14],
      c[i + 15],
    );
  }
  let text = "";
  for (; i + 4 <= to; i += 4) text += String.fromCharCode(c[i], c[i + 1], c[i + 2], c[i + 3]);
  for (; i < to; i++) text += String.fromCharCode(c[i]);
  return text;
}

/** Where a field value starts: after the colon and at most one space. */
function valueStart(text: string, afterColon: number): number {
  return text.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
}

/** UTF-8 size of well-formed text (the input was checked, so there are no lone surrogates). */
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
