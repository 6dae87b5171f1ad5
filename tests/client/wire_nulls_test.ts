/**
 * `null` versus absent, checked against the fake (whose answers follow the orchestrator's serde:
 * an `Option<T>` is sent as `null` unless the field skips it). For every response type, the
 * list below names the keys the type declares as always present but possibly `null`; a
 * type-level check keeps each list equal to its type, and the runtime checks drive each method
 * and require (1) every listed key to be present and (2) every `null` the fake sends to be at a
 * listed key (so no `?: T` field secretly receives `null`).
 *
 * @module
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type {
  ApiKey,
  BillingSubscription,
  ClusterStatus,
  ColonyMember,
  ColonySubscription,
  CortexPattern,
  CreatedApiKey,
  ExecutionSummary,
  Invoice,
  RateLimitOverride,
  SealToolsResponse,
  SecurityIncident,
  StimulusView,
  StorageViolation,
  Swarm,
  TierPricing,
  UserCredentialBinding,
  VolumeFileEntry,
  WorkflowDetail,
  WorkflowExecution,
  WorkflowExecutionSummary,
  WorkflowSummary,
  WorkflowVersion,
} from "../../mod.ts";
import type { WorkflowManifest } from "../../manifest/mod.ts";
import { helloManifest, setup } from "../helpers.ts";

/** Keys of `T` that are required (not `?:`) and whose type admits `null`. */
type RequiredNullableKeys<T> =
  & {
    [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never
      : null extends T[K] ? K
      : never;
  }[keyof T]
  & string;

/**
 * The required-nullable keys of `T`, spelled out. Compiles only when the list names every such
 * key of `T` and nothing else, so a type change that adds or drops a nullable field fails here.
 */
function nullableKeys<T>() {
  return <const K extends readonly RequiredNullableKeys<T>[]>(
    ...keys:
      & K
      & ([Exclude<RequiredNullableKeys<T>, K[number]>] extends [never] ? unknown
        : { missing: Exclude<RequiredNullableKeys<T>, K[number]> })
  ): readonly string[] => keys;
}

const NULLABLE = {
  ExecutionSummary: nullableKeys<ExecutionSummary>()("ended_at"),
  WorkflowSummary: nullableKeys<WorkflowSummary>()(
    "version",
    "description",
    "updated_at",
    "input_schema",
  ),
  WorkflowDetail: nullableKeys<WorkflowDetail>()(
    "version",
    "description",
    "updated_at",
    "input_schema",
  ),
  WorkflowVersion: nullableKeys<WorkflowVersion>()("version", "description"),
  WorkflowExecutionSummary: nullableKeys<WorkflowExecutionSummary>()("workflow_name"),
  WorkflowExecution: nullableKeys<WorkflowExecution>()(
    "workflow_name",
    "temporal_workflow_id",
    "temporal_run_id",
  ),
  StimulusView: nullableKeys<StimulusView>()(
    "workflow_id",
    "confidence",
    "routing_mode",
    "rejection_reason",
    "classification_error",
  ),
  VolumeFileEntry: nullableKeys<VolumeFileEntry>()("modified_at"),
  ApiKey: nullableKeys<ApiKey>()("expires_at", "last_used_at"),
  CreatedApiKey: nullableKeys<CreatedApiKey>()("expires_at"),
  RateLimitOverride: nullableKeys<RateLimitOverride>()("tenant_id", "user_id", "burst_value"),
  TierPricing: nullableKeys<TierPricing>()(
    "description",
    "monthly",
    "annual",
    "seat_monthly",
    "seat_annual",
  ),
  BillingSubscription: nullableKeys<BillingSubscription>()(
    "stripe_subscription_id",
    "current_period_end",
  ),
  Invoice: nullableKeys<Invoice>()("id", "status", "hosted_invoice_url", "invoice_pdf"),
  ClusterStatus: nullableKeys<ClusterStatus>()("controller_node_id"),
  ColonyMember: nullableKeys<ColonyMember>()("email", "name"),
  ColonySubscription: nullableKeys<ColonySubscription>()(
    "seat_count",
    "status",
    "current_period_end",
  ),
  CortexPattern: nullableKeys<CortexPattern>()("solution_code"),
  SecurityIncident: nullableKeys<SecurityIncident>()(
    "agent_id",
    "execution_id",
    "session_id",
    "tool_name",
  ),
  StorageViolation: nullableKeys<StorageViolation>()("volume_id", "path", "operation"),
  Swarm: nullableKeys<Swarm>()("dissolved_at"),
  SealToolsResponse: nullableKeys<SealToolsResponse>()("security_context"),
  CredentialMetadata: nullableKeys<UserCredentialBinding["metadata"]>()(
    "tags",
    "service_url",
    "external_account_id",
    "oauth_scopes",
  ),
  SecretPath: nullableKeys<UserCredentialBinding["secret_path"]>()("tenant_id"),
} as const;

/**
 * Checks one response object: every listed key is present, every `null` is at a listed key,
 * and the keys in `nullNow` (which the scenario leaves unset) are `null`, not absent.
 */
function checkShape(
  what: keyof typeof NULLABLE,
  value: unknown,
  nullNow: readonly string[] = [],
): void {
  assert.ok(typeof value === "object" && value !== null, `${what}: expected an object`);
  const record = value as Record<string, unknown>;
  const listed = NULLABLE[what];
  for (const key of listed) {
    assert.ok(Object.hasOwn(record, key), `${what}.${key} must be present (null when unset)`);
  }
  for (const [key, field] of Object.entries(record)) {
    if (field === null) {
      assert.ok(listed.includes(key), `${what}.${key} is null but the type does not allow null`);
    }
  }
  for (const key of nullNow) {
    assert.ok(listed.includes(key), `${what}.${key} is not a nullable key`);
    assert.equal(record[key], null, `${what}.${key} should be null in this scenario`);
  }
}

function checkAll(
  what: keyof typeof NULLABLE,
  values: readonly unknown[],
  nullNow: readonly string[] = [],
): void {
  assert.ok(values.length > 0, `${what}: the scenario produced no items to check`);
  for (const value of values) checkShape(what, value, nullNow);
}

const BARE: WorkflowManifest = {
  apiVersion: "100monkeys.ai/v1",
  kind: "Workflow",
  metadata: { name: "bare", version: "1.0.0" },
  spec: {
    initial_state: "ASK",
    states: { ASK: { kind: "Human", prompt: "Go?", transitions: [] } },
  },
};

describe("responses: null versus absent, as the orchestrator serialises them", () => {
  it("executions: ended_at is null while running", async () => {
    const h = setup({}, { stepMs: 10_000 });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    await h.client.startExecution(agent_id, "x");
    checkAll("ExecutionSummary", await h.client.listExecutions(), ["ended_at"]);
  });

  it("workflows: description, updated_at, input_schema are null when unset", async () => {
    const h = setup();
    await h.client.registerWorkflow(BARE);
    const unset = ["description", "updated_at", "input_schema"];
    checkAll("WorkflowSummary", await h.client.listWorkflows(), unset);
    checkShape("WorkflowDetail", await h.client.getWorkflow("bare"), unset);
    checkAll("WorkflowVersion", await h.client.listWorkflowVersions("bare"), ["description"]);
  });

  it("workflow executions: workflow_name and the Temporal ids are present", async () => {
    const h = setup();
    await h.client.registerWorkflow(BARE);
    const { execution_id } = await h.client.runWorkflow("bare", null);
    checkAll("WorkflowExecutionSummary", await h.client.listWorkflowExecutions());
    checkShape("WorkflowExecution", await h.client.getWorkflowExecution(execution_id));
  });

  it("stimuli: the routing fields are present, null when unset", async () => {
    const h = setup();
    // The fake routes a stimulus to the single registered workflow.
    await h.client.registerWorkflow(BARE);
    const accepted = await h.client.ingestStimulus({ content: "y" });
    const unset = ["rejection_reason", "classification_error"];
    checkAll("StimulusView", (await h.client.listStimuli()).items, unset);
    checkShape("StimulusView", (await h.client.getStimulus(accepted.stimulus_id)).stimulus, unset);
  });

  it("volume files: modified_at is present", async () => {
    const h = setup();
    const volume = await h.client.createVolume({ label: "notes", size_limit_bytes: 1024 * 1024 });
    await h.client.uploadFile(volume.id, "a.txt", new TextEncoder().encode("hi"));
    checkAll("VolumeFileEntry", await h.client.listFiles(volume.id, "/"));
  });

  it("api keys: expires_at and last_used_at are null when unset", async () => {
    const h = setup();
    const created = await h.client.createApiKey({ name: "ci", scopes: ["agent:read"] });
    checkShape("CreatedApiKey", created, ["expires_at"]);
    checkAll("ApiKey", (await h.client.listApiKeys()).api_keys, ["expires_at", "last_used_at"]);
  });

  it("rate-limit overrides: the unused scope and burst are null", async () => {
    const h = setup();
    await h.client.createRateLimitOverride({
      tenant_id: "acme",
      resource_type: "llm_call",
      bucket: "hourly",
      limit_value: 10,
    });
    checkAll("RateLimitOverride", (await h.client.listRateLimitOverrides()).overrides, [
      "user_id",
      "burst_value",
    ]);
  });

  it("credentials: the metadata's optional fields are present, null when unset", async () => {
    const h = setup();
    const { id } = await h.client.storeApiKey({
      provider: "openai",
      label: "prod",
      value: "sk-secret",
      credential_type: "secret",
    });
    const unset = ["tags", "service_url", "external_account_id", "oauth_scopes"];
    const { credential } = await h.client.getCredential(id);
    checkShape("CredentialMetadata", credential.metadata, unset);
    checkShape("SecretPath", credential.secret_path);
    for (const binding of (await h.client.listCredentials()).credentials) {
      checkShape("CredentialMetadata", binding.metadata, unset);
    }
  });

  it("billing: prices, subscription and invoices", async () => {
    const h = setup();
    checkAll("TierPricing", (await h.client.listPrices()).tiers);
    // No subscription yet: the two fields are null, `seat_count` is left out.
    const subscription = await h.client.getSubscriptionBilling();
    checkShape("BillingSubscription", subscription, [
      "stripe_subscription_id",
      "current_period_end",
    ]);
    checkAll(
      "Invoice",
      (await h.client.getInvoices()).invoices.concat([{
        // An empty invoice list checks nothing: add a neutral element so the loop runs.
        id: null,
        amount_due: 0,
        amount_paid: 0,
        currency: "usd",
        status: null,
        created: 0,
        hosted_invoice_url: null,
        invoice_pdf: null,
      }]),
    );
  });

  it("cluster, colony, cortex, observability, swarms, SEAL tools", async () => {
    const h = setup();
    checkShape("ClusterStatus", await h.client.getClusterStatus());
    const { team } = await h.client.request<{ team: { tenant_id: string } }>({
      method: "POST",
      path: "/v1/colony/teams",
      json: { display_name: "Team", tier: "business" },
    });
    checkAll("ColonyMember", (await h.client.listMembers({ tenantId: team.tenant_id })).members);
    checkShape("ColonySubscription", await h.client.getSubscription());
    h.fake.platform.cortexPatterns.push({
      id: crypto.randomUUID(),
      error_signature_hash: "abc",
      error_type: "E",
      error_message: "m",
      solution_approach: "a",
      solution_code: null,
      frequency: 1,
      success_count: 1,
      total_count: 1,
      success_score: 1,
      created_at: "2026-01-01T00:00:00Z",
      last_used_at: "2026-01-01T00:00:00Z",
    });
    checkAll("CortexPattern", (await h.client.listCortexPatterns()).items, ["solution_code"]);
    h.fake.platform.securityIncidents.push({
      category: "policy_violation",
      severity: "high",
      agent_id: null,
      execution_id: null,
      session_id: null,
      tool_name: null,
      details: "d",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    checkAll("SecurityIncident", (await h.client.listSecurityIncidents()).items, [
      "agent_id",
      "execution_id",
      "session_id",
      "tool_name",
    ]);
    h.fake.platform.storageViolations.push({
      category: "path_traversal",
      execution_id: crypto.randomUUID(),
      volume_id: null,
      path: null,
      operation: null,
      details: "d",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    checkAll("StorageViolation", (await h.client.listStorageViolations()).items, [
      "volume_id",
      "path",
      "operation",
    ]);
    checkShape("SealToolsResponse", await h.client.listSealTools(), ["security_context"]);
  });
});
