/**
 * Throughput over a real socket: `getExecution` against raw `fetch` + `.json()`, all talking to
 * the same keep-alive HTTP server in another process (`bench/tools/server.mjs`), with 1 and with
 * 256 requests in flight. A third contender, guarded fetch, is `fetch` called the way the SDK's
 * guarantees require (an abort signal per request, no automatic redirects, a strict and bounded
 * body read) and nothing else, so the report can tell what the guarantees cost from what the
 * SDK's own code costs. Runs unchanged on Deno (the source as JSR serves it) and on Node/Bun
 * (the built npm package, bundled by `bench/tools/build.mjs`). `--url=<server>` is required;
 * prints one `BENCH_RESULT` JSON line.
 *
 * @module
 */

import process from "node:process";
import { AegisCore, getExecution } from "../client/mod.ts";
import {
  check,
  type Contender,
  emit,
  isQuickRun,
  pairedRatio,
  pairedSpread,
  roundRobin,
  runtimeInfo,
} from "./lib/measure.ts";

const EXECUTION_ID = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";
const TOKEN = "bench-token";
/** The SDK's default body limit, for the guarded contender's bounded read. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const args = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  process.argv.slice(2);
const url = args.find((a) => a.startsWith("--url="))?.slice("--url=".length);
if (!url) throw new Error("socket_bench needs --url=<server>");

const core = new AegisCore({ baseUrl: url, bearerToken: TOKEN });

type Call = () => Promise<{ status?: string }>;
const calls: Record<string, Call> = {
  "raw fetch + json": async () => {
    const response = await fetch(`${url}/v1/executions/${EXECUTION_ID}`, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.json();
  },
  "sdk getExecution": () => getExecution(core, EXECUTION_ID),
  // What the SDK's guarantees ask of fetch, without the SDK: the floor its own code adds to.
  "guarded fetch": async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/executions/${EXECUTION_ID}`, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" },
      signal: controller.signal,
      redirect: "manual",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // Bounded as the SDK bounds it: a declared, uncompressed length within the limit before the
    // whole-body read (HTTP framing then ends the body there), the size checked again after.
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (
      !(declared <= MAX_RESPONSE_BYTES) ||
      response.headers.get("content-encoding") !== null
    ) {
      throw new Error(
        "the benchmark server answers with a declared, uncompressed length",
      );
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_RESPONSE_BYTES) {
      throw new Error("body over the limit");
    }
    return JSON.parse(strictUtf8.decode(bytes));
  },
};

for (const [name, call] of Object.entries(calls)) {
  const body = await call();
  check(body?.status === "Running", `${name} returned ${JSON.stringify(body)}`);
}

/** One sample: `total` requests, `concurrency` of them in flight at any time. */
async function batch(
  call: Call,
  concurrency: number,
  total: number,
): Promise<unknown> {
  let next = 0;
  let last: unknown;
  const worker = async () => {
    while (next < total) {
      next++;
      last = await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return last;
}

/** Result for one concurrency level. */
export interface SocketResult {
  concurrency: number;
  requests: number;
  results: Array<{
    name: string;
    samples: number;
    medianMs: number;
    iqrRatio: number;
    requestsPerSec: number;
  }>;
  /** The SDK's throughput ÷ raw fetch's, round by round (median). */
  throughputRatio: number;
  /** The spread of those per-round ratios (relative interquartile range). */
  throughputSpread: number;
  /** Guarded fetch's throughput ÷ raw fetch's: what the guarantees cost before any SDK code. */
  guardedRatio: number;
  /** The SDK's throughput ÷ guarded fetch's: what the SDK's own code costs. */
  sdkOverGuarded: number;
}

const quick = isQuickRun();
const results: SocketResult[] = [];
for (const concurrency of [1, 256]) {
  const requests = concurrency === 1
    ? (quick ? 200 : 1000)
    : (quick ? 1024 : 4096);
  // Warm the connection pool to its working size before timing.
  for (const call of Object.values(calls)) {
    await batch(call, concurrency, concurrency);
  }
  const contenders: Contender[] = Object.entries(calls).map(([name, call]) => ({
    name,
    ops: requests,
    run: () => batch(call, concurrency, requests),
  }));
  const summaries = await roundRobin(contenders, {
    warmupRounds: 1,
    maxTimeMs: quick ? 1000 : 8000,
    minRounds: quick ? 2 : 7,
    maxRounds: 100,
    clock: "wall",
  });
  results.push({
    concurrency,
    requests,
    results: summaries.map((s) => ({
      name: s.name,
      samples: s.samples,
      medianMs: s.medianMs,
      iqrRatio: s.iqrRatio,
      requestsPerSec: requests / (s.medianMs / 1000),
    })),
    throughputRatio: pairedRatio(summaries[0], summaries[1]),
    throughputSpread: pairedSpread(summaries[0], summaries[1]),
    guardedRatio: pairedRatio(summaries[0], summaries[2]),
    sdkOverGuarded: pairedRatio(summaries[2], summaries[1]),
  });
}
emit({ bench: "socket", ...runtimeInfo(), results });
// Keep-alive sockets would hold Node and Bun open.
process.exit(0);
