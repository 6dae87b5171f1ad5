/**
 * Per-attempt deadlines. Every attempt needs a timer that is almost never due: it is cancelled
 * when the answer arrives. Creating and clearing a timer per attempt costs measurable CPU and
 * garbage on Deno and Node (a few microseconds, more with many pending; on Node a `Timeout`
 * object and its list per attempt), against a fraction of one for keeping a deadline in a list.
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

/** A pending deadline: a node of the circular, doubly linked list of those waiting. */
interface Deadline {
  /** When it is due, on the `performance.now()` clock. */
  at: number;
  /** Cleared when the deadline is cancelled, so that a cancelled deadline never fires. */
  expire: (() => void) | undefined;
  prev: Deadline;
  /** `undefined` once the deadline has left the list. */
  next: Deadline | undefined;
}

/** Largest delay `setTimeout` takes before it wraps around and fires at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Found on first use: Workers allow no timer at the top level of a module. */
let refs: TimerRefs | undefined | null = null;
/**
 * The deadlines waiting, in a list rather than a `Set` or `Map`: one add and one delete per
 * request churn a hash table, which cost 1.5 microseconds more per request on Deno (a `Map`
 * keyed by number no less than a `Set`). This node is the list's head: its `next` is the oldest
 * deadline, its `prev` the newest, itself when none is waiting.
 */
const waiting = { at: Infinity } as Deadline;
waiting.prev = waiting.next = waiting;
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
  const newest = waiting.prev;
  const deadline: Deadline = { at: performance.now() + ms, expire, prev: newest, next: waiting };
  newest.next = waiting.prev = deadline;
  if (deadline.at < armedFor) arm(deadline.at);
  else if (newest === waiting) timerRefs.ref(timerId!);
  return () => {
    deadline.expire = undefined;
    // No timer while one fires: an `expire` may cancel the last deadline waiting.
    if (unlink(deadline) && waiting.next === waiting && timerId !== undefined) {
      timerRefs.unref(timerId);
    }
  };
}

/** Takes `deadline` out of the list; false when it was not in it (cancelled or due already). */
function unlink(deadline: Deadline): boolean {
  const { prev, next } = deadline;
  if (next === undefined) return false;
  prev.next = next;
  next.prev = prev;
  deadline.next = undefined;
  return true;
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
  // The due deadlines leave the list before any of them expires: an `expire` may cancel another
  // deadline or start a new one, which must not disturb the walk.
  const due: Deadline[] = [];
  let next = Infinity;
  for (let deadline = waiting.next!; deadline !== waiting;) {
    const following = deadline.next!;
    if (deadline.at > now) next = Math.min(next, deadline.at);
    else {
      unlink(deadline);
      due.push(deadline);
    }
    deadline = following;
  }
  for (const deadline of due) deadline.expire?.();
  // A deadline started by an `expire` may have armed the timer already, for an earlier time.
  if (next < armedFor) arm(next);
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
