import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { publishedSources, root } from "./sources.ts";

// Deno loads a module whose source holds one non-ASCII character as a UTF-16 string (decoded,
// twice the size, parsed on V8's slower two-byte path) and an ASCII one as Latin-1, without a
// copy. With every published module ASCII, a cold import of the root entry took 47-51 ms instead
// of 54-58 ms on Deno 2.9. So sources say `...`, `->`, `<=` in comments, and `\u2026` in strings.
/** `line:column U+XXXX` of every non-ASCII character in `text`. */
function nonAscii(text: string): string[] {
  const found: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    for (let j = 0; j < lines[i].length; j++) {
      const code = lines[i].charCodeAt(j);
      if (code > 0x7f) {
        found.push(`${i + 1}:${j + 1} U+${code.toString(16).toUpperCase().padStart(4, "0")}`);
      }
    }
  }
  return found;
}

describe("published sources are ASCII (Deno loads them faster)", () => {
  it("finds the sources: every entry point and the modules behind it", async () => {
    const files = await publishedSources();
    for (
      const file of ["mod.ts", "client/core/pipeline.ts", "seal/canonical.ts", "testing/mod.ts"]
    ) {
      assert.ok(files.includes(file), `${file} is not among the scanned files`);
    }
    assert.ok(!files.some((file) => /^(tests|bench|examples|scripts)\//.test(file)));
  });

  it("no published module holds a non-ASCII character", async () => {
    const offending: string[] = [];
    for (const file of await publishedSources()) {
      const text = await readFile(join(root, file), "utf8");
      for (const where of nonAscii(text)) offending.push(`${file}:${where}`);
    }
    assert.deepEqual(
      offending,
      [],
      "write `\\u2026`-style escapes in strings and ASCII (`...`, `->`, `--`) in comments",
    );
  });

  it("would notice: a character in a comment or a string", () => {
    assert.deepEqual(nonAscii('// ok\nconst s = "a\u2026";\n/** \u2192 */'), [
      "2:13 U+2026",
      "3:5 U+2192",
    ]);
  });
});
