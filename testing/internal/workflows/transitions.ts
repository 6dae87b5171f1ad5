/**
 * How a simulated state ends and which transition it takes (the rules are listed at the top of
 * `engine.ts`).
 *
 * @module
 */

import type { FakeStateDefinition, FakeWorkflowExecution } from "./types.ts";

const YES = /^(y|yes|approve|approved|true)$/i;
const NO = /^(n|no|reject|rejected|false)$/i;

/** Outcome of a state, used to pick the transition. */
export interface Outcome {
  success: boolean;
  exitCode?: number;
  response?: string;
  output: unknown;
}

/** Plays one non-`Human` state: `System` commands `false` and `exit <n>` fail, the rest succeed. */
export function runState(state: FakeStateDefinition, execution: FakeWorkflowExecution): Outcome {
  if (state.kind === "System" && typeof state.command === "string") {
    const command = state.command.trim();
    const exit = /^exit\s+(\d+)$/.exec(command);
    const exitCode = command === "false" ? 1 : exit ? Number(exit[1]) : 0;
    return {
      success: exitCode === 0,
      exitCode,
      output: {
        exit_code: exitCode,
        stdout: exitCode === 0 ? `ran: ${command}\n` : "",
        stderr: "",
      },
    };
  }
  const input = typeof execution.input === "string"
    ? execution.input
    : JSON.stringify(execution.input);
  return { success: true, exitCode: 0, output: `Echo: ${input}` };
}

/** Whether `transition`'s condition holds for `outcome`. */
export function holds(transition: Record<string, unknown>, outcome: Outcome): boolean {
  const score = outcome.success ? 1 : 0;
  const threshold = typeof transition.threshold === "number" ? transition.threshold : 0;
  const response = outcome.response?.trim() ?? "";
  switch (transition.condition) {
    case "always":
      return true;
    case "on_success":
    case "exit_code_zero":
      return outcome.success;
    case "on_failure":
    case "exit_code_non_zero":
      return !outcome.success;
    case "exit_code":
      return outcome.exitCode === transition.value;
    case "score_above":
    case "confidence_above":
    case "score_and_confidence_above":
    case "consensus":
      return score > threshold;
    case "score_below":
      return score < threshold;
    case "score_between":
      return score >= Number(transition.min) && score <= Number(transition.max);
    case "input_equals":
      return outcome.response !== undefined && response === String(transition.value);
    case "input_equals_yes":
    case "all_approved":
      return YES.test(response);
    case "input_equals_no":
    case "any_rejected":
      return NO.test(response);
    default:
      return false;
  }
}

/** humantime subset (`90s`, `5m`, `2h`, `1d`) -> seconds. */
export function seconds(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "s" | "m" | "h" | "d" ?? "s"];
  return Number(match[1]) * unit;
}
