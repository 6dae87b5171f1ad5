/**
 * Fake `/v1/human-approvals*` routes. Like the orchestrator, every failure (bad id, unknown or
 * already decided request) is an HTTP 200 body `{"error": ...}`; only body-extraction failures
 * (no JSON content type, bad JSON, missing `reason`) are axum's plain-text 415/400/422.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { FakeContext } from "../internal/context.ts";
import { isObject, isUuid, jsonBody, timestampZ, unprocessable } from "../internal/http.ts";
import type { FakePendingApproval } from "../internal/workflows/types.ts";

const INVALID_ID = "Invalid request ID";
const NOT_FOUND = "Request not found or already completed";

/** Registers the human-approval routes. */
export function registerApprovalRoutes(app: Hono, ctx: FakeContext): void {
  const engine = ctx.workflows;
  app.get("/v1/human-approvals", (c) => {
    const pending = [...engine.approvals.values()].sort((a, b) => a.createdAt - b.createdAt);
    return c.json({ count: pending.length, pending_requests: pending.map(approvalView) });
  });

  app.get("/v1/human-approvals/:id", (c) => {
    const approval = find(c);
    if (typeof approval === "string") return c.json({ error: approval });
    return c.json({ request: approvalView(approval) });
  });

  app.post("/v1/human-approvals/:id/approve", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (!isObject(body.value)) return unprocessable("invalid type: expected struct ApproveRequest");
    const { feedback, approved_by } = body.value;
    if (feedback !== undefined && feedback !== null && typeof feedback !== "string") {
      return unprocessable("feedback: invalid type: expected a string");
    }
    if (approved_by !== undefined && approved_by !== null && typeof approved_by !== "string") {
      return unprocessable("approved_by: invalid type: expected a string");
    }
    const approval = find(c);
    if (typeof approval === "string") return c.json({ error: approval });
    engine.decide({
      approvalId: approval.id,
      approved: true,
      text: feedback ?? undefined,
      by: approved_by ?? undefined,
    });
    return c.json({ status: "approved", request_id: approval.id });
  });

  app.post("/v1/human-approvals/:id/reject", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (!isObject(body.value) || !("reason" in body.value)) {
      return unprocessable("missing field `reason`");
    }
    const { reason, rejected_by } = body.value;
    if (typeof reason !== "string") return unprocessable("reason: invalid type: expected a string");
    if (rejected_by !== undefined && rejected_by !== null && typeof rejected_by !== "string") {
      return unprocessable("rejected_by: invalid type: expected a string");
    }
    const approval = find(c);
    if (typeof approval === "string") return c.json({ error: approval });
    engine.decide({
      approvalId: approval.id,
      approved: false,
      text: reason,
      by: rejected_by ?? undefined,
    });
    return c.json({ status: "rejected", request_id: approval.id });
  });

  function find(c: Context): FakePendingApproval | string {
    const id = c.req.param("id") ?? "";
    if (!isUuid(id)) return INVALID_ID;
    return engine.approvals.get(id.toLowerCase()) ?? NOT_FOUND;
  }
}

function approvalView(approval: FakePendingApproval): Record<string, unknown> {
  return {
    id: approval.id,
    execution_id: approval.executionId,
    tenant_id: approval.tenantId,
    prompt: approval.prompt,
    created_at: timestampZ(approval.createdAt),
    timeout_seconds: approval.timeoutSeconds,
  };
}
