/**
 * An MCP transport over SEAL: any MCP client (the official `@modelcontextprotocol/sdk` `Client`
 * and the agent frameworks built on it) calls the orchestrator's SEAL tools through it, every
 * `tools/call` signed and attested.
 *
 * The transport's shape is declared here structurally, so the SDK does not depend on the MCP
 * package at runtime.
 *
 * @module
 */

import { AegisApiError, BadRequestError } from "../client/core/errors.ts";
import type { RequestOptions } from "../client/core/options.ts";
import type { SealTool, SealToolsResponse } from "../client/seal_api.ts";
import { AegisAbortError, AegisError } from "../errors.ts";
import type { SEALClient } from "./client.ts";
import { SEALError } from "./error.ts";

/** A JSON-RPC request or response id. */
export type JsonRpcId = string | number;

/**
 * A JSON-RPC 2.0 message as MCP transports carry it: a request (`method` and `id`), a
 * notification (`method`, no `id`), or a response (`id` with `result` or `error`).
 */
export interface JsonRpcMessage {
  /** Always `"2.0"`. */
  jsonrpc: "2.0";
  /** Request or response id; absent on notifications. */
  id?: JsonRpcId;
  /** Method of a request or notification. */
  method?: string;
  /** Parameters of a request or notification. */
  params?: unknown;
  /** Result of a successful response. */
  result?: unknown;
  /** Error of a failed response. */
  error?: { code: number; message: string; data?: unknown };
}

/**
 * JSON-RPC error codes the transport answers with: the standard ones, as MCP uses them.
 *
 * @example
 * ```ts
 * import { JSON_RPC_ERRORS } from "@aegis/sdk/seal";
 * console.log(JSON_RPC_ERRORS.methodNotFound); // -32601
 * ```
 */
export const JSON_RPC_ERRORS: {
  readonly invalidRequest: -32600;
  readonly methodNotFound: -32601;
  readonly invalidParams: -32602;
  readonly internalError: -32603;
} = {
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
};

/** MCP protocol revisions this transport answers `initialize` with (newest first). */
const MCP_PROTOCOL_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

/** Options of {@link SealMcpTransport}. */
export interface SealMcpTransportOptions {
  /** `serverInfo` answered to `initialize` (default `{name: "aegis-seal-gateway", version}`). */
  serverInfo?: { name: string; version: string };
  /** `instructions` answered to `initialize` (default none). */
  instructions?: string;
}

/**
 * An MCP `Transport` (`start`, `send`, `close`, `onmessage`, `onerror`, `onclose`) whose server
 * is the orchestrator's SEAL gateway, reached through a {@link SEALClient}:
 *
 * - `initialize` is answered from what `GET /v1/seal/tools` advertises (tools only), with the
 *   client's protocol revision when supported, else the newest one known here;
 * - `tools/list` lists `GET /v1/seal/tools` for the client's security scope;
 * - `tools/call` is a signed `POST /v1/seal/invoke` whose JSON-RPC id is the caller's; the
 *   client attests (and re-attests) as needed. A result with MCP `content` is passed through;
 *   any other JSON result becomes one text block plus `structuredContent` (when an object). A
 *   tool that fails on the gateway (`Internal error: ...`) is a result with `isError: true`;
 *   an unknown or forbidden tool and a malformed call are JSON-RPC error `-32602`; other gateway,
 *   network and signing failures are `-32603` with `data: {status?, code?, error}`;
 * - `ping` answers `{}`; `notifications/cancelled` aborts the matching call; other methods get
 *   `-32601` (method not found).
 *
 * @example Use the official MCP client over SEAL
 * ```ts ignore
 * import { Client } from "@modelcontextprotocol/sdk/client/index.js";
 * import { SEALClient, SealMcpTransport } from "@aegis/sdk/seal";
 *
 * const seal = new SEALClient("https://aegis.example.com", "my-workload", "default", {
 *   auth: "<api key or JWT>",
 * });
 * const mcp = new Client({ name: "my-agent", version: "1.0.0" });
 * await mcp.connect(new SealMcpTransport(seal));
 * console.log(await mcp.listTools());
 * console.log(await mcp.callTool({ name: "fs.read", arguments: { path: "/workspace/a.txt" } }));
 * await mcp.close();
 * ```
 *
 * @example Drive it by hand
 * ```ts
 * import { SEALClient, SealMcpTransport } from "@aegis/sdk/seal";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const seal = new SEALClient("http://fake", "wl", "aegis-system-operator", {
 *   auth: fake.token,
 *   fetch: fake.fetch,
 * });
 * const transport = new SealMcpTransport(seal);
 * const answered = new Promise((resolve) => (transport.onmessage = resolve));
 * await transport.start();
 * await transport.send({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { a: 1 } } });
 * console.log(await answered); // { jsonrpc: "2.0", id: 1, result: { content: [...], structuredContent: { a: 1 } } }
 * await transport.close();
 * ```
 */
export class SealMcpTransport {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "SealMcpTransport";
  /** Called with every message from the gateway side (responses to the client's requests). */
  onmessage?: (message: JsonRpcMessage) => void;
  /** Called with problems that are not a response: messages that are not JSON-RPC. */
  onerror?: (error: Error) => void;
  /** Called once when the transport closes. */
  onclose?: () => void;
  /** Always undefined: there is no MCP session to resume, so clients initialize every time. */
  readonly sessionId: string | undefined = undefined;

  readonly #seal: SEALClient;
  readonly #options: SealMcpTransportOptions;
  readonly #inFlight = new Map<JsonRpcId, AbortController>();
  #state: "new" | "started" | "closed" = "new";

  /** Creates the transport over `seal`; nothing is sent before the first request. */
  constructor(seal: SEALClient, options: SealMcpTransportOptions = {}) {
    this.#seal = seal;
    this.#options = options;
  }

  /** Starts the transport (MCP clients call it from `connect`); a second start throws. */
  start(): Promise<void> {
    if (this.#state !== "new") {
      return Promise.reject(
        new AegisError(`SealMcpTransport already ${this.#state}; create a new one to reconnect`),
      );
    }
    this.#state = "started";
    return Promise.resolve();
  }

  /**
   * Takes one message from the client. Requests are answered later through `onmessage` (in the
   * order their work completes); notifications and responses get no answer.
   */
  send(message: JsonRpcMessage, _options?: unknown): Promise<void> {
    if (this.#state !== "started") {
      return Promise.reject(new AegisError(`SealMcpTransport is ${this.#state}, not started`));
    }
    const request = message as Partial<JsonRpcMessage> | null;
    const hasId = typeof request?.id === "string" ||
      (typeof request?.id === "number" && Number.isFinite(request.id));
    if (
      typeof request !== "object" || request === null || request.jsonrpc !== "2.0" ||
      (request.method !== undefined && typeof request.method !== "string") ||
      (request.method === undefined && !hasId)
    ) {
      this.onerror?.(new AegisError("not a JSON-RPC 2.0 message; ignored"));
      if (hasId) {
        this.#answerError(request!.id!, JSON_RPC_ERRORS.invalidRequest, "Invalid Request");
      }
      return Promise.resolve();
    }
    if (request.method === undefined) return Promise.resolve(); // a response: nothing asked
    if (!hasId) {
      this.#notification(request.method, request.params);
      return Promise.resolve();
    }
    const id = request.id!;
    const controller = new AbortController();
    this.#inFlight.set(id, controller);
    void this.#handle(id, request.method, request.params, { signal: controller.signal })
      .then(
        (result) => this.#answer({ jsonrpc: "2.0", id, result }),
        (error: unknown) => this.#answerFailure(id, error),
      )
      .finally(() => {
        if (this.#inFlight.get(id) === controller) this.#inFlight.delete(id);
      });
    return Promise.resolve();
  }

  /** Closes the transport: pending calls are aborted and get no answer; `onclose` fires once. */
  close(): Promise<void> {
    if (this.#state === "closed") return Promise.resolve();
    this.#state = "closed";
    for (const controller of this.#inFlight.values()) controller.abort();
    this.#inFlight.clear();
    this.onclose?.();
    return Promise.resolve();
  }

  /** Records the negotiated protocol revision (MCP clients call it after `initialize`). */
  setProtocolVersion(_version: string): void {
    // Nothing travels in HTTP headers here: the revision does not change the SEAL wire.
  }

  #notification(method: string, params: unknown): void {
    if (method === "notifications/cancelled") {
      const requestId = (params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof requestId === "string" || typeof requestId === "number") {
        this.#inFlight.get(requestId)?.abort();
        this.#inFlight.delete(requestId);
      }
    }
    // `notifications/initialized` and the rest need nothing from the gateway.
  }

  async #handle(
    id: JsonRpcId,
    method: string,
    params: unknown,
    options: RequestOptions,
  ): Promise<unknown> {
    switch (method) {
      case "initialize":
        return await this.#initialize(params, options);
      case "ping":
        return {};
      case "tools/list": {
        const listing = await this.#seal.listTools(options);
        return { tools: listing.tools.map(toMcpTool) };
      }
      case "tools/call":
        return await this.#callTool(id, params, options);
      default:
        throw new JsonRpcFailure(
          JSON_RPC_ERRORS.methodNotFound,
          `Method not found: ${method} (the AEGIS SEAL gateway offers tools only)`,
        );
    }
  }

  async #initialize(params: unknown, options: RequestOptions): Promise<unknown> {
    const advertised: SealToolsResponse = await this.#seal.listTools(options);
    const requested = (params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    const protocolVersion =
      typeof requested === "string" && MCP_PROTOCOL_VERSIONS.includes(requested)
        ? requested
        : MCP_PROTOCOL_VERSIONS[0];
    return {
      protocolVersion,
      capabilities: { tools: { listChanged: false } },
      serverInfo: this.#options.serverInfo ??
        { name: "aegis-seal-gateway", version: String(advertised.protocol ?? "seal/v1") },
      ...(this.#options.instructions === undefined
        ? {}
        : { instructions: this.#options.instructions }),
    };
  }

  async #callTool(id: JsonRpcId, params: unknown, options: RequestOptions): Promise<unknown> {
    const call = params as { name?: unknown; arguments?: unknown } | undefined;
    if (typeof call !== "object" || call === null || typeof call.name !== "string") {
      throw new JsonRpcFailure(JSON_RPC_ERRORS.invalidParams, "tools/call needs params.name");
    }
    const args = call.arguments ?? {};
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      throw new JsonRpcFailure(
        JSON_RPC_ERRORS.invalidParams,
        "tools/call params.arguments must be an object",
      );
    }
    let result: unknown;
    try {
      // The caller's JSON-RPC id is the id the gateway sees, signed.
      result = await this.#seal.invokePayload({
        jsonrpc: "2.0",
        id,
        method: "tools/call",
        params: { name: call.name, arguments: args },
      }, options);
    } catch (error) {
      // A tool that ran and failed is the tool's answer, for the model to read.
      if (error instanceof BadRequestError && /^Internal error: /.test(error.serverMessage ?? "")) {
        return { content: [{ type: "text", text: error.serverMessage }], isError: true };
      }
      throw error;
    }
    return toCallToolResult(result);
  }

  #answer(message: JsonRpcMessage): void {
    if (this.#state !== "started") return;
    this.onmessage?.(message);
  }

  #answerError(id: JsonRpcId, code: number, message: string, data?: unknown): void {
    this.#answer({
      jsonrpc: "2.0",
      id,
      error: data === undefined ? { code, message } : { code, message, data },
    });
  }

  #answerFailure(id: JsonRpcId, error: unknown): void {
    if (error instanceof AegisAbortError) return; // cancelled or closed: no answer is due
    if (error instanceof JsonRpcFailure) {
      this.#answerError(id, error.code, error.message);
      return;
    }
    if (error instanceof BadRequestError && isRefusedCall(error.serverMessage)) {
      this.#answerError(id, JSON_RPC_ERRORS.invalidParams, error.serverMessage!, {
        status: error.status,
        error: error.serverMessage,
      });
      return;
    }
    if (error instanceof SEALError && error.code === "unsupported_value") {
      this.#answerError(id, JSON_RPC_ERRORS.invalidParams, error.message, {
        code: error.code,
        path: error.path,
      });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const data: Record<string, unknown> = { error: message };
    if (error instanceof AegisApiError) data.status = error.status;
    if (error instanceof SEALError) data.code = error.code;
    if (error instanceof Error) data.name = error.name;
    this.#answerError(id, JSON_RPC_ERRORS.internalError, message, data);
  }
}

/** Refusals of the call itself (which tool, what arguments), as the orchestrator words them. */
function isRefusedCall(serverMessage: string | undefined): boolean {
  return /^(Policy violation|Malformed MCP payload)/.test(serverMessage ?? "");
}

class JsonRpcFailure extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

function toMcpTool(tool: SealTool): Record<string, unknown> {
  const schema = tool.inputSchema;
  return {
    name: tool.name,
    description: tool.description,
    // MCP requires an object schema; a gateway tool without one takes any object.
    inputSchema: typeof schema === "object" && schema !== null && !Array.isArray(schema)
      ? schema
      : { type: "object" },
  };
}

function toCallToolResult(result: unknown): Record<string, unknown> {
  if (
    typeof result === "object" && result !== null && !Array.isArray(result) &&
    Array.isArray((result as { content?: unknown }).content)
  ) {
    return result as Record<string, unknown>;
  }
  const structured = typeof result === "object" && result !== null && !Array.isArray(result);
  return {
    content: [{ type: "text", text: JSON.stringify(result ?? null) }],
    ...(structured ? { structuredContent: result } : {}),
  };
}
