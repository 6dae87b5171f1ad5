/**
 * Execution activity events (`CorrelatedActivityEvent`), shared by the execution and agent
 * streams: a union discriminated on `event_type` with typed `details` per variant, an open
 * fallback for event types this SDK does not know yet, and the one decoder that turns SSE
 * messages into events (the workflow log stream uses it too).
 *
 * @module
 */

import { AegisProtocolError } from "../errors.ts";
import { isRecord } from "../internal/guards.ts";
import type { SSEMessage } from "./core/sse.ts";

/** Ids every execution-scoped variant's payload carries. */
export interface ExecutionEventIds {
  /** Execution UUID. */
  execution_id: string;
  /** Agent UUID. */
  agent_id: string;
}

/** Class of a failed LLM call (`llm_call_failed`). */
export type LlmErrorClass =
  | "authentication"
  | "rate_limit"
  | "model_not_found"
  | "invalid_input"
  | "service_unavailable"
  | "network"
  | "provider"
  | "timeout";

/**
 * `details` of each known execution event, keyed by `event_type`: the domain event under its
 * variant name (validation events nest once more, under `Validation`). `T | null` fields are
 * always present; `?:` fields are left out when empty. Timestamps are RFC 3339.
 */
export interface ExecutionEventVariants {
  /** The execution began. */
  execution_started: { ExecutionStarted: ExecutionEventIds & { started_at: string } };
  /** An iteration began. */
  iteration_started: {
    IterationStarted: ExecutionEventIds & {
      iteration_number: number;
      action: string;
      started_at: string;
    };
  };
  /** An iteration produced output. */
  iteration_completed: {
    IterationCompleted: ExecutionEventIds & {
      iteration_number: number;
      output: string;
      completed_at: string;
    };
  };
  /** An iteration failed. */
  iteration_failed: {
    IterationFailed: ExecutionEventIds & {
      iteration_number: number;
      error: { message: string; details: string | null };
      failed_at: string;
    };
  };
  /** A refinement was applied between iterations. */
  refinement_applied: {
    RefinementApplied: ExecutionEventIds & {
      iteration_number: number;
      code_diff: { file_path: string; diff: string };
      applied_at: string;
      cortex_pattern_id?: string;
      cortex_pattern_category?: string;
      cortex_success_score?: number;
      cortex_solution_approach?: string;
    };
  };
  /** Terminal: the execution succeeded; `final_output` is the last iteration's output. */
  execution_completed: {
    ExecutionCompleted: ExecutionEventIds & {
      final_output: string;
      total_iterations: number;
      completed_at: string;
    };
  };
  /** Terminal: the execution failed. */
  execution_failed: {
    ExecutionFailed: ExecutionEventIds & {
      reason: string;
      total_iterations: number;
      failed_at: string;
    };
  };
  /** Terminal: the execution was cancelled. */
  execution_cancelled: {
    ExecutionCancelled: ExecutionEventIds & { reason: string | null; cancelled_at: string };
  };
  /** Terminal: the execution ran out of time. */
  execution_timed_out: {
    ExecutionTimedOut: ExecutionEventIds & {
      timeout_seconds: number;
      total_iterations: number;
      timed_out_at: string;
    };
  };
  /** A line of the agent container's output. */
  console_output: {
    ConsoleOutput: ExecutionEventIds & {
      iteration_number: number;
      stream: "stdout" | "stderr";
      content: string;
      timestamp: string;
    };
  };
  /** One LLM call and its answer. */
  llm_interaction: {
    LlmInteraction: ExecutionEventIds & {
      iteration_number: number;
      provider: string;
      model: string;
      input_tokens: number | null;
      output_tokens: number | null;
      prompt: string;
      response: string;
      timestamp: string;
    };
  };
  /** An LLM call failed after its retries. */
  llm_call_failed: {
    LlmCallFailed: ExecutionEventIds & {
      iteration_number: number;
      provider: string;
      model: string;
      error_class: LlmErrorClass;
      message: string;
      attempts: number;
      elapsed_ms: number;
      fallback_attempted: boolean;
      timestamp: string;
    };
  };
  /** A runtime instance (container) started. */
  instance_spawned: {
    InstanceSpawned: ExecutionEventIds & {
      iteration_number: number;
      instance_id: string;
      spawned_at: string;
    };
  };
  /** A runtime instance stopped. */
  instance_terminated: {
    InstanceTerminated: ExecutionEventIds & {
      iteration_number: number;
      instance_id: string;
      terminated_at: string;
    };
  };
  /** The execution started a child execution. */
  child_execution_spawned: {
    ChildExecutionSpawned: ExecutionEventIds & {
      parent_execution_id: string;
      child_execution_id: string;
      child_agent_id: string;
      spawned_at: string;
    };
  };
  /** A child execution finished. */
  child_execution_completed: {
    ChildExecutionCompleted: ExecutionEventIds & {
      child_execution_id: string;
      outcome: string;
      completed_at: string;
    };
  };
  /** A gradient validator scored an iteration. */
  gradient_validation_performed: {
    Validation: {
      GradientValidationPerformed: ExecutionEventIds & {
        iteration_number: number;
        score: number;
        confidence: number;
        validated_at: string;
      };
    };
  };
  /** Several judges reached a consensus (`judge_scores` = `[agent_id, score]` pairs). */
  multi_judge_consensus: {
    Validation: {
      MultiJudgeConsensus: ExecutionEventIds & {
        judge_scores: [string, number][];
        final_score: number;
        confidence: number;
        reached_at: string;
      };
    };
  };
  /** The output handler began (no `agent_id`). */
  output_handler_started: {
    OutputHandlerStarted: { execution_id: string; handler_type: string };
  };
  /** The output handler finished. */
  output_handler_completed: {
    OutputHandlerCompleted: { execution_id: string; handler_type: string; result: string | null };
  };
  /** The output handler failed. */
  output_handler_failed: {
    OutputHandlerFailed: { execution_id: string; handler_type: string; error: string };
  };
}

/** Every `event_type` this SDK types (contract section 4.1). */
export type KnownExecutionEventType = keyof ExecutionEventVariants;

/** Where each known event keeps its payload inside `details` (checked by the decoder). */
const EXECUTION_VARIANT_PATHS: { readonly [T in KnownExecutionEventType]: readonly string[] } = {
  execution_started: ["ExecutionStarted"],
  iteration_started: ["IterationStarted"],
  iteration_completed: ["IterationCompleted"],
  iteration_failed: ["IterationFailed"],
  refinement_applied: ["RefinementApplied"],
  execution_completed: ["ExecutionCompleted"],
  execution_failed: ["ExecutionFailed"],
  execution_cancelled: ["ExecutionCancelled"],
  execution_timed_out: ["ExecutionTimedOut"],
  console_output: ["ConsoleOutput"],
  llm_interaction: ["LlmInteraction"],
  llm_call_failed: ["LlmCallFailed"],
  instance_spawned: ["InstanceSpawned"],
  instance_terminated: ["InstanceTerminated"],
  child_execution_spawned: ["ChildExecutionSpawned"],
  child_execution_completed: ["ChildExecutionCompleted"],
  gradient_validation_performed: ["Validation", "GradientValidationPerformed"],
  multi_judge_consensus: ["Validation", "MultiJudgeConsensus"],
  output_handler_started: ["OutputHandlerStarted"],
  output_handler_completed: ["OutputHandlerCompleted"],
  output_handler_failed: ["OutputHandlerFailed"],
};

/** The fields every activity event has, whatever its type. */
export interface ActivityEventEnvelope {
  /** `execution`, `workflow`, `storage`, `mcp`, `seal`, ... */
  category: string;
  /** RFC 3339 `Z`. */
  timestamp: string;
  /** Execution the event belongs to (`null` for events outside any execution). */
  execution_id: string | null;
  /** Agent the event belongs to (`null` when none resolves). */
  agent_id: string | null;
  /** Iteration number for per-iteration events, else `null`. */
  iteration: number | null;
  /** Pipeline stage; left out when the event has none. */
  stage?: string;
  /** Human-readable summary. */
  message: string;
}

/** A known execution event of type `T` (a union of types gives a union of events). */
export type ExecutionEventOf<T extends KnownExecutionEventType> = T extends KnownExecutionEventType
  ? ActivityEventEnvelope & {
    /** snake_case event name. */
    event_type: T;
    /**
     * The domain event: its category tag and its payload under the variant name (the other
     * variant names are typed absent, so `details.X?....` reads work before narrowing).
     */
    details:
      & Omit<AbsentExecutionVariants, keyof ExecutionEventVariants[T]>
      & { type: string }
      & ExecutionEventVariants[T];
  }
  : never;

/** Every known variant name of `details`, typed absent (see {@link UnknownEventDetails}). */
export type AbsentExecutionVariants = {
  readonly [
    K in { [T in KnownExecutionEventType]: keyof ExecutionEventVariants[T] }[
      KnownExecutionEventType
    ]
  ]?: never;
};

/** Any event of a type listed in {@link ExecutionEventVariants}. */
export type KnownExecutionEvent = { [T in KnownExecutionEventType]: ExecutionEventOf<T> }[
  KnownExecutionEventType
];

/**
 * `details` of an event type the SDK does not know (newer orchestrators, storage, MCP, SEAL
 * events, or history items rebuilt from stored workflow records). The known variant names are
 * typed as absent so that narrowing on a known `event_type` keeps its payload type.
 */
export type UnknownEventDetails =
  & AbsentExecutionVariants
  & { readonly type?: string; readonly [key: string]: unknown };

/** An event whose `event_type` is not one of {@link KnownExecutionEventType}. */
export interface UnknownExecutionEvent extends ActivityEventEnvelope {
  /** snake_case event name (not a known one). */
  event_type: string;
  /** The domain event as sent. */
  details: UnknownEventDetails;
}

/**
 * One event of an execution stream (`data:` of `/v1/executions/{id}/events`): a union
 * discriminated on `event_type`. Comparing `event_type` with a known name narrows `details`;
 * {@link isExecutionEventType} narrows to the known variant alone.
 *
 * @example Narrow on `event_type`
 * ```ts
 * import type { ExecutionEvent } from "@aegis/sdk/client";
 *
 * function describe(event: ExecutionEvent): string {
 *   switch (event.event_type) {
 *     case "execution_completed":
 *       return `done: ${event.details.ExecutionCompleted?.final_output}`;
 *     case "execution_failed":
 *       return `failed: ${event.details.ExecutionFailed?.reason}`;
 *     default:
 *       return event.message;
 *   }
 * }
 * console.log(describe({
 *   event_type: "execution_failed", category: "execution", timestamp: "2026-01-01T00:00:00Z",
 *   execution_id: null, agent_id: null, iteration: null, message: "failed",
 *   details: { type: "execution", ExecutionFailed: {
 *     execution_id: "e", agent_id: "a", reason: "boom", total_iterations: 1, failed_at: "t" } },
 * })); // "failed: boom"
 * ```
 */
export type ExecutionEvent = KnownExecutionEvent | UnknownExecutionEvent;

/** Events of an agent's stream (`/v1/agents/{id}/events`): the same shape as execution events. */
export type AgentEvent = ExecutionEvent;

/** `details` of any execution event. */
export type ExecutionEventDetails = ExecutionEvent["details"];

/** `event_type`s after which an execution produces nothing more. */
export type TerminalExecutionEventType =
  | "execution_completed"
  | "execution_failed"
  | "execution_cancelled"
  | "execution_timed_out";

/**
 * Terminal `event_type`s of an execution stream.
 *
 * @example
 * ```ts
 * import { TERMINAL_EXECUTION_EVENTS } from "@aegis/sdk/client";
 * console.log(TERMINAL_EXECUTION_EVENTS.includes("execution_failed")); // true
 * ```
 */
export const TERMINAL_EXECUTION_EVENTS: readonly TerminalExecutionEventType[] = [
  "execution_completed",
  "execution_failed",
  "execution_cancelled",
  "execution_timed_out",
];

/**
 * True for the events after which an execution produces nothing more.
 *
 * @example
 * ```ts
 * import { isTerminalExecutionEvent } from "@aegis/sdk/client";
 * console.log(isTerminalExecutionEvent({ event_type: "execution_completed" })); // true
 * ```
 */
export function isTerminalExecutionEvent(
  event: Pick<ExecutionEvent, "event_type">,
): event is ExecutionEventOf<TerminalExecutionEventType> {
  return (TERMINAL_EXECUTION_EVENTS as readonly string[]).includes(event.event_type);
}

/**
 * Narrows an event to the known variant `type`, `details` payload included (the decoder has
 * checked that a known event carries its payload).
 *
 * @example
 * ```ts
 * import { type ExecutionEvent, isExecutionEventType } from "@aegis/sdk/client";
 *
 * const event: ExecutionEvent = {
 *   event_type: "execution_completed", category: "execution", timestamp: "2026-01-01T00:00:00Z",
 *   execution_id: null, agent_id: null, iteration: null, message: "done",
 *   details: { type: "execution", ExecutionCompleted: {
 *     execution_id: "e", agent_id: "a", final_output: "42", total_iterations: 1, completed_at: "t" } },
 * };
 * if (isExecutionEventType(event, "execution_completed")) {
 *   console.log(event.details.ExecutionCompleted.final_output); // "42"
 * }
 * ```
 */
export function isExecutionEventType<T extends KnownExecutionEventType>(
  event: ExecutionEvent,
  type: T,
): event is Extract<ExecutionEvent, { event_type: T }> {
  return event.event_type === type;
}

/** How {@link decodeJsonEvent} checks one stream's events. */
export interface JsonEventShape {
  /** Names the stream in error messages, e.g. `"execution stream"`. */
  stream: string;
  /** Where a known `event_type` keeps its payload inside `details`. */
  variants: { readonly [eventType: string]: readonly string[] };
  /** Pass `{"error": ...}` payloads through (the stream raises them as typed errors). */
  passErrors?: boolean;
}

/**
 * The one event decoder: parses a `data:` payload, requires a JSON object with a string
 * `event_type` and an object `details`, and checks that a known `event_type` carries its
 * payload, so that the typed variants never lie. Internal: streams use it through their
 * `decode...` functions.
 */
export function decodeJsonEvent(message: SSEMessage, shape: JsonEventShape): unknown {
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch (error) {
    throw new AegisProtocolError(`${shape.stream} sent an event that is not JSON`, {
      cause: error,
    });
  }
  if (!isRecord(value)) {
    throw new AegisProtocolError(`${shape.stream} sent an event that is not a JSON object`);
  }
  if (shape.passErrors && typeof value.error === "string") return value;
  const type = value.event_type;
  if (typeof type !== "string") {
    throw new AegisProtocolError(`${shape.stream} sent an event without an event_type`);
  }
  if (!isRecord(value.details)) {
    throw new AegisProtocolError(`${shape.stream} sent a ${type} event without details`);
  }
  const path = Object.hasOwn(shape.variants, type) ? shape.variants[type] : undefined;
  let payload: unknown = value.details;
  for (const key of path ?? []) payload = isRecord(payload) ? payload[key] : undefined;
  if (!isRecord(payload)) {
    throw new AegisProtocolError(
      `${shape.stream} sent a ${type} event without details.${path!.join(".")}`,
    );
  }
  return value;
}

/**
 * Decodes one SSE message of an execution or agent stream into an {@link ExecutionEvent}.
 * Anything that is not a JSON object with an `event_type` and `details`, or a known event
 * without its payload, is an `AegisProtocolError`.
 *
 * @example
 * ```ts
 * import { decodeExecutionEvent } from "@aegis/sdk/client";
 *
 * const event = decodeExecutionEvent({
 *   event: "message", id: undefined, retry: undefined,
 *   data: '{"event_type":"file_written","category":"storage","message":"wrote","details":{}}',
 * });
 * console.log(event.event_type); // "file_written"
 * ```
 */
export function decodeExecutionEvent(message: SSEMessage): ExecutionEvent {
  return decodeJsonEvent(message, {
    stream: "execution stream",
    variants: EXECUTION_VARIANT_PATHS,
  }) as ExecutionEvent;
}
