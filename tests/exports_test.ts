import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  NPM_DEPENDENCIES,
  npmExports,
  npmPackageJson,
  npmVersionRange,
} from "../scripts/npm_exports.ts";

const rootUrl = new URL("../", import.meta.url);
const readText = (path: string): Promise<string> => readFile(new URL(path, rootUrl), "utf8");
const readJson = async (path: string) => JSON.parse(await readText(path));

const denoJson = await readJson("deno.json");
const rootPackage = await readJson("package.json");
const devtools = await readJson("scripts/devtools/package.json");

/** Bare (package) specifiers imported by `entry` and every module it reaches through relative imports. */
async function externalImports(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const pending = [new URL(entry, rootUrl).href];
  while (pending.length > 0) {
    const url = pending.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const source = await readFile(new URL(url), "utf8");
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const statics = /^(?:(?:import|export)\b[^;"()=]*?\bfrom\s*|import\s*)"([^"]+)"/gm;
    const dynamics = /\bimport\(\s*"([^"]+)"\s*\)/g;
    for (const match of [...code.matchAll(statics), ...code.matchAll(dynamics)]) {
      const specifier = match[1];
      if (specifier.startsWith(".")) pending.push(new URL(specifier, url).href);
      else external.add(specifier);
    }
  }
  return external;
}

describe("npm exports generated from deno.json", () => {
  const exports = npmExports(denoJson.exports);

  it("has the same entries in the same order", () => {
    assert.deepEqual(Object.keys(exports), Object.keys(denoJson.exports));
    assert.ok(Object.keys(exports).length >= 8);
  });

  it("points each entry at the compiled .js and .d.ts of its .ts source, types first", () => {
    for (const [subpath, source] of Object.entries(denoJson.exports as Record<string, string>)) {
      const stem = source.replace(/\.ts$/, "");
      assert.deepEqual(exports[subpath], { types: `${stem}.d.ts`, default: `${stem}.js` });
      assert.deepEqual(Object.keys(exports[subpath]), ["types", "default"]);
    }
    assert.deepEqual(exports["."], { types: "./mod.d.ts", default: "./mod.js" });
  });

  it("refuses export targets it cannot map", () => {
    assert.throws(() => npmExports({ ".": "./mod.js" }), /relative \.ts file/);
    assert.throws(() => npmExports({ ".": "mod.ts" }), /relative \.ts file/);
    assert.throws(() => npmExports({ "x": "./x.ts" }), /start with "\.\/"/);
  });

  it("every source file of an export exists", async () => {
    for (const source of Object.values(denoJson.exports as Record<string, string>)) {
      assert.ok((await readText(source)).length > 0, source);
    }
  });

  it("matches npm/package.json when the package has been built", async (t) => {
    const built = await readJson("npm/package.json").catch(() => undefined);
    if (built === undefined) {
      t.skip("npm/ not built (deno run -A scripts/build_npm.ts)");
      return;
    }
    assert.deepEqual(built.exports, exports);
    assert.deepEqual(built, npmPackageJson(denoJson));
  });
});

describe("published package.json", () => {
  const pkg = npmPackageJson(denoJson);

  it("takes name, version and license from deno.json", () => {
    assert.equal(pkg.name, "@aegis/sdk");
    assert.equal(pkg.version, denoJson.version);
    assert.equal(pkg.license, denoJson.license);
    assert.equal(pkg.type, "module");
    assert.equal(pkg.sideEffects, false);
    assert.deepEqual(pkg.engines, { node: ">=20.19" });
  });

  it("depends on yaml and makes the fake orchestrator's hono an optional peer", () => {
    assert.deepEqual(pkg.dependencies, { yaml: npmVersionRange(denoJson.imports, "yaml") });
    assert.deepEqual(Object.keys(pkg.peerDependencies as object), ["hono"]);
    assert.deepEqual(pkg.peerDependenciesMeta, { hono: { optional: true } });
  });

  it("reads version ranges from npm: specifiers", () => {
    assert.equal(npmVersionRange({ yaml: "npm:yaml@^2.9.0" }, "yaml"), "^2.9.0");
    assert.equal(npmVersionRange({ "@a/b": "npm:@a/b@~1.2.3" }, "@a/b"), "~1.2.3");
    assert.throws(() => npmVersionRange({}, "yaml"), /no npm: specifier for "yaml"/);
    assert.throws(() => npmVersionRange({ yaml: "jsr:@std/yaml@1" }, "yaml"), /yaml/);
  });

  it("declares every package the published code imports; the edge entries need only yaml", async () => {
    const declared = new Set<string>([...NPM_DEPENDENCIES.runtime, ...NPM_DEPENDENCIES.testing]);
    for (const [subpath, source] of Object.entries(denoJson.exports as Record<string, string>)) {
      const packages = [...await externalImports(source)].filter((s) => !s.startsWith("node:"));
      for (const name of packages) assert.ok(declared.has(name), `${subpath} imports "${name}"`);
      if (subpath !== "./testing") {
        assert.deepEqual(packages.filter((s) => s !== "yaml"), [], `${subpath} needs only yaml`);
      }
    }
  });
});

describe("development package.json", () => {
  it("is private ESM whose tools live in the scripts/devtools workspace", () => {
    assert.equal(rootPackage.private, true);
    assert.equal(rootPackage.type, "module");
    assert.deepEqual(rootPackage.workspaces, ["scripts/devtools"]);
    // Deno installs a root package.json's dependencies eagerly; a workspace's it does not.
    assert.equal(rootPackage.dependencies, undefined);
    assert.equal(rootPackage.devDependencies, undefined);
    assert.equal(devtools.private, true);
  });

  it("pins every tool exactly", () => {
    const entries = Object.entries(devtools.devDependencies as Record<string, string>);
    assert.ok(entries.length >= 10);
    for (const [name, version] of entries) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is not pinned`);
    }
  });

  it("runs Node and Bun against the versions deno.lock resolves for Deno", async () => {
    const lock = await readJson("deno.lock").catch(() => undefined);
    const resolved = lock?.specifiers as Record<string, string> | undefined;
    for (const name of [...NPM_DEPENDENCIES.runtime, ...NPM_DEPENDENCIES.testing, "fast-check"]) {
      const pinned = devtools.devDependencies[name];
      assert.ok(pinned, `scripts/devtools/package.json lacks ${name}`);
      const range = npmVersionRange(denoJson.imports, name);
      const locked = resolved?.[`npm:${name}@${range}`]?.split("_")[0];
      if (locked !== undefined) assert.equal(pinned, locked, `${name}: package.json vs deno.lock`);
    }
    assert.equal(
      devtools.devDependencies.esbuild,
      denoJson.imports.esbuild.replace("npm:esbuild@", ""),
    );
  });
});
