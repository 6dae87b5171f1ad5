/**
 * The library's published sources, for tests that check a rule across all of them.
 *
 * @module
 */

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const root: string = fileURLToPath(new URL("../", import.meta.url));

/**
 * The TypeScript files JSR publishes, relative to the root and sorted: `deno.json`'s
 * `publish.exclude` is the list of what it leaves out.
 */
export async function publishedSources(): Promise<string[]> {
  const config = JSON.parse(await readFile(join(root, "deno.json"), "utf8"));
  const excluded: string[] = config.publish.exclude;
  const isExcluded = (path: string, isDirectory: boolean): boolean =>
    path.startsWith(".") || path.endsWith("node_modules") ||
    excluded.some((entry) => entry === (isDirectory ? `${path}/` : path));
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (isExcluded(path, entry.isDirectory())) continue;
      if (entry.isDirectory()) await walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  await walk("");
  return files.sort();
}
