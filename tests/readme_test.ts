// Every TypeScript snippet of the README is type-checked and run, as written, against the fake
// orchestrator on a real socket: the snippets configure their clients from the environment
// (`AEGIS_BASE_URL`, `AEGIS_TOKEN`), exactly as users run them against a real orchestrator.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { createFakeOrchestrator, type FakeOrchestrator } from "../testing/mod.ts";
import { type FakeServer, listen } from "../testing/server.ts";

const root = new URL("../", import.meta.url);
// Snippets import `@aegis/sdk` by name, which Deno resolves to this repository through deno.json;
// other runtimes would need the built package, so they leave this test to Deno.
const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;

/** The ```ts blocks of a Markdown text, with the line each starts on. */
function typescriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join("\n") + "\n" });
    i = end;
  }
  return blocks;
}

function run(
  args: string[],
  env: Record<string, string>,
  killAfterMs = 60_000,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(deno!.execPath(), args, {
    cwd: fileURLToPath(root),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    })
  );
}

const blocks = typescriptBlocks(await readFile(new URL("README.md", root), "utf8"));

describe("README.md snippets", { skip: deno ? false : "runs on Deno" }, () => {
  let fake: FakeOrchestrator;
  let server: FakeServer;
  let dir: string;
  // Every snippet is type-checked in one `deno check` (the SDK's types are checked once, not once
  // per snippet); only if that fails does each snippet check on its own, to name the one at fault.
  let checkedTogether = false;

  before(async () => {
    fake = createFakeOrchestrator({ stepMs: 1 });
    server = await listen(fake);
    // Inside the repository, so that `@aegis/sdk` resolves through deno.json.
    dir = await mkdtemp(fileURLToPath(new URL(".ci/readme-", root)));
    for (const block of blocks) await writeFile(`${dir}/line_${block.line}.ts`, block.code);
    const files = blocks.map((block) => `${dir}/line_${block.line}.ts`);
    // As long as the separate checks it replaces had together; if it is cut short (a loaded
    // machine), each snippet is checked on its own as before.
    const check = await run(["check", "--quiet", ...files], { NO_COLOR: "1" }, 360_000);
    checkedTogether = check.code === 0;
  });

  after(async () => {
    await server?.close();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("has snippets to run", () => {
    assert.ok(blocks.length >= 5, `only ${blocks.length} TypeScript blocks found`);
  });

  for (const block of blocks) {
    it(`the snippet at README.md line ${block.line} runs`, { timeout: 90_000 }, async () => {
      const file = `${dir}/line_${block.line}.ts`;
      const check = checkedTogether ? "--no-check" : "--check";
      const { code, out } = await run(["run", check, "-A", "--quiet", file], {
        AEGIS_BASE_URL: server.url,
        AEGIS_TOKEN: fake.token,
        NO_COLOR: "1",
      });
      assert.equal(code, 0, `README.md line ${block.line}:\n${out}`);
    });
  }
});
