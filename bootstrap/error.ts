/**
 * Errors raised by the dispatch-protocol helpers and the bootstrap loop.
 *
 * @module
 */

import { AegisError } from "../errors.ts";

/**
 * The orchestrator's dispatch gateway answered something the dispatch protocol does not allow
 * (not an object, a dispatch without a `dispatch_id`, a final answer without `content`, ...).
 * `field` names the offending field (`"args[1]"`, `"tool_calls_executed"`, or `"(body)"` when
 * the body as a whole is wrong).
 *
 * @example Tell a protocol violation apart from other failures
 * ```ts
 * import { DispatchProtocolError, parseOrchestratorMessage } from "@aegis/sdk/bootstrap";
 *
 * try {
 *   parseOrchestratorMessage({ type: "dispatch", action: "exec" });
 * } catch (error) {
 *   if (error instanceof DispatchProtocolError) console.log(error.field); // "dispatch_id"
 * }
 * ```
 */
export class DispatchProtocolError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "DispatchProtocolError";
  /** The offending field, or `"(body)"` when the whole body is unusable. */
  readonly field: string;

  /** Creates the error for `field`, explaining `problem`. */
  constructor(field: string, problem: string, options?: { cause?: unknown }) {
    super(`dispatch protocol violation in field ${field}: ${problem}`, options);
    this.field = field;
  }
}

/**
 * The orchestrator kept dispatching commands past the caller's `maxDispatches` bound. The
 * dispatch that crossed the bound was not executed.
 *
 * @example Catch a runaway inner loop
 * ```ts
 * import { DispatchLimitError } from "@aegis/sdk/bootstrap";
 *
 * const error: unknown = new DispatchLimitError(50);
 * if (error instanceof DispatchLimitError) console.log(error.limit); // 50
 * ```
 */
export class DispatchLimitError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "DispatchLimitError";
  /** The `maxDispatches` bound that was reached. */
  readonly limit: number;

  /** Creates the error for a loop that exceeded `limit` dispatches. */
  constructor(limit: number) {
    super(
      `the orchestrator requested more than ${limit} dispatches in one iteration; ` +
        `stopped before running the next one (raise maxDispatches if this is expected)`,
    );
    this.limit = limit;
  }
}
