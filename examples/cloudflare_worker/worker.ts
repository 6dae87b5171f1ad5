/**
 * Cloudflare Workers: the streaming proxy as a Worker (`wrangler.toml` beside this file). The
 * orchestrator credentials are Worker secrets (`wrangler secret put AEGIS_TOKEN`); the browser
 * only ever talks to the Worker. Needs no `nodejs_compat`.
 *
 *     npx wrangler dev
 *
 * @module
 */

import { AegisClient } from "../../mod.ts";
import { createRunProxy } from "../streaming_proxy/handler.ts";

/** The Worker's bindings (`[vars]` and secrets in wrangler.toml). */
export interface Env {
  AEGIS_BASE_URL: string;
  AEGIS_TOKEN: string;
  AEGIS_AGENT_ID: string;
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    // Workers have no process environment: options come from the bindings.
    const client = new AegisClient({ baseUrl: env.AEGIS_BASE_URL, bearerToken: env.AEGIS_TOKEN });
    return createRunProxy(client, { agentId: env.AEGIS_AGENT_ID })(request);
  },
};
