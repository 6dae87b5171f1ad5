/**
 * Per-attempt deadlines. Every attempt needs a timer that is almost never due: it is cancelled
 * when the answer arrives. On Deno, creating and clearing a timer costs a few microseconds of CPU
 * per attempt (more with many pending), against a fraction of one for keeping a deadline in a set,
 * so there all deadlines share one timer: it is armed for the earliest deadline,
 * left armed when attempts end (disarming and re-arming it per call is the cost being avoided)
 * and unref'd while no attempt is waiting, so it never keeps the process alive or trips
 * `deno test`'s sanitizers. Elsewhere each attempt gets its own timer, which is cheap there.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

/** The part of Deno's timer API used here, found by feature detection. */
interface DenoTimers {
  refTimer(id: ReturnType<typeof setTimeout>): void;
  unrefTimer(id: ReturnType<typeof setTimeout>): void;
}

interface Deadline {
  /** When it is due, on the `performance.now()` clock. */
  at: number;
  expire: () => void;
}

/** Largest delay `setTimeout` takes before it wraps around and fires at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

const denoTimers = findDenoTimers();
const waiting = new Set<Deadline>();
let timerId: ReturnType<typeof setTimeout> | undefined;
let armedFor = Infinity;

/**
 * Calls `expire` once `ms` milliseconds have passed, unless the returned function (which may be
 * called any number of times) cancels it first.
 */
export function startDeadline(ms: number, expire: () => void): () => void {
  if (denoTimers === undefined) {
    const timer = setTimeout(expire, ms);
    return () => clearTimeout(timer);
  }
  const deadline: Deadline = { at: performance.now() + ms, expire };
  waiting.add(deadline);
  if (deadline.at < armedFor) arm(deadline.at);
  else if (waiting.size === 1) denoTimers.refTimer(timerId!);
  return () => {
    if (waiting.delete(deadline) && waiting.size === 0) denoTimers.unrefTimer(timerId!);
  };
}

/** Points the shared timer at `at` (earlier than what it was armed for). */
function arm(at: number): void {
  if (timerId !== undefined) clearTimeout(timerId);
  armedFor = at;
  timerId = setTimeout(fire, Math.min(Math.max(at - performance.now(), 0), MAX_DELAY_MS));
}

function fire(): void {
  timerId = undefined;
  armedFor = Infinity;
  // Timers may fire up to a millisecond early against `performance.now()`.
  const now = performance.now() + 1;
  let next = Infinity;
  for (const deadline of waiting) {
    if (deadline.at <= now) {
      waiting.delete(deadline);
      deadline.expire();
    } else if (deadline.at < next) next = deadline.at;
  }
  if (next !== Infinity) arm(next);
}

function findDenoTimers(): DenoTimers | undefined {
  const deno = (globalThis as { Deno?: Partial<DenoTimers> }).Deno;
  if (typeof deno?.refTimer !== "function" || typeof deno.unrefTimer !== "function") {
    return undefined;
  }
  return deno as DenoTimers;
}
