/**
 * Per-attempt deadlines. Every attempt needs a timer that is almost never due: it is cancelled
 * when the answer arrives. Creating and clearing a timer per attempt costs measurable CPU and
 * garbage on Deno and Node (a few microseconds, more with many pending; on Node a `Timeout`
 * object and its list per attempt), against a fraction of one for keeping a deadline in a set.
 * So where a timer can be told not to keep the process alive (Deno's `refTimer`/`unrefTimer`,
 * the `ref()`/`unref()` of Node's and Bun's timer objects, found by feature detection), all
 * deadlines share one timer: it is armed for the earliest deadline, left armed when attempts
 * end (disarming and re-arming it per call is the cost being avoided) and unref'd while no
 * attempt is waiting, so it never keeps the process alive or trips `deno test`'s sanitizers.
 * Elsewhere (browsers, Workers, where a timer belongs to the request that set it) each attempt
 * gets its own timer.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

type TimerId = ReturnType<typeof setTimeout>;

/** Holding the process open, or not, for a pending timer. */
interface TimerRefs {
  ref(id: TimerId): void;
  unref(id: TimerId): void;
}

/** The part of Deno's timer API used here, found by feature detection. */
interface DenoTimers {
  refTimer(id: TimerId): void;
  unrefTimer(id: TimerId): void;
}

/** A Node or Bun timer object. */
interface RefableTimer {
  ref(): unknown;
  unref(): unknown;
}

interface Deadline {
  /** When it is due, on the `performance.now()` clock. */
  at: number;
  expire: () => void;
}

/** Largest delay `setTimeout` takes before it wraps around and fires at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Found on first use: Workers allow no timer at the top level of a module. */
let refs: TimerRefs | undefined | null = null;
const waiting = new Set<Deadline>();
let timerId: TimerId | undefined;
let armedFor = Infinity;

/**
 * Calls `expire` once `ms` milliseconds have passed, unless the returned function (which may be
 * called any number of times) cancels it first.
 */
export function startDeadline(ms: number, expire: () => void): () => void {
  if (refs === null) refs = findTimerRefs();
  if (refs === undefined) {
    const timer = setTimeout(expire, ms);
    return () => clearTimeout(timer);
  }
  const timerRefs = refs;
  const deadline: Deadline = { at: performance.now() + ms, expire };
  waiting.add(deadline);
  if (deadline.at < armedFor) arm(deadline.at);
  else if (waiting.size === 1) timerRefs.ref(timerId!);
  return () => {
    if (waiting.delete(deadline) && waiting.size === 0) timerRefs.unref(timerId!);
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

function findTimerRefs(): TimerRefs | undefined {
  const deno = (globalThis as { Deno?: Partial<DenoTimers> }).Deno;
  if (typeof deno?.refTimer === "function" && typeof deno.unrefTimer === "function") {
    const timers = deno as DenoTimers;
    return { ref: (id) => timers.refTimer(id), unref: (id) => timers.unrefTimer(id) };
  }
  // Probed once: a timer object that can be unref'd (Node, Bun); browsers and Workers give a
  // number. The probe never fires.
  const probe = setTimeout(() => {}, MAX_DELAY_MS) as unknown as Partial<RefableTimer>;
  clearTimeout(probe as unknown as TimerId);
  if (typeof probe?.ref !== "function" || typeof probe.unref !== "function") return undefined;
  return {
    ref: (id) => (id as unknown as RefableTimer).ref(),
    unref: (id) => (id as unknown as RefableTimer).unref(),
  };
}
