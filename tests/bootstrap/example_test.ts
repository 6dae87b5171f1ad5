import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { createDispatchRoutes } from "../../testing/routes/dispatch.ts";

// Spawning the example needs a runtime that executes TypeScript directly; the example's
// logic is covered on every runtime by loop_test.ts.
const deno = (globalThis as { Deno?: typeof Deno }).Deno;
const example = fileURLToPath(new URL("../../examples/custom_bootstrap.ts", import.meta.url));
const config = fileURLToPath(new URL("../../deno.json", import.meta.url));

function runExample(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      deno!.execPath(),
      ["run", "-A", "--config", config, example, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 20000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    child.stdin?.end();
  });
}

describe("examples/custom_bootstrap.ts", { skip: deno === undefined }, () => {
  it("runs the loop against a gateway on a real socket and prints the final answer", async () => {
    const app = createDispatchRoutes({ cwd: "/" });
    const controller = new AbortController();
    const port = await new Promise<number>((resolve) => {
      deno!.serve({
        hostname: "127.0.0.1",
        port: 0,
        signal: controller.signal,
        onListen: (address) => resolve(address.port),
      }, app.fetch);
    });
    try {
      const env = {
        AEGIS_AGENT_ID: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
        AEGIS_EXECUTION_ID: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
        AEGIS_MODEL_ALIAS: "default",
        AEGIS_ORCHESTRATOR_URL: `http://127.0.0.1:${port}`,
      };
      const ok = await runExample(["Write a primality check"], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^Ran 3 command\(s\):\n/);
      assert.match(ok.stdout, /All commands succeeded\.\n$/);

      const bad = await runExample(["x"], { ...env, AEGIS_EXECUTION_ID: "not-a-uuid" });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /^Error: InvalidArgumentError: invalid AEGIS_EXECUTION_ID/);
      assert.equal(bad.stdout, "");
    } finally {
      controller.abort();
    }
  });
});
