import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisProtocolError,
  InvalidArgumentError,
  NotFoundError,
  WorkflowExecutionFailedError,
  type WorkflowLogEvent,
} from "../../mod.ts";
import type { WorkflowManifest } from "../../manifest/mod.ts";
import { type Harness, setup } from "../helpers.ts";

function systemWorkflow(name = "sys"): WorkflowManifest {
  return {
    apiVersion: "100monkeys.ai/v1",
    kind: "Workflow",
    metadata: { name, version: "1.0.0" },
    spec: {
      initial_state: "BUILD",
      states: {
        BUILD: {
          kind: "System",
          command: "make",
          transitions: [{ condition: "on_success", target: "TEST" }],
        },
        TEST: { kind: "System", command: "make test", transitions: [] },
      },
    },
  };
}

/** ASK (Human) → yes: DEPLOY (System, `command`) / no: STOP. */
function humanWorkflow(name = "ask", deployCommand = "deploy"): WorkflowManifest {
  return {
    apiVersion: "100monkeys.ai/v1",
    kind: "Workflow",
    metadata: { name, version: "1.0.0" },
    spec: {
      initial_state: "ASK",
      states: {
        ASK: {
          kind: "Human",
          prompt: "Deploy?",
          timeout: "10m",
          transitions: [
            { condition: "input_equals_yes", target: "DEPLOY" },
            { condition: "input_equals_no", target: "STOP" },
          ],
        },
        DEPLOY: { kind: "System", command: deployCommand, transitions: [] },
        STOP: { kind: "System", command: "true", transitions: [] },
      },
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function startRuns(h: Harness, count: number): Promise<string[]> {
  await h.client.registerWorkflow(systemWorkflow());
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await h.client.runWorkflow("sys", i)).execution_id);
  return ids;
}

async function finished(h: Harness, id: string): Promise<boolean> {
  const status = (await h.client.getWorkflowExecution(id)).status;
  return status === "completed" || status === "failed" || status === "cancelled";
}

describe("listWorkflowExecutions", () => {
  it("sends limit, offset and workflow_id, and returns the bare array", async () => {
    const h = setup();
    const ids = await startRuns(h, 3);
    const workflowId = (await h.client.getWorkflow("sys")).id;
    const page = await h.client.listWorkflowExecutions({ limit: 2, offset: 1, workflowId });
    const req = h.last("/v1/workflows/executions");
    assert.equal(req.method, "GET");
    assert.equal(req.search, `limit=2&offset=1&workflow_id=${workflowId}`);
    assert.equal(page.length, 2);
    // Newest first: offset 1 skips the last run.
    assert.deepEqual(page.map((e) => e.execution_id), [ids[1], ids[0]]);
    const first = page[0];
    assert.equal(first.workflow_id, workflowId);
    assert.equal(first.workflow_name, "sys");
    assert.ok(["running", "completed"].includes(first.status));
    assert.equal(typeof first.current_state, "string");
    assert.equal(first.tenant_id, "aegis-system");
    await h.client.listWorkflowExecutions();
    assert.equal(h.last("/v1/workflows/executions").search, "");
  });

  it("refuses values the server would silently ignore", async () => {
    const h = setup();
    await assert.rejects(h.client.listWorkflowExecutions({ limit: 0 }), InvalidArgumentError);
    await assert.rejects(h.client.listWorkflowExecutions({ offset: -1 }), InvalidArgumentError);
    await assert.rejects(h.client.listWorkflowExecutions({ limit: 1.5 }), InvalidArgumentError);
    await assert.rejects(
      h.client.listWorkflowExecutions({ workflowId: "sys" }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, 0);
  });
});

describe("iterateWorkflowExecutions", () => {
  it("walks every page exactly once", async () => {
    const h = setup();
    const ids = await startRuns(h, 7);
    const seen: string[] = [];
    for await (const execution of h.client.iterateWorkflowExecutions({ pageSize: 3 })) {
      seen.push(execution.execution_id);
    }
    assert.deepEqual(seen, [...ids].reverse());
    const pages = h.fake.requests.filter((r) => r.path === "/v1/workflows/executions");
    assert.deepEqual(pages.map((r) => r.search), [
      "limit=3&offset=0",
      "limit=3&offset=3",
      "limit=3&offset=6",
    ]);
  });

  it("asks once more after an exactly full last page and stops on the empty page", async () => {
    const h = setup();
    await startRuns(h, 4);
    let count = 0;
    for await (const _ of h.client.iterateWorkflowExecutions({ pageSize: 2 })) count++;
    assert.equal(count, 4);
    const pages = h.fake.requests.filter((r) => r.path === "/v1/workflows/executions");
    assert.equal(pages.length, 3);
  });

  it("does not repeat executions that shift to a later page during the walk", async () => {
    const h = setup();
    const ids = await startRuns(h, 4);
    const seen: string[] = [];
    let started = false;
    for await (const execution of h.client.iterateWorkflowExecutions({ pageSize: 2 })) {
      seen.push(execution.execution_id);
      if (!started) {
        started = true;
        await h.client.runWorkflow("sys", "late");
      }
    }
    assert.equal(new Set(seen).size, seen.length);
    for (const id of ids) assert.ok(seen.includes(id));
  });

  it("fails instead of looping when the server ignores offset", async () => {
    const h = setup();
    const ids = await startRuns(h, 2);
    const page = await h.client.listWorkflowExecutions({ limit: 2 });
    h.fake.faults.add({
      path: "/v1/workflows/executions",
      status: 200,
      body: page,
      times: Infinity,
    });
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const e of h.client.iterateWorkflowExecutions({ pageSize: 2 })) {
        seen.push(e.execution_id);
      }
    }, AegisProtocolError);
    assert.deepEqual(seen.sort(), [...ids].sort());
  });

  it("validates pageSize before sending", async () => {
    const h = setup();
    await assert.rejects(async () => {
      for await (const _ of h.client.iterateWorkflowExecutions({ pageSize: 0 })) break;
    }, InvalidArgumentError);
    assert.equal(h.fake.requests.length, 0);
  });
});

describe("get / remove / cancel", () => {
  it("gets an execution with blackboard and state outputs once it completes", async () => {
    const h = setup();
    await h.client.registerWorkflow(systemWorkflow());
    const run = await h.client.runWorkflow("sys", "x", { blackboard: { k: "v" } });
    await until(() => finished(h, run.execution_id), "completion");
    const execution = await h.client.getWorkflowExecution(run.execution_id);
    assert.equal(h.last().path, `/v1/workflows/executions/${run.execution_id}`);
    assert.equal(execution.execution_id, run.execution_id);
    assert.equal(execution.workflow_id, run.workflow_id);
    assert.equal(execution.status, "completed");
    assert.equal(execution.current_state, "TEST");
    assert.deepEqual(execution.blackboard, { k: "v" });
    assert.deepEqual(Object.keys(execution.state_outputs).sort(), ["BUILD", "TEST"]);
    assert.equal(execution.temporal_run_id, run.temporal_run_id);
  });

  it("maps unknown ids to NotFoundError and refuses non-UUIDs before sending", async () => {
    const h = setup();
    const missing = crypto.randomUUID();
    const error = await h.client.getWorkflowExecution(missing).catch((e) => e);
    assert.ok(error instanceof NotFoundError);
    assert.match(error.message, /workflow execution not found/);
    await assert.rejects(h.client.removeWorkflowExecution(missing), NotFoundError);
    await assert.rejects(h.client.cancelWorkflowExecution(missing), NotFoundError);
    const sent = h.fake.requests.length;
    for (const bad of ["not-a-uuid", "..", "a/b?c#d", "", undefined as unknown as string]) {
      const error = await h.client.getWorkflowExecution(bad).catch((e) => e);
      assert.ok(error instanceof InvalidArgumentError, String(error));
      assert.equal(error.argument, "executionId");
      assert.match(error.message, /workflow execution UUID/);
    }
    assert.equal(h.fake.requests.length, sent, "nothing was sent");
  });

  it("cancels with 202 and records the cancellation", async () => {
    const h = setup();
    await h.client.registerWorkflow(humanWorkflow());
    const run = await h.client.runWorkflow("ask", null);
    const result = await h.client.cancelWorkflowExecution(run.execution_id);
    const req = h.last(`/v1/workflows/executions/${run.execution_id}/cancel`);
    assert.equal(req.method, "POST");
    assert.deepEqual(result, { status: "cancel_requested", execution_id: run.execution_id });
    assert.equal((await h.client.getWorkflowExecution(run.execution_id)).status, "cancelled");
    const logs = await h.client.getWorkflowExecutionLogs(run.execution_id);
    assert.equal(logs.events.at(-1)?.event_type, "WorkflowExecutionCancelled");
  });

  it("removes an execution record", async () => {
    const h = setup();
    const [id] = await startRuns(h, 1);
    const result = await h.client.removeWorkflowExecution(id);
    assert.equal(h.last().method, "DELETE");
    assert.deepEqual(result, { status: "removed", execution_id: id });
    await assert.rejects(h.client.getWorkflowExecution(id), NotFoundError);
  });
});

describe("signalWorkflowExecution", () => {
  it("sends {response} (202) and the waiting Human state resumes", async () => {
    const h = setup();
    await h.client.registerWorkflow(humanWorkflow());
    const run = await h.client.runWorkflow("ask", null);
    await until(() => h.fake.workflows.approvals.size === 1, "the Human state");
    const result = await h.client.signalWorkflowExecution(run.execution_id, "yes");
    const req = h.last(`/v1/workflows/executions/${run.execution_id}/signal`);
    assert.equal(req.method, "POST");
    assert.deepEqual(JSON.parse(req.body!), { response: "yes" });
    assert.deepEqual(result, { status: "signal_sent", execution_id: run.execution_id });
    await until(() => finished(h, run.execution_id), "completion");
    const execution = await h.client.getWorkflowExecution(run.execution_id);
    assert.equal(execution.status, "completed");
    assert.equal(execution.current_state, "DEPLOY");
    assert.equal(execution.state_outputs.ASK, "yes");
    assert.equal(h.fake.workflows.approvals.size, 0);
  });

  it("404s unknown executions and refuses non-string responses locally", async () => {
    const h = setup();
    await assert.rejects(
      h.client.signalWorkflowExecution(crypto.randomUUID(), "yes"),
      NotFoundError,
    );
    await assert.rejects(h.client.signalWorkflowExecution("nope", "yes"), InvalidArgumentError);
    await assert.rejects(
      () => h.client.signalWorkflowExecution(crypto.randomUUID(), { ok: true } as never),
      InvalidArgumentError,
    );
  });
});

describe("workflow execution logs", () => {
  it("gets a page with limit/offset echoed", async () => {
    const h = setup();
    const [id] = await startRuns(h, 1);
    await until(() => finished(h, id), "completion");
    const all = await h.client.getWorkflowExecutionLogs(id);
    assert.equal(h.last().search, "");
    assert.equal(all.execution_id, id);
    assert.equal(all.limit, 100);
    assert.equal(all.offset, 0);
    assert.equal(all.count, all.events.length);
    assert.deepEqual(all.events.map((e) => e.event_type), [
      "WorkflowExecutionStarted",
      "WorkflowStateEntered",
      "WorkflowStateExited",
      "WorkflowStateEntered",
      "WorkflowStateExited",
      "WorkflowExecutionCompleted",
    ]);
    const entered = all.events[1];
    assert.equal(entered.state_name, "BUILD");
    assert.equal(entered.workflow_name, "sys");
    assert.equal(entered.details.event_type, "WorkflowStateEntered");
    const page = await h.client.getWorkflowExecutionLogs(id, { limit: 2, offset: 3 });
    assert.equal(h.last().search, "limit=2&offset=3");
    assert.deepEqual(page.events, all.events.slice(3, 5));
    assert.equal(page.count, 2);
    assert.equal(page.limit, 2);
    assert.equal(page.offset, 3);
  });

  it("404s an unknown execution", async () => {
    const h = setup();
    await assert.rejects(h.client.getWorkflowExecutionLogs(crypto.randomUUID()), NotFoundError);
  });

  it("iterates every page once, in order", async () => {
    const h = setup();
    const [id] = await startRuns(h, 1);
    await until(() => finished(h, id), "completion");
    const all = (await h.client.getWorkflowExecutionLogs(id)).events;
    const before = h.fake.requests.length;
    const walked: WorkflowLogEvent[] = [];
    for await (const event of h.client.iterateWorkflowExecutionLogs(id, { pageSize: 4 })) {
      walked.push(event);
    }
    assert.deepEqual(walked, all);
    const pages = h.fake.requests.slice(before).map((r) => r.search);
    assert.deepEqual(pages, ["limit=4&offset=0", "limit=4&offset=4"]);
    const tail: WorkflowLogEvent[] = [];
    for await (const e of h.client.iterateWorkflowExecutionLogs(id, { pageSize: 3, offset: 3 })) {
      tail.push(e);
    }
    assert.deepEqual(tail, all.slice(3));
  });

  it("stops on a page shorter than the limit the server echoed", async () => {
    const h = setup();
    const [id] = await startRuns(h, 1);
    await until(() => finished(h, id), "completion");
    const all = (await h.client.getWorkflowExecutionLogs(id)).events;
    // A server clamping the page size to 2 must not end the walk after the first page.
    for (let offset = 0; offset <= all.length; offset += 2) {
      const events = all.slice(offset, offset + 2);
      h.fake.faults.add({
        path: `/v1/workflows/executions/${id}/logs`,
        status: 200,
        body: { execution_id: id, events, count: events.length, limit: 2, offset },
      });
    }
    const walked: WorkflowLogEvent[] = [];
    for await (const e of h.client.iterateWorkflowExecutionLogs(id, { pageSize: 50 })) {
      walked.push(e);
    }
    assert.deepEqual(walked, all);
  });
});

describe("streamWorkflowExecutionLogs", () => {
  it("streams live events and ends cleanly after WorkflowExecutionCompleted", async () => {
    const h = setup();
    await h.client.registerWorkflow(humanWorkflow());
    const run = await h.client.runWorkflow("ask", null);
    await until(() => h.fake.workflows.approvals.size === 1, "the Human state");
    const stream = await h.client.streamWorkflowExecutionLogs(run.execution_id);
    const req = h.last(`/v1/workflows/executions/${run.execution_id}/logs/stream`);
    assert.equal(req.headers.get("accept"), "text/event-stream");
    assert.equal(req.headers.get("authorization"), `Bearer ${h.fake.token}`);
    await h.client.signalWorkflowExecution(run.execution_id, "yes");
    const events = await stream.toArray();
    assert.deepEqual(events.map((e) => [e.event_type, e.state_name]), [
      ["WorkflowStateExited", "ASK"],
      ["WorkflowStateEntered", "DEPLOY"],
      ["WorkflowStateExited", "DEPLOY"],
      ["WorkflowExecutionCompleted", undefined],
    ]);
    const entered = events[1];
    assert.equal(entered.execution_id, run.execution_id);
    assert.match(entered.timestamp, /\+00:00$/);
    assert.ok("WorkflowStateEntered" in entered.details);
  });

  it("ends on WorkflowExecutionFailed and WorkflowExecutionCancelled", async () => {
    const h = setup();
    await h.client.registerWorkflow(humanWorkflow("ask", "exit 3"));
    const failing = await h.client.runWorkflow("ask", null);
    await until(() => h.fake.workflows.approvals.size === 1, "the Human state");
    const failStream = await h.client.streamWorkflowExecutionLogs(failing.execution_id);
    await h.client.signalWorkflowExecution(failing.execution_id, "y");
    const failed = await failStream.toArray();
    assert.equal(failed.at(-1)?.event_type, "WorkflowExecutionFailed");

    const cancelled = await h.client.runWorkflow("ask", null);
    const cancelStream = await h.client.streamWorkflowExecutionLogs(cancelled.execution_id);
    await h.client.cancelWorkflowExecution(cancelled.execution_id);
    const events = await cancelStream.toArray();
    assert.equal(events.at(-1)?.event_type, "WorkflowExecutionCancelled");
  });

  it("turns the in-stream {error} of an unknown execution into an embedded NotFoundError", async () => {
    const h = setup();
    const stream = await h.client.streamWorkflowExecutionLogs(crypto.randomUUID());
    assert.equal(stream.status, 200);
    const error = await stream.toArray().catch((e) => e);
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.embedded, true);
    assert.match(error.message, /workflow execution not found/);
  });
});

describe("runWorkflowExecution", () => {
  it("runs, follows the live log and resolves with the finished execution", async () => {
    const h = setup();
    await h.client.registerWorkflow(systemWorkflow());
    const { run, execution } = await h.client.runWorkflowExecution("sys", { k: 1 });
    assert.equal(execution.execution_id, run.execution_id);
    assert.equal(execution.status, "completed");
    assert.deepEqual(Object.keys(execution.state_outputs).sort(), ["BUILD", "TEST"]);
    assert.ok(
      h.fake.requests.some((r) =>
        r.path === `/v1/workflows/executions/${run.execution_id}/logs/stream`
      ),
    );
  });

  it("follows a run that waits for a human until it ends", async () => {
    const h = setup();
    await h.client.registerWorkflow(humanWorkflow());
    const pending = h.client.runWorkflowExecution("ask", null);
    let id: string | undefined;
    await until(async () => {
      id = (await h.client.listWorkflowExecutions())[0]?.execution_id;
      return id !== undefined && (await h.client.getWorkflowExecution(id)).current_state === "ASK";
    }, "the run to wait in ASK");
    await h.client.signalWorkflowExecution(id!, "yes");
    const { execution } = await pending;
    assert.equal(execution.status, "completed");
  });

  it("rejects with WorkflowExecutionFailedError carrying the reason", async () => {
    const h = setup();
    await h.client.registerWorkflow({
      ...systemWorkflow("broken"),
      spec: {
        initial_state: "A",
        states: { A: { kind: "System", command: "false", transitions: [] } },
      },
    });
    const error = await h.client.runWorkflowExecution("broken", null).catch((e) => e);
    assert.ok(error instanceof WorkflowExecutionFailedError, String(error));
    assert.equal(error.outcome, "failed");
    assert.match(error.reason, /A/);
  });
});
