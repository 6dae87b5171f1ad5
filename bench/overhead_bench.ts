// deno-lint-ignore-file no-import-prefix -- peers are pinned inline so the root import map stays untouched
/**
 * Per-call overhead of `getExecution` over raw `fetch` + `.json()`, with `openai` and `ky` as
 * peers, all against the same in-memory `fetch` (a function returning a new `Response` with a
 * fixed JSON body — no HTTP, no fake server, so only client-side work differs). Prints one
 * `BENCH_RESULT` JSON line.
 *
 * @module
 */

import OpenAI from "npm:openai@6.49.0";
import ky from "npm:ky@1.14.3";
import { AegisCore, getExecution } from "../client/mod.ts";
import {
  check,
  type Contender,
  emit,
  isQuickRun,
  roundRobin,
  runtimeInfo,
  withoutTimes,
} from "./lib/measure.ts";

const EXECUTION_ID = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";
const BODY = JSON.stringify({
  id: EXECUTION_ID,
  agent_id: "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10",
  status: "Running",
  tenant_id: "tenant-1",
});
/** As the orchestrator (axum) and the socket benchmark's server answer: with its length. */
const RESPONSE_HEADERS = {
  "content-type": "application/json",
  "content-length": String(new TextEncoder().encode(BODY).byteLength),
};
let fetchCalls = 0;

/** The shared in-memory transport: every client gets exactly this function. */
const memoryFetch = (
  _input: RequestInfo | URL,
  _init?: RequestInit,
): Promise<Response> => {
  fetchCalls++;
  return Promise.resolve(
    new Response(BODY, { status: 200, headers: RESPONSE_HEADERS }),
  );
};

const BASE = "http://aegis.invalid";
const TOKEN = "bench-token";

const core = new AegisCore({
  baseUrl: BASE,
  bearerToken: TOKEN,
  fetch: memoryFetch,
});
const openai = new OpenAI({
  baseURL: `${BASE}/v1`,
  apiKey: TOKEN,
  fetch: memoryFetch as typeof fetch,
  dangerouslyAllowBrowser: true,
});
const kyClient = ky.create({
  prefixUrl: BASE,
  fetch: memoryFetch,
  headers: { authorization: `Bearer ${TOKEN}` },
});

type Call = () => Promise<{ status?: string }>;
const calls: Record<string, Call> = {
  "raw fetch + json": async () => {
    const response = await memoryFetch(
      `${BASE}/v1/executions/${EXECUTION_ID}`,
      {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          accept: "application/json",
        },
      },
    );
    return await response.json();
  },
  "sdk getExecution": () => getExecution(core, EXECUTION_ID),
  "openai client.get": () => openai.get(`/executions/${EXECUTION_ID}`),
  "ky get().json()": () => kyClient.get(`v1/executions/${EXECUTION_ID}`).json(),
};

const quick = isQuickRun();
const BATCH = quick ? 200 : 1000;

for (const [name, call] of Object.entries(calls)) {
  const before = fetchCalls;
  const body = await call();
  check(body?.status === "Running", `${name} returned ${JSON.stringify(body)}`);
  check(
    fetchCalls === before + 1,
    `${name} made ${fetchCalls - before} fetch calls`,
  );
}

const contenders: Contender[] = Object.entries(calls).map(([name, call]) => ({
  name,
  ops: BATCH,
  run: async () => {
    let last: unknown;
    for (let i = 0; i < BATCH; i++) last = await call();
    return last;
  },
}));
const summaries = await roundRobin(contenders, {
  warmupRounds: quick ? 1 : 3,
  maxTimeMs: quick ? 400 : 6000,
  minRounds: quick ? 2 : 9,
  maxRounds: 200,
});
const raw = summaries[0].perOpMs;
emit({
  bench: "overhead",
  ...runtimeInfo(),
  batch: BATCH,
  results: summaries.map((s) => ({
    ...withoutTimes(s),
    perCallUs: s.perOpMs * 1000,
    overheadUs: (s.perOpMs - raw) * 1000,
  })),
});
