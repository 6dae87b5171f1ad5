import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InternalServerError, RateLimitError } from "../../mod.ts";
import { helloManifest, setup } from "../helpers.ts";

const GENERATE = {
  type: "generate" as const,
  agent_id: "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10",
  execution_id: "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11",
  iteration_number: 1,
  prompt: "list the files",
  messages: [],
  model_alias: "default",
};

const gatewayCalls = (h: ReturnType<typeof setup>) =>
  h.fake.requests.filter((r) => r.path === "/v1/dispatch-gateway").length;

describe("dispatchGateway", () => {
  it("is sent once when the gateway answers 503 or 429: it acted before failing", async () => {
    const h = setup({ maxRetries: 3 });
    // The gateway answers 503/429 after the LLM call failed (and llm_call_failed was
    // published), so a repeat would run the turn again.
    h.fake.faults.add({
      path: "/v1/dispatch-gateway",
      status: 503,
      headers: { "retry-after": "0" },
      body: { error: "upstream_unavailable: provider is down" },
      times: Infinity,
    });
    const error = await h.client.dispatchGateway(GENERATE).catch((e) => e);
    assert.ok(error instanceof InternalServerError, String(error));
    assert.equal(error.code, "upstream_unavailable");
    assert.equal(gatewayCalls(h), 1, "counted at the fake");

    const limited = setup({ maxRetries: 3 });
    limited.fake.faults.add({
      path: "/v1/dispatch-gateway",
      status: 429,
      headers: { "retry-after": "0" },
      body: { error: "upstream_rate_limit: slow down" },
      times: Infinity,
    });
    await assert.rejects(limited.client.dispatchGateway(GENERATE), RateLimitError);
    assert.equal(gatewayCalls(limited), 1);
  });

  it("other POST routes that have not acted on 503 are still retried", async () => {
    const h = setup({ maxRetries: 3 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    h.fake.faults.sequence([503], {
      path: `/v1/agents/${agent_id}/execute`,
      headers: { "retry-after": "0" },
    });
    await h.client.executeAgent(agent_id, "hi");
    const executes = h.fake.requests.filter((r) => r.path === `/v1/agents/${agent_id}/execute`);
    assert.equal(executes.length, 2);
  });

  it("returns the orchestrator's reply typed as a dispatch or a final message", async () => {
    const h = setup();
    const reply = await h.client.dispatchGateway(GENERATE).catch((e) => e);
    // Without a loop for this execution the fake answers like the orchestrator: a final
    // message, a dispatch, or an error; whichever it is, it is an object, never `unknown` text.
    if (!(reply instanceof Error)) {
      assert.equal(typeof reply, "object");
      assert.ok("type" in reply ? reply.type === "dispatch" : typeof reply.content === "string");
    }
  });
});
