/**
 * Checks of the ids that routes take as UUID path parameters, so that a missing id or a name
 * where a UUID belongs fails before anything is sent, with a message that says what to pass
 * (the orchestrator would answer with axum's "Cannot parse `id` ... to a `Uuid`").
 *
 * Internal module.
 *
 * @module
 */

import { InvalidArgumentError } from "../errors.ts";
import { isUuid } from "../internal/guards.ts";

/**
 * Returns `value` when it is a UUID; otherwise throws an {@link InvalidArgumentError} naming
 * `argument` and, when given, what to do instead (`hint`).
 */
export function uuidArgument(
  value: unknown,
  argument: string,
  what: string,
  hint?: (value: string) => string,
): string {
  if (typeof value !== "string" || value.length === 0) {
    const got = value === "" ? "an empty string" : value === null ? "null" : typeof value;
    throw new InvalidArgumentError(argument, `the ${what} UUID is required (got ${got})`);
  }
  if (!isUuid(value)) {
    const advice = hint ? `; ${hint(value)}` : "";
    throw new InvalidArgumentError(
      argument,
      `expected the ${what} UUID, got ${JSON.stringify(value)}${advice}`,
    );
  }
  return value;
}

// The hints are made once, not per call: the ids are checked on every request.
const AGENT_ID_HINT = (name: string): string =>
  `agent routes take the id, not the name: resolve a name with lookupAgent(${
    JSON.stringify(name)
  }) (its answer's \`id\`) or use the \`agent_id\` that deployAgent returned`;
const EXECUTION_ID_HINT = (): string =>
  "use the `execution_id` that startExecution or executeAgent returned";
const WORKFLOW_EXECUTION_ID_HINT = (): string =>
  "use the `execution_id` that runWorkflow or executeTemporalWorkflow returned";

/** An agent id: a non-UUID is most likely a name, so point at `lookupAgent`. */
export function agentIdArgument(value: unknown, argument = "agentId"): string {
  return uuidArgument(value, argument, "agent", AGENT_ID_HINT);
}

/** An agent execution id (as returned by `startExecution`/`executeAgent`). */
export function executionIdArgument(value: unknown, argument = "executionId"): string {
  return uuidArgument(value, argument, "execution", EXECUTION_ID_HINT);
}

/** A workflow execution id (as returned by `runWorkflow`). */
export function workflowExecutionIdArgument(value: unknown, argument = "executionId"): string {
  return uuidArgument(value, argument, "workflow execution", WORKFLOW_EXECUTION_ID_HINT);
}
