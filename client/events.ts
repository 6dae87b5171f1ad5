/**
 * Execution activity events (`CorrelatedActivityEvent`), shared by the execution and agent
 * streams, and the one decoder that turns SSE messages into them.
 *
 * @module
 */

import { AegisProtocolError } from "./core/errors.ts";
import type { SSEMessage } from "./core/sse.ts";

/**
 * Terminal `event_type`s of an execution stream.
 *
 * @example
 * ```ts
 * import { TERMINAL_EXECUTION_EVENTS } from "@aegis/sdk/client";
 * console.log(TERMINAL_EXECUTION_EVENTS.includes("execution_failed")); // true
 * ```
 */
export const TERMINAL_EXECUTION_EVENTS: readonly string[] = [
  "execution_completed",
  "execution_failed",
  "execution_cancelled",
  "execution_timed_out",
];

/** `details` of an execution event: the domain event, keyed by its variant name. */
export interface ExecutionEventDetails {
  /** Domain category tag, e.g. `"execution"`. */
  type?: string;
  /** `execution_started`. */
  ExecutionStarted?: { execution_id: string; agent_id: string; started_at: string };
  /** `iteration_started`. */
  IterationStarted?: {
    execution_id: string;
    agent_id: string;
    iteration_number: number;
    action: string;
    started_at: string;
  };
  /** `iteration_completed`. */
  IterationCompleted?: {
    execution_id: string;
    agent_id: string;
    iteration_number: number;
    output: string;
    completed_at: string;
  };
  /** `iteration_failed`. */
  IterationFailed?: {
    execution_id: string;
    agent_id: string;
    iteration_number: number;
    error: { message: string; details?: string };
    failed_at: string;
  };
  /** `execution_completed`. */
  ExecutionCompleted?: {
    execution_id: string;
    agent_id: string;
    final_output: string;
    total_iterations: number;
    completed_at: string;
  };
  /** `execution_failed`. */
  ExecutionFailed?: {
    execution_id: string;
    agent_id: string;
    reason: string;
    total_iterations: number;
    failed_at: string;
  };
  /** `execution_cancelled`. */
  ExecutionCancelled?: {
    execution_id: string;
    agent_id: string;
    reason?: string;
    cancelled_at: string;
  };
  /** `execution_timed_out`. */
  ExecutionTimedOut?: {
    execution_id: string;
    agent_id: string;
    timeout_seconds: number;
    total_iterations: number;
    timed_out_at: string;
  };
  /** `console_output`. */
  ConsoleOutput?: {
    execution_id: string;
    agent_id: string;
    iteration_number: number;
    stream: "stdout" | "stderr";
    content: string;
    timestamp: string;
  };
  /** `llm_interaction`. */
  LlmInteraction?: {
    execution_id: string;
    agent_id: string;
    iteration_number: number;
    provider: string;
    model: string;
    input_tokens?: number;
    output_tokens?: number;
    prompt: string;
    response: string;
    timestamp: string;
  };
  /** Other variants (validation, output handlers, tool invocations, …). */
  [variant: string]: unknown;
}

/** One event of an execution or agent stream (`data:` of `/v1/executions/{id}/events`). */
export interface ExecutionEvent {
  /** snake_case event name, e.g. `iteration_started`. */
  event_type: string;
  /** `execution`, `workflow`, `storage`, `mcp`, `seal`, … */
  category: string;
  /** RFC 3339. */
  timestamp: string;
  /** Execution the event belongs to. */
  execution_id: string | null;
  /** Agent the event belongs to. */
  agent_id: string | null;
  /** Iteration number for per-iteration events. */
  iteration: number | null;
  /** Pipeline stage, omitted when absent. */
  stage?: string;
  /** Human-readable summary. */
  message: string;
  /** The full domain event. */
  details: ExecutionEventDetails;
}

/**
 * True for the events after which an execution produces nothing more.
 *
 * @example
 * ```ts
 * import { isTerminalExecutionEvent } from "@aegis/sdk/client";
 * console.log(isTerminalExecutionEvent({ event_type: "execution_completed" })); // true
 * ```
 */
export function isTerminalExecutionEvent(event: Pick<ExecutionEvent, "event_type">): boolean {
  return TERMINAL_EXECUTION_EVENTS.includes(event.event_type);
}

/**
 * Decodes one SSE message into an {@link ExecutionEvent}; anything that is not a JSON object
 * with an `event_type` is an `AegisProtocolError`.
 *
 * @example
 * ```ts
 * import { decodeExecutionEvent } from "@aegis/sdk/client";
 *
 * const event = decodeExecutionEvent({
 *   event: "message", id: undefined, retry: undefined,
 *   data: '{"event_type":"execution_started","category":"execution","message":"started"}',
 * });
 * console.log(event.event_type); // "execution_started"
 * ```
 */
export function decodeExecutionEvent(message: SSEMessage): ExecutionEvent {
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch (error) {
    throw new AegisProtocolError("execution stream sent an event that is not JSON", {
      cause: error,
    });
  }
  if (
    typeof value !== "object" || value === null ||
    typeof (value as { event_type?: unknown }).event_type !== "string"
  ) {
    throw new AegisProtocolError("execution stream sent an event without an event_type");
  }
  return value as ExecutionEvent;
}
