/**
 * The fake AEGIS orchestrator: a Hono app with in-memory state that answers like the real one
 * (paths, bodies, status codes, bare arrays, HTTP-200 error bodies, SSE frames with keep-alive
 * comments), a fake Keycloak token endpoint, and fault injection. Use it in-process through
 * {@link FakeOrchestrator.fetch}, or on a socket with {@link FakeOrchestrator.listen}.
 *
 * @module
 */

import { Hono } from "hono";
import type { FakeApp } from "./app.ts";
import type { FakeContext } from "./context.ts";
import { dispatchApp, type DispatchRoutesOptions } from "./dispatch_routes.ts";
import {
  FaultInjector,
  faultMiddleware,
  RESET_HEADER,
  truncate,
  TRUNCATE_HEADER,
} from "./faults.ts";
import { sealApp, type SealRoutesOptions } from "./seal_routes.ts";
import { plainText } from "./http.ts";
import { registerAgentRoutes } from "./routes/agents.ts";
import { registerExecutionRoutes } from "./routes/executions.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerKeycloakRoutes } from "./routes/keycloak.ts";
import {
  type FakeVolumeOptions,
  type FakeVolumes,
  registerVolumeRoutes,
} from "./routes/volumes.ts";
import { type ExecutionScript, FakeState } from "./state.ts";
import { registerApprovalRoutes } from "./routes/approvals.ts";
import { registerStimulusRoutes } from "./routes/stimuli.ts";
import { registerWorkflowRoutes } from "./routes/workflows.ts";
import { createPlatformData, type FakePlatformData } from "./platform.ts";
import { registerAdminRoutes } from "./routes/admin.ts";
import { registerBillingRoutes } from "./routes/billing.ts";
import { registerClusterRoutes } from "./routes/cluster.ts";
import { registerColonyRoutes } from "./routes/colony.ts";
import { registerCredentialRoutes } from "./routes/credentials.ts";
import { FakeWorkflowEngine } from "./workflow_engine.ts";

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

/** A running fake orchestrator. */
export interface FakeOrchestrator {
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
  /** Makes every token the fake Keycloak issued so far invalid (401 on next use). */
  expireIssuedTokens(): void;
  /** Serves on `127.0.0.1` (port 0 = any free port) through `node:http`. */
  listen(
    port?: number,
  ): Promise<{ url: string; openConnections(): number; close(): Promise<void> }>;
  /** Stops simulations and timers. */
  close(): void;
}

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
  const ctx: FakeContext = {
    state,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    tenantId: options.tenantId ?? "aegis-system",
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
  app.use("*", faultMiddleware(faults));
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
  registerHealthRoutes(app, Date.now());
  registerAgentRoutes(app, ctx);
  registerExecutionRoutes(app, ctx);
  const workflows = new FakeWorkflowEngine(ctx, {
    stepMs: options.stepMs,
    webhookSecrets: options.webhookSecrets,
  });
  registerWorkflowRoutes(app, ctx, workflows);
  registerApprovalRoutes(app, ctx, workflows);
  registerStimulusRoutes(app, ctx, workflows);
  const volumes = registerVolumeRoutes(app, ctx, options.volumes);
  const platform = createPlatformData({ billingConfigured: options.billingConfigured });
  const apiKeys = registerCredentialRoutes(app, ctx);
  registerColonyRoutes(app, ctx);
  registerBillingRoutes(app, ctx, platform);
  registerClusterRoutes(app, ctx, platform);
  registerAdminRoutes(app, ctx, platform);
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
        return isAccepted(presented) || await apiKeys.isValid(presented);
      },
    }),
  );
  app.notFound(() => new Response(null, { status: 404 }));

  const inProcessFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    fetchInProcess(app, input, init);

  return {
    app,
    fetch: inProcessFetch as typeof fetch,
    token,
    oauth,
    faults,
    state,
    requests,
    volumes,
    workflows,
    platform,
    get tokenRequests() {
      return issued.count();
    },
    expireIssuedTokens: () => issued.expireAll(),
    listen: (port = 0) => listen(app, port),
    close: () => {
      state.stopAll();
      workflows.stopAll();
    },
  };
}

/**
 * Calls the app like a network fetch would behave: honours the request's signal (before the
 * response and while reading the body) and turns injected resets into network errors.
 */
async function fetchInProcess(
  app: Hono,
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal.aborted) throw abortError(signal);
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
  });
  aborted.catch(() => {});
  const response = await Promise.race([Promise.resolve(app.fetch(request)), aborted]);
  if (response.headers.has(RESET_HEADER)) {
    throw new TypeError("fetch failed", { cause: new Error("socket hang up (ECONNRESET)") });
  }
  if (response.body === null) return response;
  const cutAfter = response.headers.get(TRUNCATE_HEADER);
  const source = cutAfter === null ? response.body : truncate(response.body, Number(cutAfter));
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await Promise.race([reader.read(), aborted]);
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        reader.cancel(error).catch(() => {});
        controller.error(
          error instanceof DOMException ? error : new TypeError("terminated", { cause: error }),
        );
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const headers = new Headers(response.headers);
  headers.delete(TRUNCATE_HEADER);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

function abortError(signal: AbortSignal): DOMException {
  return signal.reason instanceof DOMException
    ? signal.reason
    : new DOMException("This operation was aborted", "AbortError");
}

async function listen(app: Hono, port: number): Promise<{
  url: string;
  openConnections(): number;
  close(): Promise<void>;
}> {
  const { listenOn } = await import("./listen.ts");
  return await listenOn((request) => app.fetch(request), port);
}
