// deno-lint-ignore-file no-import-prefix -- peers are pinned inline so the root import map stays untouched
/**
 * SSE parsing throughput: the SDK's byte-level `SSEParser` against `eventsource-parser`
 * (`createParser().feed()` and `EventSourceParserStream`), on small and large events, ASCII and
 * mixed text, up to one event of 16 MB. Runs unchanged on Deno (npm: specifiers, the SDK's
 * sources) and on Node/Bun (bundled by `bench/tools/build.mjs`, which maps them to
 * `bench/node_modules` and to the built npm package). Prints one `BENCH_RESULT` JSON line.
 *
 * Fairness: every contender starts from the same `Uint8Array` chunks, so eventsource-parser's
 * string API pays for its UTF-8 decoding (a streaming `TextDecoder`, as a real client needs),
 * and every contender must produce the same events (count, data length, ids, last payload)
 * before anything is timed.
 *
 * @module
 */

import { createParser } from "npm:eventsource-parser@3.1.1";
import { EventSourceParserStream } from "npm:eventsource-parser@3.1.1/stream";
import { SSEParser } from "../client/core/sse.ts";
import {
  check,
  type Contender,
  emit,
  isQuickRun,
  pairedRatio,
  pairedSpread,
  roundRobin,
  runtimeInfo,
  type Summary,
  withoutTimes,
} from "./lib/measure.ts";

interface Fixture {
  name: string;
  description: string;
  chunks: Uint8Array[];
  bytes: number;
  events: number;
  eventBytes: number;
}

/** What a parse produced, compared across contenders. */
interface Digest {
  events: number;
  dataChars: number;
  idSum: number;
  lastData: string;
}

const encoder = new TextEncoder();

function chunked(
  text: string,
  chunkSize: number,
): { chunks: Uint8Array[]; bytes: number } {
  const all = encoder.encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += chunkSize) {
    chunks.push(all.subarray(i, i + chunkSize));
  }
  return { chunks, bytes: all.length };
}

/** Text of the fixtures: mixed has two non-ASCII characters (é, €) every 41 bytes. */
const MIXED_UNIT = "lorem ipsum dolor sit amet, café €uro ";
const ASCII_UNIT = "lorem ipsum dolor sit amet, cafe euro ";

/** A: 5,000 execution-style events with `id:`, `event:` and a ~145-byte JSON `data:`. */
function fixtureA(name: string, ascii: boolean): Fixture {
  const types = [
    "IterationStarted",
    "IterationCompleted",
    "LlmInteraction",
    "ToolCalled",
  ];
  let text = "";
  let dataBytes = 0;
  for (let i = 0; i < 5000; i++) {
    const data = JSON.stringify({
      event_type: types[i % types.length],
      execution_id: "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11",
      iteration_number: i % 10,
      timestamp: `2026-01-01T00:${String(i % 60).padStart(2, "0")}:00.000Z`,
      note: ascii ? "ok e" : "ok é",
    }).padEnd(145, " ");
    dataBytes += encoder.encode(data).length;
    text += `id: ${i}\nevent: ${types[i % types.length]}\ndata: ${data}\n\n`;
  }
  const { chunks, bytes } = chunked(text, 1024);
  return {
    name,
    description: `5,000 events, id/event/~145 B JSON data (${
      ascii ? "ASCII" : "one é each"
    }), 1 KiB chunks`,
    chunks,
    bytes,
    events: 5000,
    eventBytes: Math.round(dataBytes / 5000),
  };
}

/** B: 1,000 small events fed 16 bytes at a time. */
function fixtureB(): Fixture {
  let text = "";
  for (let i = 0; i < 1000; i++) text += `data: {"n":${i}}\n\n`;
  const { chunks, bytes } = chunked(text, 16);
  return {
    name: "B",
    description: "1,000 small events (ASCII), 16 B chunks",
    chunks,
    bytes,
    events: 1000,
    eventBytes: Math.round(bytes / 1000),
  };
}

/** A JSON `data:` value of exactly `size` UTF-8 bytes. */
function payloadOf(size: number, ascii: boolean): string {
  const unit = ascii ? ASCII_UNIT : MIXED_UNIT;
  const unitBytes = encoder.encode(unit).length;
  // `{"chunk":""}` is 12 bytes; spaces pad to the exact size.
  const whole = Math.floor((size - 12) / unitBytes);
  const payload = JSON.stringify({
    chunk: unit.repeat(whole) + " ".repeat(size - 12 - whole * unitBytes),
  });
  check(encoder.encode(payload).length === size, `payload of ${size} bytes`);
  return payload;
}

/** C: `count` events of `size` bytes each (one long `data:` line), 256 B chunks. */
function fixtureC(
  name: string,
  size: number,
  count: number,
  ascii: boolean,
): Fixture {
  const payload = payloadOf(size, ascii);
  let text = "";
  for (let i = 0; i < count; i++) {
    text += `id: ${i}\nevent: output\ndata: ${payload}\n\n`;
  }
  const { chunks, bytes } = chunked(text, 256);
  const kib = size / 1024;
  const label = size % 1e6 === 0
    ? `${size / 1e6} MB`
    : kib >= 1024
    ? `${kib / 1024} MiB`
    : `${kib} KiB`;
  return {
    name,
    description: `${count} event${count === 1 ? "" : "s"} of ${label} (${
      ascii ? "ASCII" : "é/€ every 41 B"
    }), 256 B chunks`,
    chunks,
    bytes,
    events: count,
    eventBytes: size,
  };
}

function newDigest(): Digest {
  return { events: 0, dataChars: 0, idSum: 0, lastData: "" };
}

function note(digest: Digest, data: string, id: string | undefined): void {
  digest.events++;
  digest.dataChars += data.length;
  if (id !== undefined) digest.idSum += Number(id);
  digest.lastData = data;
}

function sdkFeed(fixture: Fixture): Digest {
  const digest = newDigest();
  const parser = new SSEParser();
  for (const chunk of fixture.chunks) {
    for (const event of parser.feed(chunk)) note(digest, event.data, event.id);
  }
  parser.end();
  return digest;
}

function espFeed(fixture: Fixture): Digest {
  const digest = newDigest();
  const parser = createParser({
    onEvent: (event) => note(digest, event.data, event.id),
  });
  const decoder = new TextDecoder();
  for (const chunk of fixture.chunks) {
    parser.feed(decoder.decode(chunk, { stream: true }));
  }
  const rest = decoder.decode();
  if (rest) parser.feed(rest);
  return digest;
}

function source(fixture: Fixture): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < fixture.chunks.length) {
        controller.enqueue(fixture.chunks[index++]);
      } else controller.close();
    },
  });
}

/** The SDK's stream path: read the body's chunks and feed them, as `EventStream` does. */
async function sdkStream(fixture: Fixture): Promise<Digest> {
  const digest = newDigest();
  const parser = new SSEParser();
  const reader = source(fixture).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const event of parser.feed(value)) note(digest, event.data, event.id);
  }
  parser.end();
  return digest;
}

async function espStream(fixture: Fixture): Promise<Digest> {
  const digest = newDigest();
  const reader = source(fixture)
    .pipeThrough(
      new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>,
    )
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    note(digest, value.data, value.id);
  }
  return digest;
}

const contenders: Record<
  string,
  (fixture: Fixture) => Digest | Promise<Digest>
> = {
  "sdk.feed": sdkFeed,
  "esp.feed": espFeed,
  "sdk.stream": sdkStream,
  "esp.stream": espStream,
};

/** Result for one fixture: per contender, median time and throughput. */
export interface SseFixtureResult {
  fixture: string;
  description: string;
  bytes: number;
  chunks: number;
  events: number;
  eventBytes: number;
  results: Array<
    Omit<Summary, "times"> & { mbPerSec: number; nsPerByte: number }
  >;
  /** eventsource-parser's time ÷ the SDK's, round by round (median): > 1 means the SDK is faster. */
  feedSpeedup: number;
  /** The spread of those per-round ratios (relative interquartile range). */
  feedSpread: number;
  streamSpeedup: number;
}

async function benchFixture(
  fixture: Fixture,
  quick: boolean,
): Promise<SseFixtureResult> {
  const reference = sdkFeed(fixture);
  check(
    reference.events === fixture.events,
    `${fixture.name}: SDK saw ${reference.events} events`,
  );
  for (const [name, run] of Object.entries(contenders)) {
    const digest = await run(fixture);
    check(
      digest.events === reference.events &&
        digest.dataChars === reference.dataChars &&
        digest.idSum === reference.idSum &&
        digest.lastData === reference.lastData,
      `${fixture.name}: ${name} produced ${
        JSON.stringify({ ...digest, lastData: undefined })
      }, ` +
        `expected ${JSON.stringify({ ...reference, lastData: undefined })}`,
    );
  }
  const list: Contender[] = Object.entries(contenders).map(([name, run]) => ({
    name,
    run: () => run(fixture),
  }));
  const big = fixture.bytes > 8e6;
  const summaries = await roundRobin(list, {
    warmupRounds: quick || big ? 1 : 3,
    maxTimeMs: quick ? 300 : big ? 8000 : 3000,
    minRounds: quick ? 2 : big ? 7 : 15,
    maxRounds: 400,
  });
  return {
    fixture: fixture.name,
    description: fixture.description,
    bytes: fixture.bytes,
    chunks: fixture.chunks.length,
    events: fixture.events,
    eventBytes: fixture.eventBytes,
    results: summaries.map((s) => ({
      ...withoutTimes(s),
      mbPerSec: fixture.bytes / 1e6 / (s.medianMs / 1e3),
      nsPerByte: (s.medianMs * 1e6) / fixture.bytes,
    })),
    feedSpeedup: pairedRatio(summaries[1], summaries[0]),
    feedSpread: pairedSpread(summaries[1], summaries[0]),
    streamSpeedup: pairedRatio(summaries[3], summaries[2]),
  };
}

const quick = isQuickRun();
const fixtures = [
  () => fixtureA("A", false),
  () => fixtureA("A-ascii", true),
  () => fixtureB(),
  () => fixtureC("C", 256 * 1024, 20, false),
  () => fixtureC("C-ascii", 256 * 1024, 20, true),
  () => fixtureC("C-64KiB", 64 * 1024, 80, false),
  () => fixtureC("C-1MiB", 1024 * 1024, 5, false),
  // The largest event the parser accepts by default is 16 MiB; 16 MB is just under it.
  () => fixtureC("C-16MB", 16_000_000, 1, false),
  () => fixtureC("C-16MB-ascii", 16_000_000, 1, true),
];
// `--only=A,C-16MB` runs some fixtures (for working on the parser; the runner runs them all).
const args = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ?? [];
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length)
  .split(",");
const results: SseFixtureResult[] = [];
for (const make of fixtures) {
  const fixture = make();
  if (only && !only.includes(fixture.name)) continue;
  results.push(await benchFixture(fixture, quick));
}
emit({ bench: "sse", ...runtimeInfo(), results });
