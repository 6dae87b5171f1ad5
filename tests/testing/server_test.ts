// `listen(fake)`: the fake on a real socket, and every way listening can fail rejecting the
// caller's promise.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";

describe("listen(fake)", () => {
  it("serves the fake on 127.0.0.1 and closes idempotently", async () => {
    await using fake = createFakeOrchestrator();
    const server = await listen(fake);
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/health`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
    await Promise.all([server.close(), server.close()]);
    await assert.rejects(fetch(`${server.url}/health`), TypeError);
    assert.equal(server.openConnections(), 0);
  });

  it("a port in use rejects the caller's promise", async () => {
    await using fake = createFakeOrchestrator();
    const first = await listen(fake);
    const port = Number(new URL(first.url).port);
    await assert.rejects(listen(fake, { port }), (error: NodeJS.ErrnoException) => {
      assert.match(`${error.code} ${error.message}`, /EADDRINUSE|in use/i);
      return true;
    });
    // The first server still answers.
    const response = await fetch(`${first.url}/health`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
  });

  it("refuses what is not a fake made by createFakeOrchestrator()", async () => {
    const impostor = { app: { fetch: () => new Response(), request: () => new Response() } };
    await assert.rejects(listen(impostor), /createFakeOrchestrator/);
  });

  it("Deno without --allow-net: the caller's promise rejects (the process does not crash)", async (t) => {
    const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
    if (!deno) {
      t.skip("only Deno has a network permission");
      return;
    }
    const script = fileURLToPath(new URL("../fixtures/listen_without_net.ts", import.meta.url));
    const output = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(deno.execPath(), [
        "run",
        "--no-prompt",
        "--allow-read",
        "--allow-env",
        script,
      ], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout!.on("data", (data: Uint8Array) => stdout += new TextDecoder().decode(data));
      child.once("error", reject);
      child.once("exit", (code) => resolve({ code, stdout }));
    });
    assert.deepEqual(output, { code: 0, stdout: "rejected Error\n" });
  });
});
