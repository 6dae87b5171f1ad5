/**
 * What a fake runs beyond its in-memory state (socket listeners, open streams, pending fault
 * delays) and how closing the fake ends all of it.
 *
 * @module
 */

/** The running parts of one fake orchestrator. */
export class FakeLifecycle {
  readonly #closing = new AbortController();
  readonly #closers = new Set<() => Promise<void>>();
  #closed: Promise<void> | undefined;

  /** Aborted when the fake closes: streams end and fault delays give up on it. */
  get signal(): AbortSignal {
    return this.#closing.signal;
  }

  /** Runs `closer` when the fake closes (right away if it already has); returns the undo. */
  onClose(closer: () => Promise<void>): () => void {
    if (this.#closing.signal.aborted) {
      closer().catch(() => {});
      return () => {};
    }
    this.#closers.add(closer);
    return () => this.#closers.delete(closer);
  }

  /** Ends everything; the same promise for every call. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#closing.abort();
      const closers = [...this.#closers];
      this.#closers.clear();
      await Promise.all(closers.map((closer) => closer()));
    })();
    return this.#closed;
  }
}

/** The lifecycle of each fake, for the socket listener entry (which gets only the fake). */
export const lifecycles: WeakMap<object, FakeLifecycle> = new WeakMap();

/**
 * Runs `listener` once, when `signal` or `other` aborts (at once if one already has: listening
 * for "abort" on an aborted signal never fires). Returns the undo.
 */
export function onEitherAbort(
  signal: AbortSignal,
  other: AbortSignal,
  listener: () => void,
): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    remove();
    listener();
  };
  const remove = () => {
    signal.removeEventListener("abort", fire);
    other.removeEventListener("abort", fire);
  };
  if (signal.aborted || other.aborted) {
    fire();
    return () => {};
  }
  signal.addEventListener("abort", fire, { once: true });
  other.addEventListener("abort", fire, { once: true });
  return remove;
}
