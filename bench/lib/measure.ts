/**
 * Timing helpers shared by the benchmark scripts. Runtime-neutral (Deno, Node, Bun):
 * `performance.now()`, `process.cpuUsage()` (from `node:process`, which all three provide) and
 * plain promises.
 *
 * @module
 */

import process from "node:process";

/** One competitor in a round-robin measurement: `run` performs one sample's work. */
export interface Contender {
  name: string;
  /** Performs the work of one sample; returns a value that is checked to defeat dead-code elimination. */
  run: () => unknown | Promise<unknown>;
  /** How many operations one sample performs (per-op time = sample time / ops). */
  ops?: number;
}

/** Summary of one contender's samples, in milliseconds per sample and per operation. */
export interface Summary {
  name: string;
  samples: number;
  /** Median milliseconds per sample. */
  medianMs: number;
  /** Fastest sample, in milliseconds. */
  minMs: number;
  /** Median milliseconds per operation. */
  perOpMs: number;
  /** Relative spread: (p75 − p25) / median of the sample times. */
  iqrRatio: number;
  /** The sample times in round order (for {@link pairedRatio}; not meant to be printed). */
  times: number[];
}

/** Budget of a round-robin measurement. */
export interface Budget {
  /** Untimed rounds first (JIT warm-up). */
  warmupRounds: number;
  /** Stop after this much measured time (all contenders together)… */
  maxTimeMs: number;
  /** …but never before this many rounds… */
  minRounds: number;
  /** …and never after this many. */
  maxRounds: number;
  /**
   * What a sample's time is: `"cpu"` (default) is the process's CPU time (user + system), which
   * does not count the time other processes on a shared machine take the core away; `"wall"` is
   * elapsed time, for work that waits on I/O.
   */
  clock?: "cpu" | "wall";
}

/** CPU time of this process in ms (all threads: GC helpers count as work done). */
export function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

let sink: unknown;

/**
 * Measures the contenders in interleaved rounds (one sample of each per round, in a new shuffled
 * order every round), so that a machine-wide slowdown hits all of them alike instead of whichever
 * ran last, and no contender always runs right after the same other one (whose garbage the
 * collector might make it pay for: a fixed rotation gives each contender the same predecessor in
 * every round).
 */
export async function roundRobin(
  contenders: Contender[],
  budget: Budget,
): Promise<Summary[]> {
  for (let round = 0; round < budget.warmupRounds; round++) {
    for (const contender of contenders) sink = await contender.run();
  }
  const times = contenders.map(() => [] as number[]);
  const now = budget.clock === "wall" ? () => performance.now() : cpuNow;
  const random = seededRandom(contenders.length);
  const order = contenders.map((_, i) => i);
  const started = performance.now();
  for (let round = 0; round < budget.maxRounds; round++) {
    shuffle(order, random);
    for (const index of order) {
      const t0 = now();
      sink = await contenders[index].run();
      times[index].push(now() - t0);
    }
    const elapsed = performance.now() - started;
    if (round + 1 >= budget.minRounds && elapsed >= budget.maxTimeMs) break;
  }
  if (sink === Symbol.for("never")) console.log("unreachable");
  return contenders.map((contender, i) =>
    summarize(contender.name, times[i], contender.ops ?? 1)
  );
}

/** A deterministic pseudo-random source (mulberry32), so runs are repeatable. */
function seededRandom(seed: number): () => number {
  let state = seed * 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}

function summarize(name: string, samples: number[], ops: number): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const medianMs = median(sorted);
  return {
    name,
    samples: sorted.length,
    medianMs,
    minMs: sorted[0],
    perOpMs: medianMs / ops,
    iqrRatio: medianMs > 0 ? (q(0.75) - q(0.25)) / medianMs : 0,
    times: samples,
  };
}

/**
 * How many times faster `b` is than `a`, measured round by round: the median over rounds of
 * a's sample time ÷ b's. Each round's two samples ran back to back, so a change in machine load
 * between rounds cancels out of every ratio, which a ratio of two medians does not guarantee.
 */
export function pairedRatio(a: Summary, b: Summary): number {
  return median(roundRatios(a, b));
}

/**
 * The noise of {@link pairedRatio}: the relative interquartile range of the per-round ratios.
 * Load that slowed both samples of a round cancels out of it, as it does out of the ratio, so it
 * is the spread the ratio itself carries (the two sample sets' own spreads include that load).
 */
export function pairedSpread(a: Summary, b: Summary): number {
  const sorted = roundRatios(a, b).sort((x, y) => x - y);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const mid = median(sorted);
  return mid > 0 ? (q(0.75) - q(0.25)) / mid : 0;
}

function roundRatios(a: Summary, b: Summary): number[] {
  const rounds = Math.min(a.times.length, b.times.length);
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) ratios.push(a.times[i] / b.times[i]);
  return ratios;
}

/** The summaries without their raw sample times, for printing. */
export function withoutTimes<T extends Summary>(summary: T): Omit<T, "times"> {
  const { times: _, ...rest } = summary;
  return rest;
}

/** Median of numbers (the array is not modified). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** True when the script was started with `--quick` (Deno, Node or Bun). */
export function isQuickRun(): boolean {
  const args = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
    (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ??
    [];
  return args.includes("--quick");
}

/** Name and version of the runtime executing this script. */
export function runtimeInfo(): {
  runtime: string;
  version: string;
  v8?: string;
} {
  const g = globalThis as {
    Deno?: { version: { deno: string; v8: string } };
    Bun?: { version: string };
    process?: { versions: Record<string, string> };
  };
  if (g.Deno) {
    return {
      runtime: "deno",
      version: g.Deno.version.deno,
      v8: g.Deno.version.v8,
    };
  }
  if (g.Bun) return { runtime: "bun", version: g.Bun.version };
  const versions = g.process?.versions ?? {};
  return {
    runtime: "node",
    version: versions.node ?? "unknown",
    v8: versions.v8,
  };
}

/** Throws when `condition` is false: the benchmarks refuse to time implementations that disagree. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`benchmark self-check failed: ${message}`);
}

/** Prints the script's result as the one JSON line the runner looks for. */
export function emit(result: unknown): void {
  console.log("BENCH_RESULT " + JSON.stringify(result));
}
