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
