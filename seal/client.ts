/**
 * `SEALClient`: a workload's self-attestation and signed tool calls, on the SDK's request
 * pipeline (retries, timeouts, typed errors) and WebCrypto keys.
 *
 * @module
 */

import { AegisCore } from "../client/core/pipeline.ts";
import { BadRequestError } from "../client/core/errors.ts";
import type { Logger, RequestOptions, TokenProvider } from "../client/core/options.ts";
import type { HookRunner } from "../client/core/hooks.ts";
import {
  attestSeal,
  invokeSeal,
  listSealTools,
  type SealAttestationRequest,
  type SealAttestationResponse,
  type SealToolsResponse,
} from "../client/seal_api.ts";
import type { McpPayload } from "./canonical.ts";
import { createSealEnvelope } from "./envelope.ts";
import { SEALError } from "./error.ts";
import { Ed25519Key } from "./key.ts";
import { defineInspect } from "../internal/inspect.ts";

/** What {@link SEALClient.attest} returns. */
export interface AttestationResult {
  /** Session token to put in every envelope. */
  security_token: string;
  /** RFC 3339 expiry (one hour after attestation on the orchestrator). */
  expires_at: string;
  /** Session id. */
  session_id?: string;
}

/** Options of {@link SEALClient}. */
export interface SEALClientOptions {
  /**
   * Credential for attestation -- the orchestrator requires `Authorization: Bearer ...` there:
   * a Keycloak JWT or an `aegis_...` API key, or a function returning one.
   */
  auth?: string | TokenProvider;
  /** `fetch` implementation (default global). */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms. */
  timeout?: number;
  /** Retries of attestation (invocations are never retried: replay protection). */
  maxRetries?: number;
  /** Log sink (secrets redacted). */
  logger?: Logger;
  /**
   * Runs the hooks and trace context that calls are given (`{ hooks }` in their options):
   * `hookRunner` from `@aegis/sdk/client`. Without it, a call given hooks is refused.
   */
  hookRunner?: HookRunner;
  /** Use this key instead of generating one at the first `attest()`. */
  key?: Ed25519Key;
  /** Extra attestation fields (`agent_id`, `execution_id`, `tenant_id`, `container_id`, ...). */
  attestation?: Partial<SealAttestationRequest>;
  /** Re-attest when the session expires within this many seconds (default 60). */
  refreshBeforeExpirySecs?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

/** Session errors after which a fresh attestation can succeed. */
const EXPIRED_SESSION = /Session (is inactive|has expired)/;

/**
 * Attests an Ed25519 key for a workload and calls SEAL tools with signed envelopes. The key is
 * generated with WebCrypto (non-extractable) at the first {@link SEALClient.attest}; the
 * session is renewed automatically when it has expired or is about to.
 *
 * Unlike what the AEGIS SDK reference pages show, the orchestrator needs the caller's credential on attestation:
 * pass it as `auth`.
 *
 * @example
 * ```ts
 * import { SEALClient } from "@aegis/sdk/seal";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * using seal = new SEALClient("http://fake", "my-workload", "aegis-system-operator", {
 *   auth: fake.token,
 *   fetch: fake.fetch,
 * });
 * const session = await seal.attest();
 * console.log(session.expires_at);
 * console.log(await seal.callTool("echo", { hello: "world" })); // { hello: "world" }
 * ```
 */
export class SEALClient {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "SEALClient";
  /** Gateway (orchestrator) base URL. */
  readonly gatewayUrl: string;
  /** Workload identifier sent with attestation. */
  readonly workloadId: string;
  /** Security context the session is attested for. */
  readonly securityScope: string;
  readonly #core: AegisCore;
  readonly #options: SEALClientOptions;
  #key: Ed25519Key | undefined;
  /** `refreshAtMs`: when the session is renewed before use (Infinity: only when refused). */
  #session: { result: AttestationResult; refreshAtMs: number } | undefined;
  #attesting: Promise<AttestationResult> | undefined;
  #erased = false;

  /** Creates a client; nothing is sent until {@link SEALClient.attest} or a tool call. */
  constructor(
    gatewayUrl: string,
    workloadId: string,
    securityScope: string,
    options: SEALClientOptions = {},
  ) {
    this.#core = new AegisCore({
      baseUrl: gatewayUrl,
      ...(typeof options.auth === "string"
        ? { bearerToken: options.auth }
        : typeof options.auth === "function"
        ? { token: options.auth }
        : { auth: "none" as const }),
      fetch: options.fetch,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      logger: options.logger,
      hookRunner: options.hookRunner,
    });
    this.gatewayUrl = this.#core.baseUrl;
    this.workloadId = workloadId;
    this.securityScope = securityScope;
    this.#options = options;
    this.#key = options.key;
    // `inspect` shows where it connects, never the key or the session token.
    defineInspect(
      SEALClient.prototype,
      (client) => `SEALClient ${JSON.stringify(client.toJSON())}`,
    );
  }

  /** The current session, if attested. */
  get session(): AttestationResult | undefined {
    return this.#session?.result;
  }

  /**
   * Attests (generating the key on first use) and returns the session. Concurrent calls share
   * one attestation.
   */
  attest(options?: RequestOptions): Promise<AttestationResult> {
    this.#checkUsable();
    this.#attesting ??= this.#attest(options).finally(() => {
      this.#attesting = undefined;
    });
    return this.#attesting;
  }

  /**
   * Calls a tool (`tools/call` with a unique JSON-RPC id) and returns its result as the
   * orchestrator sends it. Attests first when there is no live session, or once after the
   * orchestrator reports the session expired; a call never attests more than once.
   */
  async callTool(
    toolName: string,
    args: Record<string, unknown> = {},
    options?: RequestOptions,
  ): Promise<unknown> {
    this.#checkUsable();
    if (typeof toolName !== "string" || toolName.length === 0) {
      throw new SEALError("invalid_argument", "toolName must be a non-empty string");
    }
    return await this.invokePayload({
      jsonrpc: "2.0",
      id: crypto.randomUUID(),
      method: "tools/call",
      params: { name: toolName, arguments: args },
    }, options);
  }

  /**
   * Signs and sends one MCP JSON-RPC request (`tools/call`, or a tool name as `method`) and
   * returns the orchestrator's answer; the session is handled like {@link SEALClient.callTool}
   * does it. Used by transports that already hold a JSON-RPC request with its own id.
   *
   * @example Send a request with your own JSON-RPC id
   * ```ts
   * import { SEALClient } from "@aegis/sdk/seal";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * using seal = new SEALClient("http://fake", "my-workload", "aegis-system-operator", {
   *   auth: fake.token,
   *   fetch: fake.fetch,
   * });
   * const result = await seal.invokePayload({
   *   jsonrpc: "2.0",
   *   id: 7,
   *   method: "tools/call",
   *   params: { name: "echo", arguments: { hello: "world" } },
   * });
   * console.log(result); // { hello: "world" }
   * ```
   */
  async invokePayload(
    payload: Omit<McpPayload, "params"> & { params?: unknown },
    options?: RequestOptions,
  ): Promise<unknown> {
    this.#checkUsable();
    const attested = await this.#ensureSession(options);
    try {
      return await this.#invoke(payload, options);
    } catch (error) {
      // Re-attest on the server's word only if this call has not attested yet: a server that
      // keeps refusing fresh sessions then costs one attestation per call, never a loop.
      if (
        !attested && error instanceof BadRequestError &&
        EXPIRED_SESSION.test(error.serverMessage ?? "")
      ) {
        this.#session = undefined;
        await this.#ensureSession(options);
        return await this.#invoke(payload, options);
      }
      throw error;
    }
  }

  /**
   * Lists the tools the gateway offers for this client's security scope
   * (`GET /v1/seal/tools`; needs no attestation).
   *
   * @example
   * ```ts
   * import { SEALClient } from "@aegis/sdk/seal";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * using seal = new SEALClient("http://fake", "my-workload", "aegis-system-operator", {
   *   fetch: fake.fetch,
   * });
   * const { tools } = await seal.listTools();
   * console.log(tools.map((tool) => tool.name)); // ["echo", "fs.read", "fs.list"]
   * ```
   */
  async listTools(options?: RequestOptions): Promise<SealToolsResponse> {
    this.#checkUsable();
    return await listSealTools(this.#core, this.securityScope, options);
  }

  /** Drops the private key and the session; every later call throws `SEALError` (`key_erased`). */
  erase(): void {
    this.#erased = true;
    this.#key?.erase();
    this.#key = undefined;
    this.#session = undefined;
  }

  /** Same as {@link SEALClient.erase} (the name in the AEGIS SDK reference pages). */
  dispose(): void {
    this.erase();
  }

  /** Same as {@link SEALClient.erase}, for `using`. */
  [Symbol.dispose](): void {
    this.erase();
  }

  /** Shows the configuration, never keys or tokens. */
  toJSON(): { gatewayUrl: string; workloadId: string; securityScope: string } {
    return {
      gatewayUrl: this.gatewayUrl,
      workloadId: this.workloadId,
      securityScope: this.securityScope,
    };
  }

  async #attest(options?: RequestOptions): Promise<AttestationResult> {
    this.#key ??= await Ed25519Key.generate();
    const response: SealAttestationResponse = await attestSeal(this.#core, {
      ...this.#options.attestation,
      public_key: this.#key.getPublicKeyBase64(),
      security_context: this.securityScope,
      workload_id: this.workloadId,
    }, options);
    if (typeof response?.security_token !== "string" || typeof response.expires_at !== "string") {
      throw new SEALError(
        "malformed_envelope",
        "attestation answered without security_token/expires_at",
      );
    }
    const result: AttestationResult = {
      security_token: response.security_token,
      expires_at: response.expires_at,
      session_id: response.session_id,
    };
    this.#session = { result, refreshAtMs: this.#refreshTime(response.expires_at) };
    return result;
  }

  /**
   * When to renew a session ahead of its expiry. An expiry that is unparseable or already past
   * says nothing usable about the server's clock, so such a session is renewed only when the
   * server refuses it; a short one is renewed halfway through its lifetime at the earliest.
   */
  #refreshTime(expiresAt: string): number {
    const expiresAtMs = Date.parse(expiresAt);
    const now = this.#options.now?.() ?? Date.now();
    if (Number.isNaN(expiresAtMs) || expiresAtMs <= now) return Infinity;
    const skewMs = Math.max(0, (this.#options.refreshBeforeExpirySecs ?? 60) * 1000);
    return expiresAtMs - Math.min(skewMs, (expiresAtMs - now) / 2);
  }

  /** Attests when there is no session or it is due for renewal; true if this call attested. */
  async #ensureSession(options?: RequestOptions): Promise<boolean> {
    const now = this.#options.now?.() ?? Date.now();
    if (this.#session && now < this.#session.refreshAtMs) return false;
    await this.attest(options);
    return true;
  }

  async #invoke(
    payload: Omit<McpPayload, "params"> & { params?: unknown },
    options?: RequestOptions,
  ): Promise<unknown> {
    const session = this.#session;
    const key = this.#key;
    if (!session || !key) throw new SEALError("key_erased", "the SEAL client has been erased");
    const envelope = await createSealEnvelope(session.result.security_token, payload, key, {
      now: this.#options.now?.(),
    });
    return await invokeSeal(this.#core, envelope, options);
  }

  #checkUsable(): void {
    if (this.#erased) throw new SEALError("key_erased", "the SEAL client has been erased");
  }
}
