import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { publishedSources, root } from "./sources.ts";

// Minifying bundlers (Vite, webpack with terser, `esbuild --minify`) rename classes unless told to
// keep names, and an error's `name` comes from its class: without a literal name, a browser app
// would log `J: 404 Execution not found` and `error.name === "NotFoundError"` would be false.
// Checked on the bundle such a build makes, run.
const ENTRIES = ["mod.ts", "client/mod.ts", "seal/mod.ts", "manifest/mod.ts", "bootstrap/mod.ts"];

let workDir: string | undefined;
after(async () => {
  await esbuild.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

/** Bundles `app` as a production build does (minified, names not kept) and imports it. */
async function runMinified(app: string): Promise<Record<string, unknown>> {
  const result = await esbuild.build({
    stdin: { contents: app, resolveDir: root, loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    platform: "neutral",
    mainFields: ["module", "main"],
    format: "esm",
    write: false,
    minify: true,
    keepNames: false,
    external: ["node:*"],
    logLevel: "silent",
  });
  workDir ??= await mkdtemp(join(tmpdir(), "aegis-minified-"));
  const file = join(workDir, `app-${crypto.randomUUID()}.mjs`);
  await writeFile(file, result.outputFiles[0].contents);
  return (await import(pathToFileURL(file).href)).default;
}

/** An app that reports the `name` of every class an entry point exports, by export name. */
function classNamesApp(entry: string): string {
  return `
    import * as entry from "./${entry}";
    const names = {};
    for (const [exported, value] of Object.entries(entry)) {
      if (typeof value === "function" && /^class\\b/.test(Function.prototype.toString.call(value))) {
        names[exported] = value.name;
      }
    }
    export default names;
  `;
}

describe("class and error names survive minification", () => {
  for (const entry of ENTRIES) {
    it(`every class ${entry} exports keeps its name`, async () => {
      const names = await runMinified(classNamesApp(entry));
      assert.ok(Object.keys(names).length > 0, `${entry} exports classes`);
      const renamed = Object.entries(names).filter(([exported, name]) => name !== exported);
      assert.deepEqual(renamed, []);
    });
  }

  it("errors created in a minified bundle carry their class's name", async () => {
    const seen = await runMinified(`
      import { AegisTimeoutError, InvalidArgumentError, NotFoundError } from "./client/mod.ts";
      import { SEALError } from "./seal/mod.ts";
      const notFound = new NotFoundError({ status: 404, method: "GET", path: "/v1/agents/x" });
      export default {
        timeout: new AegisTimeoutError("slow").name,
        invalid: String(new InvalidArgumentError("tenantId", "is empty")),
        notFound: notFound.name,
        notFoundText: String(notFound),
        seal: new SEALError("malformed_envelope", "bad").name,
      };
    `);
    assert.equal(seen.timeout, "AegisTimeoutError");
    assert.match(String(seen.invalid), /^InvalidArgumentError: invalid tenantId/);
    assert.equal(seen.notFound, "NotFoundError");
    assert.match(String(seen.notFoundText), /^NotFoundError: /);
    assert.equal(seen.seal, "SEALError");
  });

  it("would notice: a class without a literal name is renamed by the same build", async () => {
    const names = await runMinified(`
      export class SomeLongClassName {}
      export default { name: SomeLongClassName.name };
    `);
    assert.notEqual(names.name, "SomeLongClassName");
  });

  it("every SDK error class, exported or not, declares its name as a string", async () => {
    const missing: string[] = [];
    const files = await publishedSources();
    assert.ok(files.includes("client/core/errors.ts") && files.includes("seal/error.ts"));
    for (const file of files) {
      const source = await readFile(join(root, file), "utf8");
      // Subclasses of the SDK's errors; a private `extends Error` keeps the name "Error".
      for (const match of source.matchAll(/class (\w+) extends (\w+Error)\b/g)) {
        const [, name, base] = match;
        if (base === "Error") continue;
        if (!source.includes(`static override readonly name: string = "${name}";`)) {
          missing.push(`${file}: ${name}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});
