/**
 * The fake AEGIS orchestrator, for testing code that uses the SDK without a real orchestrator:
 * in-process (`fetch: fake.fetch`) or on a socket (`await fake.listen()`).
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
  createFakeOrchestrator,
  type FakeOrchestrator,
  type FakeOrchestratorOptions,
  type RecordedRequest,
} from "./fake_orchestrator.ts";
export { FaultInjector, type FaultRule } from "./faults.ts";
export type {
  ActivityEvent,
  ExecutionScript,
  FakeAgent,
  FakeExecution,
  FakeState,
  Listener,
} from "./state.ts";
export {
  createDispatchRoutes,
  DEFAULT_DISPATCH_SCRIPT,
  type DispatchRoutesOptions,
  type DispatchScriptContext,
  type DispatchStep,
  type LlmErrorTag,
  type ReceivedDispatchResult,
} from "./dispatch_routes.ts";
export type {
  FakeVolume,
  FakeVolumeFile,
  FakeVolumeOptions,
  FakeVolumes,
  FakeVolumeTier,
} from "./routes/volumes.ts";
export {
  createSealRoutes,
  defaultSealTools,
  type SealRoutesOptions,
  type SealToolContext,
  type SealToolDefinition,
  type SealToolHandler,
} from "./seal_routes.ts";
export type { JsonValue } from "../seal/mod.ts";
export {
  type FakeApprovalDecision,
  type FakePendingApproval,
  type FakeStateDefinition,
  type FakeStimulus,
  type FakeWorkflow,
  FakeWorkflowEngine,
  type FakeWorkflowEngineOptions,
  type FakeWorkflowExecution,
  type FakeWorkflowExecutionStatus,
  type FakeWorkflowLogEvent,
  type LogListener,
  type ParsedWorkflow,
} from "./workflow_engine.ts";
export { createPlatformData, type FakePlatformData, type PlatformDataOptions } from "./platform.ts";
// Wire types the platform data is made of, so `fake.platform` can be filled type-safely.
export type {
  ClusterNode,
  CortexPattern,
  CortexSkill,
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
