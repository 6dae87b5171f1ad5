// Property tests: SSE output independent of chunking and line-ending style.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { type SSEMessage, SSEParser } from "../../client/core/sse.ts";

const eventArbitrary = fc.record({
  event: fc.option(fc.stringMatching(/^[a-z_]{1,12}$/), { nil: undefined }),
  id: fc.option(fc.stringMatching(/^[0-9a-f]{1,8}$/), { nil: undefined }),
  lines: fc.array(fc.string({ unit: "grapheme" }).map((s) => s.replace(/[\r\n]/g, "")), {
    minLength: 1,
    maxLength: 3,
  }),
  comment: fc.boolean(),
});

type GeneratedEvent = { event?: string; id?: string; lines: string[]; comment: boolean };

function serialise(events: GeneratedEvent[], eol: string): string {
  let text = "";
  for (const e of events) {
    if (e.comment) text += `:keep-alive${eol}`;
    if (e.event) text += `event: ${e.event}${eol}`;
    if (e.id) text += `id: ${e.id}${eol}`;
    for (const line of e.lines) text += `data: ${line}${eol}`;
    text += eol;
  }
  return text;
}

function parse(bytes: Uint8Array, cuts: number[]): SSEMessage[] {
  const parser = new SSEParser();
  const out: SSEMessage[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...parser.feed(bytes.subarray(start, cut)));
    start = cut;
  }
  out.push(...parser.feed(bytes.subarray(start)));
  return out;
}

describe("SSE parser properties", () => {
  it("output is independent of chunking and of the line-ending style", () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 8 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, eol, rawCuts) => {
          const bytes = new TextEncoder().encode(serialise(events, eol));
          const cuts = rawCuts.map((c) => c % (bytes.length + 1));
          const chunked = parse(bytes, cuts);
          const whole = parse(bytes, []);
          assert.deepEqual(chunked, whole);
          const reference = parse(new TextEncoder().encode(serialise(events, "\n")), []);
          assert.deepEqual(whole, reference);
          assert.equal(whole.length, events.length);
          for (const [i, e] of events.entries()) assert.equal(whole[i].data, e.lines.join("\n"));
        },
      ),
      { numRuns: 300 },
    );
  });
});
