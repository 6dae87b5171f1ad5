// esbuild front end for the benchmarks (run with Node from bench/node_modules):
//   node bench/tools/build.mjs scripts <outdir> <entry.ts>...  bundle bench scripts for Node/Bun
//   node bench/tools/build.mjs sdk-node <out.mjs>              the SDK (mod.ts) as one ESM file, npm deps external
//   node bench/tools/build.mjs sizes                           minified+gzip bundle sizes, JSON on stdout
// Deno-style specifiers are mapped onto bench/node_modules: `npm:pkg@ver/sub` -> `pkg/sub`, and
// the root deno.json "imports" (`yaml`, `hono`) -> the same package names.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const rootDir = resolve(benchDir, "..");
const importMap =
  JSON.parse(readFileSync(join(rootDir, "deno.json"), "utf8")).imports ?? {};

/** `npm:@scope/name@1.2/sub` -> `@scope/name/sub`. */
function stripNpm(specifier) {
  const match = /^npm:\/?((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/.exec(
    specifier,
  );
  if (!match) throw new Error(`cannot map ${specifier}`);
  return match[1] + (match[2] ?? "");
}

/** Maps a Deno specifier to a bare npm one, or undefined when it is not Deno-style. */
function toBare(specifier) {
  if (specifier.startsWith("npm:")) return stripNpm(specifier);
  for (const [key, target] of Object.entries(importMap)) {
    if (
      key.endsWith("/") && specifier.startsWith(key) &&
      target.startsWith("npm:")
    ) {
      return stripNpm(target) + "/" + specifier.slice(key.length);
    }
    if (specifier === key && target.startsWith("npm:")) return stripNpm(target);
  }
  return undefined;
}

function denoSpecifiers({ external }) {
  return {
    name: "deno-specifiers",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.mapped || args.importer.includes("node_modules")) {
          return undefined;
        }
        const bare = toBare(args.path);
        if (bare === undefined) return undefined;
        if (external) return { path: bare, external: true };
        const result = await pluginBuild.resolve(bare, {
          kind: args.kind,
          resolveDir: benchDir,
          pluginData: { mapped: true },
        });
        if (result.errors.length > 0) return { errors: result.errors };
        return {
          path: result.path,
          external: result.external,
          sideEffects: result.sideEffects,
        };
      });
    },
  };
}

async function bundleScripts(outdir, entries) {
  for (const entry of entries) {
    await build({
      entryPoints: [resolve(entry)],
      outdir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "es2022",
      logLevel: "error",
      plugins: [denoSpecifiers({ external: false })],
    });
  }
}

async function bundleSdkForNode(outfile) {
  await build({
    entryPoints: [join(rootDir, "mod.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    logLevel: "error",
    plugins: [denoSpecifiers({ external: true })],
  });
}

/** npm package names among a metafile's inputs. */
function packagesOf(inputs) {
  const names = new Set();
  for (const path of inputs) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

/** Files reachable from `start` through imports of the given kinds (metafile output paths). */
function closure(outputs, start, kinds) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length > 0) {
    const path = stack.pop();
    if (seen.has(path) || !outputs[path]) continue;
    seen.add(path);
    for (const imported of outputs[path].imports ?? []) {
      if (kinds.includes(imported.kind) && !imported.external) {
        stack.push(imported.path);
      }
    }
  }
  return seen;
}

async function measure(name, entry, splitting) {
  const outdir = mkdtempSync(join(tmpdir(), "aegis-bench-size-"));
  try {
    const result = await build({
      entryPoints: { entry: entry },
      outdir,
      bundle: true,
      minify: true,
      splitting,
      format: "esm",
      platform: "browser",
      target: "es2022",
      metafile: true,
      logLevel: "error",
      plugins: [denoSpecifiers({ external: false })],
    });
    const outputs = Object.fromEntries(
      Object.entries(result.metafile.outputs).filter(([path]) =>
        path.endsWith(".js")
      ),
    );
    const entryPath = Object.keys(outputs).find((path) =>
      path.endsWith("/entry.js")
    );
    // What a page loads up front (entry + chunks it imports statically), and what it may load
    // later through `import()`; chunks nothing reaches are ignored.
    const initial = closure(outputs, [entryPath], ["import-statement"]);
    const dynamicRoots = [...initial].flatMap((path) =>
      (outputs[path].imports ?? []).filter((i) => i.kind === "dynamic-import")
        .map((i) => i.path)
    );
    const lazy = new Set(
      [...closure(outputs, dynamicRoots, [
        "import-statement",
        "dynamic-import",
      ])]
        .filter((path) => !initial.has(path)),
    );
    const sizeOf = (paths) => {
      let raw = 0, gz = 0;
      for (const path of paths) {
        const bytes = readFileSync(resolve(path));
        raw += bytes.length;
        gz += gzipSync(bytes, { level: 9 }).length;
      }
      return { raw, gz };
    };
    // Only what reached an output counts: the metafile's inputs also list tree-shaken files.
    const inputsOf = (paths) =>
      [...paths].flatMap((path) =>
        Object.entries(outputs[path].inputs).filter(([, info]) =>
          info.bytesInOutput > 0
        )
      );
    const top = inputsOf(initial)
      .map(([path, info]) => ({
        path: relative(rootDir, resolve(path)),
        bytes: info.bytesInOutput,
      }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8);
    return {
      name,
      splitting,
      chunks: initial.size + lazy.size,
      initial: sizeOf(initial),
      lazy: sizeOf(lazy),
      initialPackages: packagesOf(inputsOf(initial).map(([path]) => path)),
      lazyPackages: packagesOf(inputsOf(lazy).map(([path]) => path)),
      top,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function sizes() {
  const entries = [
    ["sdk: mod.ts (everything)", join(rootDir, "mod.ts")],
    ["sdk: client/mod.ts", join(rootDir, "client/mod.ts")],
    ["sdk: executions only", join(benchDir, "entries/executions_only.ts")],
    ["sdk: seal/mod.ts", join(rootDir, "seal/mod.ts")],
    ["peer: openai", join(benchDir, "entries/openai.ts")],
    ["peer: ky", join(benchDir, "entries/ky.ts")],
  ];
  const results = [];
  for (const [name, entry] of entries) {
    statSync(entry);
    for (const splitting of [false, true]) {
      results.push(await measure(name, entry, splitting));
    }
  }
  const esbuildVersion = JSON.parse(
    readFileSync(join(benchDir, "node_modules/esbuild/package.json"), "utf8"),
  ).version;
  console.log(
    "BENCH_RESULT " +
      JSON.stringify({ bench: "sizes", esbuild: esbuildVersion, results }),
  );
}

const [command, ...rest] = process.argv.slice(2);
if (command === "scripts") await bundleScripts(rest[0], rest.slice(1));
else if (command === "sdk-node") await bundleSdkForNode(rest[0]);
else if (command === "sizes") await sizes();
else {
  console.error(
    "usage: build.mjs scripts <outdir> <entry>... | sdk-node <out.mjs> | sizes",
  );
  process.exit(2);
}
