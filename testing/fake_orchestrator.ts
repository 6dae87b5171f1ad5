/**
 * The fake AEGIS orchestrator: a Hono app with in-memory state that answers like the real one
 * (paths, bodies, status codes, bare arrays, HTTP-200 error bodies, SSE frames with keep-alive
 * comments), a fake Keycloak token endpoint, and fault injection. Use it in-process through
 * {@link FakeOrchestrator.fetch}, or on a socket with `listen(fake)` from
 * `@aegis/sdk/testing/server`. `await using fake = createFakeOrchestrator()` closes it, and
 * everything it runs, at the end of the scope.
 *
 * @module
 */

import { Hono } from "hono";
import type { FakeApp } from "./app.ts";
import { FaultInjector } from "./faults.ts";
import { createPlatformData, type FakePlatformData } from "./platform.ts";
import { ApiKeyStore } from "./internal/api_key_store.ts";
import { EdgeStore, type FakeEdge } from "./internal/edge_store.ts";
import { GitRepoStore } from "./internal/git_repo_store.ts";
import type { FakeContext } from "./internal/context.ts";
import { faultMiddleware } from "./internal/fault_middleware.ts";
import { plainText } from "./internal/http.ts";
import { FakeLifecycle, lifecycles } from "./internal/lifecycle.ts";
import { type ExecutionScript, FakeState } from "./internal/state.ts";
import { fetchInProcess } from "./internal/transport.ts";
import { type FakeVolumeOptions, type FakeVolumes, VolumeStore } from "./internal/volume_store.ts";
import { FakeWorkflowEngine } from "./internal/workflows/engine.ts";
import { registerAdminRoutes } from "./routes/admin.ts";
import { registerAgentRoutes } from "./routes/agents.ts";
import { registerApiKeyRoutes } from "./routes/api_keys.ts";
import { registerApprovalRoutes } from "./routes/approvals.ts";
import { registerBillingRoutes } from "./routes/billing.ts";
import { registerBillingPlanRoutes } from "./routes/billing_plan.ts";
import { registerCanvasRoutes } from "./routes/canvas.ts";
import { registerClusterRoutes } from "./routes/cluster.ts";
import { registerColonyRoutes } from "./routes/colony.ts";
import { registerCortexRoutes } from "./routes/cortex.ts";
import { registerCredentialRoutes } from "./routes/credentials.ts";
import { registerEdgeRoutes } from "./routes/edge.ts";
import { registerGitRepoRoutes } from "./routes/git_repos.ts";
import { dispatchApp, type DispatchRoutesOptions } from "./routes/dispatch.ts";
import { registerExecutionRoutes } from "./routes/executions.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerKeycloakRoutes } from "./routes/keycloak.ts";
import { registerObservabilityRoutes } from "./routes/observability.ts";
import { registerScriptRoutes } from "./routes/scripts.ts";
import { sealApp, type SealRoutesOptions } from "./routes/seal_api.ts";
import { registerSecretRoutes } from "./routes/secrets.ts";
import { registerStimulusRoutes } from "./routes/stimuli.ts";
import { registerSwarmRoutes } from "./routes/swarms.ts";
import { registerUserRoutes } from "./routes/users.ts";
import { registerVolumeFileRoutes } from "./routes/volume_files.ts";
import { registerVolumeRoutes } from "./routes/volumes.ts";
import { registerWorkflowExecutionRoutes } from "./routes/workflow_executions.ts";
import { registerWorkflowRoutes } from "./routes/workflows.ts";

/**
 * The route files of the fake, one per client resource, each registering its routes with
 * `register...Routes(app, ctx)`. Order matters where paths overlap: workflow executions'
 * static `/v1/workflows/executions*` paths come before `/v1/workflows/{name}`.
 */
const ROUTES: readonly ((app: Hono, ctx: FakeContext) => void)[] = [
  registerHealthRoutes,
  registerAgentRoutes,
  registerExecutionRoutes,
  registerWorkflowExecutionRoutes,
  registerWorkflowRoutes,
  registerApprovalRoutes,
  registerStimulusRoutes,
  registerVolumeRoutes,
  registerVolumeFileRoutes,
  registerCredentialRoutes,
  registerSecretRoutes,
  registerApiKeyRoutes,
  registerColonyRoutes,
  registerBillingRoutes,
  registerBillingPlanRoutes,
  registerClusterRoutes,
  registerSwarmRoutes,
  registerObservabilityRoutes,
  registerCortexRoutes,
  registerUserRoutes,
  registerAdminRoutes,
  registerGitRepoRoutes,
  registerScriptRoutes,
  registerCanvasRoutes,
  registerEdgeRoutes,
];

/** Options of {@link createFakeOrchestrator}. */
export interface FakeOrchestratorOptions {
  /** Static bearer tokens accepted (default: one random token, exposed as `fake.token`). */
  tokens?: string[];
  /** Client credentials the fake Keycloak accepts. */
  keycloak?: {
    realm?: string;
    clientId?: string;
    clientSecret?: string;
    /** `expires_in` of issued tokens (default 300). */
    tokenLifetimeSeconds?: number;
  };
  /** Keep-alive comment interval of streams in ms (default 15 000, like the orchestrator). */
  keepAliveMs?: number;
  /** Delay between simulated execution events in ms (default 5). */
  stepMs?: number;
  /** How a started execution plays out (default: one iteration echoing the input). */
  executionScript?: (input: unknown) => ExecutionScript;
  /** Tenant of every caller (default `aegis-system`). */
  tenantId?: string;
  /**
   * HMAC secret per webhook source, standing in for the orchestrator's
   * `AEGIS_WEBHOOK_SECRET_{TENANT}_{SOURCE}` variables (change later via `fake.workflows.webhookSecrets`).
   */
  webhookSecrets?: Record<string, string>;
  /** Script of the dispatch-gateway inner loop (default: a few commands, then a final answer). */
  dispatch?: DispatchRoutesOptions;
  /** SEAL tools, contexts, clock and session lifetime (attestation accepts the fake's tokens). */
  seal?: Omit<SealRoutesOptions, "authorize">;
  /** Volume routes: the caller's tier, which sets quotas and the upload cap (default Enterprise). */
  volumes?: FakeVolumeOptions;
  /**
   * `false` starts the fake without Stripe: every `/v1/billing/*` route answers 501
   * `billing_not_configured` (switch at runtime with `fake.platform.billingConfigured`).
   * Default true.
   */
  billingConfigured?: boolean;
}

/** A request as the fake saw it (for asserting the exact wire format). */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Raw (still percent-encoded) path. */
  path: string;
  /** Raw query string without `?`. */
  search: string;
  /** Request headers as received. */
  headers: Headers;
  /** Body text for JSON, text and form bodies; `undefined` for others. */
  body: string | undefined;
}

/** Text bodies up to this size are recorded; larger (or streamed beyond it) are not. */
const RECORDED_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a copy of a text body for the request log, giving up past the limit so that a large
 * streamed upload is never held in memory just to be recorded.
 */
async function recordedBody(request: Request): Promise<string | undefined> {
  const copy = request.clone().body;
  if (!copy) return "";
  const reader = copy.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > RECORDED_BODY_LIMIT) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

/** Prefixes that need no `Authorization` (the orchestrator's `EXEMPT_PATH_PREFIXES`). */
const EXEMPT_PREFIXES = [
  "/health",
  "/v1/api-keys/validate",
  "/v1/billing/prices",
  "/v1/dispatch-gateway",
  "/v1/seal/attest",
  "/v1/seal/invoke",
  "/v1/seal/tools",
  "/v1/webhooks",
  "/realms/",
];

/**
 * The `Symbol.asyncDispose` method, typed only where the TypeScript lib declares that symbol
 * (`esnext.disposable`), so the fake's types also compile with an older `lib` such as
 * `["es2022", "dom"]`. At run time the method is always there (under `Symbol.asyncDispose`, or
 * `Symbol.for("Symbol.asyncDispose")` where the runtime lacks it, which is what `await using`
 * compiled by TypeScript or esbuild looks up then).
 */
export type AsyncDisposableFake = {
  [K in SymbolConstructor extends { readonly asyncDispose: infer S extends symbol } ? S : never]:
    () => Promise<void>;
};

/** A running fake orchestrator; `await using` (or `await fake.close()`) stops all of it. */
export interface FakeOrchestrator extends AsyncDisposableFake {
  /** The fake's request handler (`fake.app.request("/health")` in tests). */
  readonly app: FakeApp;
  /** In-process `fetch` (pass it as the client's `fetch`). */
  readonly fetch: typeof fetch;
  /** A bearer token the fake accepts. */
  readonly token: string;
  /** Client-credentials settings the fake Keycloak accepts (use with `keycloakUrl`). */
  readonly oauth: { realm: string; clientId: string; clientSecret: string };
  /** Fault injection rules. */
  readonly faults: FaultInjector;
  /** In-memory state. */
  readonly state: FakeState;
  /** Requests received, oldest first (at most the last 2 000). */
  readonly requests: RecordedRequest[];
  /** Token endpoint calls so far. */
  readonly tokenRequests: number;
  /** Volumes and their files (e.g. `fake.volumes.setAttached(id, true)` to get 409 on delete). */
  readonly volumes: FakeVolumes;
  /**
   * Workflows, workflow executions, pending approvals (`fake.workflows.createApproval({prompt})`),
   * stimuli and webhook secrets.
   */
  readonly workflows: FakeWorkflowEngine;
  /**
   * Data behind billing, cluster, swarms, observability, Cortex, rate limits and tenants
   * (e.g. `fake.platform.billingConfigured = false`, `fake.platform.swarms.push(...)`).
   */
  readonly platform: FakePlatformData;
  /**
   * Edge hosts (they enroll over gRPC in the real system: add them with
   * `fake.edge.enrollHost({name, tags})`) and how long fleet tools take (`toolDelayMs`).
   */
  readonly edge: FakeEdge;
  /** Makes every token the fake Keycloak issued so far invalid (401 on next use). */
  expireIssuedTokens(): void;
  /**
   * Stops everything the fake runs: simulated executions and workflows, open streams (they
   * break off), pending fault delays, and the socket listeners started with `listen(fake)`.
   * Resolves once the listeners are closed; calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/** Where `await using` finds the dispose method in this runtime. */
const asyncDisposeSymbol: symbol = (Symbol as { asyncDispose?: symbol }).asyncDispose ??
  Symbol.for("Symbol.asyncDispose");

/**
 * Creates a fake orchestrator.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await client.listAgents()); // []
 * ```
 */
export function createFakeOrchestrator(options: FakeOrchestratorOptions = {}): FakeOrchestrator {
  const token = options.tokens?.[0] ?? `fake-${crypto.randomUUID()}`;
  const staticTokens = new Set(options.tokens ?? [token]);
  const oauth = {
    realm: options.keycloak?.realm ?? "aegis-system",
    clientId: options.keycloak?.clientId ?? "aegis-sdk-test",
    clientSecret: options.keycloak?.clientSecret ?? `secret-${crypto.randomUUID()}`,
  };
  const state = new FakeState(
    options.stepMs ?? 5,
    options.executionScript ?? (() => ({})),
  );
  const tenantId = options.tenantId ?? "aegis-system";
  const lifecycle = new FakeLifecycle();
  const ctx: FakeContext = {
    state,
    workflows: new FakeWorkflowEngine(tenantId, {
      stepMs: options.stepMs,
      webhookSecrets: options.webhookSecrets,
    }),
    platform: createPlatformData({ billingConfigured: options.billingConfigured }),
    volumes: new VolumeStore(options.volumes ?? {}, () => state.now()),
    apiKeys: new ApiKeyStore(() => state.now()),
    gitRepos: new GitRepoStore(),
    edge: new EdgeStore(tenantId, () => state.now()),
    keepAliveMs: options.keepAliveMs ?? 15_000,
    tenantId,
    userId: crypto.randomUUID(),
    startedAt: state.now(),
    closing: lifecycle.signal,
  };
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const app = new Hono();

  app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    const type = c.req.header("content-type") ?? "";
    const textual = /json|text|x-www-form-urlencoded|yaml/i.test(type) &&
      Number(c.req.header("content-length") ?? 0) <= RECORDED_BODY_LIMIT;
    requests.push({
      method: c.req.method,
      path: url.pathname,
      search: url.search.slice(1),
      headers: new Headers(c.req.raw.headers),
      body: textual ? await recordedBody(c.req.raw) : undefined,
    });
    if (requests.length > 2000) requests.splice(0, requests.length - 2000);
    await next();
  });
  app.use("*", faultMiddleware(faults, lifecycle.signal));
  const issued = registerKeycloakRoutes(app, oauth, options.keycloak?.tokenLifetimeSeconds ?? 300);
  app.use("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (EXEMPT_PREFIXES.some((prefix) => path.startsWith(prefix))) return await next();
    const header = c.req.header("authorization");
    if (header === undefined) return plainText(401, "Missing Authorization header");
    if (!header.startsWith("Bearer ")) return plainText(401, "Invalid Authorization header format");
    if (!isAccepted(header.slice("Bearer ".length))) return plainText(401, "Unauthorized");
    await next();
  });
  const isAccepted = (token: string) => staticTokens.has(token) || issued.isValid(token);
  for (const register of ROUTES) register(app, ctx);
  app.route("/", dispatchApp(options.dispatch));
  app.route(
    "/",
    sealApp({
      ...options.seal,
      // Attestation authenticates in the handler: the fake's static and Keycloak tokens.
      // aegis_ API keys created through POST /v1/api-keys are accepted too, like the real route.
      authorize: async (header) => {
        if (header === null || !header.startsWith("Bearer ")) return false;
        const presented = header.slice("Bearer ".length);
        return isAccepted(presented) || await ctx.apiKeys.isValid(presented);
      },
    }),
  );
  // axum: an unknown path is 404, a known path with another method 405, both with empty bodies.
  const methodsOf = routeMethods(app);
  app.notFound((c) =>
    new Response(null, { status: methodsOf(new URL(c.req.url).pathname).size > 0 ? 405 : 404 })
  );

  const inProcessFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    fetchInProcess(app, input, init);
  lifecycle.onClose(() => {
    state.stopAll();
    ctx.workflows.stopAll();
    return Promise.resolve();
  });
  const close = () => lifecycle.close();

  const fake: Omit<FakeOrchestrator, keyof AsyncDisposableFake> = {
    app,
    fetch: inProcessFetch as typeof fetch,
    token,
    oauth,
    faults,
    state,
    requests,
    volumes: ctx.volumes,
    workflows: ctx.workflows,
    platform: ctx.platform,
    edge: ctx.edge,
    get tokenRequests() {
      return issued.count();
    },
    expireIssuedTokens: () => issued.expireAll(),
    close,
  };
  Object.defineProperty(fake, asyncDisposeSymbol, { value: close });
  lifecycles.set(fake, lifecycle);
  return fake as FakeOrchestrator;
}

/** The methods the app's routes serve for a path (its middleware, method `ALL`, aside). */
function routeMethods(app: Hono): (path: string) => Set<string> {
  let patterns: { method: string; pattern: RegExp }[] | undefined;
  return (path) => {
    patterns ??= app.routes.filter((route) => route.method !== "ALL").map((route) => ({
      method: route.method,
      pattern: new RegExp(
        "^" +
          route.path.split("/").map((segment) =>
            segment === "*"
              ? ".*"
              : segment.startsWith(":")
              ? "[^/]+"
              : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
          ).join("/") + "$",
      ),
    }));
    return new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method));
  };
}
