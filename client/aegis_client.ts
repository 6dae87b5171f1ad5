/**
 * `AegisClient`: every REST call of the orchestrator as one flat, seed-compatible method each.
 * Each method is a one-line delegation to the resource function of the same name, so there is
 * one implementation per call.
 *
 * @module
 */

import * as agents from "./agents.ts";
import * as approvals from "./approvals.ts";
import * as stimuli from "./stimuli.ts";
import * as workflowExecutions from "./workflow_executions.ts";
import * as workflows from "./workflows.ts";
import * as admin from "./admin.ts";
import * as apiKeys from "./api_keys.ts";
import * as billing from "./billing.ts";
import * as cluster from "./cluster.ts";
import * as colony from "./colony.ts";
import * as cortex from "./cortex.ts";
import * as credentials from "./credentials.ts";
import * as observability from "./observability.ts";
import * as sealApi from "./seal_api.ts";
import * as secrets from "./secrets.ts";
import * as swarms from "./swarms.ts";
import * as users from "./users.ts";
import * as volumeFiles from "./volume_files.ts";
import * as volumes from "./volumes.ts";
import { AegisCore } from "./core/core.ts";
import type { FileDownload } from "./core/download.ts";
import type { RequestOptions } from "./core/options.ts";
import type { EventStream } from "./core/stream.ts";
import * as dispatch from "./dispatch.ts";
import type { ExecutionEvent } from "./events.ts";
import * as executions from "./executions.ts";
import * as health from "./health.ts";
import type { ManifestInput } from "./manifest_input.ts";

/**
 * The AEGIS orchestrator client. Construct it with options (bearer token, token function or
 * OAuth2 client credentials), or like the seed reference with `(baseUrl, bearerToken?)`.
 *
 * @example Deploy, run and follow an agent against the embedded fake orchestrator
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { agent_id } = await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * const { execution_id } = await client.startExecution(agent_id, "hi");
 * for await (const event of await client.streamExecution(execution_id)) console.log(event.event_type);
 * ```
 */
export class AegisClient extends AegisCore {
  // --- health ---------------------------------------------------------------------------

  /** Liveness probe (`GET /health/live`). */
  healthLive(options?: RequestOptions): Promise<health.HealthLive> {
    return health.healthLive(this, options);
  }

  /** Readiness probe (`GET /health/ready`); `"degraded"` still arrives as HTTP 200. */
  healthReady(options?: RequestOptions): Promise<health.HealthReady> {
    return health.healthReady(this, options);
  }

  // --- agents ---------------------------------------------------------------------------

  /** Deploys an agent from a manifest object or YAML/JSON text (validated locally first). */
  deployAgent(
    manifest: ManifestInput,
    options?: agents.DeployAgentOptions,
  ): Promise<agents.DeployAgentResponse> {
    return agents.deployAgent(this, manifest, options);
  }

  /** Lists agents (bare array). */
  listAgents(options?: agents.ListAgentsOptions): Promise<agents.AgentSummary[]> {
    return agents.listAgents(this, options);
  }

  /** Gets an agent with its manifest. */
  getAgent(agentId: string, options?: RequestOptions): Promise<agents.AgentDetail> {
    return agents.getAgent(this, agentId, options);
  }

  /** Resolves an agent name to `{id}`. */
  lookupAgent(name: string, options?: RequestOptions): Promise<agents.LookupAgentResponse> {
    return agents.lookupAgent(this, name, options);
  }

  /** Replaces an agent's manifest (the complete manifest, not a partial patch). */
  updateAgent(
    agentId: string,
    manifest: ManifestInput,
    options?: RequestOptions,
  ): Promise<agents.SuccessResponse> {
    return agents.updateAgent(this, agentId, manifest, options);
  }

  /** Deletes an agent. */
  deleteAgent(agentId: string, options?: RequestOptions): Promise<agents.SuccessResponse> {
    return agents.deleteAgent(this, agentId, options);
  }

  /** Starts an execution of an agent (`POST /v1/agents/{id}/execute`). */
  executeAgent(
    agentId: string,
    input: unknown,
    options?: agents.ExecuteAgentOptions,
  ): Promise<agents.ExecuteAgentResponse> {
    return agents.executeAgent(this, agentId, input, options);
  }

  /** Lists an agent's versions (bare array). */
  listAgentVersions(agentId: string, options?: RequestOptions): Promise<agents.AgentVersion[]> {
    return agents.listAgentVersions(this, agentId, options);
  }

  /** Moves an agent to `"global"` or `"tenant"` scope. */
  updateAgentScope(
    agentId: string,
    targetScope: agents.AgentScope,
    options?: RequestOptions,
  ): Promise<agents.UpdateAgentScopeResponse> {
    return agents.updateAgentScope(this, agentId, targetScope, options);
  }

  /** Streams an agent's activity (history; live too with `follow: true`). */
  streamAgentEvents(
    agentId: string,
    options?: agents.StreamAgentEventsOptions,
  ): Promise<EventStream<ExecutionEvent>> {
    return agents.streamAgentEvents(this, agentId, options);
  }

  // --- executions -----------------------------------------------------------------------

  /** Starts an execution (alias of {@link AegisClient.executeAgent}; there is no `POST /v1/executions`). */
  startExecution(
    agentId: string,
    input: unknown,
    options?: agents.ExecuteAgentOptions,
  ): Promise<agents.ExecuteAgentResponse> {
    return executions.startExecution(this, agentId, input, options);
  }

  /** Streams an execution's events until its terminal event. */
  streamExecution(
    executionId: string,
    options?: executions.StreamExecutionOptions,
  ): Promise<EventStream<ExecutionEvent>> {
    return executions.streamExecution(this, executionId, options);
  }

  /** Gets an execution's status. */
  getExecution(executionId: string, options?: RequestOptions): Promise<executions.Execution> {
    return executions.getExecution(this, executionId, options);
  }

  /** Lists executions (bare array). */
  listExecutions(
    options?: executions.ListExecutionsOptions,
  ): Promise<executions.ExecutionSummary[]> {
    return executions.listExecutions(this, options);
  }

  /** Cancels an execution. */
  cancelExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<executions.ExecutionActionResponse> {
    return executions.cancelExecution(this, executionId, options);
  }

  /** Deletes an execution record. */
  deleteExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<executions.ExecutionActionResponse> {
    return executions.deleteExecution(this, executionId, options);
  }

  /** Downloads a workspace file of an execution (streamed; `.bytes()`/`.text()` to buffer). */
  getExecutionFile(
    executionId: string,
    filePath: string,
    options?: RequestOptions,
  ): Promise<FileDownload> {
    return executions.getExecutionFile(this, executionId, filePath, options);
  }

  // --- dispatch gateway -----------------------------------------------------------------

  /** Sends a dispatch-protocol message (agent-container side). */
  dispatchGateway(message: unknown, options?: RequestOptions): Promise<unknown> {
    return dispatch.dispatchGateway(this, message, options);
  }

  // --- workflows (issue 3) --------------------------------------------------------------

  /** Registers a workflow from a manifest object or YAML text (validated locally, sent as YAML). */
  registerWorkflow(
    manifest: workflows.WorkflowManifestInput,
    options?: workflows.RegisterWorkflowOptions,
  ): Promise<workflows.RegisterWorkflowResponse> {
    return workflows.registerWorkflow(this, manifest, options);
  }

  /** Registers a workflow through the `/v1/workflows/temporal/register` alias. */
  registerTemporalWorkflow(
    manifest: workflows.WorkflowManifestInput,
    options?: workflows.RegisterWorkflowOptions,
  ): Promise<workflows.RegisterWorkflowResponse> {
    return workflows.registerTemporalWorkflow(this, manifest, options);
  }

  /** Lists workflow definitions (bare array; `visible: true` adds global ones). */
  listWorkflows(options?: workflows.ListWorkflowsOptions): Promise<workflows.WorkflowSummary[]> {
    return workflows.listWorkflows(this, options);
  }

  /** Gets a workflow definition by name, with `manifest_yaml`. */
  getWorkflow(name: string, options?: RequestOptions): Promise<workflows.WorkflowDetail> {
    return workflows.getWorkflow(this, name, options);
  }

  /** Deletes a workflow definition. */
  deleteWorkflow(
    name: string,
    options?: RequestOptions,
  ): Promise<workflows.WorkflowDeleteResponse> {
    return workflows.deleteWorkflow(this, name, options);
  }

  /** Lists a workflow's versions (bare array). */
  listWorkflowVersions(
    name: string,
    options?: RequestOptions,
  ): Promise<workflows.WorkflowVersion[]> {
    return workflows.listWorkflowVersions(this, name, options);
  }

  /** Moves a workflow to `"global"` or `"tenant"` scope (sends `{target_scope}`). */
  updateWorkflowScope(
    name: string,
    targetScope: workflows.WorkflowScope,
    options?: RequestOptions,
  ): Promise<workflows.UpdateWorkflowScopeResponse> {
    return workflows.updateWorkflowScope(this, name, targetScope, options);
  }

  /** Starts a workflow execution by name; `input` is required (`null` for none). */
  runWorkflow(
    name: string,
    input: unknown,
    options?: workflows.RunWorkflowOptions,
  ): Promise<workflows.WorkflowRunResponse> {
    return workflows.runWorkflow(this, name, input, options);
  }

  /** Starts a workflow execution through `POST /v1/workflows/temporal/execute`. */
  executeTemporalWorkflow(
    request: workflows.ExecuteTemporalWorkflowRequest,
    options?: RequestOptions,
  ): Promise<workflows.WorkflowRunResponse> {
    return workflows.executeTemporalWorkflow(this, request, options);
  }

  // --- workflow executions (issue 3) ----------------------------------------------------

  /** Lists one page of workflow executions (bare array). */
  listWorkflowExecutions(
    options?: workflowExecutions.ListWorkflowExecutionsOptions,
  ): Promise<workflowExecutions.WorkflowExecutionSummary[]> {
    return workflowExecutions.listWorkflowExecutions(this, options);
  }

  /** Walks every page of workflow executions, yielding each once. */
  iterateWorkflowExecutions(
    options?: workflowExecutions.IterateWorkflowExecutionsOptions,
  ): AsyncGenerator<workflowExecutions.WorkflowExecutionSummary, void, undefined> {
    return workflowExecutions.iterateWorkflowExecutions(this, options);
  }

  /** Gets a workflow execution with its blackboard and state outputs. */
  getWorkflowExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<workflowExecutions.WorkflowExecution> {
    return workflowExecutions.getWorkflowExecution(this, executionId, options);
  }

  /** Removes a workflow execution record. */
  removeWorkflowExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<workflowExecutions.RemoveWorkflowExecutionResponse> {
    return workflowExecutions.removeWorkflowExecution(this, executionId, options);
  }

  /** Answers a workflow waiting in a `Human` state (sends `{response}`; 202). */
  signalWorkflowExecution(
    executionId: string,
    response: string,
    options?: RequestOptions,
  ): Promise<workflowExecutions.SignalWorkflowExecutionResponse> {
    return workflowExecutions.signalWorkflowExecution(this, executionId, response, options);
  }

  /** Requests cancellation of a workflow execution (202). */
  cancelWorkflowExecution(
    executionId: string,
    options?: RequestOptions,
  ): Promise<workflowExecutions.CancelWorkflowExecutionResponse> {
    return workflowExecutions.cancelWorkflowExecution(this, executionId, options);
  }

  /** Gets one page of a workflow execution's stored log events. */
  getWorkflowExecutionLogs(
    executionId: string,
    options?: workflowExecutions.WorkflowExecutionLogsOptions,
  ): Promise<workflowExecutions.WorkflowExecutionLogs> {
    return workflowExecutions.getWorkflowExecutionLogs(this, executionId, options);
  }

  /** Walks every page of a workflow execution's stored log events. */
  iterateWorkflowExecutionLogs(
    executionId: string,
    options?: workflowExecutions.IterateWorkflowExecutionLogsOptions,
  ): AsyncGenerator<workflowExecutions.WorkflowLogEvent, void, undefined> {
    return workflowExecutions.iterateWorkflowExecutionLogs(this, executionId, options);
  }

  /** Streams a workflow execution's log events live until its terminal event. */
  streamWorkflowExecutionLogs(
    executionId: string,
    options?: workflowExecutions.StreamWorkflowExecutionLogsOptions,
  ): Promise<EventStream<workflowExecutions.WorkflowLogEvent>> {
    return workflowExecutions.streamWorkflowExecutionLogs(this, executionId, options);
  }

  // --- approvals (issue 3) --------------------------------------------------------------

  /** Lists pending human approval requests (`{count, pending_requests}`). */
  listPendingApprovals(options?: RequestOptions): Promise<approvals.PendingApprovalList> {
    return approvals.listPendingApprovals(this, options);
  }

  /** Gets one pending approval request (`{request}`). */
  getPendingApproval(
    approvalId: string,
    options?: RequestOptions,
  ): Promise<approvals.PendingApprovalResponse> {
    return approvals.getPendingApproval(this, approvalId, options);
  }

  /** Approves a pending request. */
  approveRequest(
    approvalId: string,
    request?: approvals.ApprovalRequest,
    options?: RequestOptions,
  ): Promise<approvals.ApprovalResponse> {
    return approvals.approveRequest(this, approvalId, request, options);
  }

  /** Rejects a pending request (`reason` required). */
  rejectRequest(
    approvalId: string,
    request: approvals.RejectionRequest,
    options?: RequestOptions,
  ): Promise<approvals.ApprovalResponse> {
    return approvals.rejectRequest(this, approvalId, request, options);
  }

  // --- stimuli (issue 3) ----------------------------------------------------------------

  /** Ingests a stimulus (202; returns the started execution and the `Location`). */
  ingestStimulus(
    request: stimuli.IngestStimulusRequest,
    options?: RequestOptions,
  ): Promise<stimuli.StimulusAccepted> {
    return stimuli.ingestStimulus(this, request, options);
  }

  /** Lists stimuli (operators only; `{items}`). */
  listStimuli(options?: stimuli.ListStimuliOptions): Promise<stimuli.StimulusList> {
    return stimuli.listStimuli(this, options);
  }

  /** Gets one stimulus (operators only). */
  getStimulus(stimulusId: string, options?: RequestOptions): Promise<stimuli.StimulusResponse> {
    return stimuli.getStimulus(this, stimulusId, options);
  }

  /** Sends an HMAC-signed webhook (`options.secret` required; no bearer token). */
  sendWebhook(
    source: string,
    payload: stimuli.WebhookPayload,
    options: stimuli.SendWebhookOptions,
  ): Promise<stimuli.StimulusAccepted> {
    return stimuli.sendWebhook(this, source, payload, options);
  }

  // --- volumes (issue 3) ----------------------------------------------------------------

  /** Creates a volume; `label` and `size_limit_bytes` are both required (201). */
  createVolume(
    request: volumes.CreateVolumeRequest,
    options?: RequestOptions,
  ): Promise<volumes.Volume> {
    return volumes.createVolume(this, request, options);
  }

  /** Lists the caller's volumes with usage (bare array). */
  listVolumes(options?: RequestOptions): Promise<volumes.VolumeSummary[]> {
    return volumes.listVolumes(this, options);
  }

  /** Gets a volume by UUID. */
  getVolume(volumeId: string, options?: RequestOptions): Promise<volumes.Volume> {
    return volumes.getVolume(this, volumeId, options);
  }

  /** Renames a volume (`{success: true}`). */
  renameVolume(
    volumeId: string,
    label: string,
    options?: RequestOptions,
  ): Promise<volumes.VolumeActionResponse> {
    return volumes.renameVolume(this, volumeId, label, options);
  }

  /** Deletes a volume and its files (409 while attached). */
  deleteVolume(volumeId: string, options?: RequestOptions): Promise<volumes.VolumeActionResponse> {
    return volumes.deleteVolume(this, volumeId, options);
  }

  /** Gets the volume quota; unlimited limits (`u32::MAX`/`u64::MAX`) are `Infinity`. */
  getVolumeQuota(options?: RequestOptions): Promise<volumes.VolumeQuota> {
    return volumes.getVolumeQuota(this, options);
  }

  /** Lists a directory of a volume (default `/`; bare array). */
  listFiles(
    volumeId: string,
    dirPath?: string,
    options?: RequestOptions,
  ): Promise<volumeFiles.VolumeFileEntry[]> {
    return volumeFiles.listFiles(this, volumeId, dirPath, options);
  }

  /** Gets a file's name, sniffed MIME type, size and SHA-256. */
  statFile(
    volumeId: string,
    filePath: string,
    options?: RequestOptions,
  ): Promise<volumeFiles.VolumeFileStat> {
    return volumeFiles.statFile(this, volumeId, filePath, options);
  }

  /** Downloads a file (streamed; `.bytes()`/`.text()` to buffer). */
  downloadFile(
    volumeId: string,
    filePath: string,
    options?: RequestOptions,
  ): Promise<FileDownload> {
    return volumeFiles.downloadFile(this, volumeId, filePath, options);
  }

  /** Downloads a whole file into memory. */
  downloadFileBytes(
    volumeId: string,
    filePath: string,
    options?: RequestOptions,
  ): Promise<Uint8Array> {
    return volumeFiles.downloadFileBytes(this, volumeId, filePath, options);
  }

  /** Uploads a file as a streamed raw body (volume UUID or `"chat-attachments"`). */
  uploadFile(
    volumeId: string,
    filePath: string,
    file: volumeFiles.UploadSource,
    options?: volumeFiles.UploadFileOptions,
  ): Promise<volumeFiles.UploadFileResponse> {
    return volumeFiles.uploadFile(this, volumeId, filePath, file, options);
  }

  /** Creates a directory in a volume. */
  mkdir(
    volumeId: string,
    dirPath: string,
    options?: RequestOptions,
  ): Promise<volumes.VolumeActionResponse> {
    return volumeFiles.mkdir(this, volumeId, dirPath, options);
  }

  /** Moves or renames a file or directory inside a volume. */
  movePath(
    volumeId: string,
    from: string,
    to: string,
    options?: RequestOptions,
  ): Promise<volumes.VolumeActionResponse> {
    return volumeFiles.movePath(this, volumeId, from, to, options);
  }

  /** Deletes a file or a directory with its contents. */
  deletePath(
    volumeId: string,
    targetPath: string,
    options?: RequestOptions,
  ): Promise<volumes.VolumeActionResponse> {
    return volumeFiles.deletePath(this, volumeId, targetPath, options);
  }

  // --- credentials, secrets, api keys (issue 4) -----------------------------------------
  /** Lists the caller's credential bindings. */
  listCredentials(options?: RequestOptions): Promise<credentials.CredentialList> {
    return credentials.listCredentials(this, options);
  }

  /** Gets one credential binding (`{credential}`; metadata only). */
  getCredential(
    credentialId: string,
    options?: RequestOptions,
  ): Promise<credentials.GetCredentialResponse> {
    return credentials.getCredential(this, credentialId, options);
  }

  /** Stores a secret value as a credential (`{provider, label, value, credential_type, scope?}`). */
  storeApiKey(
    request: credentials.StoreApiKeyRequest,
    options?: RequestOptions,
  ): Promise<credentials.StoreApiKeyResponse> {
    return credentials.storeApiKey(this, request, options);
  }

  /** Revokes a credential binding. */
  revokeCredential(
    credentialId: string,
    options?: RequestOptions,
  ): Promise<credentials.CredentialStatusResponse> {
    return credentials.revokeCredential(this, credentialId, options);
  }

  /** Replaces a credential's secret value. */
  rotateCredential(
    credentialId: string,
    value: string,
    options?: RequestOptions,
  ): Promise<credentials.CredentialStatusResponse> {
    return credentials.rotateCredential(this, credentialId, value, options);
  }

  /** Starts an OAuth flow (`{provider, redirect_uri}` → `{authorization_url, state}`). */
  oauthInitiate(
    request: credentials.OAuthInitiateRequest,
    options?: RequestOptions,
  ): Promise<credentials.OAuthInitiateResponse> {
    return credentials.oauthInitiate(this, request, options);
  }

  /** Completes an OAuth flow (GET with `state` and `code` query parameters). */
  oauthCallback(
    params: credentials.OAuthCallbackParams,
    options?: RequestOptions,
  ): Promise<credentials.OAuthCallbackResponse> {
    return credentials.oauthCallback(this, params, options);
  }

  /** Polls a device flow once: `{status: "pending"}` (202) or `{status: "complete", binding_id}`. */
  devicePoll(
    request: credentials.DevicePollRequest,
    options?: RequestOptions,
  ): Promise<credentials.DevicePollResponse> {
    return credentials.devicePoll(this, request, options);
  }

  /** Lists the grants of a credential. */
  listGrants(credentialId: string, options?: RequestOptions): Promise<credentials.GrantList> {
    return credentials.listGrants(this, credentialId, options);
  }

  /** Grants an agent, a workflow or all agents use of a credential. */
  addGrant(
    credentialId: string,
    grant: credentials.AddGrantRequest,
    options?: RequestOptions,
  ): Promise<credentials.AddGrantResponse> {
    return credentials.addGrant(this, credentialId, grant, options);
  }

  /** Revokes one grant of a credential. */
  revokeGrant(
    credentialId: string,
    grantId: string,
    options?: RequestOptions,
  ): Promise<credentials.RevokeGrantResponse> {
    return credentials.revokeGrant(this, credentialId, grantId, options);
  }

  /** Lists secrets: always rejects with `NotImplementedError` (the server answers 501). */
  listSecrets(options?: RequestOptions): Promise<unknown> {
    return secrets.listSecrets(this, options);
  }

  /** Reads the field names of a secret (`a/b` is sent as one segment `a%2Fb`). */
  getSecret(secretPath: string, options?: RequestOptions): Promise<secrets.SecretInfo> {
    return secrets.getSecret(this, secretPath, options);
  }

  /** Writes a secret's fields (sent as `{data}`). */
  writeSecret(
    secretPath: string,
    data: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<secrets.WriteSecretResponse> {
    return secrets.writeSecret(this, secretPath, data, options);
  }

  /** Deletes a secret. */
  deleteSecret(
    secretPath: string,
    options?: RequestOptions,
  ): Promise<secrets.DeleteSecretResponse> {
    return secrets.deleteSecret(this, secretPath, options);
  }

  /** Lists the caller's API keys. */
  listApiKeys(options?: RequestOptions): Promise<apiKeys.ApiKeyList> {
    return apiKeys.listApiKeys(this, options);
  }

  /** Creates an API key; the secret is in `key` and is shown only once. */
  createApiKey(
    request: apiKeys.CreateApiKeyRequest,
    options?: RequestOptions,
  ): Promise<apiKeys.CreatedApiKey> {
    return apiKeys.createApiKey(this, request, options);
  }

  /** Revokes an API key. */
  revokeApiKey(keyId: string, options?: RequestOptions): Promise<apiKeys.RevokeApiKeyResponse> {
    return apiKeys.revokeApiKey(this, keyId, options);
  }

  // --- colony, billing (issue 4) --------------------------------------------------------
  /** Lists team members (needs the team context `tenantId: "t-{uuid}"`). */
  listMembers(options?: RequestOptions): Promise<colony.ColonyMemberList> {
    return colony.listMembers(this, options);
  }

  /** Invites someone to the team (`POST /v1/colony/invitations`). */
  inviteMember(
    email: string,
    role?: colony.ColonyRole,
    options?: RequestOptions,
  ): Promise<colony.InviteMemberResponse> {
    return colony.inviteMember(this, email, role, options);
  }

  /** Removes a team member (204). */
  removeMember(userId: string, options?: RequestOptions): Promise<void> {
    return colony.removeMember(this, userId, options);
  }

  /** Changes a member's role (`PUT /v1/colony/roles`). */
  updateRole(
    userId: string,
    role: colony.ColonyRole,
    options?: RequestOptions,
  ): Promise<colony.UpdateRoleResponse> {
    return colony.updateRole(this, userId, role, options);
  }

  /** Gets the team's SAML settings (`{saml: null}` when none). */
  getSamlConfig(options?: RequestOptions): Promise<colony.SamlConfigResponse> {
    return colony.getSamlConfig(this, options);
  }

  /** Stores the team's SAML settings. */
  setSamlConfig(
    config: colony.SamlConfig,
    options?: RequestOptions,
  ): Promise<colony.SetSamlConfigResponse> {
    return colony.setSamlConfig(this, config, options);
  }

  /** Gets the team's (or the caller's personal) subscription. */
  getSubscription(options?: RequestOptions): Promise<colony.ColonySubscription> {
    return colony.getSubscription(this, options);
  }

  /** Lists the prices of every tier (no credentials needed). */
  listPrices(options?: RequestOptions): Promise<billing.PricingResponse> {
    return billing.listPrices(this, options);
  }

  /** Creates a Stripe Checkout session (`success_url` and `cancel_url` are required). */
  createCheckoutSession(
    request: billing.CheckoutSessionRequest,
    options?: RequestOptions,
  ): Promise<billing.SessionUrl> {
    return billing.createCheckoutSession(this, request, options);
  }

  /** Creates a Stripe customer-portal session (`{return_url}` is required). */
  createPortalSession(
    request: billing.PortalSessionRequest,
    options?: RequestOptions,
  ): Promise<billing.SessionUrl> {
    return billing.createPortalSession(this, request, options);
  }

  /** Gets the caller's billing subscription. */
  getSubscriptionBilling(options?: RequestOptions): Promise<billing.BillingSubscription> {
    return billing.getSubscriptionBilling(this, options);
  }

  /** Lists the caller's invoices. */
  getInvoices(options?: RequestOptions): Promise<billing.InvoiceList> {
    return billing.getInvoices(this, options);
  }

  // --- cluster, swarms, observability, cortex, users (issue 4) --------------------------
  /** Gets cluster health and nodes. */
  getClusterStatus(options?: RequestOptions): Promise<cluster.ClusterStatus> {
    return cluster.getClusterStatus(this, options);
  }

  /** Lists cluster nodes (`{source, items}`). */
  getClusterNodes(options?: cluster.ClusterNodesOptions): Promise<cluster.ClusterNodeList> {
    return cluster.getClusterNodes(this, options);
  }

  /** Lists swarms. */
  listSwarms(options?: swarms.ListSwarmsOptions): Promise<swarms.SwarmList> {
    return swarms.listSwarms(this, options);
  }

  /** Gets a swarm (the server's HTTP-200 "swarm not found" becomes a `NotFoundError`). */
  getSwarm(swarmId: string, options?: RequestOptions): Promise<swarms.SwarmDetail> {
    return swarms.getSwarm(this, swarmId, options);
  }

  /** Gets the operator dashboard summary. */
  getDashboardSummary(options?: RequestOptions): Promise<observability.DashboardSummary> {
    return observability.getDashboardSummary(this, options);
  }

  /** Lists security incidents (operators). */
  listSecurityIncidents(
    options?: observability.ObservabilityListOptions,
  ): Promise<observability.SecurityIncidentList> {
    return observability.listSecurityIncidents(this, options);
  }

  /** Lists storage violations (operators; an HTTP-200 `{error}` becomes an error). */
  listStorageViolations(
    options?: observability.ObservabilityListOptions,
  ): Promise<observability.StorageViolationList> {
    return observability.listStorageViolations(this, options);
  }

  /** Lists learned Cortex patterns (filter `q`, `limit`). */
  listCortexPatterns(
    options?: cortex.ListCortexPatternsOptions,
  ): Promise<cortex.CortexPatternList> {
    return cortex.listCortexPatterns(this, options);
  }

  /** Gets the Cortex skill inventory. */
  getCortexSkills(options?: RequestOptions): Promise<cortex.CortexSkillList> {
    return cortex.getCortexSkills(this, options);
  }

  /** Gets Cortex metrics. */
  getCortexMetrics(options?: RequestOptions): Promise<cortex.CortexMetrics> {
    return cortex.getCortexMetrics(this, options);
  }

  /** Gets the caller's rate-limit usage. */
  getUserRateLimitUsage(options?: RequestOptions): Promise<users.UserRateLimitUsage> {
    return users.getUserRateLimitUsage(this, options);
  }

  // --- admin (issue 4) ------------------------------------------------------------------
  /** Creates a tenant (seed route; not served by the current orchestrator: 404). */
  createTenant(
    slug: string,
    displayName: string,
    tier?: string,
    options?: RequestOptions,
  ): Promise<admin.Tenant> {
    return admin.createTenant(this, slug, displayName, tier, options);
  }

  /** Lists tenants (seed route; not served by the current orchestrator: 404). */
  listTenants(options?: RequestOptions): Promise<admin.TenantList> {
    return admin.listTenants(this, options);
  }

  /** Suspends a tenant (seed route; not served by the current orchestrator: 404). */
  suspendTenant(slug: string, options?: RequestOptions): Promise<admin.TenantStatusResponse> {
    return admin.suspendTenant(this, slug, options);
  }

  /** Soft-deletes a tenant (seed route; not served by the current orchestrator: 404). */
  deleteTenant(slug: string, options?: RequestOptions): Promise<admin.TenantStatusResponse> {
    return admin.deleteTenant(this, slug, options);
  }

  /** Lists rate-limit overrides, optionally for one tenant or user. */
  listRateLimitOverrides(
    filter?: admin.RateLimitOverrideFilter,
    options?: RequestOptions,
  ): Promise<admin.RateLimitOverrideList> {
    return admin.listRateLimitOverrides(this, filter, options);
  }

  /** Upserts a rate-limit override (exactly one of `tenant_id`/`user_id`). */
  createRateLimitOverride(
    payload: admin.RateLimitOverrideInput,
    options?: RequestOptions,
  ): Promise<admin.RateLimitOverride> {
    return admin.createRateLimitOverride(this, payload, options);
  }

  /** Deletes a rate-limit override. */
  deleteRateLimitOverride(
    overrideId: string,
    options?: RequestOptions,
  ): Promise<admin.DeleteRateLimitOverrideResponse> {
    return admin.deleteRateLimitOverride(this, overrideId, options);
  }

  /** Gets the usage counters of one scope. */
  getRateLimitUsage(
    scopeType: string,
    scopeId: string,
    options?: RequestOptions,
  ): Promise<admin.RateLimitUsage> {
    return admin.getRateLimitUsage(this, scopeType, scopeId, options);
  }

  // --- SEAL REST (issue 4) --------------------------------------------------------------
  /** Attests an agent key (`POST /v1/seal/attest`; the bearer token is sent). */
  attestSeal(
    payload: sealApi.SealAttestationRequest,
    options?: RequestOptions,
  ): Promise<sealApi.SealAttestationResponse> {
    return sealApi.attestSeal(this, payload, options);
  }

  /** Invokes a SEAL tool with a signed envelope; never retried (replay protection). */
  invokeSeal(
    envelope: sealApi.SealInvokeEnvelope | string,
    options?: RequestOptions,
  ): Promise<unknown> {
    return sealApi.invokeSeal(this, envelope, options);
  }

  /** Lists SEAL tools, optionally for one security context. */
  listSealTools(
    securityContext?: string,
    options?: RequestOptions,
  ): Promise<sealApi.SealToolsResponse> {
    return sealApi.listSealTools(this, securityContext, options);
  }
}
