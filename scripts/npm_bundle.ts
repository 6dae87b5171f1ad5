/**
 * The last step of the npm build: the modules `tsc` compiled into a package directory become one
 * ES module per entry point, with the code entry points share in chunks (`_chunks/`), so that
 * importing an entry loads a handful of files instead of ~90. Node and Bun load each ES module
 * file separately (resolution, read, parse, link): with one file per source module,
 * `import "@aegis/sdk"` took ~105 ms on Node 20, with the bundled entries ~45 ms.
 *
 * Nothing else changes: the code is `tsc`'s output, not minified; every class and function
 * keeps its name (the build fails if bundling would rename one); each chunk exists once, so classes and module state (the shared deadline timer, `instanceof` checks
 * across entry points) stay single; source maps chain back to the TypeScript sources when `tsc`
 * wrote them; declarations stay one `.d.ts` per source module. Bundlers that build apps from
 * the package still drop what an app does not use (measured by `deno task bench`).
 *
 * Used by `scripts/build_npm.ts` and by the benchmarks' package build (`bench/run.ts`).
 *
 * @module
 */

/** Where the chunks that entry points share go, relative to the package directory. */
export const CHUNK_DIR = "_chunks";

/**
 * Replaces the compiled modules in `packageDir` by bundles of `entries` (package-relative
 * `.js` paths, e.g. `client/mod.js`) and their shared chunks. `esbuild` is the path of the
 * esbuild binary; `sourceMaps` chains the `.js.map` files `tsc` wrote into the bundles' maps.
 */
export async function bundleEntryPoints(
  packageDir: string,
  entries: readonly string[],
  esbuild: string,
  sourceMaps: boolean,
): Promise<void> {
  // A sibling, so that the source maps' relative paths hold once the files move in.
  const staging = `${packageDir}.bundled`;
  await Deno.remove(staging, { recursive: true }).catch(() => {});
  const output = await new Deno.Command(esbuild, {
    args: [
      ...entries.map((entry) => `${packageDir}/${entry}`),
      "--bundle",
      "--splitting",
      "--format=esm",
      "--platform=neutral",
      "--target=es2022",
      // Dependencies (yaml, hono) stay imports, resolved by the user's package manager.
      "--packages=external",
      "--external:node:*",
      // Not --keep-names: its top-level `__name()` calls would keep every class and function in
      // the bundles of apps that use none of them. Renames are refused below instead.
      "--legal-comments=none",
      `--outbase=${packageDir}`,
      `--outdir=${staging}`,
      "--entry-names=[dir]/[name]",
      `--chunk-names=${CHUNK_DIR}/[name]-[hash]`,
      ...(sourceMaps ? ["--sourcemap=linked", "--sources-content=true"] : []),
      "--log-level=warning",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr).trim();
  if (!output.success || stderr !== "") {
    throw new Error(`esbuild could not bundle the npm package:\n${stderr}`);
  }
  await restoreClassNames(staging);
  await refuseRenames(packageDir, staging);
  await removeModules(packageDir);
  await moveInto(staging, packageDir);
  await Deno.remove(staging, { recursive: true });
  for (const entry of entries) {
    await Deno.stat(`${packageDir}/${entry}`).catch(() => {
      throw new Error(`the bundled npm package lacks its entry point ${entry}`);
    });
  }
}

/**
 * A class whose body names itself comes out of esbuild as `var X = class _X {…}`, so its `name`
 * (`constructor.name`, inspect output) would be `_X`. `_X` is a name esbuild made up for the
 * class's own scope, unique in the file, so it becomes `X` again: followed by a space, which
 * keeps every column where it was and the source maps exact.
 */
async function restoreClassNames(dir: string): Promise<void> {
  for await (const path of modulePaths(dir)) {
    const text = await Deno.readTextFile(path);
    let restored = text;
    for (const [, name] of text.matchAll(/\bvar ([\w$]+) = class _\1\b/g)) {
      restored = restored.replace(
        new RegExp(`(?<![\\w$])_${name.replaceAll("$", "\\$")}(?![\\w$])`, "g"),
        `${name} `,
      );
    }
    if (restored !== text) await Deno.writeTextFile(path, restored);
  }
}

/**
 * Fails when a class or function of the bundles has a name no compiled module declares: esbuild
 * renamed it (`check2`) because two modules declare the same name, which would change its
 * `name` (inspect output, stack traces). The fix is renaming one of them in the source.
 */
async function refuseRenames(compiled: string, bundled: string): Promise<void> {
  const declared = new Set<string>();
  for await (const path of modulePaths(compiled)) {
    for (const name of declaredNames(await Deno.readTextFile(path))) declared.add(name);
  }
  const renamed = new Set<string>();
  for await (const path of modulePaths(bundled)) {
    for (const name of declaredNames(await Deno.readTextFile(path))) {
      if (!declared.has(name)) renamed.add(name);
    }
  }
  if (renamed.size > 0) {
    throw new Error(
      `bundling the npm package renamed ${[...renamed].join(", ")}: two modules declare the ` +
        "same class or function name; rename one of them",
    );
  }
}

/** Names of the classes and functions `text` declares (statements, or `var X = class X`). */
function* declaredNames(text: string): Generator<string> {
  const declarations =
    /^(?:export )?(?:(?:async )?function\*? ([\w$]+)|class ([\w$]+)|var [\w$]+ = class (?!extends\b)([\w$]+))/gm;
  for (const match of text.matchAll(declarations)) yield match[1] ?? match[2] ?? match[3];
}

/** Every `.js` file under `dir`, depth first. Also used by the benchmarks' package variants. */
export async function* modulePaths(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* modulePaths(path);
    else if (entry.name.endsWith(".js")) yield path;
  }
}

/** Removes every compiled module and its map, and the directories left empty. */
async function removeModules(dir: string): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) {
      await removeModules(path);
      if (await isEmpty(path)) await Deno.remove(path);
    } else if (/\.js(\.map)?$/.test(entry.name)) {
      await Deno.remove(path);
    }
  }
}

async function isEmpty(dir: string): Promise<boolean> {
  for await (const _ of Deno.readDir(dir)) return false;
  return true;
}

/** Moves the tree `from` into `to`, directory by directory. */
async function moveInto(from: string, to: string): Promise<void> {
  for await (const entry of Deno.readDir(from)) {
    const source = `${from}/${entry.name}`;
    const target = `${to}/${entry.name}`;
    if (entry.isDirectory) {
      await Deno.mkdir(target, { recursive: true });
      await moveInto(source, target);
    } else {
      await Deno.rename(source, target);
    }
  }
}
