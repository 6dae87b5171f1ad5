/**
 * A 64 MiB upload and a 64 MiB download through a real socket must not grow the client's memory
 * by anything near the file size. The client runs alone in a child process (same runtime) and
 * measures its own RSS, so neither the fake orchestrator's copy of the file (kept here) nor test
 * modules running in parallel threads of this process distort the numbers.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisClient } from "../../mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { runChild } from "../child.ts";
import { FILE_SIZE, fileSha256, type TransferReport } from "../fixtures/volume_transfer_client.ts";

const MiB = 1024 * 1024;
/** Far below the 64 MiB that holding the file once would cost. */
const MAX_GROWTH = 16 * MiB;

async function runClient(env: Record<string, string>): Promise<TransferReport> {
  const script = new URL("../fixtures/volume_transfer_client.ts", import.meta.url);
  const { code, stdout } = await runChild(script, env, 45_000);
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new Error(`transfer client exited with ${code}: ${stdout.slice(0, 500)}`);
  }
  return JSON.parse(line) as TransferReport;
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
