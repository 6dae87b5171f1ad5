// The fake's published types compile for a consumer whose TypeScript `lib` predates explicit
// resource management (`["es2022", "dom"]`, no `Symbol.asyncDispose`), and with `esnext` they make
// `await using fake = createFakeOrchestrator()` type-check. Checked on the declarations `tsc`
// emits, which is what an npm consumer compiles against. Runs on Node only (one tsc run is
// enough) and only where the repository's TypeScript is installed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { NPM_TSC_OPTIONS } from "../../scripts/npm_exports.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");
const isNode = !("Deno" in globalThis) && !process.versions.bun;

function run(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, ...args], { cwd: root }, (_error, stdout, stderr) => {
      resolve(stdout + stderr);
    });
  });
}

describe("the fake's declarations", () => {
  it("compile with lib es2022 (no disposables) and support `await using` with esnext", {
    timeout: 180_000,
  }, async (t) => {
    if (!isNode || !existsSync(tsc)) {
      t.skip("runs on Node with the repository's TypeScript installed");
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "aegis-fake-types-"));
    try {
      symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
      const emitted = await run([
        "--declaration",
        "--emitDeclarationOnly",
        "--outDir",
        join(dir, "decl"),
        "--rootDir",
        root,
        ...NPM_TSC_OPTIONS,
        join(root, "testing/mod.ts"),
        join(root, "testing/server.ts"),
      ]);
      assert.ok(existsSync(join(dir, "decl/testing/mod.d.ts")), emitted);
      writeFileSync(
        join(dir, "old_lib.ts"),
        [
          'import { createFakeOrchestrator, type FakeOrchestrator } from "./decl/testing/mod.js";',
          'import { type FakeServer, listen } from "./decl/testing/server.js";',
          "const fake: FakeOrchestrator = createFakeOrchestrator();",
          "export const server: Promise<FakeServer> = listen(fake);",
          "export const closed: Promise<void> = fake.close();",
        ].join("\n"),
      );
      writeFileSync(
        join(dir, "new_lib.ts"),
        [
          'import { createFakeOrchestrator } from "./decl/testing/mod.js";',
          "export async function scoped(): Promise<void> {",
          "  await using fake = createFakeOrchestrator();",
          "  const disposable: AsyncDisposable = fake;",
          "  void disposable;",
          "}",
        ].join("\n"),
      );
      const common = [
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "false",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--typeRoots",
        join(dir, "no-types"),
      ];
      // Only the fake's own declarations are judged here.
      const ownErrors = (output: string) =>
        output.split("\n").filter((line) => /(^|\/)(decl\/testing\/|old_lib|new_lib)/.test(line));
      const oldLib = await run([...common, "--lib", "es2022,dom", join(dir, "old_lib.ts")]);
      assert.deepEqual(ownErrors(oldLib), []);
      const newLib = await run([...common, "--lib", "esnext,dom", join(dir, "new_lib.ts")]);
      assert.deepEqual(ownErrors(newLib), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
