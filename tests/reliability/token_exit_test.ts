// A token request nobody waits for any more is cancelled: it holds no timer or socket, so a
// process whose calls gave up (abort, timeout) exits promptly.
import { it } from "node:test";
import assert from "node:assert/strict";
import { runChild } from "../child.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";

it(
  "calls that gave up on a hanging token endpoint leave nothing behind: the process exits",
  { timeout: 60_000 },
  async () => {
    await using fake = createFakeOrchestrator();
    fake.faults.add({ path: /openid-connect\/token$/, action: "hang", times: Infinity });
    const server = await listen(fake);
    let doneAt = 0;
    const result = await runChild(
      new URL("../fixtures/token_exit.ts", import.meta.url),
      { AEGIS_EXIT_TEST_URL: server.url },
      45_000,
      (text) => {
        if (text.includes("done")) doneAt = performance.now();
      },
    );
    assert.equal(result.code, 0);
    assert.match(result.stdout, /done AegisAbortError AegisTimeoutError/);
    const tokenRequests = fake.requests.filter((r) => r.path.endsWith("/openid-connect/token"));
    // One per call, unless a loaded machine aborted the first before its request went out.
    assert.ok(tokenRequests.length >= 1 && tokenRequests.length <= 2, `${tokenRequests.length}`);
    assert.equal(fake.requests.filter((r) => r.path === "/v1/agents").length, 0);
    const lingered = result.exitedAt - doneAt;
    // The client's default timeout is 60 s: a token request left running would hold the process.
    assert.ok(lingered < 3_000, `the process lingered ${Math.round(lingered)} ms after its work`);
  },
);
