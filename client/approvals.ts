/**
 * Human approvals. The orchestrator reports every failure of these routes as an HTTP 200 body
 * with an `error` field; the SDK turns those into typed errors with `embedded: true`
 * (`"Request not found or already completed"` -> `NotFoundError`, `"Invalid request ID"` ->
 * `BadRequestError`).
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** A pending human approval request. */
export interface PendingApproval {
  /** Request UUID (use it to approve or reject). */
  id: string;
  /** Execution waiting for the answer. */
  execution_id: string;
  /** Owning tenant. */
  tenant_id: string;
  /** Question shown to the human. */
  prompt: string;
  /** RFC 3339 `Z`. */
  created_at: string;
  /** Seconds before the request times out. */
  timeout_seconds: number;
}

/** `GET /v1/human-approvals` answer. */
export interface PendingApprovalList {
  /** Number of pending requests. */
  count: number;
  /** The pending requests. */
  pending_requests: PendingApproval[];
}

/** `GET /v1/human-approvals/{id}` answer. */
export interface PendingApprovalResponse {
  /** The pending request. */
  request: PendingApproval;
}

/** Body of an approval. */
export interface ApprovalRequest {
  /** Feedback passed to the waiting execution. */
  feedback?: string;
  /** Who approved. */
  approved_by?: string;
}

/** Body of a rejection. */
export interface RejectionRequest {
  /** Why (required). */
  reason: string;
  /** Who rejected. */
  rejected_by?: string;
}

/** Answer of approve/reject. */
export interface ApprovalResponse {
  /** `"approved"` or `"rejected"`. */
  status: "approved" | "rejected";
  /** The approval request UUID. */
  request_id: string;
}

/**
 * Lists the pending approval requests.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { pending_requests, count } = await client.listPendingApprovals();
 * console.log(`${count} pending approvals`, pending_requests);
 * ```
 */
export function listPendingApprovals(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<PendingApprovalList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/human-approvals",
      embeddedErrors: true,
    }, options);
  });
}

/**
 * Gets one pending approval request.
 *
 * @example
 * ```ts
 * import { AegisCore, getPendingApproval, NotFoundError } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getPendingApproval(core, crypto.randomUUID())
 *   .catch((e) => console.log(e instanceof NotFoundError, e.embedded)); // true true
 * ```
 */
export function getPendingApproval(
  core: AegisCore,
  approvalId: string,
  options?: RequestOptions,
): AegisPromise<PendingApprovalResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/human-approvals/${approvalId}`,
      embeddedErrors: true,
    }, options);
  });
}

/**
 * Approves a pending request. Not repeated automatically: a second approval of the same request
 * fails with `NotFoundError` ("already completed").
 *
 * @example
 * ```ts
 * import { AegisCore, approveRequest } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await approveRequest(core, crypto.randomUUID(), { feedback: "Looks good", approved_by: "jeshua" })
 *   .catch((e) => console.log(e.message));
 * ```
 */
export function approveRequest(
  core: AegisCore,
  approvalId: string,
  request: ApprovalRequest = {},
  options?: RequestOptions,
): AegisPromise<ApprovalResponse> {
  return AegisPromise.run(core, async (core) => {
    checkOptionalString(request.feedback, "feedback");
    checkOptionalString(request.approved_by, "approved_by");
    return await core.request({
      method: "POST",
      path: path`/v1/human-approvals/${approvalId}/approve`,
      json: { feedback: request.feedback, approved_by: request.approved_by },
      embeddedErrors: true,
    }, options);
  });
}

/**
 * Rejects a pending request; `reason` is required.
 *
 * @example
 * ```ts
 * import { AegisCore, rejectRequest } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await rejectRequest(core, crypto.randomUUID(), { reason: "Scope too broad", rejected_by: "jeshua" })
 *   .catch((e) => console.log(e.message));
 * ```
 */
export function rejectRequest(
  core: AegisCore,
  approvalId: string,
  request: RejectionRequest,
  options?: RequestOptions,
): AegisPromise<ApprovalResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.reason !== "string") {
      throw new InvalidArgumentError("reason", "is required and must be a string");
    }
    checkOptionalString(request.rejected_by, "rejected_by");
    return await core.request({
      method: "POST",
      path: path`/v1/human-approvals/${approvalId}/reject`,
      json: { reason: request.reason, rejected_by: request.rejected_by },
      embeddedErrors: true,
    }, options);
  });
}

function checkOptionalString(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== "string") {
    throw new InvalidArgumentError(name, "must be a string");
  }
}
