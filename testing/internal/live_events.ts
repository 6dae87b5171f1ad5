/**
 * The event source behind the execution and agent streams.
 *
 * @module
 */

import type { FakeContext } from "./context.ts";
import type { ActivityEvent } from "./state.ts";

/**
 * History then (with `follow`) live events: the history snapshot and the subscription happen
 * in the same tick, so no event is lost or doubled between them.
 */
export async function* liveEvents(
  ctx: FakeContext,
  signal: AbortSignal,
  follow: boolean,
  matches: (event: ActivityEvent) => boolean,
  history: () => ActivityEvent[],
): AsyncGenerator<ActivityEvent> {
  const queue: ActivityEvent[] = [];
  let wake: (() => void) | undefined;
  const snapshot = history();
  const unsubscribe = follow
    ? ctx.state.subscribe((event) => {
      if (matches(event)) {
        queue.push(event);
        wake?.();
      }
    })
    : undefined;
  try {
    yield* snapshot;
    if (!follow) return;
    while (!signal.aborted) {
      while (queue.length > 0) yield queue.shift()!;
      await new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      wake = undefined;
    }
  } finally {
    unsubscribe?.();
  }
}
