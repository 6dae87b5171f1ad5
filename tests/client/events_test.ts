import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisProtocolError,
  decodeExecutionEvent,
  decodeWorkflowLogEvent,
  type ExecutionEvent,
  isExecutionEventType,
  isTerminalExecutionEvent,
  type SSEMessage,
  type WorkflowLogEvent,
} from "../../client/mod.ts";
import { helloManifest, setup } from "../helpers.ts";

const message = (data: unknown): SSEMessage => ({
  event: "message",
  id: undefined,
  retry: undefined,
  data: typeof data === "string" ? data : JSON.stringify(data),
});

const envelope = {
  category: "execution",
  timestamp: "2026-01-01T00:00:00Z",
  execution_id: "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11",
  agent_id: "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10",
  iteration: null,
  message: "m",
};

/**
 * Compile-time checks (deno check / tsc run them; the functions are never called): comparing
 * `event_type` with a known name narrows `details` to that variant, other variants are typed
 * absent, the type guards narrow to the known variants alone, and unknown event types stay
 * usable.
 */
export const narrowingCompiles = {
  comparison(event: ExecutionEvent): void {
    if (event.event_type === "execution_completed") {
      const output: string | undefined = event.details.ExecutionCompleted?.final_output;
      // @ts-expect-error another variant's payload is typed absent after narrowing
      const reason: string = event.details.ExecutionFailed.reason;
      // @ts-expect-error payload fields keep their types
      const wrong: number | undefined = event.details.ExecutionCompleted?.final_output;
      void [output, reason, wrong];
    }
  },
  switchStatement(event: ExecutionEvent): void {
    switch (event.event_type) {
      case "llm_interaction": {
        const tokens: number | null | undefined = event.details.LlmInteraction?.input_tokens;
        void tokens;
        break;
      }
      case "multi_judge_consensus": {
        const scores = event.details.Validation?.MultiJudgeConsensus.judge_scores;
        const first: [string, number] | undefined = scores?.[0];
        void first;
        break;
      }
    }
  },
  unknownType(event: ExecutionEvent): void {
    // Types the SDK does not know (storage, MCP, newer ones) keep an open `details`.
    if (event.event_type === "file_written") {
      const anything: unknown = event.details.FileWritten;
      void anything;
    }
  },
  guard(event: ExecutionEvent): void {
    if (isExecutionEventType(event, "execution_failed")) {
      const reason: string = event.details.ExecutionFailed.reason;
      // @ts-expect-error the guard leaves no other variant
      const output: string = event.details.ExecutionCompleted.final_output;
      void [reason, output];
    }
  },
  terminal(event: ExecutionEvent): void {
    if (isTerminalExecutionEvent(event)) {
      // @ts-expect-error only terminal types remain
      const notTerminal: typeof event.event_type = "iteration_started";
      void notTerminal;
    }
  },
  workflowLog(log: WorkflowLogEvent): void {
    if (log.event_type === "WorkflowStateEntered") {
      const state: string | undefined = log.details.WorkflowStateEntered?.state_name;
      // @ts-expect-error another variant's payload is typed absent
      const reason: string = log.details.WorkflowExecutionFailed.reason;
      void [state, reason];
    }
  },
};

describe("decodeExecutionEvent / decodeWorkflowLogEvent (one decoder)", () => {
  it("passes known and unknown event types through as sent", () => {
    const known = {
      ...envelope,
      event_type: "execution_failed",
      details: {
        type: "execution",
        ExecutionFailed: {
          execution_id: envelope.execution_id,
          agent_id: envelope.agent_id,
          reason: "boom",
          total_iterations: 1,
          failed_at: "t",
        },
      },
    };
    assert.deepEqual(decodeExecutionEvent(message(known)), known);
    const unknown = { ...envelope, event_type: "file_written", details: { type: "storage" } };
    assert.deepEqual(decodeExecutionEvent(message(unknown)), unknown);
  });

  it("refuses a known type without its payload, non-JSON, non-objects and missing fields", () => {
    const cases: [unknown, RegExp][] = [
      ["not json", /not JSON/],
      [[1, 2], /not a JSON object/],
      [{ ...envelope, details: {} }, /without an event_type/],
      [{ ...envelope, event_type: "execution_started" }, /without details/],
      [
        { ...envelope, event_type: "execution_completed", details: { type: "execution" } },
        /execution_completed event without details\.ExecutionCompleted/,
      ],
      [
        {
          ...envelope,
          event_type: "multi_judge_consensus",
          details: { type: "execution", MultiJudgeConsensus: {} },
        },
        /without details\.Validation\.MultiJudgeConsensus/,
      ],
    ];
    for (const [data, pattern] of cases) {
      assert.throws(() => decodeExecutionEvent(message(data)), (e: unknown) => {
        assert.ok(e instanceof AegisProtocolError);
        assert.match(e.message, /^execution stream sent/);
        assert.match(e.message, pattern);
        return true;
      });
    }
    // The same decoder, configured for the workflow log stream.
    assert.throws(
      () =>
        decodeWorkflowLogEvent(message({
          execution_id: "e",
          event_type: "WorkflowStateEntered",
          message: "m",
          timestamp: "t",
          details: { WorkflowStateExited: {} },
        })),
      /workflow log stream sent a WorkflowStateEntered event without details\.WorkflowStateEntered/,
    );
    const error = { error: "workflow execution not found" };
    assert.deepEqual(decodeWorkflowLogEvent(message(error)), error);
  });

  it("every event the fake streams for a run decodes, and the terminal one narrows", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "hi");
    let output: string | undefined;
    for await (const event of await h.client.streamExecution(execution_id)) {
      if (isExecutionEventType(event, "execution_completed")) {
        output = event.details.ExecutionCompleted.final_output;
      }
    }
    assert.equal(typeof output, "string");
  });
});
