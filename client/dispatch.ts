/**
 * Dispatch gateway (`POST /v1/dispatch-gateway`): the agent-container side of the inner loop.
 * Custom bootstraps normally use `runBootstrap` from `@aegis/sdk/bootstrap`, which calls this.
 *
 * @module
 */

import type { AgentMessage, OrchestratorMessage } from "../bootstrap/types.ts";
import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { expectObject } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";

/**
 * Sends one dispatch-protocol message (`generate` or `dispatch_result`) and returns the
 * orchestrator's reply: a dispatch (`type: "dispatch"`) or a final message (no `type` field;
 * `parseOrchestratorMessage` from `@aegis/sdk/bootstrap` validates and fills defaults). Never
 * retried automatically: the gateway answers 429/503 only after the LLM call failed (and
 * published `llm_call_failed`), so a repeat would run the turn again. The route needs no
 * credentials.
 *
 * @example
 * ```ts
 * import { AegisCore, dispatchGateway } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: createFakeOrchestrator().fetch });
 * const reply = await dispatchGateway(core, {
 *   type: "generate", agent_id: crypto.randomUUID(), execution_id: crypto.randomUUID(),
 *   iteration_number: 1, prompt: "list the files", messages: [], model_alias: "default",
 * });
 * console.log(reply);
 * ```
 */
export function dispatchGateway(
  core: AegisCore,
  message: AgentMessage,
  options?: RequestOptions,
): AegisPromise<OrchestratorMessage> {
  return AegisPromise.run(core, async (core) => {
    const reply = await core.request({
      method: "POST",
      path: "/v1/dispatch-gateway",
      json: message,
      // 429/503 come after the LLM call failed and `llm_call_failed` was published.
      unprocessedStatuses: [],
    }, options);
    return expectObject<OrchestratorMessage>(reply, "POST /v1/dispatch-gateway");
  });
}
