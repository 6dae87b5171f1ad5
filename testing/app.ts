/**
 * The part of a Hono app that the fake orchestrator's public factories expose. A Hono instance
 * satisfies it; keeping Hono's own types out of the public API keeps it small and stable.
 *
 * @module
 */

/** A request handler with Hono's testing helper. */
export interface FakeApp {
  /** Handles a request (what a server or an in-process `fetch` calls). */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  /** Handles a request built from a path or URL (for tests: `app.request("/health")`). */
  request(input: RequestInfo | URL, init?: RequestInit): Response | Promise<Response>;
}
