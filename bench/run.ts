/**
 * Runs every benchmark side by side with its peers and writes `BENCHMARKS.md` (and the raw
 * numbers to `bench/results/latest.json`). `deno task bench`; `--quick` for a smoke run that
 * writes `bench/results/quick.md` instead. Peers and tools come from `bench/package.json`
 * (installed with `npm ci` on first use); Bun is `bench/node_modules/.bin/bun`.
 *
 * @module
 */

import { median } from "./lib/measure.ts";
import { renderReport } from "./lib/report.ts";
import type { BenchData, ColdImport, RuntimeName } from "./lib/report.ts";

const benchDir = new URL(".", import.meta.url).pathname.replace(/\/$/, "");
const rootDir = benchDir.replace(/\/bench$/, "");
const cacheDir = `${benchDir}/.cache`;
const quick = Deno.args.includes("--quick");
const decoder = new TextDecoder();

async function exec(
  cmd: string,
  args: string[],
  options: { cwd?: string; allowFail?: boolean } = {},
): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  const output = await new Deno.Command(cmd, {
    args,
    cwd: options.cwd ?? rootDir,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const ms = performance.now() - started;
  const stdout = decoder.decode(output.stdout);
  if (!output.success && !options.allowFail) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${output.code}):\n${stdout}\n${
        decoder.decode(output.stderr)
      }`,
    );
  }
  return { stdout, ms };
}

function resultOf<T>(stdout: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`no BENCH_RESULT line in:\n${stdout}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as T;
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

const bunBin = `${benchDir}/node_modules/.bin/bun`;
const flags = quick ? ["--quick"] : [];

function command(runtime: RuntimeName, script: string): [string, string[]] {
  if (runtime === "deno") {
    return [Deno.execPath(), [
      "run",
      "-A",
      "--no-lock",
      `bench/${script}.ts`,
      ...flags,
    ]];
  }
  const bundle = `${cacheDir}/${script}.mjs`;
  if (runtime === "node") return ["node", [bundle, ...flags]];
  return [bunBin, [bundle, ...flags]];
}

async function version(cmd: string, args: string[]): Promise<string> {
  try {
    return (await exec(cmd, args)).stdout.trim().split("\n")[0];
  } catch {
    return "unavailable";
  }
}

async function machine(): Promise<BenchData["machine"]> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo").catch(() => "");
  const cpu = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? "unknown";
  const memory = Deno.systemMemoryInfo();
  return {
    cpu,
    cores: navigator.hardwareConcurrency,
    memoryGiB: Math.round(memory.total / 2 ** 30),
    os: `${Deno.build.os} ${Deno.osRelease()} ${Deno.build.arch}`,
    loadBefore: Deno.loadavg(),
    loadAfter: [],
  };
}

async function peerVersions(): Promise<Record<string, string>> {
  const lock = JSON.parse(
    await Deno.readTextFile(`${benchDir}/package-lock.json`),
  );
  const versions: Record<string, string> = {};
  for (
    const name of [
      "eventsource-parser",
      "openai",
      "ky",
      "@noble/curves",
      "canonicalize",
      "esbuild",
      "yaml",
    ]
  ) {
    versions[name] = lock.packages?.[`node_modules/${name}`]?.version ??
      "unknown";
  }
  return versions;
}

async function coldImports(): Promise<ColdImport[]> {
  const runs = quick ? 2 : 7;
  const targets: Array<
    { runtime: "node" | "deno"; name: string; specifier: string }
  > = [
    {
      runtime: "node",
      name: "sdk (mod.ts, one ESM bundle)",
      specifier: `${cacheDir}/sdk_node.mjs`,
    },
    { runtime: "node", name: "openai", specifier: "openai" },
    { runtime: "node", name: "ky", specifier: "ky" },
    {
      runtime: "deno",
      name: "sdk (mod.ts, TS source)",
      specifier: `file://${rootDir}/mod.ts`,
    },
    { runtime: "deno", name: "openai", specifier: "npm:openai@6.49.0" },
    { runtime: "deno", name: "ky", specifier: "npm:ky@1.14.3" },
  ];
  const results: ColdImport[] = [];
  for (const target of targets) {
    const [cmd, args] = target.runtime === "node"
      ? ["node", [`${benchDir}/tools/cold_import.mjs`, target.specifier]]
      : [Deno.execPath(), [
        "run",
        "-A",
        "--no-lock",
        `${benchDir}/tools/cold_import.mjs`,
        target.specifier,
      ]];
    // One untimed run fills Deno's transpile/npm caches and the OS page cache.
    await exec(cmd, args);
    const importMs: number[] = [];
    const processMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { stdout, ms } = await exec(cmd, args);
      importMs.push(resultOf<{ ms: number }>(stdout).ms);
      processMs.push(ms);
    }
    results.push({
      runtime: target.runtime,
      name: target.name,
      runs,
      importMs: median(importMs),
      processMs: median(processMs),
    });
  }
  return results;
}

const started = performance.now();
if (!(await exists(`${benchDir}/node_modules/.package-lock.json`))) {
  log("installing bench/package.json (npm ci)");
  await exec("npm", ["ci", "--no-audit", "--no-fund"], { cwd: benchDir });
}
await Deno.mkdir(cacheDir, { recursive: true });
log("bundling the bench scripts for Node and Bun");
await exec("node", [
  `${benchDir}/tools/build.mjs`,
  "scripts",
  cacheDir,
  ...["sse_bench", "overhead_bench", "crypto_bench"].map((s) =>
    `${benchDir}/${s}.ts`
  ),
]);
await exec("node", [
  `${benchDir}/tools/build.mjs`,
  "sdk-node",
  `${cacheDir}/sdk_node.mjs`,
]);

const data: BenchData = {
  date: new Date().toISOString(),
  quick,
  commit:
    (await exec("git", ["rev-parse", "--short", "HEAD"], { allowFail: true }))
      .stdout.trim(),
  dirty: (await exec("git", [
    "status",
    "--porcelain",
    "--",
    "client",
    "seal",
    "manifest",
    "mod.ts",
  ], {
    allowFail: true,
  })).stdout.trim().length > 0,
  machine: await machine(),
  runtimes: {
    deno:
      `${Deno.version.deno} (V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript})`,
    node: `${await version("node", ["--version"])} (V8 ${await version("node", [
      "-p",
      "process.versions.v8",
    ])})`,
    bun: await version(bunBin, ["--version"]),
  },
  peers: await peerVersions(),
  sse: [],
  overhead: [],
  crypto: [],
  sizes: { esbuild: "", results: [] },
  coldImports: [],
  seconds: 0,
};

const runtimes: RuntimeName[] = ["deno", "node", "bun"];
for (const script of ["sse_bench", "overhead_bench", "crypto_bench"] as const) {
  for (const runtime of runtimes) {
    log(`${script} on ${runtime}`);
    const [cmd, args] = command(runtime, script);
    const result = resultOf<Record<string, unknown>>(
      (await exec(cmd, args)).stdout,
    );
    if (script === "sse_bench") {
      data.sse.push(result as unknown as BenchData["sse"][number]);
    }
    if (script === "overhead_bench") {
      data.overhead.push(result as unknown as BenchData["overhead"][number]);
    }
    if (script === "crypto_bench") {
      data.crypto.push(result as unknown as BenchData["crypto"][number]);
    }
  }
}
log("bundle sizes");
data.sizes = resultOf(
  (await exec("node", [`${benchDir}/tools/build.mjs`, "sizes"])).stdout,
);
log("cold imports");
data.coldImports = await coldImports();
data.machine.loadAfter = Deno.loadavg();
data.seconds = Math.round((performance.now() - started) / 1000);

await Deno.mkdir(`${benchDir}/results`, { recursive: true });
const markdown = renderReport(data);
if (quick) {
  await Deno.writeTextFile(
    `${benchDir}/results/quick.json`,
    JSON.stringify(data, null, 2) + "\n",
  );
  await Deno.writeTextFile(`${benchDir}/results/quick.md`, markdown);
  await exec(Deno.execPath(), ["fmt", "bench/results/quick.md"]);
  log(`quick run done in ${data.seconds} s: bench/results/quick.md`);
} else {
  await Deno.writeTextFile(
    `${benchDir}/results/latest.json`,
    JSON.stringify(data, null, 2) + "\n",
  );
  await Deno.writeTextFile(`${rootDir}/BENCHMARKS.md`, markdown);
  // Keeps `deno fmt --check` green for the generated file.
  await exec(Deno.execPath(), ["fmt", "BENCHMARKS.md"]);
  log(`done in ${data.seconds} s: BENCHMARKS.md`);
}
