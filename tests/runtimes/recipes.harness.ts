/**
 * Runs every recipe of `examples/` on its own runtime against the fake orchestrator served on
 * 127.0.0.1: the Node server (Node), `Deno.serve` (Deno), the Bun script (Bun), the Cloudflare
 * Worker (workerd through Miniflare, bundled without Node built-ins) and the browser page
 * (headless Chromium, `EventSource` through the Node proxy), including that a browser closing
 * its `EventSource` releases the orchestrator stream.
 *
 *     node --import tsx --test tests/runtimes/recipes.harness.ts
 *
 * `DENO_BIN`, `BUN_BIN` and `CHROMIUM_PATH` name the runtimes (defaults: `deno` on the PATH,
 * `node_modules/.bin/bun`, `/usr/bin/chromium`); a recipe whose runtime is missing is skipped.
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { chromium } from "playwright-core";
import { AegisClient } from "../../mod.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";
import { helloManifest } from "../helpers.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

function findDeno(): string | undefined {
  if (process.env.DENO_BIN) return process.env.DENO_BIN;
  try {
    return execFileSync("deno", ["eval", "console.log(Deno.execPath())"], { encoding: "utf8" })
      .trim();
  } catch {
    return undefined;
  }
}
const denoBin = findDeno();
const bunBin = process.env.BUN_BIN ?? join(root, "node_modules/.bin/bun");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let fake: FakeOrchestrator;
let server: { url: string; close(): Promise<void> };
let agentId: string;
const children: ChildProcess[] = [];

before(async () => {
  // Slow enough that a browser can close its EventSource while the run is still going.
  fake = createFakeOrchestrator({ stepMs: 120 });
  server = await listen(fake);
  const client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
  ({ agent_id: agentId } = await client.deployAgent(helloManifest()));
});

after(async () => {
  for (const child of children) child.kill("SIGKILL");
  await server?.close();
  fake?.close();
});

function recipeEnv(target = { fake, url: server.url, agentId }): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    AEGIS_BASE_URL: target.url,
    AEGIS_TOKEN: target.fake.token,
    AEGIS_AGENT_ID: target.agentId,
    PORT: "0",
    NO_COLOR: "1",
  };
}

/** Starts a server recipe and resolves with its URL once it prints `listening on <url>`. */
function startServer(
  command: string,
  args: string[],
  env: Record<string, string> = recipeEnv(),
): Promise<string> {
  const child = spawn(command, args, { cwd: root, env });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening on" within 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

function runScript(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(command, args, { cwd: root, env: recipeEnv() });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (out += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out })));
}

interface Frame {
  event?: string;
  data?: unknown;
}

function parseFrames(text: string): Frame[] {
  return text.split("\n\n").filter((block) => block.trim() !== "").flatMap((block) => {
    const frame: Frame = {};
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) frame.event = line.slice(7);
      else if (line.startsWith("data: ")) frame.data = JSON.parse(line.slice(6));
    }
    return frame.event === undefined && frame.data === undefined ? [] : [frame];
  });
}

/** What every proxy recipe must stream for one run, and its refusals. */
async function checkProxy(get: (path: string) => Promise<Response>): Promise<void> {
  const response = await get("/runs?input=hello");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
  const frames = parseFrames(await response.text());
  assert.deepEqual(frames.at(-1), { event: "end", data: null });
  const progress = frames.slice(0, -1);
  assert.ok(progress.every((f) => f.event === "progress"));
  const types = progress.map((f) => (f.data as { type: string }).type);
  assert.equal(types[0], "execution_started");
  assert.equal(types.at(-1), "execution_completed");
  const last = progress.at(-1)!.data as { output?: string };
  assert.equal(last.output, "Echo: hello");
  // Nothing but the shaped fields reaches the browser.
  for (const frame of progress) {
    for (const key of Object.keys(frame.data as object)) {
      assert.ok(["type", "message", "output", "reason"].includes(key), key);
    }
  }
  assert.equal((await get("/runs")).status, 400);
  assert.equal((await get("/elsewhere")).status, 404);
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("recipes", () => {
  it("examples/node_server.ts on Node", async () => {
    const url = await startServer(process.execPath, ["--import", "tsx", "examples/node_server.ts"]);
    await checkProxy((path) => fetch(new URL(path, url)));
  });

  it("examples/deno_serve.ts on Deno", { skip: denoBin ? false : "no deno binary" }, async () => {
    const url = await startServer(denoBin!, ["run", "-A", "examples/deno_serve.ts"]);
    await checkProxy((path) => fetch(new URL(path, url)));
  });

  it("examples/bun_script.ts on Bun", {
    skip: existsSync(bunBin) ? false : `no Bun at ${bunBin}`,
  }, async () => {
    const { code, out } = await runScript(bunBin, ["examples/bun_script.ts", "hi from bun"]);
    assert.equal(code, 0, out);
    assert.match(out, /\[execution_started\]/);
    assert.match(out, /output: Echo: hi from bun\n/);
  });

  it("examples/cloudflare_worker on workerd, bundled without Node built-ins", async () => {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ["examples/cloudflare_worker/worker.ts"],
      bundle: true,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker"],
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    const script = result.outputFiles[0].text;
    assert.doesNotMatch(script, /["']node:/, "the Worker bundle imports no Node built-in");
    const miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2025-09-01",
      bindings: { AEGIS_BASE_URL: server.url, AEGIS_TOKEN: fake.token, AEGIS_AGENT_ID: agentId },
    });
    try {
      await checkProxy(async (path) => {
        const response = await miniflare.dispatchFetch(new URL(path, "http://worker.local"));
        // Miniflare's Response type differs from the global one; re-wrap for checkProxy.
        return new Response(await response.text(), {
          status: response.status,
          headers: Object.fromEntries(response.headers),
        });
      });
    } finally {
      await miniflare.dispose();
    }
  });

  describe("examples/browser/index.html in Chromium through the Node proxy", {
    skip: existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath}`,
  }, () => {
    it("receives the events with EventSource, and closing it releases the orchestrator stream", async () => {
      const url = await startServer(process.execPath, [
        "--import",
        "tsx",
        "examples/node_server.ts",
      ]);
      const userDataDir = await mkdtemp(join(tmpdir(), "aegis-recipes-"));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumPath,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      });
      try {
        const page = context.pages()[0] ?? await context.newPage();
        const pageErrors: string[] = [];
        page.on("pageerror", (error) => pageErrors.push(String(error)));
        await page.goto(url);

        // A whole run: the page shows the final output and closes its source on `end`.
        await page.fill("input[name=input]", "from the browser");
        await page.click("button");
        await page.waitForFunction(
          () => {
            const run = (globalThis as unknown as { aegisRun: { ended: boolean } }).aegisRun;
            return run.ended;
          },
          undefined,
          { timeout: 20_000 },
        );
        assert.equal(await page.textContent("#output"), "Echo: from the browser");
        const types = await page.evaluate(() =>
          (globalThis as unknown as { aegisRun: { events: { type: string }[] } }).aegisRun.events
            .map((e) => e.type)
        );
        assert.equal(types[0], "execution_started");
        assert.equal(types.at(-1), "execution_completed");
        await waitFor(() => fake.state.listenerCount === 0, 5_000, "the finished stream to close");
        assert.deepEqual(pageErrors, []);

        // A run the page abandons, against an orchestrator whose run lasts far longer than the
        // wait below: only closing the EventSource can end the orchestrator stream in time.
        const slowFake = createFakeOrchestrator({ stepMs: 5_000 });
        const slowServer = await listen(slowFake);
        try {
          const slowClient = new AegisClient({
            baseUrl: slowServer.url,
            bearerToken: slowFake.token,
          });
          const slowAgent = (await slowClient.deployAgent(helloManifest())).agent_id;
          const slowUrl = await startServer(
            process.execPath,
            ["--import", "tsx", "examples/node_server.ts"],
            recipeEnv({ fake: slowFake, url: slowServer.url, agentId: slowAgent }),
          );
          await page.goto(slowUrl);
          await page.click("button");
          await page.waitForFunction(
            () =>
              (globalThis as unknown as { aegisRun: { events: unknown[] } }).aegisRun.events
                .length >=
                1,
            undefined,
            { timeout: 20_000 },
          );
          assert.equal(slowFake.state.listenerCount, 1, "the orchestrator stream is open mid-run");
          await page.evaluate(() =>
            (globalThis as unknown as { aegisRun: { source: EventSource } }).aegisRun.source.close()
          );
          await waitFor(
            () => slowFake.state.listenerCount === 0,
            3_000,
            "the orchestrator stream to close after the browser closed its EventSource",
          );
        } finally {
          await slowServer.close();
          slowFake.close();
        }
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      }
    });
  });
});
