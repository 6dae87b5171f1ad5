// The npm build's last step (scripts/npm_bundle.ts) on a package small enough to read: one module
// per entry point, shared code once, class names kept, clashing names refused. Deno only: the
// build script runs on Deno.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bundleEntryPoints, CHUNK_DIR } from "../../scripts/npm_bundle.ts";

const deno = (globalThis as { Deno?: typeof Deno }).Deno;
const esbuild = new URL("../../node_modules/.bin/esbuild", import.meta.url).pathname;
const skip = deno === undefined
  ? "the npm build runs on Deno"
  : !(await deno.stat(esbuild).then(() => true, () => false))
  ? "node_modules/.bin/esbuild is not installed"
  : false;

async function packageOf(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "aegis-npm-bundle-" });
  for (const [name, text] of Object.entries(files)) {
    await Deno.mkdir(`${dir}/${name}`.replace(/\/[^/]+$/, ""), { recursive: true });
    await Deno.writeTextFile(`${dir}/${name}`, text);
  }
  return dir;
}

async function filesOf(dir: string, prefix = ""): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const name = prefix + entry.name;
    if (entry.isDirectory) names.push(...await filesOf(dir, name + "/"));
    else names.push(name);
  }
  return names.sort();
}

describe("bundling the npm package's entry points", { skip }, () => {
  it("makes one module per entry point, shares code once and keeps every class's name", async () => {
    const dir = await packageOf({
      "shared.js": "export class Shared {}\nexport const state = { calls: 0 };\n",
      "self.js": "export class Self {\n  static make() { return new Self(); }\n}\n",
      "mod.js": 'export { Shared, state } from "./shared.js";\nexport { Self } from "./self.js";\n',
      "sub/mod.js": 'export { Shared, state } from "../shared.js";\n',
      "mod.d.ts": "export declare class Shared {}\n",
    });
    try {
      await bundleEntryPoints(dir, ["mod.js", "sub/mod.js"], esbuild, false);
      const files = await filesOf(dir);
      assert.deepEqual(files.filter((f) => !f.startsWith(`${CHUNK_DIR}/`)), [
        "mod.d.ts",
        "mod.js",
        "sub/mod.js",
      ]);
      assert.ok(files.some((f) => f.startsWith(`${CHUNK_DIR}/`)), "shared code is a chunk");
      const root = await import(`file://${dir}/mod.js`);
      const sub = await import(`file://${dir}/sub/mod.js`);
      assert.equal(root.Shared, sub.Shared);
      assert.equal(root.state, sub.state);
      // esbuild writes `var Self = class _Self`: the name is restored.
      assert.equal(root.Self.name, "Self");
      assert.equal(root.Self.make().constructor, root.Self);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  it("refuses to rename a function that two modules declare", async () => {
    const dir = await packageOf({
      "one.js": "function helper() { return 1; }\nexport const one = helper();\n",
      "two.js": "function helper() { return 2; }\nexport const two = helper();\n",
      "mod.js": 'export { one } from "./one.js";\nexport { two } from "./two.js";\n',
    });
    try {
      await assert.rejects(
        bundleEntryPoints(dir, ["mod.js"], esbuild, false),
        /renamed helper2: two modules declare the same class or function name/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});
