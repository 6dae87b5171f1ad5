/**
 * Builds the npm package into `npm/` from the same sources JSR publishes (compiled by `tsc`, then
 * one ES module per entry point: `scripts/npm_bundle.ts`), then proves it works
 * the way an npm user gets it: packs the tarball, lints it with publint and
 * @arethetypeswrong/cli, installs it into a scratch project outside the repository and runs the
 * smoke tests of `tests/npm/` there on Node, through `import` and `require`, and on Deno as
 * `npm:@aegis/sdk` (type-checked against the package's declarations), and compiles
 * TypeScript consumer projects against it (ESM with `lib: ["es2022", "dom"]` and no
 * `@types/node`, CommonJS with `module: node16`) with the oldest supported TypeScript
 * ({@link MIN_TYPESCRIPT}) and the newest.
 *
 *     npm ci && deno run -A scripts/build_npm.ts [--junit-dir=DIR] [--no-smoke]
 *
 * The package is left in `npm/` and its tarball in `npm/aegis-sdk-<version>.tgz`.
 * `--junit-dir` writes the smoke tests' JUnit reports (`junit-npm-*.xml`) there.
 *
 * @module
 */

import { bundleEntryPoints } from "./npm_bundle.ts";
import { MIN_TYPESCRIPT, NPM_TSC_OPTIONS, npmEntryModules, npmPackageJson } from "./npm_exports.ts";

const root = new URL("../", import.meta.url);
const rootPath = decodeURIComponent(root.pathname);
const outDir = `${rootPath}npm`;
const bin = (name: string): string => `${rootPath}node_modules/.bin/${name}`;
// By package, not node_modules/.bin/tsc: both TypeScript versions installed claim that name.
const tsc = (pkg: string): string => `${rootPath}node_modules/${pkg}/bin/tsc`;

/**
 * `Symbol.dispose` and `Symbol.asyncDispose` for consumers whose TypeScript `lib` predates
 * `esnext.disposable` (e.g. `["es2022", "dom"]`). The declaration is the one of TypeScript's own
 * lib (and `@types/node`), so where those declare it too the two merge.
 */
const DISPOSABLE_DTS =
  `// Declares the disposal symbols the SDK's classes implement, for a TypeScript lib without
// esnext.disposable. Identical to TypeScript's own declaration, with which it merges.
interface SymbolConstructor {
  readonly dispose: unique symbol;
  readonly asyncDispose: unique symbol;
}
`;

const args = new Set(Deno.args);
const junitDir = Deno.args.find((a) => a.startsWith("--junit-dir="))?.slice("--junit-dir=".length);
const smoke = !args.has("--no-smoke");

/** Runs a command, streaming nothing unless it fails; returns its stdout. */
async function run(cmd: string, cmdArgs: string[], cwd = rootPath): Promise<string> {
  const output = await new Deno.Command(cmd, {
    args: cmdArgs,
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", npm_config_update_notifier: "false" },
  }).output();
  const decoder = new TextDecoder();
  const stdout = decoder.decode(output.stdout);
  if (!output.success) {
    console.error(stdout + decoder.decode(output.stderr));
    throw new Error(`${cmd} ${cmdArgs.join(" ")} failed with exit code ${output.code}`);
  }
  return stdout;
}

/**
 * Writes {@link DISPOSABLE_DTS} next to the declarations and references it from every
 * declaration file that names a disposal symbol.
 */
async function declareDisposalSymbols(): Promise<void> {
  const file = "disposable.d.ts";
  await Deno.writeTextFile(`${outDir}/${file}`, DISPOSABLE_DTS);
  for await (const path of walkDeclarations(outDir)) {
    const text = await Deno.readTextFile(path);
    if (!/Symbol\.(dispose|asyncDispose)\b/.test(text)) continue;
    const depth = path.slice(outDir.length + 1).split("/").length - 1;
    const reference = `/// <reference path="${"../".repeat(depth) || "./"}${file}" />\n`;
    await Deno.writeTextFile(path, reference + text);
  }
}

/**
 * Copies every `.d.ts` to a `.d.cts` whose relative imports name `.d.cts` files too: the
 * declarations of the `require` condition. TypeScript treats them as CommonJS, so a CommonJS
 * project (`module: node16`) may import the package, which Node >= 20.19 `require`s as the ES
 * module it is.
 */
async function writeCommonJsDeclarations(): Promise<void> {
  for await (const path of walkDeclarations(outDir)) {
    const text = await Deno.readTextFile(path);
    const commonJs = text.replace(
      /(["'])(\.{1,2}\/[^"']*?)\.(js|ts)\1/g,
      (specifier, quote, stem, extension) =>
        stem.endsWith(".d") // a `/// <reference path>` to a global declaration file stays
          ? specifier
          : `${quote}${stem}.${extension === "js" ? "cjs" : "cts"}${quote}`,
    );
    await Deno.writeTextFile(path.replace(/\.d\.ts$/, ".d.cts"), commonJs);
  }
}

async function* walkDeclarations(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walkDeclarations(path);
    else if (entry.name.endsWith(".d.ts") && entry.name !== "disposable.d.ts") yield path;
  }
}

async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await action();
  console.log(`build_npm: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

const config = JSON.parse(await Deno.readTextFile(`${rootPath}deno.json`));
const packageJson = npmPackageJson(config);
const devtools = JSON.parse(await Deno.readTextFile(`${rootPath}scripts/devtools/package.json`));
try {
  await Deno.stat(tsc("typescript"));
} catch {
  throw new Error("node_modules/typescript is missing: run `npm ci` in the repository first");
}

await step("compiled with tsc", async () => {
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  await run(tsc("typescript"), [
    "--rootDir",
    rootPath,
    "--outDir",
    outDir,
    ...NPM_TSC_OPTIONS,
    "--declaration",
    "--sourceMap",
    "--inlineSources",
    "--noEmitOnError",
    ...Object.values(config.exports as Record<string, string>).map((p) => rootPath + p.slice(2)),
  ]);
});

await step("bundled one module per entry point", async () => {
  await bundleEntryPoints(outDir, npmEntryModules(config), bin("esbuild"), true);
});

await step("declarations and package.json written", async () => {
  await declareDisposalSymbols();
  await writeCommonJsDeclarations();
  await Deno.writeTextFile(`${outDir}/package.json`, JSON.stringify(packageJson, null, 2) + "\n");
  await Deno.copyFile(`${rootPath}README.md`, `${outDir}/README.md`);
  await Deno.copyFile(`${rootPath}LICENSE`, `${outDir}/LICENSE`);
});

const tarball = await step("packed", async () => {
  const packed = JSON.parse(
    await run("npm", ["pack", "--json", "--pack-destination", outDir], outDir),
  );
  return `${outDir}/${packed[0].filename}`;
});
console.log(`build_npm: ${tarball}`);

await step("publint passed", async () => {
  const output = await new Deno.Command(bin("publint"), {
    args: ["run", outDir, "--strict"],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  // The one accepted finding: `require` gets CommonJS-format declarations (.d.cts) of the ES
  // module that Node >= 20.19 hands to require(). That is deliberate: it is what lets a CommonJS
  // TypeScript project (`module: node16`) import the package at all (TS1479 otherwise), and the
  // package has no default export whose interop could be ambiguous.
  const findings = text.split("\n").filter((line) => /^\d+\. /.test(line));
  const unexpected = findings.filter((line) =>
    !/^\d+\. pkg\.exports\["[^"]+"\]\.require\.types types is interpreted as CJS /.test(line)
  );
  if (unexpected.length > 0 || (!output.success && findings.length === 0)) {
    console.error(text);
    throw new Error("publint found problems in the package");
  }
});
// The same deliberate choice as above, as attw names it: `require` resolves to the ES module
// (require(esm), Node >= 20.19) with CommonJS-format declarations.
await step("attw passed", () =>
  run(bin("attw"), [
    tarball,
    "--profile",
    "esm-only",
    "--ignore-rules",
    "false-cjs",
    "cjs-resolves-to-esm",
  ]));

if (smoke) {
  const scratch = await Deno.makeTempDir({ prefix: "aegis-npm-smoke-" });
  // Node resolves packages from every ancestor's node_modules: one there would hand the scratch
  // project packages (hono) that a user's project would not have.
  const parts = scratch.split("/").slice(0, -1);
  for (let depth = parts.length; depth >= 1; depth--) {
    const modules = `${parts.slice(0, depth).join("/")}/node_modules`;
    if (await Deno.stat(modules).then(() => true, () => false)) {
      await Deno.remove(scratch, { recursive: true });
      throw new Error(`${modules} would leak into the smoke project: remove it or set TMPDIR`);
    }
  }
  /** Where a smoke run's JUnit report goes (`--junit-dir`), if anywhere. */
  const junitReport = async (label: string): Promise<string | undefined> =>
    junitDir ? `${await Deno.realPath(junitDir)}/junit-npm-${label}.xml` : undefined;
  const nodeTest = async (label: string, files: string[]): Promise<void> => {
    const testArgs = ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout"];
    const report = await junitReport(label);
    if (report) testArgs.push("--test-reporter=junit", `--test-reporter-destination=${report}`);
    const output = await run("node", [...testArgs, ...files], scratch);
    const counts = output.split("\n").filter((line) =>
      /^ℹ (tests|pass|fail|skipped) \d+$/.test(line)
    );
    console.log(`build_npm: ${label}: ${counts.map((line) => line.slice(2)).join(", ")}`);
  };
  const denoTest = async (label: string, testArgs: string[]): Promise<void> => {
    const report = await junitReport(label);
    const junit = report ? [`--junit-path=${report}`] : [];
    const output = await run(Deno.execPath(), ["test", "-A", ...junit, ...testArgs], scratch);
    console.log(`build_npm: ${label}: ${/^ok \| .*$/m.exec(output)?.[0] ?? output.trim()}`);
  };
  try {
    await Deno.writeTextFile(
      `${scratch}/package.json`,
      JSON.stringify({ name: "aegis-npm-smoke", private: true, type: "module" }, null, 2),
    );
    const files = [
      "no_peers.mjs",
      "smoke_esm.mjs",
      "smoke_cjs.cjs",
      "typescript.mjs",
      "smoke_deno.ts",
    ];
    for (const file of files) {
      await Deno.copyFile(`${rootPath}tests/npm/${file}`, `${scratch}/${file}`);
    }
    const npmInstall = ["install", "--no-audit", "--no-fund", "--prefer-offline"];
    await step("installed the tarball alone", () => run("npm", [...npmInstall, tarball], scratch));
    await step("loaded without optional peers", () => nodeTest("no-peers", ["no_peers.mjs"]));
    // The exact versions the repository's own tests run against.
    const peers = Object.keys(packageJson.peerDependencies as Record<string, string>)
      .map((name) => `${name}@${devtools.devDependencies[name]}`);
    await step(
      "installed the optional peers",
      () => run("npm", [...npmInstall, ...peers], scratch),
    );
    // typescript.mjs compiles consumer projects with the oldest and the newest TypeScript.
    Deno.env.set(
      "AEGIS_TSC_OLDEST",
      tsc(`typescript-${MIN_TYPESCRIPT}`),
    );
    Deno.env.set("AEGIS_TSC_NEWEST", tsc("typescript"));
    await step(
      "smoke tests passed",
      () => nodeTest("smoke", ["smoke_esm.mjs", "smoke_cjs.cjs", "typescript.mjs"]),
    );
    // The same package as Deno users get it from `npm:@aegis/sdk`: smoke_esm.mjs unchanged
    // (unchecked: its `node:` imports would need @types/node in the project), and
    // smoke_deno.ts type-checked against the package's declarations.
    await step("smoke tests passed on Deno", async () => {
      await denoTest("deno-esm", ["--no-check", "smoke_esm.mjs"]);
      await denoTest("deno-types", ["smoke_deno.ts"]);
    });
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
}
