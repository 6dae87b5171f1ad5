#!/usr/bin/env -S deno run -A
/**
 * A complete custom bootstrap for an AEGIS agent image, in TypeScript.
 *
 * Point the agent manifest's `spec.advanced.bootstrap_path` at this script (or a bundle of
 * it). Inside the container the orchestrator injects `AEGIS_AGENT_ID`, `AEGIS_EXECUTION_ID`,
 * `AEGIS_MODEL_ALIAS`, `AEGIS_ORCHESTRATOR_URL`, … and passes the prompt as the first argument
 * or on standard input. The script runs the inner loop (generate → run each dispatched command
 * → report → … → final), prints the final answer on stdout (the iteration's output) and exits
 * 0; on any failure it prints `Error: …` on stderr and exits 1.
 *
 * Run it:
 *   Deno:  deno run -A examples/custom_bootstrap.ts "Write a primality check"
 *   Node:  npx tsx examples/custom_bootstrap.ts "Write a primality check"
 *          (or against the built npm package, importing from "@aegis/sdk")
 *   Bun:   bun examples/custom_bootstrap.ts "Write a primality check"
 *   Prompt on stdin: echo "Write a primality check" | deno run -A examples/custom_bootstrap.ts
 *
 * Set `AEGIS_BOOTSTRAP_DEBUG=1` to trace every dispatch on stderr.
 *
 * As a container's PID 1 (how custom runtimes run), `nodeExec` kills a timed-out command's whole
 * tree, stops running commands on SIGTERM/SIGINT (exit 143/130) and, on Deno (`-A`) and Bun,
 * reaps the orphans commands leave behind; under Node, start the container with an init
 * (`docker run --init`), since Node cannot reap processes it did not spawn.
 *
 * @module
 */

import process from "node:process";
import { AegisClient } from "../client/mod.ts";
import { type BootstrapEnv, readBootstrapEnv, runBootstrap } from "../bootstrap/mod.ts";
import { nodeExec } from "../bootstrap/exec.ts";

async function readPrompt(): Promise<string> {
  const fromArgument = process.argv[2];
  if (fromArgument !== undefined) return fromArgument;
  // Large prompts arrive on stdin because Linux caps one exec argument at 128 KiB; keep the
  // bytes exactly as sent.
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function main(): Promise<number> {
  let env: BootstrapEnv;
  try {
    env = readBootstrapEnv(process.env);
  } catch (error) {
    console.error(`Error: ${describeError(error)}`);
    return 1;
  }
  const prompt = await readPrompt();
  if (prompt.trim() === "") {
    console.error("Error: No input provided (pass the prompt as the first argument or on stdin)");
    return 1;
  }

  const debug = (line: string): void => {
    if (env.bootstrapDebug) console.error(`[AEGIS] ${line}`);
  };

  const client = new AegisClient({
    baseUrl: env.orchestratorUrl,
    auth: "none",
    // Each answer of the gateway waits for a model call: give it the LLM timeout, not the
    // client's 60 s default.
    timeout: env.llmTimeoutSeconds * 1000,
  });

  try {
    const result = await runBootstrap({
      client,
      env,
      prompt,
      exec: nodeExec,
      onDispatch: (dispatch, index) =>
        debug(`dispatch ${index + 1}: ${[dispatch.command, ...dispatch.args].join(" ")}`),
      onResult: (result) =>
        debug(
          `exit ${result.exit_code} after ${result.duration_ms} ms` +
            (result.truncated ? " (output truncated)" : ""),
        ),
    });
    debug(`done: ${result.dispatchCount} dispatches, ${result.toolCallsExecuted} tool calls`);
    process.stdout.write(result.content.endsWith("\n") ? result.content : `${result.content}\n`);
    return 0;
  } catch (error) {
    console.error(`Error: ${describeError(error)}`);
    return 1;
  }
}

process.exitCode = await main();
