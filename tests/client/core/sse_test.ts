import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisProtocolError } from "../../../errors.ts";
import { type SSEMessage, SSEParser } from "../../../client/core/sse.ts";

const encoder = new TextEncoder();

function parseAll(chunks: Uint8Array[], options?: ConstructorParameters<typeof SSEParser>[0]) {
  const parser = new SSEParser(options);
  const events: SSEMessage[] = [];
  for (const chunk of chunks) events.push(...parser.feed(chunk));
  return events;
}

const SAMPLE = 'data: {"a":1}\n\n' +
  ":\n\n" +
  "event: canvas_session_created\ndata: line one\ndata: line two\n\n" +
  "id: 7\r\ndata:no-space\r\n\r\n" +
  "retry: 1500\rdata: cr only\r\r" +
  'data: {"text":"é😀 ünï"}\n\n' +
  "data\n\n" +
  ": keep-alive\n\n" +
  "unknown: x\ndata: last\n\n";

describe("SSEParser", () => {
  it("parses every field, line ending and comment form", () => {
    const comments: string[] = [];
    const parser = new SSEParser({ onComment: (c) => comments.push(c) });
    const events = parser.feed(encoder.encode(SAMPLE));
    assert.deepEqual(events.map((e) => [e.event, e.data, e.id, e.retry]), [
      ["message", '{"a":1}', undefined, undefined],
      ["canvas_session_created", "line one\nline two", undefined, undefined],
      ["message", "no-space", "7", undefined],
      ["message", "cr only", "7", 1500],
      ["message", '{"text":"é😀 ünï"}', "7", undefined],
      ["message", "", "7", undefined],
      ["message", "last", "7", undefined],
    ]);
    assert.deepEqual(comments, ["", " keep-alive"]);
  });

  it("yields identical events whatever the split point (every byte boundary)", () => {
    const bytes = encoder.encode(SAMPLE);
    const whole = parseAll([bytes]);
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(parseAll([bytes.subarray(0, i), bytes.subarray(i)]), whole, `split at ${i}`);
    }
    for (let i = 0; i + 1 <= bytes.length; i++) {
      const three = [bytes.subarray(0, i), bytes.subarray(i, i + 1), bytes.subarray(i + 1)];
      assert.deepEqual(parseAll(three), whole, `single byte at ${i}`);
    }
    const oneByOne = [...bytes].map((b) => Uint8Array.of(b));
    assert.deepEqual(parseAll(oneByOne), whole);
  });

  it("strips a leading BOM only at the start of the stream", () => {
    const events = parseAll([
      Uint8Array.of(0xef, 0xbb),
      Uint8Array.of(0xbf, ...encoder.encode("data: x\n\n")),
    ]);
    assert.deepEqual(events.map((e) => e.data), ["x"]);
  });

  it("does not dispatch an event without its blank line, and end() reports it", () => {
    const parser = new SSEParser();
    assert.deepEqual(parser.feed(encoder.encode("data: partial\n")), []);
    assert.equal(parser.end(), true);
    assert.equal(new SSEParser().end(), false);
  });

  it("refuses lines and events larger than the bound, with bounded memory", () => {
    const parser = new SSEParser({ maxEventBytes: 1024 });
    const chunk = encoder.encode("data: " + "x".repeat(300));
    assert.throws(() => {
      for (let i = 0; i < 10; i++) parser.feed(chunk);
    }, AegisProtocolError);
    const multi = new SSEParser({ maxEventBytes: 1024 });
    assert.throws(
      () => multi.feed(encoder.encode(("data: " + "y".repeat(200) + "\n").repeat(10))),
      /exceeds the 1024-byte limit/,
    );
  });

  it("rejects invalid UTF-8 with a protocol error", () => {
    assert.throws(
      () => parseAll([Uint8Array.of(...encoder.encode("data: "), 0xff, 0xfe, 10, 10)]),
      AegisProtocolError,
    );
  });

  it("accepts U+FFFD sent as a character, whole or split across chunks", () => {
    const bytes = encoder.encode("data: a\ufffdb\n\n");
    for (let i = 0; i <= bytes.length; i++) {
      const events = parseAll([bytes.subarray(0, i), bytes.subarray(i)]);
      assert.deepEqual(events.map((e) => e.data), ["a\ufffdb"], `split at ${i}`);
    }
  });

  it("rejects every kind of invalid UTF-8 wherever the chunks split it", () => {
    const invalid = [
      [0xc0, 0x80], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      [0xe2, 0x41], // truncated, then ASCII
      [0xf0, 0x9f, 0x98], // truncated before the line break
      [0x80], // lone continuation byte
      [0xf5, 0x80, 0x80, 0x80], // not a lead byte
    ];
    for (const sequence of invalid) {
      const bytes = Uint8Array.of(...encoder.encode("data: é"), ...sequence, 10, 10);
      for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j++) {
          const chunks = [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
          assert.throws(
            () => parseAll(chunks),
            AegisProtocolError,
            `${sequence} cut at ${i}, ${j}`,
          );
        }
      }
    }
  });

  it("reports a character cut off by the end of the stream as incomplete", () => {
    const parser = new SSEParser();
    assert.deepEqual(parser.feed(Uint8Array.of(...encoder.encode("data: x\n\n"), 0xe2, 0x82)), [
      { event: "message", data: "x", id: undefined, retry: undefined },
    ]);
    assert.equal(parser.end(), true);
  });

  it("counts the size bound in UTF-8 bytes, exactly, however the line is chunked", () => {
    // 64 bytes: a data line's value plus its newline (event bound), or the whole line (line bound).
    const limit = { maxEventBytes: 64 };
    const feedAll = (text: string, size: number) => {
      const bytes = encoder.encode(text);
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      return parseAll(chunks, limit);
    };
    // "é" is 2 bytes: 31 of them and "a" are 63 bytes of data, 64 with the newline.
    assert.equal(feedAll(`data: ${"é".repeat(31)}a\n\n`, 1000)[0].data.length, 32);
    assert.throws(
      () => feedAll(`data: ${"é".repeat(32)}\n\n`, 1000),
      /event exceeds the 64-byte limit/,
    );
    for (const size of [1, 3, 7]) {
      // A line across chunks: 6 + 58 = 64 bytes is the largest accepted.
      assert.equal(feedAll(`data: ${"é".repeat(29)}\n\n`, size)[0].data.length, 29);
      assert.throws(
        () => feedAll(`data: ${"é".repeat(29)}a\n\n`, size),
        /line exceeds the 64-byte limit/,
      );
      // A 4-byte character split across chunks counts 4 bytes: 6 + 14 × 4 + 2 = 64.
      assert.equal(feedAll(`data: ${"😀".repeat(14)}ab\n\n`, size).length, 1);
      assert.throws(
        () => feedAll(`data: ${"😀".repeat(14)}abc\n\n`, size),
        /line exceeds the 64-byte limit/,
      );
    }
  });

  it("is linear: a 4 MiB event in 256-byte chunks parses into one event", () => {
    const payload = "z".repeat(4 * 1024 * 1024);
    const bytes = encoder.encode(`data: ${payload}\n\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 256) chunks.push(bytes.subarray(i, i + 256));
    const events = parseAll(chunks);
    assert.equal(events.length, 1);
    assert.equal(events[0].data.length, payload.length);
  });
});

/** Splits `bytes` at the given offsets. */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const offset of offsets) {
    chunks.push(bytes.subarray(from, offset));
    from = offset;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** Splits `bytes` into chunks of `size` bytes. */
function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

// Chunks above 16 bytes go to a decoder (the one for text after ASCII text, or the one for text
// after other text: the texts below mix both); smaller ones, where the decoder is a JavaScript
// wrapper, to the small-chunk path; characters split between chunks are completed by the parser.
describe("SSEParser (decoders, split characters, chunks of every size)", () => {
  const options = {};
  // ASCII padding first, so that cuts near the multibyte characters leave chunks of > 16 bytes.
  const TEXT = `: ${"p".repeat(40)}\n` +
    'data: {"t":"é€😀 ünï"}\r\n' +
    "id: ✓1\rdata: a\u00a0b😀\r\n\r" +
    `: ${"q".repeat(40)}\r` +
    "event: ß\ndata: 𝄞x\n\n" +
    `data: ${"é".repeat(20)}\n\n`;
  const BYTES = encoder.encode(TEXT);
  const EXPECTED = [
    { event: "message", data: '{"t":"é€😀 ünï"}\na\u00a0b😀', id: "✓1", retry: undefined },
    { event: "ß", data: "𝄞x", id: "✓1", retry: undefined },
    { event: "message", data: "é".repeat(20), id: "✓1", retry: undefined },
  ];

  it("yields the same events wherever two cuts fall (inside characters, after a CR)", () => {
    assert.deepEqual(parseAll([BYTES], options), EXPECTED);
    for (let i = 0; i <= BYTES.length; i++) {
      assert.deepEqual(parseAll(cut(BYTES, [i]), options), EXPECTED, `cut at ${i}`);
      for (let j = i + 1; j <= BYTES.length; j += 3) {
        assert.deepEqual(parseAll(cut(BYTES, [i, j]), options), EXPECTED, `cuts at ${i}, ${j}`);
      }
    }
  });

  it("yields the same events in chunks of every size from 1 to 70 bytes", () => {
    for (let size = 1; size <= 70; size++) {
      assert.deepEqual(parseAll(chunksOf(BYTES, size), options), EXPECTED, `size ${size}`);
    }
  });

  it("completes a character given one byte at a time after a large chunk", () => {
    // The large chunk ends in the lead byte of 😀; its three continuation bytes follow alone.
    const bytes = encoder.encode(`data: ${"a".repeat(30)}😀b\n\n`);
    const lead = bytes.indexOf(0xf0);
    const chunks = cut(bytes, [lead + 1, lead + 2, lead + 3, lead + 4]);
    assert.deepEqual(parseAll(chunks, options).map((e) => e.data), [`${"a".repeat(30)}😀b`]);
    // And the other way round: a chunk of one lead byte, then a large chunk.
    const other = cut(bytes, [lead, lead + 1]);
    assert.deepEqual(parseAll(other, options).map((e) => e.data), [`${"a".repeat(30)}😀b`]);
  });

  it("strips a BOM split across chunks only at the start, and keeps a CR's LF together", () => {
    const bytes = Uint8Array.of(
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode(`data: ${"é".repeat(12)}\r\n\r\ndata: \ufeffx\r\n\r\n`),
    );
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(
        parseAll(cut(bytes, [i]), options).map((e) => e.data),
        ["é".repeat(12), "\ufeffx"],
        `cut at ${i}`,
      );
    }
  });

  it("rejects invalid UTF-8 at the chunk that brings it, in large chunks too", () => {
    const invalid = [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x41],
      [0x80],
      [0xff],
      [0xf0, 0x9f, 0x98, 0x41],
    ];
    for (const sequence of invalid) {
      const head = encoder.encode(`data: ${"é".repeat(12)}`);
      const bytes = Uint8Array.of(...head, ...sequence, ...encoder.encode("z".repeat(20)), 10, 10);
      // The first invalid byte: the sequence's last byte when it is a truncated one.
      const bad = head.length +
        (sequence.length > 1 && (sequence.at(-1)! & 0xc0) !== 0x80
          ? sequence.length - 1
          : sequence[0] >= 0xf5 || sequence[0] === 0x80 || sequence[0] === 0xc0
          ? 0
          : 1);
      for (let i = 0; i <= bytes.length; i++) {
        const parser = new SSEParser(options);
        const chunks = cut(bytes, [i]);
        if (i > bad) {
          assert.throws(() => parser.feed(chunks[0]), AegisProtocolError, `${sequence} at ${i}`);
        } else {
          parser.feed(chunks[0]);
          assert.throws(() => parser.feed(chunks[1]), AegisProtocolError, `${sequence} at ${i}`);
        }
      }
    }
  });

  it("reports an unfinished character at the end of the stream as incomplete", () => {
    const parser = new SSEParser(options);
    const bytes = encoder.encode(`data: ${"é".repeat(12)}\n\n€`);
    assert.equal(parser.feed(bytes.subarray(0, bytes.length - 1)).length, 1);
    assert.equal(parser.end(), true);
    // The parser starts over: the unfinished character is gone.
    assert.deepEqual(parser.feed(encoder.encode("data: ok\n\n")).map((e) => e.data), ["ok"]);
    assert.equal(parser.end(), false);
  });

  it("counts the bound exactly in bytes near the limit, in chunks of every size", () => {
    // 1,024 bytes: "data: " (6) + 1,018 bytes of value on one line, split across chunks.
    const limit = { ...options, maxEventBytes: 1024 };
    const value = (units: string, rest: number) => units + "a".repeat(rest);
    const euros = "€".repeat(300); // 900 bytes
    for (const size of [5, 17, 64, 255, 256, 1000]) {
      const accepted = encoder.encode(`data: ${value(euros, 118)}\n\n`);
      assert.equal(parseAll(chunksOf(accepted, size), limit)[0].data.length, 418, `size ${size}`);
      const refused = encoder.encode(`data: ${value(euros, 119)}\n\n`);
      assert.throws(
        () => parseAll(chunksOf(refused, size), limit),
        /exceeds the 1024-byte limit/,
        `size ${size}`,
      );
      // A 4-byte character straddling the limit: 6 + 1,016 + 4 is one byte too many.
      const straddle = encoder.encode(`data: ${value("😀".repeat(254), 0)}😀\n\n`);
      assert.throws(() => parseAll(chunksOf(straddle, size), limit), /exceeds/, `size ${size}`);
      const fits = encoder.encode(`data: ${value("😀".repeat(254), 2)}\n\n`);
      assert.equal(parseAll(chunksOf(fits, size), limit).length, 1, `size ${size}`);
    }
  });

  it("keeps a U+FFFD or U+FEFF sent as a character in large chunks after non-ASCII text", () => {
    const bytes = encoder.encode(
      `data: ${"é".repeat(12)}\n\ndata: \ufeff${"x".repeat(20)}\ufffd\n\n`,
    );
    const expected = ["é".repeat(12), `\ufeff${"x".repeat(20)}\ufffd`];
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(parseAll(cut(bytes, [i])).map((e) => e.data), expected, `cut at ${i}`);
    }
  });

  it("returns an empty array for chunks that complete no event", () => {
    const parser = new SSEParser(options);
    assert.deepEqual(parser.feed(encoder.encode("data: é")), []);
    assert.deepEqual(parser.feed(encoder.encode("\n")), []);
    assert.deepEqual(parser.feed(encoder.encode("\n")).map((e) => e.data), ["é"]);
  });
});
