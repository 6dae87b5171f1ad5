/**
 * The README method table, generated from one declarative list ({@link METHOD_TABLE}).
 *
 * - `deno run -A scripts/method_table.ts` prints the table.
 * - `deno run -A scripts/method_table.ts --write` replaces the README section between
 *   `<!-- methods:start -->` and `<!-- methods:end -->`.
 *
 * `tests/client/surface_test.ts` checks that every row names an `AegisClient` method, that every
 * `AegisClient` method has a row, and that the README section is up to date.
 *
 * @module
 */

/** One row: an `AegisClient` method, its HTTP route, and how the wire differs from the seeds. */
export interface MethodRow {
  /** Section heading of the table. */
  group: string;
  /** `AegisClient` method name. */
  method: string;
  /** `METHOD /path` (several separated by `; `). */
  route: string;
  /** Where the SDK or the wire differs from the seed reference pages (empty: as documented). */
  notes?: string;
}

/** Every `AegisClient` method, in README order. */
export const METHOD_TABLE: readonly MethodRow[] = [
  {
    group: "Health",
    method: "healthLive",
    route: "GET /health/live",
    notes: "Body also has `mode`, `uptime_seconds`; status `healthy`.",
  },
  {
    group: "Health",
    method: "healthReady",
    route: "GET /health/ready",
    notes: "Always 200; `status` is `ready` or `degraded`.",
  },
  {
    group: "Agents",
    method: "deployAgent",
    route: "POST /v1/agents",
    notes:
      "Manifest validated locally and sent as JSON (YAML text is converted); answer is `{agent_id}` only.",
  },
  {
    group: "Agents",
    method: "listAgents",
    route: "GET /v1/agents",
    notes: "Bare array, not `{agents}`.",
  },
  { group: "Agents", method: "getAgent", route: "GET /v1/agents/{id}" },
  {
    group: "Agents",
    method: "lookupAgent",
    route: "GET /v1/agents/lookup/{name}",
    notes: "Answer is `{id}` only.",
  },
  {
    group: "Agents",
    method: "updateAgent",
    route: "PATCH /v1/agents/{id}",
    notes: "Needs the complete manifest, not a partial payload.",
  },
  { group: "Agents", method: "deleteAgent", route: "DELETE /v1/agents/{id}" },
  { group: "Agents", method: "executeAgent", route: "POST /v1/agents/{id}/execute" },
  {
    group: "Agents",
    method: "listAgentVersions",
    route: "GET /v1/agents/{id}/versions",
    notes: "Bare array.",
  },
  {
    group: "Agents",
    method: "updateAgentScope",
    route: "POST /v1/agents/{id}/scope",
    notes: "Takes the target scope; sends `{target_scope}` (seed payload `{scope}` is refused).",
  },
  {
    group: "Agents",
    method: "streamAgentEvents",
    route: "GET /v1/agents/{id}/events",
    notes: "SSE; history only unless `follow: true`.",
  },
  {
    group: "Executions",
    method: "startExecution",
    route: "POST /v1/agents/{id}/execute",
    notes: "Seed route `POST /v1/executions` does not exist (405).",
  },
  {
    group: "Executions",
    method: "streamExecution",
    route: "GET /v1/executions/{id}/events",
    notes:
      "Seed route `/stream` and its `token` do not exist; typed event iterator instead of a raw stream.",
  },
  { group: "Executions", method: "getExecution", route: "GET /v1/executions/{id}" },
  {
    group: "Executions",
    method: "listExecutions",
    route: "GET /v1/executions",
    notes: "Bare array.",
  },
  { group: "Executions", method: "cancelExecution", route: "POST /v1/executions/{id}/cancel" },
  { group: "Executions", method: "deleteExecution", route: "DELETE /v1/executions/{id}" },
  {
    group: "Executions",
    method: "getExecutionFile",
    route: "GET /v1/executions/{id}/files/{path}",
    notes: "Streamed download.",
  },
  {
    group: "Dispatch gateway",
    method: "dispatchGateway",
    route: "POST /v1/dispatch-gateway",
    notes: "Not retried (a repeat would start another LLM turn).",
  },
  {
    group: "Workflows",
    method: "registerWorkflow",
    route: "POST /v1/workflows",
    notes: "Body is workflow YAML text, not a JSON payload.",
  },
  {
    group: "Workflows",
    method: "registerTemporalWorkflow",
    route: "POST /v1/workflows/temporal/register",
  },
  { group: "Workflows", method: "listWorkflows", route: "GET /v1/workflows", notes: "Bare array." },
  { group: "Workflows", method: "getWorkflow", route: "GET /v1/workflows/{name}" },
  { group: "Workflows", method: "deleteWorkflow", route: "DELETE /v1/workflows/{name}" },
  {
    group: "Workflows",
    method: "listWorkflowVersions",
    route: "GET /v1/workflows/{name}/versions",
    notes: "Bare array.",
  },
  {
    group: "Workflows",
    method: "updateWorkflowScope",
    route: "POST /v1/workflows/{name}/scope",
    notes: "Sends `{target_scope}`.",
  },
  {
    group: "Workflows",
    method: "runWorkflow",
    route: "POST /v1/workflows/{name}/run",
    notes: "`input` is required.",
  },
  {
    group: "Workflows",
    method: "executeTemporalWorkflow",
    route: "POST /v1/workflows/temporal/execute",
    notes: "Body needs `workflow_id` and `input`.",
  },
  {
    group: "Workflow executions",
    method: "listWorkflowExecutions",
    route: "GET /v1/workflows/executions",
    notes: "Bare array.",
  },
  {
    group: "Workflow executions",
    method: "iterateWorkflowExecutions",
    route: "GET /v1/workflows/executions (paged)",
    notes: "SDK addition: walks every page.",
  },
  {
    group: "Workflow executions",
    method: "getWorkflowExecution",
    route: "GET /v1/workflows/executions/{id}",
    notes: "No `final_output` field.",
  },
  {
    group: "Workflow executions",
    method: "removeWorkflowExecution",
    route: "DELETE /v1/workflows/executions/{id}",
  },
  {
    group: "Workflow executions",
    method: "signalWorkflowExecution",
    route: "POST /v1/workflows/executions/{id}/signal",
    notes: "Takes the human response text; sends `{response}` (202).",
  },
  {
    group: "Workflow executions",
    method: "cancelWorkflowExecution",
    route: "POST /v1/workflows/executions/{id}/cancel",
    notes: "202.",
  },
  {
    group: "Workflow executions",
    method: "getWorkflowExecutionLogs",
    route: "GET /v1/workflows/executions/{id}/logs",
  },
  {
    group: "Workflow executions",
    method: "iterateWorkflowExecutionLogs",
    route: "GET /v1/workflows/executions/{id}/logs (paged)",
    notes: "SDK addition: walks every page.",
  },
  {
    group: "Workflow executions",
    method: "streamWorkflowExecutionLogs",
    route: "GET /v1/workflows/executions/{id}/logs/stream",
    notes: "SSE, typed event iterator.",
  },
  {
    group: "Human approvals",
    method: "listPendingApprovals",
    route: "GET /v1/human-approvals",
    notes: "`{pending_requests, count}`.",
  },
  {
    group: "Human approvals",
    method: "getPendingApproval",
    route: "GET /v1/human-approvals/{id}",
    notes: "HTTP-200 `{error}` answers become typed errors.",
  },
  {
    group: "Human approvals",
    method: "approveRequest",
    route: "POST /v1/human-approvals/{id}/approve",
    notes: "HTTP-200 `{error}` answers become typed errors.",
  },
  {
    group: "Human approvals",
    method: "rejectRequest",
    route: "POST /v1/human-approvals/{id}/reject",
    notes: "HTTP-200 `{error}` answers become typed errors.",
  },
  { group: "Stimuli", method: "ingestStimulus", route: "POST /v1/stimuli", notes: "202." },
  {
    group: "Stimuli",
    method: "listStimuli",
    route: "GET /v1/stimuli",
    notes: "Operators only; `{items}`.",
  },
  { group: "Stimuli", method: "getStimulus", route: "GET /v1/stimuli/{id}" },
  {
    group: "Stimuli",
    method: "sendWebhook",
    route: "POST /v1/webhooks/{source}",
    notes: "HMAC-signed with `X-Aegis-Signature` (needs the webhook secret); no bearer token.",
  },
  {
    group: "Volumes",
    method: "createVolume",
    route: "POST /v1/volumes",
    notes: "`label` and `size_limit_bytes` required (201).",
  },
  { group: "Volumes", method: "listVolumes", route: "GET /v1/volumes", notes: "Bare array." },
  { group: "Volumes", method: "getVolume", route: "GET /v1/volumes/{id}" },
  {
    group: "Volumes",
    method: "renameVolume",
    route: "PATCH /v1/volumes/{id}",
    notes: "Takes the new label; sends `{label}`.",
  },
  { group: "Volumes", method: "deleteVolume", route: "DELETE /v1/volumes/{id}" },
  { group: "Volumes", method: "getVolumeQuota", route: "GET /v1/volumes/quota" },
  {
    group: "Volumes",
    method: "listFiles",
    route: "GET /v1/volumes/{id}/files?path=",
    notes: "`path` always sent (default `/`); bare array.",
  },
  {
    group: "Volumes",
    method: "statFile",
    route: "GET /v1/volumes/{id}/files/stat?path=",
    notes: "SDK addition.",
  },
  {
    group: "Volumes",
    method: "downloadFile",
    route: "GET /v1/volumes/{id}/files/download?path=",
    notes: "Streamed download.",
  },
  {
    group: "Volumes",
    method: "downloadFileBytes",
    route: "GET /v1/volumes/{id}/files/download?path=",
    notes: "SDK addition: buffered download.",
  },
  {
    group: "Volumes",
    method: "uploadFile",
    route: "POST /v1/volumes/{id}/files/upload?path=",
    notes: "`path` required, raw streamed body.",
  },
  {
    group: "Volumes",
    method: "mkdir",
    route: "POST /v1/volumes/{id}/files/mkdir?path=",
    notes: "`path` in the query, not a JSON body.",
  },
  {
    group: "Volumes",
    method: "movePath",
    route: "POST /v1/volumes/{id}/files/move",
    notes: "Takes `from`, `to`; sends `{from, to}`.",
  },
  { group: "Volumes", method: "deletePath", route: "DELETE /v1/volumes/{id}/files?path=" },
  {
    group: "Credentials",
    method: "listCredentials",
    route: "GET /v1/credentials",
    notes: "`{credentials, count}`.",
  },
  {
    group: "Credentials",
    method: "getCredential",
    route: "GET /v1/credentials/{id}",
    notes: "Wrapped: `{credential}`.",
  },
  {
    group: "Credentials",
    method: "storeApiKey",
    route: "POST /v1/credentials/api-keys",
    notes:
      "Body `{provider, label, value, credential_type, scope?}` (seed example `{name, provider, api_key}` is refused); 201 `{id}`.",
  },
  { group: "Credentials", method: "revokeCredential", route: "DELETE /v1/credentials/{id}" },
  {
    group: "Credentials",
    method: "rotateCredential",
    route: "POST /v1/credentials/{id}/rotate",
    notes: "Takes the new value (seed has none); sends `{value}`.",
  },
  {
    group: "Credentials",
    method: "oauthInitiate",
    route: "POST /v1/credentials/oauth/initiate",
    notes: "`redirect_uri` required; answer `{authorization_url, state}`.",
  },
  {
    group: "Credentials",
    method: "oauthCallback",
    route: "GET /v1/credentials/oauth/callback?state=&code=",
    notes: "GET with query; not retried (state is single-use).",
  },
  {
    group: "Credentials",
    method: "devicePoll",
    route: "POST /v1/credentials/oauth/device/poll",
    notes: '202 `{status:"pending"}` or 200 `{status:"complete", binding_id}`.',
  },
  { group: "Credentials", method: "listGrants", route: "GET /v1/credentials/{id}/grants" },
  {
    group: "Credentials",
    method: "addGrant",
    route: "POST /v1/credentials/{id}/grants",
    notes: "Body `{target_type, target_value?}`; 201 `{grant_id}`.",
  },
  {
    group: "Credentials",
    method: "revokeGrant",
    route: "DELETE /v1/credentials/{id}/grants/{grant_id}",
  },
  {
    group: "Secrets",
    method: "listSecrets",
    route: "GET /v1/secrets",
    notes: "Always 501 on the server → `NotImplementedError`.",
  },
  {
    group: "Secrets",
    method: "getSecret",
    route: "GET /v1/secrets/{path}",
    notes:
      "`path` is one segment (`a/b` → `a%2Fb`); answer `{path, fields}` (names only, never values).",
  },
  {
    group: "Secrets",
    method: "writeSecret",
    route: "PUT /v1/secrets/{path}",
    notes: "Takes the fields object; sends `{data}`.",
  },
  { group: "Secrets", method: "deleteSecret", route: "DELETE /v1/secrets/{path}" },
  { group: "API keys", method: "listApiKeys", route: "GET /v1/api-keys" },
  {
    group: "API keys",
    method: "createApiKey",
    route: "POST /v1/api-keys",
    notes: "`scopes` required; secret in `key` (seed says `api_key`); 201; not retried.",
  },
  { group: "API keys", method: "revokeApiKey", route: "DELETE /v1/api-keys/{id}" },
  {
    group: "Colony",
    method: "listMembers",
    route: "GET /v1/colony/members",
    notes: "Needs team context `X-Tenant-Id: t-{uuid}` (`tenantId` option).",
  },
  {
    group: "Colony",
    method: "inviteMember",
    route: "POST /v1/colony/invitations",
    notes:
      "Takes `(email, role?)`; sends `{invitee_email, role?}` (seed route `POST /v1/colony/members` is 405).",
  },
  {
    group: "Colony",
    method: "removeMember",
    route: "DELETE /v1/colony/members/{user_id}",
    notes: "204, resolves with nothing.",
  },
  {
    group: "Colony",
    method: "updateRole",
    route: "PUT /v1/colony/roles",
    notes: "Takes `(userId, role)`; sends `{user_id, role}`.",
  },
  {
    group: "Colony",
    method: "getSamlConfig",
    route: "GET /v1/colony/saml",
    notes: "Config or `{saml: null}`.",
  },
  {
    group: "Colony",
    method: "setSamlConfig",
    route: "PUT /v1/colony/saml",
    notes: 'Answer `{status:"configured"}`.',
  },
  { group: "Colony", method: "getSubscription", route: "GET /v1/colony/subscription" },
  {
    group: "Billing",
    method: "listPrices",
    route: "GET /v1/billing/prices",
    notes:
      "No credentials sent. Billing off → `BillingNotConfiguredError` (501) on every billing call.",
  },
  {
    group: "Billing",
    method: "createCheckoutSession",
    route: "POST /v1/billing/checkout",
    notes: "Takes one object; `success_url` and `cancel_url` required.",
  },
  {
    group: "Billing",
    method: "createPortalSession",
    route: "POST /v1/billing/portal",
    notes: "`{return_url}` required (seed sends no body).",
  },
  {
    group: "Billing",
    method: "getSubscriptionBilling",
    route: "GET /v1/billing/subscription",
    notes: "No `stripe_customer_id`.",
  },
  {
    group: "Billing",
    method: "getInvoices",
    route: "GET /v1/billing/invoices",
    notes: "Fields `amount_due`, `amount_paid`, `invoice_pdf` (not `amount`, `pdf_url`).",
  },
  { group: "Cluster and swarms", method: "getClusterStatus", route: "GET /v1/cluster/status" },
  {
    group: "Cluster and swarms",
    method: "getClusterNodes",
    route: "GET /v1/cluster/nodes",
    notes: "`{source, items}`, not `{nodes}`.",
  },
  {
    group: "Cluster and swarms",
    method: "listSwarms",
    route: "GET /v1/swarms",
    notes: "`{items}`, not `{swarms}`.",
  },
  {
    group: "Cluster and swarms",
    method: "getSwarm",
    route: "GET /v1/swarms/{id}",
    notes: 'HTTP-200 `{error:"swarm not found"}` → `NotFoundError`.',
  },
  {
    group: "Observability",
    method: "getDashboardSummary",
    route: "GET /v1/dashboard/summary",
    notes: "Operators only.",
  },
  {
    group: "Observability",
    method: "listSecurityIncidents",
    route: "GET /v1/security/incidents",
    notes: "`{items}`, not `{incidents}`.",
  },
  {
    group: "Observability",
    method: "listStorageViolations",
    route: "GET /v1/storage/violations",
    notes: "`{items}`; HTTP-200 `{error, items: []}` → typed error.",
  },
  {
    group: "Cortex",
    method: "listCortexPatterns",
    route: "GET /v1/cortex/patterns",
    notes: "`{items}`; filter `q`, `limit`.",
  },
  {
    group: "Cortex",
    method: "getCortexSkills",
    route: "GET /v1/cortex/skills",
    notes: "camelCase fields.",
  },
  {
    group: "Cortex",
    method: "getCortexMetrics",
    route: "GET /v1/cortex/metrics",
    notes: "camelCase fields.",
  },
  { group: "User", method: "getUserRateLimitUsage", route: "GET /v1/user/rate-limits/usage" },
  {
    group: "Admin",
    method: "createTenant",
    route: "POST /v1/admin/tenants",
    notes: "Not served by the current orchestrator (404); implemented as the seed documents it.",
  },
  {
    group: "Admin",
    method: "listTenants",
    route: "GET /v1/admin/tenants",
    notes: "Not served (404); `{tenants, count}` as the TS seed.",
  },
  {
    group: "Admin",
    method: "suspendTenant",
    route: "POST /v1/admin/tenants/{slug}/suspend",
    notes: "Not served (404).",
  },
  {
    group: "Admin",
    method: "deleteTenant",
    route: "DELETE /v1/admin/tenants/{slug}",
    notes: "Not served (404).",
  },
  {
    group: "Admin",
    method: "listRateLimitOverrides",
    route: "GET /v1/admin/rate-limits/overrides",
    notes: "Filter object `{tenantId?, userId?}` instead of two positional arguments.",
  },
  {
    group: "Admin",
    method: "createRateLimitOverride",
    route: "POST /v1/admin/rate-limits/overrides",
    notes: "Exactly one of `tenant_id`/`user_id`, checked locally too.",
  },
  {
    group: "Admin",
    method: "deleteRateLimitOverride",
    route: "DELETE /v1/admin/rate-limits/overrides/{id}",
  },
  {
    group: "Admin",
    method: "getRateLimitUsage",
    route: "GET /v1/admin/rate-limits/usage?scope_type=&scope_id=",
    notes: "`{usage, count}` (Python seed says a list).",
  },
  {
    group: "SEAL",
    method: "attestSeal",
    route: "POST /v1/seal/attest",
    notes:
      "Bearer token sent (authenticated in the handler); answer also has `status`, `expires_at`, `session_id`.",
  },
  {
    group: "SEAL",
    method: "invokeSeal",
    route: "POST /v1/seal/invoke",
    notes: "No credentials; never retried (replay protection); raw tool result.",
  },
  {
    group: "SEAL",
    method: "listSealTools",
    route: "GET /v1/seal/tools",
    notes:
      "Context sent as `X-Zaru-Security-Context` and `security_context`; tools use `inputSchema`.",
  },
];

/** Markers around the generated section in README.md. */
export const README_MARKERS = {
  start: "<!-- methods:start -->",
  end: "<!-- methods:end -->",
} as const;

/** Renders {@link METHOD_TABLE} as markdown (one table per group). */
export function renderMethodTable(rows: readonly MethodRow[] = METHOD_TABLE): string {
  const out: string[] = [];
  let group = "";
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      if (out.length > 0) out.push("");
      out.push(`#### ${group}`, "", "| Method | HTTP route | Notes |", "|---|---|---|");
    }
    const cells = [`\`${row.method}\``, `\`${row.route}\``, row.notes ?? ""]
      .map((cell) => cell.replaceAll("|", "\\|"));
    out.push(`| ${cells.join(" | ")} |`);
  }
  return out.join("\n") + "\n";
}

/**
 * Returns `readme` with the text between the markers replaced by the rendered table, or
 * `undefined` when the markers are missing.
 */
export function updateReadme(
  readme: string,
  table: string = renderMethodTable(),
): string | undefined {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start + README_MARKERS.start.length) + "\n\n" + table + "\n" +
    readme.slice(end);
}

if (import.meta.main) {
  const table = renderMethodTable();
  if (!Deno.args.includes("--write")) {
    console.log(table);
  } else {
    const readmeUrl = new URL("../README.md", import.meta.url);
    const updated = updateReadme(await Deno.readTextFile(readmeUrl), table);
    if (updated === undefined) {
      console.error(`README.md has no ${README_MARKERS.start} … ${README_MARKERS.end} section`);
      Deno.exit(1);
    }
    await Deno.writeTextFile(readmeUrl, updated);
    console.log("README.md method table updated");
  }
}
