// Bundler front end for the benchmarks (run with Node from bench/node_modules):
//   node bench/tools/build.mjs scripts <outdir> <entry.ts>...  bundle bench scripts for Node/Bun
//   node bench/tools/build.mjs sizes [--deno=<deno binary>]     minified+gzip bundle sizes, JSON on stdout
//     (each app bundled as Wrangler bundles it (esbuild), built by Vite, and with --deno bundled
//     by `deno bundle` from the sources, as JSR serves them)
// Deno-style specifiers are mapped onto bench/node_modules: `npm:pkg@ver/sub` -> `pkg/sub`, and
// the root deno.json "imports" (`yaml`, `hono`) -> the same package names.
// The SDK is what npm users get: the package built by `bench/run.ts` as `scripts/build_npm.ts`
// builds it (tsc, then one module per entry point) into bench/.cache/node_modules/@aegis/sdk; tsc's
// module-per-file output before bundling stays in bench/.cache/modules/node_modules/@aegis/sdk.
// Bench scripts import the SDK's sources (`../client/mod.ts`) so that Deno runs them as JSR serves
// them; for Node and Bun those imports are redirected to the built package's entry points, or, for
// internals no entry point exports (the SSE parser), to the same code in tsc's output. App entries
// (bench/entries) import `@aegis/sdk/...` like users.
import { build } from "esbuild";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const rootDir = resolve(benchDir, "..");
const packageNodeModules = join(benchDir, ".cache/node_modules");
const packageDir = join(packageNodeModules, "@aegis/sdk");
const modulesNodeModules = join(benchDir, ".cache/modules/node_modules");
const modulesDir = join(modulesNodeModules, "@aegis/sdk");
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

/** Redirects a bench script's imports of SDK sources to the built npm package. */
function builtPackage() {
  return {
    name: "built-package",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
        if (!args.importer.startsWith(benchDir + "/")) return undefined;
        if (args.importer.startsWith(join(benchDir, ".cache") + "/")) {
          return undefined;
        }
        const path = resolve(args.resolveDir, args.path);
        if (
          path.startsWith(benchDir + "/") || !path.startsWith(rootDir + "/")
        ) return undefined;
        const module = relative(rootDir, path).replace(/\.ts$/, ".js");
        const entryPoint = join(packageDir, module);
        if (existsSync(entryPoint)) return { path: entryPoint };
        const built = join(modulesDir, module);
        statSync(built);
        return { path: built };
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
      plugins: [builtPackage(), denoSpecifiers({ external: false })],
    });
  }
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

/** Raw and gzipped size of the files at `paths`, together. */
function sizeOfFiles(paths) {
  let raw = 0, gz = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
}

/**
 * One app's size row: `initial` and `lazy` are the output files loaded up front and through
 * `import()`, the inputs the modules with bytes in each.
 */
function sizeResult(name, style, splitting, { initial, lazy, initialInputs, lazyInputs, top }) {
  return {
    name,
    style,
    splitting,
    chunks: initial.length + lazy.length,
    initial: sizeOfFiles(initial),
    lazy: sizeOfFiles(lazy),
    initialPackages: packagesOf(initialInputs),
    lazyPackages: packagesOf(lazyInputs),
    top,
  };
}

/**
 * An app as Wrangler bundles a Worker: esbuild, one file (an `import()` is bundled into it),
 * the `workerd`/`worker`/`browser` export conditions, `keepNames` (Wrangler's default),
 * minified (`wrangler deploy --minify`). Checked against wrangler 4.164.0 itself
 * (`deploy --dry-run --minify`, Node 24): the same gzipped sizes for every app, within the
 * 0.1 KB of the Worker wrapper the check needed; Wrangler is not installed for the benchmarks
 * (it needs Node 22 or later and brings workerd). `nodeModules` holds the `@aegis/sdk` the app
 * is built against: the package (sizes), or tsc's module-per-file output, whose metafile tells
 * which source modules the bytes come from.
 */
async function wranglerBuild(name, entry, nodeModules = packageNodeModules, keepNames = true) {
  const outdir = mkdtempSync(join(tmpdir(), "aegis-bench-size-"));
  try {
    const result = await build({
      entryPoints: { entry: entry },
      outdir,
      bundle: true,
      minify: true,
      keepNames,
      conditions: ["workerd", "worker", "browser"],
      format: "esm",
      platform: "browser",
      target: "es2022",
      metafile: true,
      logLevel: "error",
      nodePaths: [nodeModules],
      plugins: [denoSpecifiers({ external: false })],
    });
    const outputs = Object.entries(result.metafile.outputs).filter(([path]) =>
      path.endsWith(".js")
    );
    if (outputs.length !== 1) {
      throw new Error(`${name}: the Wrangler-style build wrote ${outputs.length} files, not one`);
    }
    const [[path, output]] = outputs;
    // Only what reached the output counts: the metafile's inputs also list tree-shaken files.
    const inputs = Object.entries(output.inputs).filter(([, info]) => info.bytesInOutput > 0);
    const top = inputs
      .map(([input, info]) => ({
        path: relative(rootDir, resolve(input)),
        bytes: info.bytesInOutput,
      }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8);
    return sizeResult(name, "wrangler", false, {
      initial: [resolve(path)],
      lazy: [],
      initialInputs: inputs.map(([input]) => input),
      lazyInputs: [],
      top,
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * An app as Vite builds it: `vite build` with Vite's defaults for production (Rolldown, code
 * splitting, minified, Vite's export conditions), the app's module as the entry. The entry's
 * exports are kept, as a Worker or library build keeps them (an app build would drop the
 * exports of the Worker and peer entries, and with them everything). The app is built from a
 * directory under bench/.cache whose node_modules holds the built package, so that the SDK
 * resolves there and the peers and `yaml` from bench/node_modules.
 */
async function viteBuild(name, entry) {
  const { build: vite } = await import("vite");
  const appsDir = join(benchDir, ".cache/vite");
  mkdirSync(appsDir, { recursive: true });
  const app = mkdtempSync(join(appsDir, "app-"));
  try {
    symlinkSync(packageNodeModules, join(app, "node_modules"), "dir");
    const main = join(app, "main.ts");
    copyFileSync(entry, main);
    const outDir = join(app, "dist");
    const result = await vite({
      root: app,
      configFile: false,
      logLevel: "error",
      plugins: [denoSpecifiersVite()],
      build: {
        outDir,
        modulePreload: false,
        rolldownOptions: { input: main, preserveEntrySignatures: "exports-only" },
      },
    });
    const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) =>
      o.type === "chunk"
    );
    const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
    const reach = (roots, dynamic) => {
      const seen = new Set();
      const stack = [...roots];
      while (stack.length > 0) {
        const fileName = stack.pop();
        if (seen.has(fileName)) continue;
        seen.add(fileName);
        const chunk = byName.get(fileName);
        stack.push(...chunk.imports, ...(dynamic ? chunk.dynamicImports : []));
      }
      return seen;
    };
    const initial = reach(chunks.filter((c) => c.isEntry).map((c) => c.fileName), false);
    const lazy = new Set(
      [...reach([...initial].flatMap((f) => byName.get(f).dynamicImports), true)]
        .filter((f) => !initial.has(f)),
    );
    // Modules with bytes in the output, as Rolldown reports them (real paths).
    const modulesOf = (fileNames) =>
      [...fileNames].flatMap((f) =>
        Object.entries(byName.get(f).modules).filter(([, info]) => info.renderedLength > 0)
          .map(([id]) => id)
      );
    // Which source modules the bytes come from is reported for the Wrangler-style build only.
    return sizeResult(name, "vite", true, {
      initial: [...initial].map((fileName) => join(outDir, fileName)),
      lazy: [...lazy].map((fileName) => join(outDir, fileName)),
      initialInputs: modulesOf(initial),
      lazyInputs: modulesOf(lazy),
      top: [],
    });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

/** {@link denoSpecifiers} for Vite: `npm:pkg@ver/sub` and the deno.json imports as bare names. */
function denoSpecifiersVite() {
  return {
    name: "deno-specifiers",
    async resolveId(source, importer) {
      if (importer === undefined || importer.includes("/node_modules/")) return null;
      const bare = toBare(source);
      if (bare === undefined) return null;
      return await this.resolve(bare, importer, { skipSelf: true });
    },
  };
}

/**
 * An app as Deno users bundle it: `deno bundle --minify --platform browser` from the TypeScript
 * sources as JSR serves them (`@aegis/sdk/...` mapped to them like a JSR import), npm packages
 * from npm. JSR's sources come without a package.json, so without `"sideEffects": false`: a
 * module's top-level code stays unless the bundler can tell it does nothing.
 */
function denoBundle(name, entry, deno) {
  const dir = mkdtempSync(join(tmpdir(), "aegis-bench-deno-"));
  try {
    const config = JSON.parse(readFileSync(join(rootDir, "deno.json"), "utf8"));
    const imports = { ...importMap };
    for (const [subpath, file] of Object.entries(config.exports)) {
      const specifier = subpath === "." ? "@aegis/sdk" : `@aegis/sdk${subpath.slice(1)}`;
      imports[specifier] = join(rootDir, file);
    }
    const mapPath = join(dir, "import_map.json");
    writeFileSync(mapPath, JSON.stringify({ imports }));
    const out = join(dir, "app.js");
    execFileSync(deno, [
      "bundle",
      "--no-config",
      "--no-lock",
      "--import-map",
      mapPath,
      "--minify",
      "--platform",
      "browser",
      "-o",
      out,
      entry,
    ], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    const bytes = readFileSync(out);
    const gz = gzipSync(bytes, { level: 9 }).length;
    return {
      name,
      style: "deno",
      splitting: false,
      chunks: 1,
      initial: { raw: bytes.length, gz },
      lazy: { raw: 0, gz: 0 },
      // deno bundle reports no inputs; these two are read from the output instead.
      initialPackages: [],
      lazyPackages: [],
      top: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sizes(deno) {
  const entry = (file) => join(benchDir, "entries", file);
  const entries = [
    ["quickstart (@aegis/sdk)", entry("quickstart_root.ts")],
    ["quickstart (@aegis/sdk/client)", entry("quickstart_client.ts")],
    ["quickstart with function imports", entry("quickstart_functions.ts")],
    ["worker: start + stream", entry("worker_stream.ts")],
    ["SEAL only", entry("seal_only.ts")],
    ["one call (AegisCore + getExecution)", entry("one_call.ts")],
    ["all exports", entry("all_exports.ts")],
    ["peer: openai", entry("openai.ts")],
    ["peer: ky", entry("ky.ts")],
  ];
  statSync(join(packageDir, "package.json"));
  const results = [];
  for (const [name, file] of entries) {
    statSync(file);
    const wrangler = await wranglerBuild(name, file);
    // The package's inputs are its bundled chunks: name the source modules instead.
    wrangler.top = (await wranglerBuild(name, file, modulesNodeModules)).top;
    // What keeping names (Wrangler's default: a `__name()` call per function) adds.
    wrangler.withoutKeepNames =
      (await wranglerBuild(name, file, packageNodeModules, false)).initial;
    results.push(wrangler);
    results.push(await viteBuild(name, file));
    if (deno !== undefined) results.push(denoBundle(name, file, deno));
  }
  const versionOf = (pkg) =>
    JSON.parse(readFileSync(join(benchDir, `node_modules/${pkg}/package.json`), "utf8"))
      .version;
  console.log(
    "BENCH_RESULT " +
      JSON.stringify({
        bench: "sizes",
        esbuild: versionOf("esbuild"),
        vite: versionOf("vite"),
        results,
      }),
  );
}

const [command, ...rest] = process.argv.slice(2);
if (command === "scripts") await bundleScripts(rest[0], rest.slice(1));
else if (command === "sizes") {
  await sizes(rest.find((a) => a.startsWith("--deno="))?.slice("--deno=".length));
} else {
  console.error("usage: build.mjs scripts <outdir> <entry>... | sizes [--deno=<binary>]");
  process.exit(2);
}
