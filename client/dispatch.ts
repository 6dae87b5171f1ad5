/**
 * Dispatch gateway (`POST /v1/dispatch-gateway`): the agent-container side of the inner loop.
 * Custom bootstraps normally use `runBootstrap` from `@aegis/sdk/bootstrap`, which calls this.
 *
 * @module
 */

import type { AegisCore } from "./core/core.ts";
import type { RequestOptions } from "./core/options.ts";

/**
 * Sends one dispatch-protocol message (`generate` or `dispatch_result`) and returns the
 * orchestrator's raw reply (a dispatch or a final message: parse it with
 * `parseOrchestratorMessage` from `@aegis/sdk/bootstrap`). Never retried automatically except on
 * 429/503: a repeated `generate` would start a second LLM turn. The route needs no credentials.
 *
 * @example
 * ```ts
 * import { AegisCore, dispatchGateway } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const core = new AegisCore({ baseUrl: "http://fake", fetch: createFakeOrchestrator().fetch });
 * const reply = await dispatchGateway(core, {
 *   type: "generate", agent_id: crypto.randomUUID(), execution_id: crypto.randomUUID(),
 *   iteration_number: 1, prompt: "list the files", messages: [], model_alias: "default",
 * });
 * console.log(reply);
 * ```
 */
export async function dispatchGateway(
  core: AegisCore,
  message: unknown,
  options?: RequestOptions,
): Promise<unknown> {
  return await core.request(
    { method: "POST", path: "/v1/dispatch-gateway", json: message },
    options,
  );
}
