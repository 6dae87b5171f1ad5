import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

// Entry points that are Node-side by design (README "Runtime notes"); every other export of
// deno.json must bundle for a browser without pulling in anything Node-only. The in-process fake
// (./testing) is edge-safe too, so tests can run it inside a Worker; its socket listener is the
// separate ./testing/server.
const NODE_SIDE = new Set(["./manifest/fs", "./bootstrap/exec", "./testing/server"]);
// Packages the published code may import (the fake orchestrator is a Hono app).
const PACKAGES = new Set(["yaml", "hono"]);

const root = fileURLToPath(new URL("../", import.meta.url));
const denoExports: Record<string, string> = JSON.parse(
  readFileSync(`${root}deno.json`, "utf8"),
).exports;
const edgeEntries = Object.entries(denoExports).filter(([subpath]) => !NODE_SIDE.has(subpath));
// With `npm ci` done, dependencies are bundled too (yaml through its "browser" export);
// without node_modules (a bare `deno task test`) only the SDK's own code is checked.
const bundleDependencies = existsSync(`${root}node_modules/yaml/package.json`);

const MARK = "__edge_forbidden_";

/** Bundles `entry` for the browser; free uses of Node globals are renamed to MARK + name. */
async function bundle(entry: string): Promise<esbuild.BuildResult & { code: string }> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    minifyWhitespace: true,
    packages: bundleDependencies ? undefined : "external",
    // `define` only touches free references, never properties, locals or strings.
    define: Object.fromEntries(
      ["Buffer", "process", "global", "require", "__dirname", "__filename", "setImmediate"].map(
        (name) => [name, MARK + name],
      ),
    ),
  });
  return { ...result, code: result.outputFiles![0].text };
}

/** Free Node-global uses that are not behind a `typeof` check shortly before them. */
function unguardedNodeGlobals(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(new RegExp(`${MARK}(\\w+)`, "g"))) {
    const name = match[1];
    const before = code.slice(Math.max(0, match.index! - 200), match.index!);
    if (before.endsWith("typeof ") || before.includes(`typeof ${MARK}${name}`)) continue;
    found.push(`${name}: …${code.slice(match.index! - 60, match.index! + 60)}…`);
  }
  return found;
}

/** Everything Node-only that bundling `source` for the browser pulls in. */
async function nodeOnlyProblems(source: string): Promise<string[]> {
  let result;
  try {
    result = await bundle(source);
  } catch (error) {
    const errors = (error as { errors?: esbuild.Message[] }).errors ?? [];
    return errors.length > 0 ? errors.map((e) => e.text) : [String(error)];
  }
  const { metafile, code } = result;
  const inputs = Object.keys(metafile!.inputs);
  const externals = Object.values(metafile!.outputs).flatMap((o) => o.imports.map((i) => i.path));
  const problems = [
    ...inputs.filter((input) => input.startsWith("node:")).map((i) => `bundled ${i}`),
    ...externals.filter((path) => !PACKAGES.has(path.split("/")[0])).map((path) =>
      `imports ${path}`
    ),
    ...unguardedNodeGlobals(code).map((use) => `uses ${use}`),
  ];
  const yamlInputs = inputs.filter((input) => input.includes("node_modules/yaml/"));
  if (yamlInputs.some((input) => !input.includes("node_modules/yaml/browser/"))) {
    problems.push("yaml resolved to its Node build instead of its browser build");
  }
  return problems;
}

after(() => esbuild.stop());

describe("edge-safe entry points bundle for the browser", () => {
  it("covers every non-Node export of deno.json", () => {
    assert.deepEqual(
      edgeEntries.map(([subpath]) => subpath),
      [".", "./client", "./seal", "./manifest", "./bootstrap", "./testing"],
    );
  });

  for (const [subpath, source] of edgeEntries) {
    it(`${subpath} pulls in no node:* module and no unguarded Node global`, async () => {
      assert.deepEqual(await nodeOnlyProblems(source), []);
    });
  }

  it("would notice: a Node-side entry point is reported", async () => {
    const problems = await nodeOnlyProblems(denoExports["./manifest/fs"]);
    assert.ok(problems.some((problem) => problem.includes("node:fs")), problems.join("; "));
  });

  it("would notice: the fake's socket listener is reported", async () => {
    const problems = await nodeOnlyProblems(denoExports["./testing/server"]);
    assert.ok(problems.some((problem) => problem.includes("node:http")), problems.join("; "));
  });

  it("would notice: an unguarded Buffer is reported, a typeof-guarded process is not", () => {
    const code = `const a=${MARK}Buffer.from("x");` +
      `const b=typeof ${MARK}process!=="undefined"&&${MARK}process.env.X;`;
    const found = unguardedNodeGlobals(code);
    assert.equal(found.length, 1);
    assert.match(found[0], /^Buffer: /);
  });
});
