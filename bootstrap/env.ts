/**
 * Reading the environment the orchestrator injects into agent containers, and rendering the
 * previous-attempts block the default bootstrap prepends to the prompt.
 *
 * @module
 */

import { InvalidArgumentError } from "../errors.ts";
import { decodeBase64Strict } from "../internal/encoding.ts";
import { isUuid } from "./parse.ts";
import type { BootstrapEnv, IterationHistoryEntry } from "./types.ts";

/**
 * LLM timeout the default bootstrap uses when `AEGIS_LLM_TIMEOUT_SECONDS` is unset or invalid.
 *
 * @example
 * ```ts
 * import { DEFAULT_LLM_TIMEOUT_SECONDS } from "@aegis/sdk/bootstrap";
 * console.log(DEFAULT_LLM_TIMEOUT_SECONDS); // 300
 * ```
 */
export const DEFAULT_LLM_TIMEOUT_SECONDS = 300;

/**
 * Orchestrator URL assumed when `AEGIS_ORCHESTRATOR_URL` is unset: the first fallback the
 * default bootstrap tries from inside a Docker container.
 *
 * @example
 * ```ts
 * import { DEFAULT_ORCHESTRATOR_URL } from "@aegis/sdk/bootstrap";
 * console.log(DEFAULT_ORCHESTRATOR_URL); // "http://host.docker.internal:8088"
 * ```
 */
export const DEFAULT_ORCHESTRATOR_URL = "http://host.docker.internal:8088";

const TRUE_WORDS: ReadonlySet<string> = new Set(["1", "true", "yes", "on"]);
const SEAL_TRUE_WORDS: ReadonlySet<string> = new Set(["1", "true", "yes"]);

/**
 * Reads and validates the agent-container environment (`AEGIS_*` variables). Pass
 * `process.env` on Node/Bun or `Deno.env.toObject()` on Deno.
 *
 * Required: `AEGIS_AGENT_ID` and `AEGIS_EXECUTION_ID` (UUIDs) and `AEGIS_MODEL_ALIAS`.
 * `AEGIS_LLM_TIMEOUT_SECONDS` that is not a positive integer falls back to 300, as in the
 * default bootstrap. Unlike the default bootstrap, a malformed `AEGIS_ITERATION_HISTORY` is
 * reported instead of silently dropped, since it can only come from a misconfigured runtime.
 * Error messages never contain the SEAL key or token.
 *
 * @throws {InvalidArgumentError} whose `argument` is the offending variable name.
 *
 * @example
 * ```ts
 * import { readBootstrapEnv } from "@aegis/sdk/bootstrap";
 *
 * const env = readBootstrapEnv({
 *   AEGIS_AGENT_ID: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *   AEGIS_EXECUTION_ID: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   AEGIS_MODEL_ALIAS: "default",
 *   AEGIS_ITERATION: "2",
 *   AEGIS_ITERATION_HISTORY: '[{"iteration":1,"output":"41","feedback":"off by one"}]',
 * });
 * console.log(env.iteration, env.iterationHistory.length); // 2 1
 * ```
 */
export function readBootstrapEnv(env: Record<string, string | undefined>): BootstrapEnv {
  const agentId = requireUuid(env, "AEGIS_AGENT_ID");
  const executionId = requireUuid(env, "AEGIS_EXECUTION_ID");
  const modelAlias = present(env, "AEGIS_MODEL_ALIAS");
  if (modelAlias === undefined) {
    throw new InvalidArgumentError("AEGIS_MODEL_ALIAS", "is not set (the LLM alias to use)");
  }
  const result: BootstrapEnv = {
    agentId,
    executionId,
    orchestratorUrl: readUrl(env, "AEGIS_ORCHESTRATOR_URL") ?? DEFAULT_ORCHESTRATOR_URL,
    modelAlias,
    llmTimeoutSeconds: readLlmTimeout(env.AEGIS_LLM_TIMEOUT_SECONDS),
    iteration: readIteration(env.AEGIS_ITERATION),
    iterationHistory: parseIterationHistory(env.AEGIS_ITERATION_HISTORY),
    bootstrapDebug: isOneOf(env.AEGIS_BOOTSTRAP_DEBUG, TRUE_WORDS),
    sealEnabled: isOneOf(env.AEGIS_SEAL_ENABLED, SEAL_TRUE_WORDS),
  };
  const optional = {
    agentInstruction: env.AEGIS_AGENT_INSTRUCTION,
    promptTemplate: env.AEGIS_PROMPT_TEMPLATE,
    workflowId: present(env, "AEGIS_WORKFLOW_ID"),
    sealGatewayUrl: readUrl(env, "AEGIS_SEAL_GATEWAY_URL"),
    securityContext: present(env, "AEGIS_SECURITY_CONTEXT"),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== "") {
      (result as unknown as Record<string, string>)[key] = value;
    }
  }
  const privateKey = present(env, "AEGIS_SEAL_PRIVATE_KEY");
  if (privateKey !== undefined) {
    if (decodeBase64Strict(privateKey.trim()) === undefined) {
      throw new InvalidArgumentError("AEGIS_SEAL_PRIVATE_KEY", "is not valid standard base64");
    }
    defineHidden(result, "sealPrivateKey", privateKey.trim());
  }
  const token = present(env, "AEGIS_SEAL_TOKEN");
  if (token !== undefined) defineHidden(result, "sealToken", token);
  return result;
}

/**
 * Parses `AEGIS_ITERATION_HISTORY` (a JSON array of `{iteration, output?, error?, feedback?,
 * validation_reason?}`). Unset or empty gives `[]`; `null` fields count as absent.
 *
 * @throws {InvalidArgumentError} when the text is not a JSON array of such objects.
 *
 * @example
 * ```ts
 * import { parseIterationHistory } from "@aegis/sdk/bootstrap";
 *
 * const history = parseIterationHistory('[{"iteration":1,"error":"timeout","output":null}]');
 * console.log(history); // [{ iteration: 1, error: "timeout" }]
 * ```
 */
export function parseIterationHistory(text: string | undefined): IterationHistoryEntry[] {
  const name = "AEGIS_ITERATION_HISTORY";
  if (text === undefined || text.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError(name, "is not valid JSON");
  }
  if (!Array.isArray(parsed)) throw new InvalidArgumentError(name, "must be a JSON array");
  return parsed.map((item, index) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new InvalidArgumentError(`${name}[${index}]`, "must be an object");
    }
    const record = item as Record<string, unknown>;
    const entry: IterationHistoryEntry = {};
    const iteration = record.iteration;
    if (iteration !== undefined && iteration !== null) {
      if (typeof iteration !== "number" || !Number.isInteger(iteration)) {
        throw new InvalidArgumentError(`${name}[${index}].iteration`, "must be an integer");
      }
      entry.iteration = iteration;
    }
    for (const field of ["output", "error", "feedback", "validation_reason"] as const) {
      const value = record[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== "string") {
        throw new InvalidArgumentError(`${name}[${index}].${field}`, "must be a string");
      }
      entry[field] = value;
    }
    return entry;
  });
}

/**
 * Prefixes `prompt` with the previous-attempts block the default bootstrap builds from
 * `AEGIS_ITERATION_HISTORY`, so a retry sees what earlier iterations produced and why they were
 * rejected. With an empty history the prompt is returned unchanged. Empty fields are skipped.
 *
 * @example
 * ```ts
 * import { buildIterationPrompt } from "@aegis/sdk/bootstrap";
 *
 * const prompt = buildIterationPrompt("Compute 6*7", [
 *   { iteration: 1, output: "41", feedback: "off by one" },
 * ]);
 * console.log(prompt);
 * // # Previous Attempts:
 * //
 * // ## Iteration 1:
 * // Output:
 * // 41
 * // Feedback:
 * // off by one
 * //
 * // # Current Attempt:
 * // Compute 6*7
 * ```
 */
export function buildIterationPrompt(
  prompt: string,
  history: readonly IterationHistoryEntry[],
): string {
  if (history.length === 0) return prompt;
  const sections: Array<[keyof IterationHistoryEntry, string]> = [
    ["output", "Output"],
    ["error", "Error"],
    ["feedback", "Feedback"],
    ["validation_reason", "Validation reason"],
  ];
  let block = "# Previous Attempts:\n";
  for (const entry of history) {
    block += `\n## Iteration ${entry.iteration ?? "?"}:\n`;
    for (const [field, label] of sections) {
      const value = entry[field];
      if (typeof value === "string" && value !== "") block += `${label}:\n${value}\n`;
    }
  }
  return `${block}\n# Current Attempt:\n${prompt}`;
}

function present(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

function requireUuid(env: Record<string, string | undefined>, name: string): string {
  const value = present(env, name);
  if (value === undefined) {
    throw new InvalidArgumentError(name, "is not set (the orchestrator injects it into agents)");
  }
  const trimmed = value.trim();
  if (!isUuid(trimmed)) {
    throw new InvalidArgumentError(
      name,
      `must be a UUID, got ${JSON.stringify(trimmed.slice(0, 64))}`,
    );
  }
  return trimmed;
}

function readUrl(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = present(env, name)?.trim();
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(name, "is not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(name, "must be an http or https URL");
  }
  if (url.username !== "" || url.password !== "") {
    throw new InvalidArgumentError(name, "must not embed credentials");
  }
  return value;
}

function readLlmTimeout(value: string | undefined): number {
  const trimmed = value?.trim() ?? "";
  if (!/^\d+$/.test(trimmed)) return DEFAULT_LLM_TIMEOUT_SECONDS;
  const seconds = Number(trimmed);
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : DEFAULT_LLM_TIMEOUT_SECONDS;
}

function readIteration(value: string | undefined): number {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return 1;
  const iteration = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || iteration > 255) {
    throw new InvalidArgumentError(
      "AEGIS_ITERATION",
      `must be an integer from 0 to 255, got ${JSON.stringify(trimmed.slice(0, 32))}`,
    );
  }
  return iteration;
}

function isOneOf(value: string | undefined, words: ReadonlySet<string>): boolean {
  return value !== undefined && words.has(value.trim().toLowerCase());
}

function defineHidden(
  target: BootstrapEnv,
  key: "sealPrivateKey" | "sealToken",
  value: string,
): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false });
}
