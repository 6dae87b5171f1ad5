/**
 * The one mapping from `deno.json` to the npm package's metadata, shared by
 * `scripts/build_npm.ts` (which writes `npm/package.json`) and `tests/exports_test.ts` (which
 * checks the mapping without building).
 *
 * @module
 */

/** The parts of `deno.json` the npm package is generated from. */
export interface DenoConfig {
  name: string;
  version: string;
  license: string;
  exports: Record<string, string>;
  imports?: Record<string, string>;
}

/** Declarations and module for one condition, types first as TypeScript and publint require. */
export interface NpmExportFiles {
  types: string;
  default: string;
}

/**
 * One entry of the npm `exports` map. Both conditions load the same ES module (`require()` of
 * an ES module works from Node 20.19); `require` gets CommonJS-format copies of the
 * declarations (`.d.cts`) so that a CommonJS TypeScript project (`module: node16`) may import it.
 */
export interface NpmExportTarget {
  import: NpmExportFiles;
  require: NpmExportFiles;
}

/**
 * Packages the published code imports. `runtime` ones are needed by the edge-safe entry points;
 * `testing` ones only by `@aegis/sdk/testing` (the fake orchestrator is a Hono app; its listener
 * uses `node:http` directly), so they are optional peers and a production install never pulls
 * them in.
 */
export const NPM_DEPENDENCIES = {
  runtime: ["yaml"],
  testing: ["hono"],
} as const;

/** Oldest Node that loads the package both ways: 20.19 is the first 20.x with `require(esm)`. */
export const NODE_ENGINE = ">=20.19";

/** Maps one source path of `deno.json` exports to the built file with the given extension. */
function builtPath(source: string, extension: ".js" | ".d.ts" | ".d.cts"): string {
  if (!/^\.\/[^.].*\.ts$/.test(source) || source.endsWith(".d.ts")) {
    throw new Error(`deno.json export target must be a relative .ts file, got "${source}"`);
  }
  return source.slice(0, -".ts".length) + extension;
}

/**
 * The npm `exports` map for `deno.json` exports, entry for entry and in the same order
 * (`".": "./mod.ts"` becomes `".": { import: { types: "./mod.d.ts", default: "./mod.js" },
 * require: { types: "./mod.d.cts", default: "./mod.js" } }`).
 */
export function npmExports(denoExports: Record<string, string>): Record<string, NpmExportTarget> {
  const result: Record<string, NpmExportTarget> = {};
  for (const [subpath, source] of Object.entries(denoExports)) {
    if (subpath !== "." && !subpath.startsWith("./")) {
      throw new Error(`deno.json export key must be "." or start with "./", got "${subpath}"`);
    }
    const module = builtPath(source, ".js");
    result[subpath] = {
      import: { types: builtPath(source, ".d.ts"), default: module },
      require: { types: builtPath(source, ".d.cts"), default: module },
    };
  }
  return result;
}

/** The semver range `deno.json` imports `name` with (`"npm:yaml@^2.9.0"` gives `"^2.9.0"`). */
export function npmVersionRange(imports: Record<string, string>, name: string): string {
  const specifier = imports[name];
  const match = specifier === undefined
    ? null
    : /^npm:\/?(@?[^@/]+(?:\/[^@/]+)?)@([^/]+)\/?$/.exec(specifier);
  if (!match || match[1] !== name) {
    throw new Error(`deno.json imports has no npm: specifier for "${name}"`);
  }
  return match[2];
}

/**
 * The compiler settings of the npm build: `scripts/build_npm.ts` adds declarations and source
 * maps, the benchmarks and the declaration tests compile with exactly these.
 */
export const NPM_TSC_OPTIONS: readonly string[] = [
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
  "--rewriteRelativeImportExtensions",
  "--skipLibCheck",
  "--newLine",
  "lf",
];

/** The oldest TypeScript the published types are tested with (`scripts/build_npm.ts`; README). */
export const MIN_TYPESCRIPT = "5.4";

/** The package's entry modules, relative to the package (`client/mod.js`), in `exports` order. */
export function npmEntryModules(config: Pick<DenoConfig, "exports">): string[] {
  return Object.values(npmExports(config.exports)).map((target) => target.import.default.slice(2));
}

/** The repository users are sent to (npm `repository`, `homepage`, `bugs`; README links). */
export const REPOSITORY_URL = "https://github.com/aegis-sdk/aegis-sdk";

/** The published `package.json`, generated from `deno.json`. */
export function npmPackageJson(config: DenoConfig): Record<string, unknown> {
  const imports = config.imports ?? {};
  const ranges = (names: readonly string[]): Record<string, string> =>
    Object.fromEntries(names.map((name) => [name, npmVersionRange(imports, name)]));
  const exports = npmExports(config.exports);
  return {
    name: config.name,
    version: config.version,
    description: "Edge-ready TypeScript SDK for the AEGIS agent orchestrator: client, " +
      "streaming, SEAL, manifests, bootstrap and a fake orchestrator for tests.",
    license: config.license,
    repository: { type: "git", url: `git+${REPOSITORY_URL}.git` },
    homepage: `${REPOSITORY_URL}#readme`,
    bugs: { url: `${REPOSITORY_URL}/issues` },
    type: "module",
    sideEffects: false,
    engines: { node: NODE_ENGINE },
    main: exports["."].import.default,
    types: exports["."].import.types,
    exports,
    files: ["**/*.js", "**/*.js.map", "**/*.d.ts", "**/*.d.cts", "README.md", "LICENSE"],
    dependencies: ranges(NPM_DEPENDENCIES.runtime),
    peerDependencies: ranges(NPM_DEPENDENCIES.testing),
    peerDependenciesMeta: Object.fromEntries(
      NPM_DEPENDENCIES.testing.map((name) => [name, { optional: true }]),
    ),
    keywords: ["aegis", "agents", "orchestrator", "sdk", "seal", "ed25519", "sse", "edge"],
  };
}
