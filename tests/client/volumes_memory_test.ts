/**
 * A 64 MiB upload and a 64 MiB download through a real socket must not grow the client's memory
 * by anything near the file size. The client runs alone in a child process (same runtime) and
 * measures its own RSS, so neither the fake orchestrator's copy of the file (kept here) nor test
 * modules running in parallel threads of this process distort the numbers.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { AegisClient } from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { FILE_SIZE, fileSha256, type TransferReport } from "../fixtures/volume_transfer_client.ts";

const MiB = 1024 * 1024;
/** Far below the 64 MiB that holding the file once would cost. */
const MAX_GROWTH = 16 * MiB;

/** Command that runs a TypeScript file with the runtime running this test. */
function runtimeCommand(script: string): [string, string[]] {
  const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
  if (deno) return [deno.execPath(), ["run", "-A", "--quiet", "--v8-flags=--expose-gc", script]];
  if (process.versions.bun) return [process.execPath, [script]];
  // Node: keep loader flags such as `--import tsx`, drop the test runner's own flags.
  return [process.execPath, [
    "--expose-gc",
    ...process.execArgv.filter((a) => !a.startsWith("--test")),
    script,
  ]];
}

function runClient(env: Record<string, string>): Promise<TransferReport> {
  const script = fileURLToPath(new URL("../fixtures/volume_transfer_client.ts", import.meta.url));
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const [command, args] = runtimeCommand(script);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("the transfer client did not finish within 45 s"));
    }, 45_000);
    let output = "";
    child.stdout!.on("data", (data: Uint8Array) => output += new TextDecoder().decode(data));
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`transfer client exited with ${code}: ${output.slice(0, 500)}`));
      } else {
        resolve(JSON.parse(line) as TransferReport);
      }
    });
  });
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1);

describe("volume transfers keep client memory flat", { timeout: 60_000 }, () => {
  it("64 MiB up from a generated stream and back down as a stream, on a socket", async () => {
    const fake = createFakeOrchestrator();
    const server = await fake.listen();
    try {
      const setupClient = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
      const { id } = await setupClient.createVolume({
        label: "big",
        size_limit_bytes: 2 * FILE_SIZE,
      });
      const report = await runClient({
        AEGIS_MEMTEST_URL: server.url,
        AEGIS_MEMTEST_TOKEN: fake.token,
        AEGIS_MEMTEST_VOLUME: id,
      });
      console.log(
        `client RSS baseline ${mib(report.baselineRss)} MiB; ` +
          `upload ${mib(report.upload.size)} MiB in ${report.upload.ms} ms, peak growth ` +
          `${mib(report.upload.growth)} MiB; download ${mib(report.download.size)} MiB in ` +
          `${report.download.ms} ms, peak growth ${mib(report.download.growth)} MiB`,
      );
      const expected = fileSha256();
      const stored = fake.volumes.volumes.get(id)!.files.get("big/file.bin")!;
      assert.equal(stored.data.byteLength, FILE_SIZE);
      assert.equal(stored.sha256, expected);
      assert.equal(report.upload.size, FILE_SIZE);
      assert.equal(report.upload.sha256, expected);
      assert.equal(report.download.size, FILE_SIZE);
      assert.equal(report.download.sha256, expected);
      assert.ok(report.download.patternOk, "every downloaded word holds its own offset");
      assert.ok(
        report.upload.growth < MAX_GROWTH,
        `client RSS grew by ${mib(report.upload.growth)} MiB during the upload`,
      );
      assert.ok(
        report.download.growth < MAX_GROWTH,
        `client RSS grew by ${mib(report.download.growth)} MiB during the download`,
      );
    } finally {
      await server.close();
      fake.close();
    }
  });
});
