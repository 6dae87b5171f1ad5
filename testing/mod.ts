/**
 * The fake AEGIS orchestrator, for testing code that uses the SDK without a real orchestrator:
 * in-process (`fetch: fake.fetch`) or on a socket (`listen(fake)` from
 * `@aegis/sdk/testing/server`).
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
 * console.log(await client.listAgents()); // [] after one retry
 * ```
 *
 * @module
 */

export {
  type AsyncDisposableFake,
  createFakeOrchestrator,
  type FakeOrchestrator,
  type FakeOrchestratorOptions,
  type RecordedRequest,
} from "./fake_orchestrator.ts";
// The fake's parts are reachable as `fake.faults`, `fake.state`, `fake.workflows`, ...: their types
// are public so those fields are documented, but users get instances only from the fake.
export type { FaultInjector, FaultRule } from "./faults.ts";
export type {
  ActivityEvent,
  ExecutionScript,
  FakeAgent,
  FakeExecution,
  FakeState,
  Listener,
} from "./internal/state.ts";
export {
  DEFAULT_DISPATCH_SCRIPT,
  type DispatchRoutesOptions,
  type DispatchScriptContext,
  type DispatchStep,
  type LlmErrorTag,
  type ReceivedDispatchResult,
} from "./routes/dispatch.ts";
export type {
  FakeVolume,
  FakeVolumeFile,
  FakeVolumeOptions,
  FakeVolumes,
  FakeVolumeTier,
} from "./internal/volume_store.ts";
export {
  defaultSealTools,
  type SealRoutesOptions,
  type SealToolContext,
  type SealToolDefinition,
  type SealToolHandler,
} from "./routes/seal_api.ts";
export type { JsonValue } from "../seal/mod.ts";
export type {
  FakeApprovalDecision,
  FakePendingApproval,
  FakeStateDefinition,
  FakeStimulus,
  FakeWorkflow,
  FakeWorkflowExecution,
  FakeWorkflowExecutionStatus,
  FakeWorkflowLogEvent,
  ParsedWorkflow,
} from "./internal/workflows/types.ts";
export type {
  FakeWorkflowEngine,
  FakeWorkflowEngineOptions,
  LogListener,
} from "./internal/workflows/engine.ts";
export type { FakeEdge, FakeEdgeHostInit } from "./internal/edge_store.ts";
export type { FakeBillingSubscription, FakePlatformData } from "./platform.ts";
// Wire types the platform data is made of, so `fake.platform` can be filled type-safely.
export type {
  ClusterNode,
  CortexPattern,
  CortexSkill,
  EdgeHost,
  Invoice,
  RateLimitOverride,
  SecurityIncident,
  StorageViolation,
  Swarm,
  SwarmDetail,
  SwarmLock,
  SwarmMessage,
  Tenant,
  TenantQuotas,
  UsageRecord,
  UserRateLimitBucket,
} from "../client/mod.ts";
export type { FakeApp } from "./app.ts";
