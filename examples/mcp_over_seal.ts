/**
 * Any MCP client over SEAL: the official `@modelcontextprotocol/sdk` `Client` lists and calls
 * the orchestrator's SEAL tools through `SealMcpTransport`; every tool call is a signed,
 * attested envelope. Agent frameworks built on that client work the same way.
 *
 * Runs against the embedded fake orchestrator by default:
 *
 *     Deno:  deno run -A --import-map=import_map.dev.json --lock=deno.dev.lock examples/mcp_over_seal.ts
 *     Node:  npx tsx examples/mcp_over_seal.ts
 *     Bun:   bun examples/mcp_over_seal.ts
 *
 * and against a real orchestrator when AEGIS_BASE_URL is set, with AEGIS_TOKEN (a Keycloak JWT or
 * an `aegis_…` API key) and optionally AEGIS_SECURITY_CONTEXT (default `default`).
 *
 * @module
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SEALClient, SealMcpTransport } from "../seal/mod.ts";
import { createFakeOrchestrator } from "../testing/mod.ts";

function env(name: string): string | undefined {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  return g.Deno?.env.get(name) ?? g.process?.env?.[name];
}

async function main(): Promise<void> {
  const baseUrl = env("AEGIS_BASE_URL");
  let seal: SEALClient;
  let toolCall: { name: string; arguments: Record<string, unknown> };
  if (baseUrl) {
    console.log(`Using the orchestrator at ${baseUrl}`);
    seal = new SEALClient(baseUrl, "mcp-example", env("AEGIS_SECURITY_CONTEXT") ?? "default", {
      auth: env("AEGIS_TOKEN"),
    });
    toolCall = { name: "fs.list", arguments: { path: "/workspace" } };
  } else {
    console.log("Using the embedded fake orchestrator (set AEGIS_BASE_URL to use a real one)");
    const fake = createFakeOrchestrator();
    seal = new SEALClient("http://fake-orchestrator", "mcp-example", "aegis-system-operator", {
      auth: fake.token,
      fetch: fake.fetch,
    });
    toolCall = { name: "fs.read", arguments: { path: "/workspace/README.md" } };
  }

  const mcp = new Client({ name: "mcp-over-seal-example", version: "1.0.0" });
  await mcp.connect(new SealMcpTransport(seal));
  const server = mcp.getServerVersion();
  console.log(`connected to ${server?.name} (${server?.version})`);

  const { tools } = await mcp.listTools();
  for (const tool of tools) console.log(`tool ${tool.name}: ${tool.description ?? ""}`);

  const result = await mcp.callTool(toolCall);
  console.log(`${toolCall.name} →`, JSON.stringify(result.structuredContent ?? result.content));

  await mcp.close();
  seal.erase();
}

await main();
