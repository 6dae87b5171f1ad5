/**
 * Which connection a request travels on. Deno's HTTP client re-sends a request by itself when a
 * pooled keep-alive connection drops after the server has read the request but before it
 * answered: the server then acts on a POST twice although the SDK made one attempt (measured in
 * `tests/reliability/delivery_test.ts`). So on Deno, requests that are not safe to repeat use a
 * client that keeps no idle connections (`Deno.createHttpClient({ poolMaxIdlePerHost: 0 })`,
 * found by feature detection). The cost: each such request opens a new connection (TCP, and
 * TLS for https). Node (undici) and Bun do not re-send on their own, so they keep pooling.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

/** The part of Deno's API used here, declared so the module type-checks on every runtime. */
interface DenoHttp {
  createHttpClient(options: { poolMaxIdlePerHost: number }): unknown;
}

/** One client for the whole process, created on first use: it holds no connections idle. */
let unpooledClient: unknown;

/**
 * Fetch options that make `init` reach the server at most once per call of fetch: on Deno, a
 * request that is not idempotent gets the unpooled client; elsewhere nothing changes.
 */
export function deliverAtMostOnce(init: RequestInit, idempotent: boolean): void {
  if (idempotent) return;
  const client = unpooled();
  if (client !== undefined) (init as RequestInit & { client?: unknown }).client = client;
}

function unpooled(): unknown {
  if (unpooledClient !== undefined) return unpooledClient;
  const deno = (globalThis as { Deno?: Partial<DenoHttp> }).Deno;
  if (typeof deno?.createHttpClient !== "function") return undefined;
  unpooledClient = deno.createHttpClient({ poolMaxIdlePerHost: 0 });
  return unpooledClient;
}
