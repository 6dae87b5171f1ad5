import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

// Spawning the example needs a runtime that executes TypeScript directly; the transport itself
// is covered on every runtime by mcp_transport_test.ts.
const deno = (globalThis as { Deno?: typeof Deno }).Deno;
const example = fileURLToPath(new URL("../../examples/mcp_over_seal.ts", import.meta.url));
const config = fileURLToPath(new URL("../../deno.json", import.meta.url));
// The example imports a development tool (not a dependency of the SDK): the dev import map has it.
const devImports = fileURLToPath(new URL("../../import_map.dev.json", import.meta.url));
const devLock = fileURLToPath(new URL("../../deno.dev.lock", import.meta.url));

describe("examples/mcp_over_seal.ts", { skip: deno === undefined }, () => {
  it("lists and calls SEAL tools with the official MCP client against the fake", async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        deno!.execPath(),
        ["run", "-A", "--config", config, "--import-map", devImports, "--lock", devLock, example],
        { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, timeout: 30000 },
        (error, out) => resolve({ code: error === null ? 0 : -1, stdout: String(out) }),
      );
    });
    assert.equal(code, 0);
    assert.match(stdout, /connected to aegis-seal-gateway \(seal\/v1\)/);
    assert.match(stdout, /tool fs\.read: /);
    assert.match(stdout, /fs\.read → \{"path":"\/workspace\/README\.md"/);
  });
});
