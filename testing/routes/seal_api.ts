/**
 * The orchestrator's SEAL routes for the fake orchestrator: `POST /v1/seal/attest`,
 * `POST /v1/seal/invoke` and `GET /v1/seal/tools`, with the real status codes, bodies and check
 * order, and envelopes verified for real (serde_json number semantics included).
 *
 * @module
 */

import { isRecord as isPlainRecord, isUuid } from "../../internal/guards.ts";
import { Hono } from "hono";
import type { Context } from "hono";
import type { FakeApp } from "../app.ts";
import { encodeBase64 } from "../../internal/encoding.ts";
import type { JsonValue } from "../../seal/canonical.ts";
import { JsonTextError } from "../../seal/serde_json_reader.ts";
import { SEALError } from "../../seal/error.ts";
import {
  type EnvelopeFields,
  parseSealEnvelopeText,
  verifyEnvelopeFields,
} from "../../seal/envelope.ts";
import { decodeEd25519PublicKey, importVerifyKey } from "../../seal/key.ts";

/** What a fake SEAL tool receives besides its arguments. */
export interface SealToolContext {
  /** The tool name taken from the payload. */
  toolName: string;
  /** The session's security context. */
  securityContext: string;
  /** The session id (JWT `jti`). */
  sessionId: string;
  /** Agent id of the session (given at attestation or minted). */
  agentId: string;
  /** Execution id of the session (given at attestation or minted). */
  executionId: string;
  /** `tenant_id` given at attestation, if any. */
  tenantId: string | undefined;
  /** The whole verified MCP payload. */
  payload: JsonValue;
}

/** A fake tool: gets the call's arguments, returns the JSON result sent back as is. */
export type SealToolHandler = (
  args: JsonValue,
  context: SealToolContext,
) => unknown | Promise<unknown>;

/** A fake tool with the metadata `GET /v1/seal/tools` lists. */
export interface SealToolDefinition {
  /** Runs the tool. */
  handler: SealToolHandler;
  /** Human description (default: empty). */
  description?: string;
  /** JSON Schema of the arguments (default: `{"type":"object"}`). */
  inputSchema?: JsonValue;
}

/** Options of {@link createSealRoutes}. */
export interface SealRoutesOptions {
  /**
   * Decides whether attestation's `Authorization` header (or `null` when absent) is acceptable.
   * Default: any `Bearer <non-empty value>`. A `false` answer gives 401 `{"error":"unauthorized"}`.
   */
  authorize?: (authorization: string | null) => boolean | Promise<boolean>;
  /** Tools by name (default: {@link defaultSealTools}). Unknown names are a policy violation. */
  tools?: Record<string, SealToolHandler | SealToolDefinition>;
  /** Known security contexts; when given, any other context fails attestation. */
  securityContexts?: readonly string[];
  /** Clock in Unix milliseconds (default `Date.now`). */
  now?: () => number;
  /** Session lifetime (default 3600 s, as the orchestrator). */
  sessionTtlSeconds?: number;
  /** JWT `iss` of the minted security tokens (default `"aegis-orchestrator"`). */
  issuer?: string;
}

/**
 * The default fake tools: `echo` returns its arguments; `fs.read` returns a fake file for
 * `{path}`; `fs.list` returns a fixed listing.
 *
 * @example
 * ```ts
 * import { defaultSealTools } from "./seal_api.ts";
 * console.log(Object.keys(defaultSealTools())); // ["echo", "fs.read", "fs.list"]
 * ```
 */
export function defaultSealTools(): Record<string, SealToolDefinition> {
  return {
    echo: {
      description: "Returns its arguments unchanged.",
      inputSchema: { type: "object" },
      handler: (args) => args,
    },
    "fs.read": {
      description: "Reads a file from the workspace (fake content).",
      inputSchema: {
        type: "object",
        properties: { path: { type: "string" } },
        required: ["path"],
      },
      handler: (args) => {
        const path = isRecord(args) && typeof args.path === "string" ? args.path : undefined;
        if (path === undefined) throw new Error("fs.read requires a string 'path'");
        const content = `fake contents of ${path}\n`;
        return { path, content, size: new TextEncoder().encode(content).length };
      },
    },
    "fs.list": {
      description: "Lists a workspace directory (fake listing).",
      inputSchema: { type: "object", properties: { path: { type: "string" } } },
      handler: (args) => ({
        path: isRecord(args) && typeof args.path === "string" ? args.path : "/workspace",
        entries: [{ name: "README.md", type: "file", size: 42 }],
      }),
    },
  };
}

interface Session {
  token: string;
  sessionId: string;
  key: CryptoKey;
  securityContext: string;
  agentId: string;
  executionId: string;
  tenantId: string | undefined;
  expiresAtMs: number;
}

const REPLAY_WINDOW_MS = 30_000;
const FRESHNESS_SECONDS = 30;
const BODY_LIMIT = 2 * 1024 * 1024;
const encoder = /* @__PURE__ */ new TextEncoder();
const ATTEST_STRING_FIELDS = [
  "public_key",
  "public_key_pem",
  "agent_public_key",
  "security_context",
  "agent_id",
  "execution_id",
  "container_id",
  "tenant_id",
  "principal_subject",
  "user_id",
  "workload_id",
  "zaru_tier",
  "task_summary",
];

/** A parsed JSON object (the shared check, typed for JSON values). */
const isRecord = isPlainRecord as (value: unknown) => value is Record<string, JsonValue>;

function base64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function text(c: Context, status: 400 | 413 | 415 | 422, body: string): Response {
  return c.body(body, status, { "content-type": "text/plain; charset=utf-8" });
}

/** axum's `Json` extractor: content type, body limit, then the body text. */
async function readJsonBody(c: Context): Promise<string | Response> {
  const contentType = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!/^application\/(?:[\w.+-]+\+)?json$/.test(contentType)) {
    return text(c, 415, "Expected request with `Content-Type: application/json`");
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length > BODY_LIMIT) {
    return text(c, 413, "Failed to buffer the request body: length limit exceeded");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return text(c, 400, "Failed to parse the request body as JSON: invalid UTF-8");
  }
}

/** Public key normalisation as the orchestrator's attestation does it. */
function orchestratorPublicKey(value: string): Uint8Array | undefined {
  try {
    return decodeEd25519PublicKey(value);
  } catch {
    // Like the orchestrator: if base64 fails, the string's own bytes may be the raw key.
    const raw = encoder.encode(value);
    return raw.length === 32 ? raw : undefined;
  }
}

function invokeErrorText(error: SEALError): string {
  switch (error.code) {
    case "invalid_protocol":
    case "invalid_timestamp":
    case "malformed_envelope":
      return `Malformed MCP payload: ${error.message}`;
    case "stale_timestamp":
      return `Replay protection failed: ${error.message}`;
    case "invalid_signature_encoding":
      return `Signature verification failed: ${error.message}`;
    case "bad_signature":
      return error.message;
    default:
      return `Internal error: ${error.message}`;
  }
}

/** Tool name and arguments as the orchestrator extracts them from an MCP payload. */
function extractToolCall(payload: JsonValue): { name: string; args: JsonValue } | string {
  if (!isRecord(payload) || typeof payload.method !== "string") return "missing tool name";
  const params = payload.params;
  if (payload.method === "tools/call") {
    if (!isRecord(params) || typeof params.name !== "string") return "missing tool name";
    if (!("arguments" in params)) return "missing arguments";
    return { name: params.name, args: params.arguments };
  }
  if (params === undefined) return "missing arguments";
  return { name: payload.method, args: params };
}

/**
 * Builds the SEAL sub-app. Mount it with `app.route("/", createSealRoutes(...))`.
 *
 * - `POST /v1/seal/attest`: JSON body (`public_key` or its aliases `public_key_pem`,
 *   `agent_public_key`: std base64 raw key, URL-safe base64, PEM, SPKI DER base64, or a 32-byte
 *   string), `security_context` required; `Authorization` checked with `options.authorize`.
 *   Returns `{status:"success", security_token, expires_at, session_id}`.
 * - `POST /v1/seal/invoke`: verifies the envelope from the raw body text (serde_json number
 *   semantics), +/-30 s freshness, replay of a signature within 30 s refused, then runs the tool
 *   and returns its result as is. Every failure is 400 `{"error": "<orchestrator text>"}`;
 *   unparseable bodies get axum's plain-text 400/415/422.
 * - `GET /v1/seal/tools`: the tool list (`X-Zaru-Security-Context` header wins over the
 *   `security_context` query parameter).
 *
 * @example Attest and list tools in-process
 * ```ts
 * import { createSealRoutes } from "./seal_api.ts";
 *
 * const app = createSealRoutes({ authorize: (header) => header === "Bearer test" });
 * const response = await app.request("/v1/seal/tools?security_context=default");
 * console.log((await response.json()).tools.length);
 * ```
 */
export function createSealRoutes(options: SealRoutesOptions = {}): FakeApp {
  return sealApp(options);
}

/** Builds the Hono app behind {@link createSealRoutes} (mounted by the fake orchestrator). */
export function sealApp(options: SealRoutesOptions = {}): Hono {
  const now = options.now ?? Date.now;
  const ttlSeconds = options.sessionTtlSeconds ?? 3600;
  const issuer = options.issuer ?? "aegis-orchestrator";
  const authorize = options.authorize ??
    ((header: string | null) => header !== null && /^Bearer \S+$/.test(header));
  const tools = new Map<string, SealToolDefinition>();
  for (const [name, tool] of Object.entries(options.tools ?? defaultSealTools())) {
    tools.set(name, typeof tool === "function" ? { handler: tool } : tool);
  }
  const sessions = new Map<string, Session>();
  const seenSignatures = new Map<string, number>();
  const app = new Hono();

  app.post("/v1/seal/attest", async (c) => {
    const bodyText = await readJsonBody(c);
    if (bodyText instanceof Response) return bodyText;
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      return text(c, 400, `Failed to parse the request body as JSON: ${(error as Error).message}`);
    }
    const reject422 = (what: string) =>
      text(c, 422, `Failed to deserialize the JSON body into the target type: ${what}`);
    if (!isRecord(body)) return reject422("invalid type: expected struct AttestationRequest");
    for (const field of ATTEST_STRING_FIELDS) {
      const value = body[field];
      if (value !== undefined && value !== null && typeof value !== "string") {
        return reject422(`invalid type for field \`${field}\`: expected a string`);
      }
    }
    const publicKeyText = [body.public_key, body.public_key_pem, body.agent_public_key]
      .find((value) => typeof value === "string") as string | undefined;
    if (publicKeyText === undefined) return reject422("missing field `public_key`");

    if (!await authorize(c.req.header("authorization") ?? null)) {
      return c.json({ error: "unauthorized" }, 401);
    }
    const securityContext = typeof body.security_context === "string"
      ? body.security_context.trim()
      : "";
    if (securityContext === "") {
      return c.json({ error: "security_context is required for attestation" }, 401);
    }
    if (options.securityContexts && !options.securityContexts.includes(securityContext)) {
      return c.json({ error: `Security context '${securityContext}' not found` }, 401);
    }
    const agentIdText = typeof body.agent_id === "string" ? body.agent_id : undefined;
    const executionIdText = typeof body.execution_id === "string" ? body.execution_id : undefined;
    let agentId: string = crypto.randomUUID();
    let executionId: string = crypto.randomUUID();
    if (agentIdText !== undefined && executionIdText !== undefined) {
      if (!isUuid(agentIdText) || !isUuid(executionIdText)) {
        return c.json({ error: "invalid agent_id or execution_id (expected UUIDs)" }, 401);
      }
      agentId = agentIdText.toLowerCase();
      executionId = executionIdText.toLowerCase();
    }
    const raw = orchestratorPublicKey(publicKeyText);
    let key: CryptoKey;
    try {
      if (raw === undefined) throw new Error("unsupported encoding");
      key = await importVerifyKey(raw);
    } catch {
      return c.json({ error: "unsupported Ed25519 public key encoding" }, 401);
    }
    const tenantId = typeof body.tenant_id === "string" ? body.tenant_id : undefined;
    const issuedAt = Math.floor(now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const sessionId = crypto.randomUUID();
    const claims = {
      sub: agentId,
      security_context: securityContext,
      scp: securityContext,
      wid: typeof body.container_id === "string" ? body.container_id : executionId,
      exec_id: executionId,
      tenant_id: tenantId ?? "aegis-system",
      iss: issuer,
      aud: "aegis-agents",
      iat: issuedAt,
      exp: expiresAt,
      jti: sessionId,
    };
    const token = [
      base64Url(encoder.encode(JSON.stringify({ alg: "RS256", typ: "JWT" }))),
      base64Url(encoder.encode(JSON.stringify(claims))),
      base64Url(crypto.getRandomValues(new Uint8Array(64))),
    ].join(".");
    sessions.set(token, {
      token,
      sessionId,
      key,
      securityContext,
      agentId,
      executionId,
      tenantId,
      expiresAtMs: expiresAt * 1000,
    });
    return c.json({
      status: "success",
      security_token: token,
      expires_at: `${new Date(expiresAt * 1000).toISOString().slice(0, 19)}+00:00`,
      session_id: sessionId,
    });
  });

  app.post("/v1/seal/invoke", async (c) => {
    const bodyText = await readJsonBody(c);
    if (bodyText instanceof Response) return bodyText;
    let fields: EnvelopeFields;
    try {
      fields = parseSealEnvelopeText(bodyText);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof JsonTextError && error.category === "data") {
        return text(c, 422, `Failed to deserialize the JSON body into the target type: ${message}`);
      }
      return text(c, 400, `Failed to parse the request body as JSON: ${message}`);
    }
    const fail = (message: string) => c.json({ error: message }, 400);
    if (fields.protocol === undefined || fields.timestamp === undefined) {
      return fail("SEAL envelope requires both 'protocol' and 'timestamp' fields");
    }
    const session = sessions.get(fields.securityToken);
    if (session === undefined) return fail("Session is inactive: Expired");
    const nowMs = now();
    if (nowMs >= session.expiresAtMs) return fail("Session has expired");
    try {
      await verifyEnvelopeFields(fields, session.key, FRESHNESS_SECONDS, nowMs);
    } catch (error) {
      if (error instanceof SEALError) return fail(invokeErrorText(error));
      throw error;
    }
    const call = extractToolCall(fields.payload);
    if (typeof call === "string") return fail(`Malformed MCP payload: ${call}`);
    const tool = tools.get(call.name);
    if (tool === undefined) {
      return fail(`Policy violation: ToolNotAllowed { tool: ${JSON.stringify(call.name)} }`);
    }
    for (const [signature, expiry] of seenSignatures) {
      if (expiry <= nowMs) seenSignatures.delete(signature);
    }
    if (seenSignatures.has(fields.signature)) {
      return fail(
        "Replay protection failed: envelope nonce already seen within freshness window",
      );
    }
    seenSignatures.set(fields.signature, nowMs + REPLAY_WINDOW_MS);
    let result: unknown;
    try {
      result = await tool.handler(call.args, {
        toolName: call.name,
        securityContext: session.securityContext,
        sessionId: session.sessionId,
        agentId: session.agentId,
        executionId: session.executionId,
        tenantId: session.tenantId,
        payload: fields.payload,
      });
    } catch (error) {
      return fail(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
    return c.json((result ?? null) as JsonValue);
  });

  app.get("/v1/seal/tools", (c) => {
    const securityContext = c.req.header("x-zaru-security-context") ??
      c.req.query("security_context") ?? null;
    return c.json({
      protocol: "seal/v1",
      attestation_endpoint: "/v1/seal/attest",
      invoke_endpoint: "/v1/seal/invoke",
      security_context: securityContext,
      tools: [...tools].map(([name, tool]) => ({
        name,
        description: tool.description ?? "",
        inputSchema: tool.inputSchema ?? { type: "object" },
      })),
    });
  });

  return app;
}
