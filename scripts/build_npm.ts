/**
 * Builds the npm package into `npm/` from the same sources JSR publishes, then proves it works
 * the way an npm user gets it: packs the tarball, lints it with publint and
 * @arethetypeswrong/cli, installs it into a scratch project outside the repository and runs the
 * smoke tests of `tests/npm/` there on Node, through `import` and `require`.
 *
 *     npm ci && deno run -A scripts/build_npm.ts [--junit-dir=DIR] [--no-smoke]
 *
 * `--junit-dir` writes the smoke tests' JUnit reports (`junit-npm-*.xml`) there.
 *
 * @module
 */

import { npmPackageJson } from "./npm_exports.ts";

const root = new URL("../", import.meta.url);
const rootPath = decodeURIComponent(root.pathname);
const outDir = `${rootPath}npm`;
const bin = (name: string): string => `${rootPath}node_modules/.bin/${name}`;

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
  await Deno.stat(bin("tsc"));
} catch {
  throw new Error("node_modules/.bin/tsc is missing: run `npm ci` in the repository first");
}

await step("compiled with tsc", async () => {
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  await run(bin("tsc"), [
    "--rootDir",
    rootPath,
    "--outDir",
    outDir,
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2022",
    "--lib",
    "esnext,dom,dom.iterable",
    "--types",
    "node",
    "--strict",
    "--declaration",
    "--rewriteRelativeImportExtensions",
    "--skipLibCheck",
    "--noEmitOnError",
    "--newLine",
    "lf",
    ...Object.values(config.exports as Record<string, string>).map((p) => rootPath + p.slice(2)),
  ]);
  await Deno.writeTextFile(`${outDir}/package.json`, JSON.stringify(packageJson, null, 2) + "\n");
  await Deno.copyFile(`${rootPath}README.md`, `${outDir}/README.md`);
  await Deno.copyFile(`${rootPath}LICENSE`, `${outDir}/LICENSE`);
});

const packDir = await Deno.makeTempDir({ prefix: "aegis-npm-pack-" });
const tarball = await step("packed", async () => {
  const packed = JSON.parse(
    await run("npm", ["pack", "--json", "--pack-destination", packDir], outDir),
  );
  return `${packDir}/${packed[0].filename}`;
});
console.log(`build_npm: ${tarball}`);

await step("publint passed", () => run(bin("publint"), ["run", outDir, "--strict"]));
await step("attw passed", () => run(bin("attw"), [tarball, "--profile", "esm-only"]));

if (smoke) {
  const scratch = await Deno.makeTempDir({ prefix: "aegis-npm-smoke-" });
  const reports: string[] = [];
  const nodeTest = async (label: string, files: string[]): Promise<void> => {
    const testArgs = ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout"];
    if (junitDir) {
      const report = `${await Deno.realPath(junitDir)}/junit-npm-${label}.xml`;
      testArgs.push("--test-reporter=junit", `--test-reporter-destination=${report}`);
      reports.push(report);
    }
    const output = await run("node", [...testArgs, ...files], scratch);
    const counts = output.split("\n").filter((line) =>
      /^ℹ (tests|pass|fail|skipped) \d+$/.test(line)
    );
    console.log(`build_npm: ${label}: ${counts.map((line) => line.slice(2)).join(", ")}`);
  };
  try {
    await Deno.writeTextFile(
      `${scratch}/package.json`,
      JSON.stringify({ name: "aegis-npm-smoke", private: true, type: "module" }, null, 2),
    );
    for (const file of ["no_peers.mjs", "smoke_esm.mjs", "smoke_cjs.cjs"]) {
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
    await step("smoke tests passed", () => nodeTest("smoke", ["smoke_esm.mjs", "smoke_cjs.cjs"]));
  } finally {
    await Deno.remove(scratch, { recursive: true });
    await Deno.remove(packDir, { recursive: true });
  }
} else {
  await Deno.remove(packDir, { recursive: true });
}
