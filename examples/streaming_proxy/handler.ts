/**
 * The streaming proxy the server recipes mount (Deno, Node, Bun, Cloudflare Workers): a browser
 * asks for a run with `GET /runs?input=…`; the proxy starts the execution with the orchestrator
 * credentials only it holds and passes the live events on as Server-Sent Events, so the page
 * never sees the orchestrator, its token or fields it should not see.
 *
 * A real deployment authenticates the browser before starting work on its behalf: put that
 * check at the top of the handler.
 *
 * @module
 */

import type { AegisClient } from "../../mod.ts";

/** What the browser receives for each execution event. */
export interface RunProgress {
  type: string;
  message: string;
  /** The final output, on the completion event. */
  output?: string;
  /** The failure reason, on the failure event. */
  reason?: string;
}

/** Options of {@link createRunProxy}. */
export interface RunProxyOptions {
  /** The agent the proxy runs. */
  agentId: string;
  /** HTML served at `/` (the browser recipe's page), if any. */
  page?: string;
}

/** A web-standard `fetch` handler: the same function runs on every runtime. */
export function createRunProxy(
  client: AegisClient,
  options: RunProxyOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname === "/" && options.page !== undefined) {
      return new Response(options.page, {
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    if (request.method !== "GET" || url.pathname !== "/runs") {
      return Response.json({ error: "not found" }, { status: 404 });
    }
    const input = url.searchParams.get("input");
    if (!input) {
      return Response.json({ error: "the input query parameter is required" }, { status: 400 });
    }
    try {
      const { execution_id } = await client.startExecution(options.agentId, input, {
        signal: request.signal,
      });
      const events = await client.streamExecution(execution_id, { signal: request.signal });
      return events.toResponse({
        // The browser going away ends the orchestrator stream too.
        signal: request.signal,
        transform: (event): { event: string; data: RunProgress } => {
          const progress: RunProgress = { type: event.event_type, message: event.message };
          const { ExecutionCompleted: completed, ExecutionFailed: failed } = event.details;
          if (completed) progress.output = completed.final_output;
          if (failed) progress.reason = failed.reason;
          return { event: "progress", data: progress };
        },
      });
    } catch (error) {
      // SDK errors never carry credentials; still, tell the browser only what kind of failure.
      const name = error instanceof Error ? error.name : "Error";
      return Response.json({ error: name }, { status: 502 });
    }
  };
}
