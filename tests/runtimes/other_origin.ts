/**
 * A second origin on 127.0.0.1 for the harnesses (Node side): it counts every request that
 * reaches it, so a harness can check that a refused redirect sent it nothing.
 *
 * @module
 */

import { createServer } from "node:http";

/** A running second origin. */
export interface OtherOrigin {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests received so far (`METHOD path`). */
  received: string[];
  close(): Promise<void>;
}

/** Starts a server that answers every request with 200 `{leaked: true}` and records it. */
export async function startOtherOrigin(): Promise<OtherOrigin> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.writeHead(200, { "content-type": "application/json" }).end('{"leaked":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
