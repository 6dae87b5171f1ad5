/**
 * Renders the benchmark data as `BENCHMARKS.md`: the commit, machine, load and runtimes, a
 * targets table whose verdicts are computed from this run's numbers (each a ratio to a peer or
 * baseline measured in the same process, or in the same interleaved rounds of processes), then
 * the full tables.
 *
 * @module
 */

import type { Summary } from "./measure.ts";
import type { SocketResult } from "../socket_bench.ts";
import type { SseFixtureResult } from "../sse_bench.ts";

/** A runtime the benchmarks run on (`node` is the machine's Node 20, `node24` Node 24). */
export type RuntimeName = "deno" | "node" | "node24" | "bun";

type PrintedSummary = Omit<Summary, "times">;

interface SseRun {
  runtime: RuntimeName;
  version: string;
  results: SseFixtureResult[];
}

interface OverheadRun {
  runtime: RuntimeName;
  version: string;
  batch: number;
  results: Array<PrintedSummary & { perCallUs: number; overheadUs: number }>;
}

interface SocketRun {
  runtime: RuntimeName;
  version: string;
  results: SocketResult[];
}

type UsRow = PrintedSummary & { perOpUs: number };

interface CryptoRun {
  runtime: RuntimeName;
  version: string;
  messageBytes: number;
  canonicalBytes: number;
  sign: UsRow[];
  verify: UsRow[];
  envelopes: UsRow[];
  canonical: Array<UsRow & { mbPerSec: number }>;
}

interface SizeRow {
  name: string;
  style: "wrangler" | "vite" | "deno";
  splitting: boolean;
  chunks: number;
  initial: { raw: number; gz: number };
  lazy: { raw: number; gz: number };
  initialPackages: string[];
  lazyPackages: string[];
  top: Array<{ path: string; bytes: number }>;
  /** Wrangler-style only: the same build without `keepNames`. */
  withoutKeepNames?: { raw: number; gz: number };
}

/** One cold-import measurement (medians over fresh processes). */
export interface ColdImport {
  runtime: RuntimeName;
  name: string;
  /**
   * Unset on the root entry's row (the verdict's). "client entry" is the narrower
   * `@aegis/sdk/client`; the others load the root entry's code in a simpler way than users get
   * it, to tell what its import time is made of: tsc's JavaScript modules (Deno), the same
   * without comments (Deno), all of it as one module without comments. "npm package" (Deno) is
   * the built npm package, which Deno users get by importing `npm:@aegis/sdk`.
   */
  variant?: "client entry" | "javascript" | "uncommented" | "npm package" | "one module";
  runs: number;
  importMs: number;
  processMs: number;
}

/** Everything one bench run collected. */
export interface BenchData {
  date: string;
  quick: boolean;
  commit: string;
  dirty: boolean;
  changedFiles: number;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    loadBefore: number[];
    loadAfter: number[];
  };
  runtimes: Record<RuntimeName, string>;
  peers: Record<string, string>;
  sse: SseRun[];
  overhead: OverheadRun[];
  socket: SocketRun[];
  crypto: CryptoRun[];
  sizes: { esbuild: string; vite?: string; results: SizeRow[] };
  coldImports: ColdImport[];
  seconds: number;
}

const KB = 1024;
/** Smallest to largest event of the same 5 MiB-per-fixture series, plus the 16 MB event. */
const LINEARITY_FIXTURES = ["C-64KiB", "C", "C-1MiB", "C-16MB"];
/**
 * Largest growth of time per byte from 1 MiB to 16 MB events (a 15× step, where a quadratic
 * parser would take 15× the time per byte) still called linear. Both sizes are past the CPU
 * caches and the engines' young generations, whose effect on smaller events is not the
 * parser's; the smaller ones are shown for information.
 */
const LINEAR_LIMIT = 3;
const OVERHEAD_TARGET_US = 15;
const SOCKET_TARGET = 0.95;
/** The size row of `app` built in `style`, if the run measured it. */
function sizeOf(data: BenchData, app: string, style: SizeRow["style"]): SizeRow | undefined {
  return data.sizes.results.find((r) => r.name === app && r.style === style);
}

/** The app that makes one call and nothing else: the floor under every other app's size. */
const ONE_CALL_APP = "one call (AegisCore + getExecution)";
/** The README quickstart as written: on `AegisClient`, from the root entry. */
const QUICKSTART_APP = "quickstart (@aegis/sdk)";
/** The README quickstart's calls as function imports: what the quickstart itself needs. */
const QUICKSTART_FUNCTIONS_APP = "quickstart with function imports";
/** Every way the run builds an app, in the order the report lists them. */
const BUILD_STYLES: readonly SizeRow["style"][] = ["wrangler", "vite", "deno"];
/** Bundle targets (gzip, up front), by app; apps not listed are for information. */
const SIZE_TARGETS: Record<string, number> = {
  [QUICKSTART_APP]: 15 * KB,
  "quickstart (@aegis/sdk/client)": 15 * KB,
  "SEAL only": 15 * KB,
  "worker: start + stream": 5 * KB,
};

const RUNTIME_LABEL: Record<RuntimeName, string> = {
  deno: "Deno",
  node: "Node 20",
  node24: "Node 24",
  bun: "Bun",
};

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
/** A gap between a value and its target: two decimals, or one significant digit below 0.005. */
const gap = (n: number) => (n >= 0.005 ? f2(n) : n.toPrecision(1));
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const pct = (ratio: number) => {
  const percent = Math.abs((ratio - 1) * 100);
  return `${percent.toFixed(percent < 0.1 ? 2 : percent < 1 ? 1 : 0)}%`;
};

function row(cells: Array<string | number>): string {
  return `| ${cells.join(" | ")} |`;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [row(header), row(header.map(() => "---")), ...rows.map(row)].join(
    "\n",
  );
}

function find<T extends { name: string }>(list: T[], name: string): T {
  const item = list.find((x) => x.name === name);
  if (!item) throw new Error(`missing result ${name}`);
  return item;
}

interface Verdict {
  metric: string;
  sdk: string;
  peer: string;
  ratio: string;
  target: string;
  result: string;
  met: boolean;
  /** A miss by less than the ratio's own spread: another run may well meet it. */
  withinNoise?: boolean;
}

/** "±x%": half the ratio's noise. */
function spread(noise: number): string {
  return `±${pct(1 + noise / 2)}`;
}

/** Whether `ratio` falls short of `target` by less than half its noise. */
function missWithinNoise(ratio: number, target: number, noise: number): boolean {
  return ratio < target && (target - ratio) / ratio < noise / 2;
}

/** A missed result, said to be inside the spread when it is. */
function missedBy(text: string, withinNoise: boolean): string {
  return `**missed** by ${text}${withinNoise ? " (inside the spread)" : ""}`;
}

function sseVerdicts(data: BenchData): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const run of data.sse) {
    const label = RUNTIME_LABEL[run.runtime];
    for (const fixture of run.results) {
      const sdk = find(fixture.results, "sdk.feed");
      const esp = find(fixture.results, "esp.feed");
      const speed = fixture.feedSpeedup;
      const met = speed >= 1;
      const withinNoise = missWithinNoise(speed, 1, fixture.feedSpread);
      verdicts.push({
        metric: `SSE ${fixture.fixture} (${label})`,
        sdk: `${f1(sdk.mbPerSec)} MB/s`,
        peer: `${f1(esp.mbPerSec)} MB/s`,
        // Four decimals near the target, so a verdict never contradicts the ratio shown.
        ratio: `${
          Math.abs(speed - 1) < 0.01 ? speed.toFixed(4) : f2(speed)
        }× (${spread(fixture.feedSpread)})`,
        target: "≥ 1.00× eventsource-parser",
        result: met
          ? `met, ${pct(speed)} faster`
          : missedBy(pct(speed), withinNoise),
        met,
        withinNoise,
      });
    }
    const series = LINEARITY_FIXTURES.map((name) =>
      run.results.find((r) => r.fixture === name)
    );
    if (series.every((r) => r !== undefined)) {
      const sdk = series.map((r) => find(r!.results, "sdk.feed").nsPerByte);
      const esp = series.map((r) => find(r!.results, "esp.feed").nsPerByte);
      const growth = sdk[3] / sdk[2];
      const met = growth <= LINEAR_LIMIT;
      verdicts.push({
        metric:
          `SSE linearity, 64 KiB / 256 KiB / 1 MiB / 16 MB events (${label})`,
        sdk: sdk.map((n) => f1(n)).join(" / ") + " ns/B",
        peer: esp.map((n) => f1(n)).join(" / ") + " ns/B",
        ratio: `${f2(growth)}× ns/B 1 MiB→16 MB (peer ${f2(esp[3] / esp[2])}×)`,
        target: `≤ ${LINEAR_LIMIT}× (quadratic: 15×)`,
        result: met ? "met" : `**missed** by ${gap(growth - LINEAR_LIMIT)}×`,
        met,
      });
    }
  }
  return verdicts;
}

function socketVerdicts(data: BenchData): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const run of data.socket) {
    for (const level of run.results) {
      const sdk = find(level.results, "sdk getExecution");
      const raw = find(level.results, "raw fetch + json");
      const ratio = level.throughputRatio;
      const met = ratio >= SOCKET_TARGET;
      const withinNoise = missWithinNoise(ratio, SOCKET_TARGET, level.throughputSpread);
      verdicts.push({
        metric: `Throughput over a socket, ${level.concurrency} in flight (${
          RUNTIME_LABEL[run.runtime]
        })`,
        sdk: `${Math.round(sdk.requestsPerSec)} req/s`,
        peer: `${Math.round(raw.requestsPerSec)} req/s (raw fetch); guarded fetch ${
          f2(level.guardedRatio)
        }× of it`,
        ratio: `${f2(ratio)}× (${spread(level.throughputSpread)})`,
        target: `≥ ${f2(SOCKET_TARGET)}× raw fetch`,
        result: met
          ? `met, ${f2(ratio - SOCKET_TARGET)} to spare`
          : missedBy(gap(SOCKET_TARGET - ratio), withinNoise),
        met,
        withinNoise,
      });
    }
  }
  return verdicts;
}

function overheadVerdicts(data: BenchData): Verdict[] {
  return data.overhead.map((run) => {
    const sdk = find(run.results, "sdk getExecution");
    const openai = find(run.results, "openai client.get");
    const ky = find(run.results, "ky get().json()");
    const raw = find(run.results, "raw fetch + json");
    const met = sdk.overheadUs <= OVERHEAD_TARGET_US;
    return {
      metric: `Per-call overhead over raw fetch, in-process (${
        RUNTIME_LABEL[run.runtime]
      })`,
      sdk: `${f1(sdk.overheadUs)} µs`,
      peer: `openai ${f1(openai.overheadUs)} µs, ky ${f1(ky.overheadUs)} µs`,
      ratio: `${f2(sdk.perCallUs / raw.perCallUs)}× raw`,
      target: `≤ ${OVERHEAD_TARGET_US} µs`,
      result: met
        ? `met, ${f1(OVERHEAD_TARGET_US - sdk.overheadUs)} µs to spare`
        : `**missed** by ${f1(sdk.overheadUs - OVERHEAD_TARGET_US)} µs`,
      met,
    };
  });
}

/**
 * One runtime's cold-import row: "sdk" is the root entry's (the verdict's), "ky" and "openai" the
 * peers', a variant the row that loads the SDK that way.
 */
function coldImportRow(
  data: BenchData,
  runtime: RuntimeName,
  row: "sdk" | "ky" | "openai" | NonNullable<ColdImport["variant"]>,
): ColdImport | undefined {
  return data.coldImports.find((c) =>
    c.runtime === runtime &&
    (row === "sdk"
      ? c.variant === undefined && c.name.startsWith("sdk")
      : row === "ky" || row === "openai"
      ? c.name === row
      : c.variant === row)
  );
}

/** The metric of a runtime's cold-import verdict. */
function coldImportMetric(runtime: RuntimeName): string {
  return `Cold import of the root entry (${RUNTIME_LABEL[runtime]})`;
}

function coldImportVerdicts(data: BenchData): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const runtime of new Set(data.coldImports.map((c) => c.runtime))) {
    const sdk = coldImportRow(data, runtime, "sdk");
    const ky = coldImportRow(data, runtime, "ky");
    const openai = coldImportRow(data, runtime, "openai");
    if (!sdk || !ky) continue;
    const ratio = sdk.importMs / ky.importMs;
    const met = ratio <= 1;
    verdicts.push({
      metric: coldImportMetric(runtime),
      sdk: `${f1(sdk.importMs)} ms`,
      peer: `ky ${f1(ky.importMs)} ms` +
        (openai ? `, openai ${f1(openai.importMs)} ms` : ""),
      ratio: `${f2(ratio)}× ky`,
      target: "≤ ky",
      result: met
        ? `met, ${f1(ky.importMs - sdk.importMs)} ms to spare`
        : `**missed** by ${f1(sdk.importMs - ky.importMs)} ms (${pct(ratio)})`,
      met,
    });
  }
  return verdicts;
}

/**
 * What one runtime's cold import of the root entry is made of, from the rows that load the same
 * code in simpler ways; undefined without them.
 */
function coldImportBreakdown(data: BenchData, runtime: RuntimeName): string | undefined {
  const ms = (row: Parameters<typeof coldImportRow>[2]) =>
    coldImportRow(data, runtime, row)?.importMs;
  const sdk = ms("sdk");
  const ky = ms("ky");
  const oneModule = ms("one module");
  if (sdk === undefined || ky === undefined || oneModule === undefined) return undefined;
  const label = RUNTIME_LABEL[runtime];
  const floor = oneModule <= ky
    ? `as one module without comments it loads in ${f1(oneModule)} ms, ` +
      `${f1(ky - oneModule)} ms less than ky: what misses is how the code is loaded, not how ` +
      "much of it there is"
    : `as one module without comments it still takes ${f1(oneModule)} ms ` +
      `(${f2(oneModule / ky)}× ky): the amount of code is the floor`;
  const javascript = ms("javascript");
  const uncommented = ms("uncommented");
  // Differences of medians: one that comes out negative is inside the noise.
  const cost = (difference: number) => difference > 0 ? `${f1(difference)} ms` : "nothing measurable";
  const client = ms("client entry");
  const narrower = client === undefined ? "" : ` (\`@aegis/sdk/client\` alone ${f1(client)} ms)`;
  if (javascript === undefined || uncommented === undefined) {
    return `On ${label} the root entry takes ${f1(sdk)} ms${narrower}, and ${floor}.`;
  }
  return `On ${label} the root entry takes ${f1(sdk)} ms${narrower}, ky ${f1(ky)} ms. Deno ` +
    "transpiles a TypeScript module and loads it with its comments and an inline source map " +
    `that holds the whole source: that costs ${cost(sdk - javascript)} against the same ` +
    `modules as JavaScript (${f1(javascript)} ms), as it does any package published to JSR as ` +
    `TypeScript. The comments cost ${cost(javascript - uncommented)} more ` +
    `(${f1(uncommented)} ms without them), the number of modules ` +
    `${cost(uncommented - oneModule)}, and ${floor}.` + npmPackageOnDeno(ms("npm package"), ky);
}

/** What Deno users get from the npm package instead of the JSR sources. */
function npmPackageOnDeno(npm: number | undefined, ky: number): string {
  if (npm === undefined) return "";
  const against = npm <= ky
    ? `${f1(ky - npm)} ms less than ky`
    : `${f2(npm / ky)}× ky`;
  return ` Deno users who import the npm package (\`npm:@aegis/sdk\`: the same code bundled ` +
    `as JavaScript into a few modules, types from its \`.d.ts\` files) wait ${f1(npm)} ms ` +
    `(${against}).`;
}

function sizeVerdicts(data: BenchData): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const r of data.sizes.results) {
    const limit = SIZE_TARGETS[r.name];
    if (limit === undefined) continue;
    const ky = sizeOf(data, "peer: ky", r.style);
    const oneCall = sizeOf(data, ONE_CALL_APP, r.style);
    const functions = r.name.startsWith("quickstart")
      ? sizeOf(data, QUICKSTART_FUNCTIONS_APP, r.style)
      : undefined;
    const met = r.initial.gz <= limit;
    verdicts.push({
      metric: `Bundle: ${r.name}, ${styleLabel(r.style)}`,
      sdk: `${kb(r.initial.gz)} gz` +
        (r.lazy.gz ? ` + ${kb(r.lazy.gz)} lazy` : ""),
      peer: (ky ? `ky ${kb(ky.initial.gz)}` : "—") +
        (oneCall ? `; one SDK call ${kb(oneCall.initial.gz)}` : "") +
        (functions ? `; with function imports ${kb(functions.initial.gz)}` : ""),
      ratio: ky ? `${f2(r.initial.gz / ky.initial.gz)}× ky` : "—",
      target: `≤ ${limit / KB} KB gz`,
      result: met
        ? `met, ${kb(limit - r.initial.gz)} to spare`
        : `**missed** by ${kb(r.initial.gz - limit)}`,
      met,
    });
  }
  return verdicts;
}

function styleLabel(style: SizeRow["style"]): string {
  return style === "wrangler"
    ? "Wrangler-style (one file)"
    : style === "vite"
    ? "Vite (up front)"
    : "deno bundle (JSR sources)";
}

/**
 * What the misses are made of, from this run's own numbers: the floors no client that keeps the
 * SDK's guarantees can go below (guarded fetch, a one-call app), and how much code an import
 * loads against ky's. Lines only for kinds of target that missed.
 */
function missAnalysis(data: BenchData, missed: Verdict[]): string[] {
  const lines: string[] = [];
  const missedKind = (prefix: string) => missed.some((v) => v.metric.startsWith(prefix));
  if (missedKind("Throughput over a socket")) {
    const rows = data.socket.flatMap((run) =>
      run.results.map((level) => ({ run, level }))
    ).filter(({ level }) => level.throughputRatio < SOCKET_TARGET);
    const floor = rows.filter(({ level }) => level.guardedRatio < SOCKET_TARGET);
    const describe = ({ run, level }: (typeof rows)[number]) =>
      `${RUNTIME_LABEL[run.runtime]} ${level.concurrency} in flight (guarded ${
        f2(level.guardedRatio)
      }×, SDK ${f2(level.sdkOverGuarded)}× of guarded)`;
    lines.push(
      `- **Sockets.** Guarded fetch is \`fetch\` doing only what the SDK's guarantees require ` +
        `(a signal, manual redirects, a strict bounded read), with no SDK code. In ${floor.length} ` +
        `of the ${rows.length} missed rows it is itself below ${f2(SOCKET_TARGET)}× raw fetch, so ` +
        "keeping those guarantees through `fetch` already misses the target there" +
        (floor.length ? `: ${floor.map(describe).join("; ")}` : "") +
        (rows.length > floor.length
          ? `. In the others the SDK's own code is the gap: ${
            rows.filter((r) => !floor.includes(r)).map(describe).join("; ")
          }.`
          : "."),
    );
  }
  if (missedKind("Bundle:") && data.sizes.results.some((r) => r.name === ONE_CALL_APP)) {
    const floors = BUILD_STYLES
      .map((style) => sizeOf(data, ONE_CALL_APP, style))
      .filter((r) => r !== undefined);
    const below = Object.entries(SIZE_TARGETS).filter(([, limit]) =>
      floors.some((f) => f.initial.gz > limit)
    ).map(([name, limit]) => `${name} (≤ ${limit / KB} KB)`);
    lines.push(
      "- **Bundles.** An app that makes one call bundles " +
        floors.map((f) => `${kb(f.initial.gz)} ${styleLabel(f.style)}`).join(", ") +
        ": the request pipeline and its guarantees. Every other app is that plus what it uses" +
        (below.length
          ? `; the target${below.length > 1 ? "s" : ""} of ${below.join(", ")} ${
            below.length > 1 ? "are" : "is"
          } below that floor.`
          : "."),
    );
    // Rows that miss only because Wrangler keeps names.
    const named = data.sizes.results.filter((r) => {
      const limit = SIZE_TARGETS[r.name];
      return limit !== undefined && r.withoutKeepNames !== undefined &&
        r.initial.gz > limit && r.withoutKeepNames.gz <= limit;
    });
    for (const r of named) {
      lines.push(
        `- **${r.name}, ${styleLabel(r.style)}.** Wrangler keeps function names by default ` +
          "(`keep_names`, for readable stack traces), which adds a `__name()` call per function: " +
          `${kb(r.initial.gz - r.withoutKeepNames!.gz)} here. Without it the same build is ` +
          `${kb(r.withoutKeepNames!.gz)}, within the ${SIZE_TARGETS[r.name] / KB} KB target ` +
          "(`keep_names: false` in the Wrangler configuration turns it off).",
      );
    }
  }
  if (missedKind("Bundle: quickstart")) {
    const quickstarts = BUILD_STYLES.flatMap((style) => {
      const needs = sizeOf(data, QUICKSTART_FUNCTIONS_APP, style);
      const client = sizeOf(data, QUICKSTART_APP, style);
      return needs && client ? [{ style, needs, client }] : [];
    });
    const limit = SIZE_TARGETS[QUICKSTART_APP];
    if (quickstarts.length > 0) {
      lines.push(
        "- **The quickstart.** Written with function imports on a bare `AegisCore` (the same " +
          "calls, OAuth2 client credentials and validated manifest, nothing else), it bundles " +
          quickstarts.map(({ style, needs }) => `${kb(needs.initial.gz)} ${styleLabel(style)}`)
            .join(", ") +
          (quickstarts.every(({ needs }) => needs.initial.gz > limit)
            ? `: what it calls is above its ${limit / KB} KB target already`
            : "") +
          ". On `AegisClient` it bundles " +
          quickstarts.map(({ style, needs, client }) =>
            `${kb(client.initial.gz - needs.initial.gz)} more ${styleLabel(style)}`
          ).join(", ") +
          ": a class keeps all its methods in a bundle, so every resource module and what " +
          "they use (workflow validation, the hook runner) come with it.",
      );
    }
  }
  if (missedKind("Cold import")) {
    const all = sizeOf(data, "all exports", "vite");
    const ky = sizeOf(data, "peer: ky", "vite");
    const code = all && ky
      ? `${kb(all.initial.raw)} of minified code against ky's ${kb(ky.initial.raw)} ` +
        `(${f1(all.initial.raw / ky.initial.raw)}×)`
      : "all of its code";
    const breakdowns = [...new Set(data.coldImports.map((c) => c.runtime))]
      .filter((runtime) => missed.some((v) => v.metric === coldImportMetric(runtime)))
      .flatMap((runtime) => coldImportBreakdown(data, runtime) ?? []);
    lines.push(
      `- **Cold import.** The root entry exports everything (client, manifests, SEAL, bootstrap): ${code}. ` +
        "The narrower entries (`@aegis/sdk/client`, `/seal`, `/manifest`) load less." +
        (breakdowns.length
          ? " The same code loaded in simpler ways (rows after the client entry's in the cold " +
            "import table) tells what the time is made of. " + breakdowns.join(" ")
          : ""),
    );
  }
  return lines;
}

/** Renders the whole report. */
export function renderReport(data: BenchData): string {
  const verdicts = [
    ...sseVerdicts(data),
    ...socketVerdicts(data),
    ...overheadVerdicts(data),
    ...coldImportVerdicts(data),
    ...sizeVerdicts(data),
  ];
  const lines: string[] = [];
  const push = (...blocks: string[]) => {
    for (const block of blocks) lines.push(block, "");
  };
  const runtimeRows: Array<[string, string]> =
    (["deno", "node", "node24", "bun"] as const).map((
      r,
    ) => [RUNTIME_LABEL[r], data.runtimes[r]]);
  push(
    "# Benchmarks",
    `> Generated by \`deno task bench\` (\`bench/run.ts\`) on ${data.date} in ${data.seconds} s, ` +
      `at commit \`${data.commit}\`${
        data.dirty
          ? ` plus uncommitted changes in ${data.changedFiles} files`
          : ""
      }. ` +
      "Do not edit by hand; re-run the task." +
      (data.quick ? " **QUICK SMOKE RUN: numbers are not meaningful.**" : ""),
  );
  push(
    "## Machine and runtimes",
    table(["", ""], [
      ["CPU", `${data.machine.cpu}, ${data.machine.cores} cores`],
      ["Memory", `${data.machine.memoryGiB} GiB`],
      ["OS", data.machine.os],
      [
        "Load average (1/5/15 min)",
        `before ${data.machine.loadBefore.map(f2).join(" / ")}, after ${
          data.machine.loadAfter.map(f2).join(" / ")
        }`,
      ],
      ...runtimeRows,
      [
        "Peers and tools",
        Object.entries(data.peers).map(([k, v]) => `${k} ${v}`).join(", "),
      ],
    ]),
    "What runs is what users get: on Deno the TypeScript sources (as JSR serves them), on Node " +
      "and Bun the npm package, compiled with `tsc` as `scripts/build_npm.ts` does (the bench " +
      "scripts are bundled by esbuild against it). Every comparison runs its contenders in the " +
      "same process, interleaved round-robin (one sample of each per round, order rotated) after " +
      "warm-up rounds, and reports medians; CPU-bound samples are timed in process CPU time, so " +
      "that other processes on a loaded machine do not inflate them, and socket samples in wall " +
      "time. Cold imports interleave fresh processes of every module the same way. The ratio " +
      "column is the verdict's basis; the ± after it is half the relative interquartile range of " +
      "its per-round ratios (each round times both contenders back to back, so load that slows " +
      "both cancels out): a gap inside it is noise. A miss by less than that is marked " +
      '"inside the spread" (another run may meet it) and still counted as missed.',
  );
  const missed = verdicts.filter((v) => !v.met);
  const noisy = missed.filter((v) => v.withinNoise).length;
  push(
    "## Targets",
    table(
      ["Metric", "SDK", "Peer / baseline", "Ratio", "Target", "Result"],
      verdicts.map((
        v,
      ) => [v.metric, v.sdk, v.peer, v.ratio, v.target, v.result]),
    ),
    `${verdicts.length - missed.length} of ${verdicts.length} met` +
      (noisy > 0
        ? `; ${noisy} of the misses are inside their ratio's spread.`
        : ".") +
      (missed.length
        ? " Missed: " + missed.map((v) =>
          `${v.metric} (${v.result.replace(/\*\*/g, "")})`
        )
          .join("; ") +
          "."
        : ""),
  );
  const analysis = missAnalysis(data, missed);
  if (analysis.length) push("### What the misses are made of", analysis.join("\n"));

  push(
    "## SSE parsing throughput",
    "`sdk.feed`: `SSEParser.feed(Uint8Array)`. `esp.feed`: eventsource-parser " +
      "`createParser().feed()` behind a streaming `TextDecoder` (it takes strings; the decode is " +
      "part of its cost). `sdk.stream`/`esp.stream`: the same bytes from a `ReadableStream`, read " +
      "by the SDK's loop (as `EventStream` does) or piped through `TextDecoderStream` + " +
      "`EventSourceParserStream`. All four must yield the same events (count, data length, ids, " +
      "last payload) before timing. Mixed fixtures carry é and € (two non-ASCII characters every " +
      "41 bytes, or one é per event in A); the `-ascii` ones the same text in ASCII. C-64KiB, C " +
      "and C-1MiB carry the same 5 MiB as 80×64 KiB, 20×256 KiB and 5×1 MiB events; C-16MB is " +
      "one event just under the parser's default 16 MiB bound. Flat ns/byte across them means " +
      "linear time.",
  );
  for (const run of data.sse) {
    push(
      `### ${RUNTIME_LABEL[run.runtime]} ${run.version}`,
      table(
        [
          "Fixture",
          "Bytes",
          "Chunks",
          "sdk.feed MB/s",
          "esp.feed MB/s",
          "sdk.stream MB/s",
          "esp.stream MB/s",
          "feed sdk÷esp",
          "stream sdk÷esp",
          "IQR/median sdk, esp",
          "sdk.feed ns/B",
          "Samples",
        ],
        run.results.map((r) => {
          const get = (n: string) => find(r.results, n);
          return [
            `${r.fixture}: ${r.description}`,
            r.bytes.toLocaleString("en-US"),
            r.chunks.toLocaleString("en-US"),
            f1(get("sdk.feed").mbPerSec),
            f1(get("esp.feed").mbPerSec),
            f1(get("sdk.stream").mbPerSec),
            f1(get("esp.stream").mbPerSec),
            `${f2(r.feedSpeedup)}×`,
            `${f2(r.streamSpeedup)}×`,
            `${f2(get("sdk.feed").iqrRatio)}, ${f2(get("esp.feed").iqrRatio)}`,
            f1(get("sdk.feed").nsPerByte),
            get("sdk.feed").samples,
          ];
        }),
      ),
    );
  }

  push(
    "## Throughput over a real socket (`getExecution` vs raw fetch)",
    "A keep-alive HTTP server in another process (Node `node:http`, `bench/tools/server.mjs`) " +
      "answers every request with the same small JSON. Each sample sends a batch of requests " +
      "with 1 or 256 in flight, through the runtime's own `fetch`; raw fetch is `fetch` + " +
      "`.json()` with the same headers. Guarded fetch is raw fetch plus what the SDK's " +
      "guarantees ask of `fetch`, and no SDK code: an `AbortSignal` per request (timeouts and " +
      'cancellation close the socket), `redirect: "manual"` (credentials never follow a ' +
      "redirect elsewhere), and a strict, bounded body read (`arrayBuffer()`, fatal UTF-8 " +
      "decoding, `JSON.parse`). So guarded÷raw is what the guarantees cost and sdk÷guarded what " +
      "the SDK's own code costs. Server and clients share the machine, so absolute numbers are " +
      "low; the ratios are the point.",
    table(
      [
        "Runtime",
        "In flight",
        "Requests / sample",
        "raw req/s",
        "guarded req/s",
        "sdk req/s",
        "guarded÷raw",
        "sdk÷guarded",
        "sdk÷raw",
        "IQR/median raw, guarded, sdk",
        "Samples",
      ],
      data.socket.flatMap((run) =>
        run.results.map((level) => {
          const raw = find(level.results, "raw fetch + json");
          const sdk = find(level.results, "sdk getExecution");
          const guarded = find(level.results, "guarded fetch");
          return [
            `${RUNTIME_LABEL[run.runtime]} ${run.version}`,
            level.concurrency,
            level.requests,
            Math.round(raw.requestsPerSec),
            Math.round(guarded.requestsPerSec),
            Math.round(sdk.requestsPerSec),
            `${f2(level.guardedRatio)}×`,
            `${f2(level.sdkOverGuarded)}×`,
            `${f2(level.throughputRatio)}×`,
            `${f2(raw.iqrRatio)}, ${f2(guarded.iqrRatio)}, ${f2(sdk.iqrRatio)}`,
            sdk.samples,
          ];
        })
      ),
    ),
  );

  push(
    "## Per-call overhead in-process (`getExecution` vs raw fetch)",
    "Every client gets the same in-memory `fetch` (returns `new Response(fixedJson)` with " +
      "`content-type` and `content-length`, as the orchestrator answers); " +
      "overhead = client per-call time − raw `fetch` + `.json()` per-call time. openai: " +
      "`client.get('/executions/…')`; ky: `ky.create({prefixUrl, fetch}).get(…).json()`. " +
      "All with their default retry/timeout settings.",
  );
  for (const run of data.overhead) {
    push(
      `### ${
        RUNTIME_LABEL[run.runtime]
      } ${run.version} (batches of ${run.batch} sequential calls)`,
      table(
        [
          "Client",
          "µs / call",
          "Overhead µs",
          "÷ raw",
          "Samples",
          "IQR/median",
        ],
        run.results.map((r) => [
          r.name,
          f1(r.perCallUs),
          f1(r.overheadUs),
          `${
            f2(r.perCallUs / find(run.results, "raw fetch + json").perCallUs)
          }×`,
          r.samples,
          f2(r.iqrRatio),
        ]),
      ),
    );
  }

  push(
    "## SEAL: Ed25519 and canonical messages",
    "The SDK signs and verifies with WebCrypto (`Ed25519Key.sign`, the `verifyEd25519` used by " +
      "`verifySealEnvelope`); `@noble/curves` is pure JavaScript. Both produce the same signature " +
      "bytes (checked). Canonical-message rows build the bytes that get signed for a ~10 KB " +
      "payload; `canonicalize` is RFC 8785 JCS (a different canonical form, for scale) and " +
      "`JSON.stringify` is the unsorted floor.",
  );
  for (const run of data.crypto) {
    const rows = [
      ...run.sign.map((
        r,
      ) => [
        `sign ${run.messageBytes} B`,
        r.name,
        f1(r.perOpUs),
        f1(1e6 / r.perOpUs),
      ]),
      ...run.verify.map((
        r,
      ) => [
        `verify ${run.messageBytes} B`,
        r.name,
        f1(r.perOpUs),
        f1(1e6 / r.perOpUs),
      ]),
      ...run.envelopes.map((
        r,
      ) => ["envelope", r.name, f1(r.perOpUs), f1(1e6 / r.perOpUs)]),
      ...run.canonical.map((r) => [
        `canonical ${run.canonicalBytes} B`,
        `${r.name} (${f1(r.mbPerSec)} MB/s)`,
        f1(r.perOpUs),
        f1(1e6 / r.perOpUs),
      ]),
    ];
    const sign = run.sign.map((r) => r.perOpUs);
    const verify = run.verify.map((r) => r.perOpUs);
    push(
      `### ${RUNTIME_LABEL[run.runtime]} ${run.version}`,
      table(["Operation", "Implementation", "µs / op", "ops / s"], rows),
      `SDK vs noble: sign ${f2(sign[1] / sign[0])}× faster, verify ${
        f2(verify[1] / verify[0])
      }× faster.`,
    );
  }

  push(
    "## Bundle size",
    "Minified, gzip -9; 1 KB = 1,024 B. Apps (`bench/entries/`) import `@aegis/sdk…` like " +
      "users and are bundled from the built npm package, or, for Deno, from the sources. " +
      `**Wrangler-style**: esbuild ${data.sizes.esbuild} (the bundler Wrangler runs) with ` +
      "Wrangler's settings: one file, export conditions `workerd`, `worker`, `browser`, " +
      "`keepNames` (as `wrangler deploy --minify` bundles a Worker). " +
      `**Vite**: \`vite build\` (Vite ${data.sizes.vite ?? "?"}, Rolldown) with Vite's ` +
      "production defaults (code splitting, minification, its export conditions), the app's " +
      "module as the entry, whose exports are kept (as a Worker or library build keeps them). " +
      `**deno bundle**: \`deno bundle --minify --platform browser\` (Deno ${
        data.runtimes.deno?.split(" ")[0] ?? ""
      }) of the TypeScript sources as JSR serves them (\`@aegis/sdk/…\` mapped to them), ` +
      "npm packages from npm; JSR's sources have no package.json, so no `\"sideEffects\": false` " +
      "tells the bundler that a module it does not use can go: only code it can see does nothing " +
      "does. Through `@aegis/sdk/manifest`, which also holds the YAML readers, that keeps the " +
      "`yaml` package's module-level code (about 12 KB gz: `yaml` declares no `sideEffects`); the " +
      "root entry, which has the builder but not the readers, does not. " +
      '"Up front" is the entry plus the chunks it imports statically; "lazy" is what `import()` ' +
      'may load later. Packages are npm packages with bytes in the output. "all exports" is ' +
      "every name of `@aegis/sdk`, `/client`, `/seal`, `/manifest` and `/bootstrap` together, for " +
      `information. "${ONE_CALL_APP}" is the least an app that calls the orchestrator ` +
      "bundles: a bare `AegisCore` (the request pipeline and what it guarantees: timeouts, " +
      "retries, the redirect policy, bounded strict reads, typed errors, credentials from options " +
      "or the environment) and one function import; every other app is this plus what it uses, " +
      "so no app can be smaller than it without giving one of those up. " +
      `"${QUICKSTART_FUNCTIONS_APP}" makes the quickstart's calls on a bare \`AegisCore\`: what ` +
      "the quickstart itself needs, against which the quickstart rows show what `AegisClient` " +
      "adds.",
    table(
      [
        "App",
        "Build",
        "Chunks",
        "Up front min",
        "Up front gz",
        "Lazy gz",
        "÷ ky gz",
        "npm packages (up front)",
        "npm packages (lazy)",
      ],
      data.sizes.results.map((r) => {
        const ky = sizeOf(data, "peer: ky", r.style);
        return [
          r.name,
          styleLabel(r.style),
          r.chunks,
          kb(r.initial.raw),
          kb(r.initial.gz),
          r.lazy.gz ? kb(r.lazy.gz) : "—",
          ky ? `${f2(r.initial.gz / ky.initial.gz)}×` : "—",
          r.style === "deno" ? "not reported" : r.initialPackages.join(", ") || "none",
          r.style === "deno" ? "—" : r.lazyPackages.join(", ") || "—",
        ];
      }),
    ),
    "Largest source modules of each app's Wrangler-style bundle (minified bytes before gzip; the " +
      "package's entry points and chunks are made of these modules, so the app is built once " +
      "more against them to tell which they are):",
    ...data.sizes.results.filter((r) =>
      r.style === "wrangler" && !r.name.startsWith("peer")
    )
      .map((r) =>
        `- ${r.name}: ` +
        r.top.slice(0, 6).map((t) =>
          `\`${
            t.path.replace(/^bench\/(\.cache\/(modules\/)?)?node_modules\//, "")
          }\` ${kb(t.bytes)}`
        )
          .join(", ")
      ),
  );

  push(
    "## Cold import",
    "Median of fresh processes, interleaved with the peers' (one untimed run of each first fills " +
      'the transpile/npm/page caches). "Import" times the dynamic `import()` of the root entry ' +
      'inside the process; "process" is the whole process wall time including runtime start-up. ' +
      'On Node and Bun the SDK is the built npm package (`import("@aegis/sdk")`, with its ' +
      "`yaml` dependency); on Deno it is the TypeScript source of `mod.ts` (cached transpile), as " +
      "a JSR import loads it. The client entry row imports the narrower `@aegis/sdk/client` " +
      "instead. The rows after it load the root entry's code in simpler ways, to tell " +
      "what its time is made of: on Deno, tsc's JavaScript modules, then the same without " +
      "comments, then the npm package (what Deno users get from `npm:@aegis/sdk`, loaded from " +
      "its files); on every runtime, all of it as one module without comments (esbuild, " +
      "whitespace and comments removed, names kept). Of these, only the npm package is shipped.",
    table(
      ["Runtime", "Module", "Runs", "Import ms", "÷ ky", "Process ms"],
      data.coldImports.map((c) => {
        const ky = coldImportRow(data, c.runtime, "ky");
        return [
          RUNTIME_LABEL[c.runtime],
          c.name,
          c.runs,
          f1(c.importMs),
          ky ? `${f2(c.importMs / ky.importMs)}×` : "—",
          f1(c.processMs),
        ];
      }),
    ),
  );
  return lines.join("\n").trimEnd() + "\n";
}
