/**
 * Serves a fake orchestrator on a real socket (`127.0.0.1`, through `node:http`, which Node, Deno
 * and Bun provide), for code that needs a URL rather than an injected `fetch`, and for faults that
 * must really drop connections. A separate entry from `@aegis/sdk/testing`, so that the in-process
 * fake bundles for Workers and browsers without Node compatibility.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 * import { listen } from "@aegis/sdk/testing/server";
 *
 * await using fake = createFakeOrchestrator();
 * const server = await listen(fake);
 * const client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
 * console.log(await client.listAgents()); // [] (the server closes with the fake)
 * ```
 *
 * @module
 */

import { lifecycles } from "./internal/lifecycle.ts";
import { listenOn } from "./internal/socket.ts";

/** A fake orchestrator on a socket; closing the fake closes it too. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>`: the client's `baseUrl`. */
  readonly url: string;
  /** Connections open right now (to check that a client released its connections). */
  openConnections(): number;
  /** Closes the listener and drops every connection; calling it again returns the same promise. */
  close(): Promise<void>;
}

/** Options of {@link listen}. */
export interface ListenOptions {
  /** Port on `127.0.0.1` (default 0: any free port). */
  port?: number;
}

/**
 * Serves `fake` on `127.0.0.1`. Resolves once it listens; rejects when it cannot (a port in use,
 * no network permission such as Deno without `--allow-net`) or when the fake is already closed.
 * The server closes with the fake (`await using fake = ...`, or `await fake.close()`).
 *
 * @example A port in use rejects
 * ```ts
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 * import { listen } from "@aegis/sdk/testing/server";
 *
 * await using fake = createFakeOrchestrator();
 * const first = await listen(fake);
 * const port = Number(new URL(first.url).port);
 * await listen(fake, { port }).catch((error) => console.log(error.code)); // EADDRINUSE
 * ```
 */
export async function listen(
  fake: { readonly app: { fetch(request: Request): Response | Promise<Response> } },
  options: ListenOptions = {},
): Promise<FakeServer> {
  const lifecycle = lifecycles.get(fake);
  if (lifecycle === undefined) {
    throw new TypeError("listen(fake) needs a fake made by createFakeOrchestrator()");
  }
  if (lifecycle.signal.aborted) throw new Error("the fake orchestrator is closed");
  const server = await listenOn((request) => fake.app.fetch(request), options.port ?? 0);
  const forget = lifecycle.onClose(() => server.close());
  return {
    url: server.url,
    openConnections: () => server.openConnections(),
    close: () => {
      forget();
      return server.close();
    },
  };
}
