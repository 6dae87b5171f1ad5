/**
 * Serves the fake orchestrator on a real socket through `node:http` (available on Node, Deno
 * and Bun), with full control of the connection so faults can drop it before the headers or
 * cut the body after N bytes, as a real network failure would.
 *
 * Only the `testing/server` entry imports it, so the in-process fake never touches `node:*`.
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { RESET_HEADER, TRUNCATE_HEADER } from "./transport.ts";

/** A listening server. */
export interface Listening {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Connections open right now. */
  openConnections(): number;
  /** Closes the server and every connection (again: the same promise). */
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1 (`port` 0 picks a free port). Every failure to listen (a port in
 * use, no network permission) rejects the returned promise.
 */
export async function listenOn(
  handler: (request: Request) => Response | Promise<Response>,
  port: number,
): Promise<Listening> {
  await requireNetPermission(port);
  const sockets = new Set<Socket>();
  // Inside the async function, so that a synchronous throw (Deno without --allow-net throws
  // from `listen`) rejects the caller's promise instead of escaping it.
  const server = createServer((req, res) => {
    serve(handler, req, res).catch(() => res.socket?.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      server.close();
      reject(error);
    };
    server.once("error", fail);
    try {
      // A deep accept queue: with Node's default of 511, a burst of concurrent connections (a
      // load test opens 1,000 at once) overflows it, and every connection dropped that way
      // waits for the client to retry its SYN (after 1 s, then 3 s, 7 s...).
      server.listen({ port, host: "127.0.0.1", backlog: 2048 }, () => {
        server.off("error", fail);
        resolve();
      });
    } catch (error) {
      fail(error as Error);
    }
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actual}`,
    openConnections: () => sockets.size,
    close: () =>
      closed ??= new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** The parts of Deno's permission API used here (feature-detected: Node and Bun lack it). */
interface DenoPermissions {
  query(descriptor: { name: "net"; host: string }): Promise<{ state: string }>;
  request(descriptor: { name: "net"; host: string }): Promise<{ state: string }>;
}

/**
 * On Deno, checks the network permission first: without it, Deno's `node:http` throws from a
 * later tick, out of reach of the caller's promise.
 */
async function requireNetPermission(port: number): Promise<void> {
  const permissions = (globalThis as { Deno?: { permissions?: DenoPermissions } }).Deno
    ?.permissions;
  if (permissions === undefined) return;
  const descriptor = { name: "net", host: `127.0.0.1:${port}` } as const;
  let { state } = await permissions.query(descriptor);
  if (state === "prompt") ({ state } = await permissions.request(descriptor));
  if (state !== "granted") {
    throw new Error(
      `the fake orchestrator cannot listen on 127.0.0.1:${port}: no network permission ` +
        "(run Deno with --allow-net, or use the in-process fake.fetch)",
    );
  }
}

async function serve(
  handler: (request: Request) => Response | Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const gone = new AbortController();
  res.on("close", () => gone.abort());
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) { for (const v of value) headers.append(name, v); }
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  const body = hasBody
    ? new ReadableStream<Uint8Array>({
      start(controller) {
        req.on("data", (chunk: Uint8Array) => {
          controller.enqueue(new Uint8Array(chunk));
          // Backpressure: stop reading from the socket until the handler catches up.
          if ((controller.desiredSize ?? 1) <= 0) req.pause();
        });
        req.on("end", () => controller.close());
        req.on("error", (error) => controller.error(error));
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.destroy();
      },
    }, { highWaterMark: 4 })
    : undefined;
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers,
    body,
    signal: gone.signal,
    // @ts-ignore: `duplex` is required for streamed request bodies (not yet in every lib.dom).
    duplex: "half",
  });
  const response = await handler(request);
  if (response.headers.has(RESET_HEADER)) {
    req.socket.destroy();
    return;
  }
  const cutAfter = response.headers.get(TRUNCATE_HEADER);
  const limit = cutAfter === null ? Infinity : Number(cutAfter);
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === TRUNCATE_HEADER) return;
    if (name === "set-cookie") outHeaders[name] = response.headers.getSetCookie();
    else outHeaders[name] = value;
  });
  if (gone.signal.aborted) {
    // The client left while the handler ran: nobody will read this body.
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.writeHead(response.status, outHeaders);
  if (!response.body || method === "HEAD") {
    await response.body?.cancel().catch(() => {});
    res.end();
    return;
  }
  // An event stream's headers go out at once, like axum's: a stream that then fails is "200,
  // then the connection drops", not a connection that drops before any answer.
  const streaming = response.headers.get("content-type")?.startsWith("text/event-stream");
  if (limit === 0 || streaming) res.flushHeaders();
  const reader = response.body.getReader();
  gone.signal.addEventListener("abort", () => reader.cancel().catch(() => {}), { once: true });
  let sent = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - sent;
    const chunk = value.length > room ? value.subarray(0, room) : value;
    sent += chunk.length;
    if (chunk.length > 0 && !res.write(chunk)) {
      await new Promise<void>((resolve) => {
        res.once("drain", resolve);
        res.once("close", resolve);
      });
    }
    if (sent >= limit) {
      // Give the kernel the partial bytes, then drop the connection mid-body.
      await new Promise((resolve) => setTimeout(resolve, 10));
      await reader.cancel().catch(() => {});
      req.socket.destroy();
      return;
    }
  }
  res.end();
}
