import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  MIN_TYPESCRIPT,
  NPM_DEPENDENCIES,
  npmExports,
  npmPackageJson,
  npmVersionRange,
  REPOSITORY_URL,
} from "../scripts/npm_exports.ts";

const rootUrl = new URL("../", import.meta.url);
const readText = (path: string): Promise<string> => readFile(new URL(path, rootUrl), "utf8");
const readJson = async (path: string) => JSON.parse(await readText(path));

const denoJson = await readJson("deno.json");
/** The development tools' import map (tests, examples): the SDK's imports plus the tools. */
const devImports = (await readJson("import_map.dev.json")).imports as Record<string, string>;
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

  it("points each entry at the compiled .js and .d.ts (.d.cts for require) of its source", () => {
    for (const [subpath, source] of Object.entries(denoJson.exports as Record<string, string>)) {
      const stem = source.replace(/\.ts$/, "");
      assert.deepEqual(exports[subpath], {
        import: { types: `${stem}.d.ts`, default: `${stem}.js` },
        require: { types: `${stem}.d.cts`, default: `${stem}.js` },
      });
      assert.deepEqual(Object.keys(exports[subpath]), ["import", "require"]);
      assert.deepEqual(Object.keys(exports[subpath].import), ["types", "default"]);
      assert.deepEqual(Object.keys(exports[subpath].require), ["types", "default"]);
    }
    assert.deepEqual(exports["."].import, { types: "./mod.d.ts", default: "./mod.js" });
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

  it("links the repository, its issues and its README", () => {
    assert.deepEqual(pkg.repository, { type: "git", url: `git+${REPOSITORY_URL}.git` });
    assert.equal(pkg.homepage, `${REPOSITORY_URL}#readme`);
    assert.deepEqual(pkg.bugs, { url: `${REPOSITORY_URL}/issues` });
  });

  it("ships source maps and CommonJS-format declarations", () => {
    for (const pattern of ["**/*.js.map", "**/*.d.cts"]) {
      assert.ok((pkg.files as string[]).includes(pattern), pattern);
    }
  });

  it("has a README whose links work outside the repository (npm shows it without the files)", async () => {
    const readme = await readText("README.md");
    const relative = [...readme.matchAll(/\]\(([^)#][^)]*)\)/g)].map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target));
    assert.deepEqual(relative, [], `make these links absolute (${REPOSITORY_URL}/blob/main/…)`);
  });

  it("states in the README the oldest TypeScript the npm build tests its types with", async () => {
    assert.ok((await readText("README.md")).includes(`TypeScript ≥ ${MIN_TYPESCRIPT}`));
  });

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
  it("is private ESM with no dependencies: the tools live in scripts/devtools", () => {
    assert.equal(rootPackage.private, true);
    assert.equal(rootPackage.type, "module");
    // Deno installs a root package.json's dependencies, and its workspaces', for every
    // `deno task` (the demo included); the tools are installed on their own and linked.
    assert.equal(rootPackage.workspaces, undefined);
    assert.equal(rootPackage.dependencies, undefined);
    assert.equal(rootPackage.devDependencies, undefined);
    assert.match(rootPackage.scripts.setup, /npm ci --prefix scripts\/devtools/);
    assert.equal(devtools.private, true);
  });

  it("pins every tool exactly", () => {
    const entries = Object.entries(devtools.devDependencies as Record<string, string>);
    assert.ok(entries.length >= 10);
    for (const [name, version] of entries) {
      assert.match(version, /^(npm:[\w@/.-]+@)?\d+\.\d+\.\d+$/, `${name} is not pinned`);
    }
  });

  it("runs Node and Bun against the versions deno.lock resolves for Deno", async () => {
    // deno.lock pins what the SDK imports; deno.dev.lock what tests and examples import too.
    const locks = await Promise.all(
      ["deno.lock", "deno.dev.lock"].map((file) => readJson(file).catch(() => undefined)),
    );
    const resolved: Record<string, string> = Object.assign(
      {},
      ...locks.map((lock) => lock?.specifiers ?? {}),
    );
    for (const name of [...NPM_DEPENDENCIES.runtime, ...NPM_DEPENDENCIES.testing, "fast-check"]) {
      const pinned = devtools.devDependencies[name];
      assert.ok(pinned, `scripts/devtools/package.json lacks ${name}`);
      const range = npmVersionRange(devImports, name);
      const locked = resolved[`npm:${name}@${range}`]?.split("_")[0];
      if (locked !== undefined) assert.equal(pinned, locked, `${name}: package.json vs deno.lock`);
    }
    assert.equal(devtools.devDependencies.esbuild, devImports.esbuild.replace("npm:esbuild@", ""));
  });

  it("keeps the development tools out of deno.json, so `deno task demo` downloads none", () => {
    // Deno installs every npm import of deno.json for any task; the tools live in the dev map.
    assert.deepEqual(Object.keys(denoJson.imports).sort(), ["hono", "hono/", "yaml"]);
    for (const [name, target] of Object.entries(denoJson.imports)) {
      assert.equal(devImports[name], target, `import_map.dev.json must map ${name} like deno.json`);
    }
    assert.match(denoJson.tasks.test, /--import-map=import_map\.dev\.json/);
  });
});

/** One name an entry exports: `"AegisClient"` for a value (or class), `"type ClientOptions"` for a type. */
type PinnedName = string;

/**
 * The names `source` exports, as written in its `export` statements: re-export lists and local
 * declarations. A star re-export is reported as `"*"`: it hides the list, so it is refused.
 */
function declaredExports(source: string): PinnedName[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const names: PinnedName[] = [];
  for (const match of code.matchAll(/^export\s+(type\s+)?\*/gm)) names.push(`*${match[1] ?? ""}`);
  for (const match of code.matchAll(/^export\s+(type\s+)?\{([^}]*)\}/gm)) {
    for (const item of match[2].split(",").map((part) => part.trim()).filter(Boolean)) {
      const typeOnly = match[1] !== undefined || item.startsWith("type ");
      const name = item.replace(/^type\s+/, "").split(/\s+as\s+/).at(-1)!;
      names.push(typeOnly ? `type ${name}` : name);
    }
  }
  const declaration =
    /^export\s+(?:declare\s+)?(?:async\s+)?(function\*?|const|let|class|abstract\s+class|enum|interface|type)\s*([A-Za-z_$][\w$]*)/gm;
  for (const [, kind, name] of code.matchAll(declaration)) {
    names.push(kind === "interface" || kind === "type" ? `type ${name}` : name);
  }
  return names.sort(byName);
}

function byName(a: PinnedName, b: PinnedName): number {
  const key = (name: string) => name.replace(/^type /, "").toLowerCase();
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

const PINNED_FILE = "tests/exports.json";
const pinned: Record<string, PinnedName[]> = await readJson(PINNED_FILE);

describe("each entry point exports a deliberate, pinned list", () => {
  const entries = Object.entries(denoJson.exports as Record<string, string>);

  it("pins every entry point of deno.json, and only those", () => {
    assert.deepEqual(Object.keys(pinned).sort(), entries.map(([subpath]) => subpath).sort());
  });

  for (const [subpath, source] of entries) {
    describe(`${subpath} (${source})`, () => {
      it("names every export (no `export *`)", async () => {
        const stars = declaredExports(await readText(source)).filter((n) => n.startsWith("*"));
        assert.deepEqual(stars, [], `${source} re-exports with \`export *\`: list the names`);
      });

      it(`exports exactly the names pinned in ${PINNED_FILE}`, async () => {
        const actual = declaredExports(await readText(source)).filter((n) => !n.startsWith("*"));
        const expected = [...(pinned[subpath] ?? [])];
        const added = actual.filter((name) => !expected.includes(name));
        const removed = expected.filter((name) => !actual.includes(name));
        const duplicated = actual.filter((name, i) => actual.indexOf(name) !== i);
        const problems = [
          added.length > 0 ? `exported but not pinned: ${added.join(", ")}` : "",
          removed.length > 0 ? `pinned but no longer exported: ${removed.join(", ")}` : "",
          duplicated.length > 0 ? `exported twice: ${duplicated.join(", ")}` : "",
        ].filter(Boolean);
        assert.ok(
          problems.length === 0,
          `${source}: ${problems.join("; ")}. Every export is a promise to users: if this ` +
            `change is deliberate, edit "${subpath}" in ${PINNED_FILE} (a value as "Name", a ` +
            `type as "type Name").`,
        );
        assert.deepEqual(expected, [...expected].sort(byName), `keep ${PINNED_FILE} sorted`);
      });

      it("has at run time exactly the pinned values", async () => {
        const module = await import(new URL(source, rootUrl).href);
        const values = (pinned[subpath] ?? []).filter((name) => !name.startsWith("type "));
        assert.deepEqual(Object.keys(module).sort(byName), values.sort(byName));
      });
    });
  }
});
