/**
 * Bundles a harness entry with the SDK and the fake orchestrator for a non-Node runtime.
 *
 * `node:*` imports are replaced by modules that throw when used, as a guard: the SDK and the
 * in-process fake reach none (the socket listener is the separate `testing/server.ts` entry, used
 * only on the Node side; `tests/edge_imports_test.ts` checks this).
 *
 * @module
 */

import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

const stubNodeBuiltins: esbuild.Plugin = {
  name: "stub-node-builtins",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
    build.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) => ({
      loader: "js",
      contents: `module.exports = new Proxy({}, { get(_, name) {
        if (name === "__esModule") return false;
        throw new Error(${JSON.stringify(args.path)} + " is not available in this runtime");
      } });`,
    }));
  },
};

/**
 * How production builds for the runtime minify: Vite (and webpack with terser) rename
 * identifiers, classes included; `wrangler deploy --minify` does too but keeps names.
 */
export type MinifyStyle = "vite" | "wrangler";

/**
 * Bundles `entry` (relative to the repository root) into one ES module, minified the way a
 * production build for that runtime is, so that the harness runs what users ship.
 */
export async function bundleForRuntime(
  entry: string,
  conditions: string[],
  style: MinifyStyle,
): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions,
    target: "es2022",
    minify: true,
    keepNames: style === "wrangler",
    write: false,
    logLevel: "silent",
    plugins: [stubNodeBuiltins],
  });
  return result.outputFiles[0].text;
}
