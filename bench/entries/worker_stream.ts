// A Cloudflare Worker that starts an execution and streams its events to the caller as JSON
// lines, with function imports (no `AegisClient`) and a bearer token from the Worker's env.
import { AegisCore, startExecution, streamExecution } from "@aegis/sdk/client";

interface Env {
  AEGIS_URL: string;
  AEGIS_TOKEN: string;
  AGENT_ID: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const core = new AegisCore({
      baseUrl: env.AEGIS_URL,
      bearerToken: env.AEGIS_TOKEN,
    });
    const { execution_id } = await startExecution(
      core,
      env.AGENT_ID,
      await request.text(),
    );
    const events = await streamExecution(core, execution_id, {
      signal: request.signal,
    });
    const encoder = new TextEncoder();
    const iterator = events[Symbol.asyncIterator]();
    return new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(JSON.stringify(value) + "\n"));
        },
        cancel: () => events.close(),
      }),
      { headers: { "content-type": "application/x-ndjson" } },
    );
  },
};
