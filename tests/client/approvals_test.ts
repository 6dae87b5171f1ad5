import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type AegisApiError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
} from "../../mod.ts";
import type { WorkflowManifest } from "../../manifest/mod.ts";
import { setup } from "../helpers.ts";

const GATE: WorkflowManifest = {
  apiVersion: "100monkeys.ai/v1",
  kind: "Workflow",
  metadata: { name: "gate", version: "1.0.0" },
  spec: {
    initial_state: "REVIEW",
    states: {
      REVIEW: {
        kind: "Human",
        prompt: "Ship it?",
        timeout: "2m",
        transitions: [
          { condition: "all_approved", target: "SHIP" },
          { condition: "any_rejected", target: "DROP" },
        ],
      },
      SHIP: { kind: "System", command: "ship", transitions: [] },
      DROP: { kind: "System", command: "true", transitions: [] },
    },
  },
};

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function assertEmbedded(
  promise: Promise<unknown>,
  type: typeof AegisApiError,
  message: RegExp,
): Promise<void> {
  const error = await promise.then(() => undefined, (e) => e);
  assert.ok(error instanceof type, `expected ${type.name}, got ${error}`);
  assert.equal(error.status, 200);
  assert.equal(error.embedded, true);
  assert.match(error.message, message);
}

describe("listPendingApprovals / getPendingApproval", () => {
  it("lists {count, pending_requests} created by a workflow's Human state", async () => {
    const h = setup();
    await h.client.registerWorkflow(GATE);
    const run = await h.client.runWorkflow("gate", null);
    await until(() => h.fake.workflows.approvals.size === 1, "the approval");
    const list = await h.client.listPendingApprovals();
    const req = h.last("/v1/human-approvals");
    assert.equal(req.method, "GET");
    assert.equal(req.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.equal(list.count, 1);
    const [pending] = list.pending_requests;
    assert.equal(pending.execution_id, run.execution_id);
    assert.equal(pending.prompt, "Ship it?");
    assert.equal(pending.timeout_seconds, 120);
    assert.equal(pending.tenant_id, "aegis-system");
    assert.match(pending.created_at, /Z$/);
    const one = await h.client.getPendingApproval(pending.id);
    assert.equal(h.last().path, `/v1/human-approvals/${pending.id}`);
    assert.deepEqual(one, { request: pending });
  });

  it("includes approvals created directly on the fake", async () => {
    const h = setup();
    const created = h.fake.workflows.createApproval({ prompt: "OK?", timeoutSeconds: 30 });
    const list = await h.client.listPendingApprovals();
    assert.deepEqual(list.pending_requests.map((r) => [r.id, r.prompt, r.timeout_seconds]), [
      [created.id, "OK?", 30],
    ]);
  });

  it("turns the HTTP 200 {error} bodies into typed embedded errors", async () => {
    const h = setup();
    await assertEmbedded(
      h.client.getPendingApproval(crypto.randomUUID()),
      NotFoundError,
      /Request not found or already completed/,
    );
    await assertEmbedded(
      h.client.getPendingApproval("nope"),
      BadRequestError,
      /Invalid request ID/,
    );
    await assert.rejects(async () => await h.client.getPendingApproval(".."), InvalidArgumentError);
    await h.client.getPendingApproval("a b/c").catch(() => {});
    assert.equal(h.last().path, "/v1/human-approvals/a%20b%2Fc");
  });
});

describe("approveRequest / rejectRequest", () => {
  it("approves with {feedback, approved_by} and the workflow takes the approved branch", async () => {
    const h = setup();
    await h.client.registerWorkflow(GATE);
    const run = await h.client.runWorkflow("gate", null);
    await until(() => h.fake.workflows.approvals.size === 1, "the approval");
    const [id] = h.fake.workflows.approvals.keys();
    const result = await h.client.approveRequest(id, {
      feedback: "Looks good",
      approved_by: "jeshua",
    });
    const req = h.last(`/v1/human-approvals/${id}/approve`);
    assert.equal(req.method, "POST");
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(req.body!), { feedback: "Looks good", approved_by: "jeshua" });
    assert.deepEqual(result, { status: "approved", request_id: id });
    assert.deepEqual(h.fake.workflows.decisions, [
      { approvalId: id, approved: true, text: "Looks good", by: "jeshua" },
    ]);
    await until(
      async () => (await h.client.getWorkflowExecution(run.execution_id)).status === "completed",
      "completion",
    );
    assert.equal((await h.client.getWorkflowExecution(run.execution_id)).current_state, "SHIP");
    await assertEmbedded(h.client.approveRequest(id), NotFoundError, /already completed/);
  });

  it("approves with an empty JSON object when no details are given", async () => {
    const h = setup();
    const { id } = h.fake.workflows.createApproval({ prompt: "OK?" });
    await h.client.approveRequest(id);
    assert.equal(h.last(`/v1/human-approvals/${id}/approve`).body, "{}");
  });

  it("rejects with {reason, rejected_by} and the workflow takes the rejected branch", async () => {
    const h = setup();
    await h.client.registerWorkflow(GATE);
    const run = await h.client.runWorkflow("gate", null);
    await until(() => h.fake.workflows.approvals.size === 1, "the approval");
    const [id] = h.fake.workflows.approvals.keys();
    const result = await h.client.rejectRequest(id, {
      reason: "Scope too broad",
      rejected_by: "j",
    });
    const req = h.last(`/v1/human-approvals/${id}/reject`);
    assert.deepEqual(JSON.parse(req.body!), { reason: "Scope too broad", rejected_by: "j" });
    assert.deepEqual(result, { status: "rejected", request_id: id });
    await until(
      async () => (await h.client.getWorkflowExecution(run.execution_id)).status === "completed",
      "completion",
    );
    assert.equal((await h.client.getWorkflowExecution(run.execution_id)).current_state, "DROP");
  });

  it("maps failures to embedded errors and refuses a missing reason locally", async () => {
    const h = setup();
    await assertEmbedded(
      h.client.approveRequest(crypto.randomUUID(), {}),
      NotFoundError,
      /Request not found/,
    );
    await assertEmbedded(
      h.client.rejectRequest("bad-id", { reason: "no" }),
      BadRequestError,
      /Invalid request ID/,
    );
    const before = h.fake.requests.length;
    await assert.rejects(
      () => h.client.rejectRequest(crypto.randomUUID(), {} as never),
      InvalidArgumentError,
    );
    await assert.rejects(
      () => h.client.approveRequest(crypto.randomUUID(), { feedback: 5 } as never),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, before);
  });
});
