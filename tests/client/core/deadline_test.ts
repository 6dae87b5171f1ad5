// Per-attempt deadlines (client/core/deadline.ts): on Deno, Node and Bun they share one timer,
// elsewhere each has its own; either way each fires once, on time, in order, and never after
// being cancelled.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { startDeadline } from "../../../client/core/deadline.ts";
import { AegisClient, AegisTimeoutError } from "../../../mod.ts";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startDeadline", () => {
  it("fires each deadline once, in order, and none that was cancelled", async () => {
    const fired: string[] = [];
    const started = performance.now();
    const at: Record<string, number> = {};
    const record = (name: string) => () => {
      fired.push(name);
      at[name] = performance.now() - started;
    };
    startDeadline(120, record("late"));
    const cancelLater = startDeadline(60, record("cancelled"));
    // Added after a later one: the shared timer must be brought forward for it.
    startDeadline(30, record("early"));
    cancelLater();
    cancelLater(); // twice is harmless
    await wait(250);
    assert.deepEqual(fired, ["early", "late"]);
    assert.ok(at.early >= 29, `fired after ${at.early} ms`);
    assert.ok(at.late >= 119, `fired after ${at.late} ms`);
  });

  // The second deadline is due in the same tick as the first, or still waiting (the last one):
  // then the shared timer is being fired and there is none to unref, which once threw in the
  // timer callback, an uncaught error that ends a Node process.
  for (const [when, secondMs] of [["due in the same tick", 20], ["the last one waiting", 5_000]]) {
    it(`an expiry may cancel another deadline (${when}), which then never fires`, async () => {
      const fired: string[] = [];
      let cancelSecond = (): void => {};
      startDeadline(20, () => {
        fired.push("first");
        cancelSecond();
      });
      cancelSecond = startDeadline(secondMs as number, () => fired.push("second"));
      await wait(150);
      assert.deepEqual(fired, ["first"]);
      let again = 0;
      startDeadline(20, () => again++);
      await wait(150);
      assert.equal(again, 1);
    });
  }

  it("a deadline started by an expiry fires on time, not at the next waiting one", async () => {
    const started = performance.now();
    const at: Record<string, number> = {};
    const cancelLate = startDeadline(2_000, () => assert.fail("cancelled before it was due"));
    startDeadline(20, () => {
      at.first = performance.now() - started;
      startDeadline(30, () => {
        at.started = performance.now() - started;
      });
    });
    await wait(400);
    cancelLate();
    assert.ok(at.first >= 19, `first fired after ${at.first} ms`);
    // Timers may fire a millisecond or so early; what matters is "30 ms later", not "at 2 s".
    const after = at.started - at.first;
    assert.ok(after >= 25 && at.started < 400, `fired ${after} ms after the first`);
  });

  it("many deadlines, some cancelled: each other one fires exactly once", async () => {
    const fired = new Map<number, number>();
    const cancels: Array<() => void> = [];
    for (let i = 0; i < 200; i++) {
      cancels.push(startDeadline(10 + (i % 7) * 5, () => fired.set(i, (fired.get(i) ?? 0) + 1)));
    }
    for (let i = 0; i < 200; i += 3) cancels[i]();
    await wait(200);
    for (const cancel of cancels) cancel(); // after firing: harmless
    const expected = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 3 !== 0);
    assert.deepEqual([...fired.keys()].sort((a, b) => a - b), expected);
    assert.ok([...fired.values()].every((count) => count === 1));
  });

  it("keeps working after every deadline was cancelled or fired", async () => {
    for (let i = 0; i < 3; i++) startDeadline(10_000, () => assert.fail("cancelled"))();
    let fired = 0;
    const cancel = startDeadline(20, () => fired++);
    await wait(120);
    cancel();
    assert.equal(fired, 1);
    const again = startDeadline(20, () => fired++);
    await wait(120);
    again();
    assert.equal(fired, 2);
  });
});

describe("request timeouts", () => {
  it("a short timeout fires on time while longer ones are waiting", async () => {
    const client = new AegisClient({
      baseUrl: "http://in-process.test",
      auth: "none",
      maxRetries: 0,
      // Never answers; honours the abort signal as fetch does.
      fetch: (_input, init) =>
        new Promise((_, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
        }),
    });
    const slow = new AbortController();
    const pending = client.listAgents({ timeout: 30_000, signal: slow.signal }).catch((e) => e);
    const started = performance.now();
    const error = await client.listAgents({ timeout: 80 }).catch((e) => e);
    const elapsed = performance.now() - started;
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.match(error.message, /timed out after 80 ms/);
    assert.ok(elapsed < 5_000, `timed out after ${Math.round(elapsed)} ms`);
    slow.abort();
    assert.equal((await pending).name, "AegisAbortError");
  });
});
