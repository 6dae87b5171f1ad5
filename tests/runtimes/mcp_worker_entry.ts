/**
 * The Cloudflare Worker `workerd_mcp.harness.ts` bundles: `GET /run[?baseUrl=…&token=…]` connects
 * the official MCP client through `SealMcpTransport` to the fake orchestrator (in the worker, or
 * the one the harness serves) and answers what it saw as `{ ok, detail }` or `{ ok: false, error }`.
 *
 * @module
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { SEALClient, SealMcpTransport } from "../../seal/mod.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";

async function scenario(target?: { baseUrl: string; token: string }): Promise<unknown> {
  const fake = target === undefined ? createFakeOrchestrator() : undefined;
  const seal = new SEALClient(
    target?.baseUrl ?? "http://fake",
    "wl-workerd",
    "aegis-system-operator",
    {
      auth: target?.token ?? fake!.token,
      fetch: fake?.fetch,
    },
  );
  const client = new Client({ name: "workerd-mcp", version: "1.0.0" });
  await client.connect(new SealMcpTransport(seal));
  const server = client.getServerVersion();
  const { tools } = await client.listTools();
  const echoed = await client.callTool({ name: "echo", arguments: { hello: "workerd", n: 1e16 } });
  let refusedCode: number | undefined;
  try {
    await client.callTool({ name: "rm.rf", arguments: {} });
  } catch (error) {
    if (error instanceof McpError) refusedCode = (error as { code: number }).code;
  }
  await client.close();
  return {
    server,
    tools: tools.map((tool: { name: string }) => tool.name),
    echoed: echoed.structuredContent,
    refusedCode,
  };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const baseUrl = url.searchParams.get("baseUrl");
    const token = url.searchParams.get("token") ?? "";
    try {
      const detail = await scenario(baseUrl ? { baseUrl, token } : undefined);
      return Response.json({ ok: true, detail });
    } catch (error) {
      const message = error instanceof Error
        ? `${error.name}: ${error.message}\n${error.stack}`
        : String(error);
      return Response.json({ ok: false, error: message });
    }
  },
};
