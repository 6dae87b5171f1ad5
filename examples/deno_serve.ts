/**
 * Deno / Deno Deploy: the streaming proxy behind `Deno.serve`, configured from the environment
 * (`AEGIS_BASE_URL`, `AEGIS_TOKEN` or the Keycloak variables, `AEGIS_AGENT_ID`; `PORT`).
 *
 *     deno run --allow-net --allow-env --allow-read examples/deno_serve.ts
 *
 * then open http://127.0.0.1:8787/ for the browser page.
 *
 * @module
 */

import { AegisClient } from "../mod.ts";
import { createRunProxy } from "./streaming_proxy/handler.ts";

const agentId = Deno.env.get("AEGIS_AGENT_ID");
if (!agentId) throw new Error("set AEGIS_AGENT_ID to the agent this proxy runs");
// Reads AEGIS_BASE_URL and the credentials from the environment.
const client = new AegisClient();
const page = await Deno.readTextFile(new URL("./browser/index.html", import.meta.url));
const handler = createRunProxy(client, { agentId, page });

Deno.serve({
  hostname: "127.0.0.1",
  port: Number(Deno.env.get("PORT") ?? 8787),
  onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}/`),
}, handler);
