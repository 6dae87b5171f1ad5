/**
 * A 64 MiB upload and a 64 MiB download through a real socket must not grow the client's memory
 * by more than a small margin over what the runtime's own `fetch` needs for the same transfer.
 * The client runs alone in a child process (same runtime) and measures its own RSS, so neither
 * the fake orchestrator's copy of the file (kept here) nor test modules running in parallel
 * distort the numbers; a second child measures a plain `fetch` upload as the floor.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisClient } from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { runChild } from "../child.ts";
import { FILE_SIZE, fileSha256, type TransferReport } from "../fixtures/volume_transfer_client.ts";

const MiB = 1024 * 1024;
/**
 * What the SDK may add on top of the runtime's own fetch. Holding the file once costs 64 MiB
 * (a buffering client measured 80–200 MiB); the streaming SDK adds about nothing: 1–10 MiB of
 * growth in total on an idle machine, the rest being the runtime's fetch, which on Node (undici)
 * buffers request chunks a busy peer has not read yet (measured with `rawUploadGrowth`).
 */
const MAX_SDK_GROWTH = 16 * MiB;

async function runClient<T = TransferReport>(env: Record<string, string>): Promise<T> {
  const script = new URL("../fixtures/volume_transfer_client.ts", import.meta.url);
  const { code, stdout } = await runChild(script, env, 45_000);
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new Error(`transfer client exited with ${code}: ${stdout.slice(0, 500)}`);
  }
  return JSON.parse(line) as T;
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
        size_limit_bytes: 4 * FILE_SIZE,
      });
      const env = {
        AEGIS_MEMTEST_URL: server.url,
        AEGIS_MEMTEST_TOKEN: fake.token,
        AEGIS_MEMTEST_VOLUME: id,
      };
      const { rawUploadGrowth } = await runClient<{ rawUploadGrowth: number }>({
        ...env,
        AEGIS_MEMTEST_RAW: "1",
      });
      const report = await runClient(env);
      console.log(
        `client RSS baseline ${mib(report.baselineRss)} MiB; raw fetch upload growth ` +
          `${mib(rawUploadGrowth)} MiB; ` +
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
        report.upload.growth < Math.max(rawUploadGrowth, 0) + MAX_SDK_GROWTH,
        `client RSS grew by ${mib(report.upload.growth)} MiB during the upload ` +
          `(raw fetch: ${mib(rawUploadGrowth)} MiB)`,
      );
      assert.ok(
        report.download.growth < MAX_SDK_GROWTH,
        `client RSS grew by ${mib(report.download.growth)} MiB during the download`,
      );
    } finally {
      await server.close();
      fake.close();
    }
  });
});
