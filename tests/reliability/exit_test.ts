// A process that opened and abandoned many streams exits by itself, promptly: the SDK leaves no
// timer (idle timeouts, retries) or connection behind.
import { it } from "node:test";
import assert from "node:assert/strict";
import { runChild } from "../child.ts";

it(
  "100 streams, half cancelled midway: the process exits promptly afterwards",
  { timeout: 60_000 },
  async () => {
    let doneAt = 0;
    const result = await runChild(
      new URL("../fixtures/streams_exit.ts", import.meta.url),
      {},
      45_000,
      (text) => {
        if (text.includes("done")) doneAt = performance.now();
      },
    );
    assert.equal(result.code, 0);
    assert.match(result.stdout, /done 50 50/);
    const lingered = result.exitedAt - doneAt;
    // Idle timeouts are 30 s here: a leaked one would hold the process far longer than this.
    assert.ok(lingered < 3_000, `the process lingered ${Math.round(lingered)} ms after its work`);
  },
);
