/**
 * Node: the streaming proxy on `node:http`, configured from the environment (`AEGIS_BASE_URL`,
 * `AEGIS_TOKEN` or the Keycloak variables, `AEGIS_AGENT_ID`; `PORT`).
 *
 *     node --import tsx examples/node_server.ts
 *
 * then open http://127.0.0.1:8787/ for the browser page.
 *
 * @module
 */

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import process from "node:process";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { AegisClient } from "../mod.ts";
import { createRunProxy } from "./streaming_proxy/handler.ts";

const agentId = process.env.AEGIS_AGENT_ID;
if (!agentId) throw new Error("set AEGIS_AGENT_ID to the agent this proxy runs");
// Reads AEGIS_BASE_URL and the credentials from the environment.
const client = new AegisClient();
const page = await readFile(new URL("./browser/index.html", import.meta.url), "utf8");
const handler = createRunProxy(client, { agentId, page });

const server = createServer(async (req, res) => {
  // The request's signal follows the browser: closing the tab aborts the orchestrator stream.
  const closed = new AbortController();
  res.on("close", () => closed.abort());
  const request = new Request(new URL(req.url ?? "/", "http://127.0.0.1"), {
    method: req.method,
    signal: closed.signal,
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body === null) return void res.end();
  // pipeline destroys the web stream when the socket closes, which cancels it.
  await pipeline(Readable.fromWeb(response.body as NodeWebStream<Uint8Array>), res).catch(() => {});
});
server.listen(Number(process.env.PORT ?? 8787), "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : "?";
  console.log(`listening on http://127.0.0.1:${port}/`);
});
