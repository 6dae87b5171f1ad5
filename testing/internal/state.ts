/**
 * In-memory state of the fake orchestrator: agents, executions, their events and a live event
 * bus, plus the execution simulator that plays an agent run step by step.
 *
 * @module
 */

import type { ExecutionEvent } from "../../client/events.ts";
import { timestampOffset, timestampZ } from "./http.ts";

/** A stored agent. */
export interface FakeAgent {
  /** Unique id (UUID). */
  id: string;
  /** Owning tenant. */
  tenantId: string;
  /** Visibility scope. */
  scope: "global" | "tenant";
  /** The stored manifest. */
  manifest: Record<string, unknown>;
  /** Every deployed version, oldest first. */
  versions: { id: string; version: string; createdAt: number; manifest: Record<string, unknown> }[];
  /** Creation time, epoch ms. */
  createdAt: number;
  /** Last update, epoch ms. */
  updatedAt: number;
}

/** A stored execution. */
export interface FakeExecution {
  /** Unique id (UUID). */
  id: string;
  /** Agent UUID. */
  agentId: string;
  /** Owning tenant. */
  tenantId: string;
  /** Current status. */
  status: "Pending" | "Running" | "Completed" | "Failed" | "Cancelled";
  /** The execution input as sent. */
  input: unknown;
  /** Start time, epoch ms. */
  startedAt: number;
  /** End time, epoch ms. */
  endedAt?: number;
  /** Every event emitted so far (the stream history). */
  events: ActivityEvent[];
  /** Workspace files by relative path. */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  /** Pending simulation steps. */
  timers: Set<ReturnType<typeof setTimeout>>;
}

/** The `CorrelatedActivityEvent` wire shape (the client's type: the fake emits exactly it). */
export type ActivityEvent = ExecutionEvent;

/** How the simulator plays an execution. */
export interface ExecutionScript {
  /** Iterations to run (default 1). */
  iterations?: number;
  /** Final output (default `Echo: <input>`). */
  output?: string;
  /** Fail the execution with this reason instead of completing. */
  failWith?: string;
}

/** Receives every live event. */
export type Listener = (event: ActivityEvent) => void;

/**
 * In-memory state of a fake orchestrator (`fake.state`): agents, executions and their events.
 *
 * @example Inspect what a test run left behind
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * console.log(fake.state.agents.size, fake.state.listenerCount); // 1 0
 * ```
 */
export class FakeState {
  /** Agents by id. */
  readonly agents: Map<string, FakeAgent> = new Map();
  /** Executions by id. */
  readonly executions: Map<string, FakeExecution> = new Map();
  readonly #listeners: Set<Listener> = new Set();
  readonly #stepMs: number;
  readonly #script: (input: unknown) => ExecutionScript;
  #clockOffset = 0;

  /** Creates the state; `stepMs` paces simulated executions, `script` shapes each run. */
  constructor(stepMs: number, script: (input: unknown) => ExecutionScript) {
    this.#stepMs = stepMs;
    this.#script = script;
  }

  /** Current time in ms (events must be strictly ordered by timestamp). */
  now(): number {
    const now = Date.now();
    this.#clockOffset = Math.max(this.#clockOffset + 1, now);
    return this.#clockOffset;
  }

  /** Live subscribers right now (open follow streams): lets tests prove streams were released. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Subscribes to every live event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Appends an event to its execution's history and publishes it. */
  emit(execution: FakeExecution, event: ActivityEvent): void {
    execution.events.push(event);
    for (const listener of [...this.#listeners]) listener(event);
  }

  /** Starts simulating `execution`: a few events per iteration, then a terminal event. */
  run(execution: FakeExecution): void {
    const script = this.#script(execution.input);
    const iterations = script.iterations ?? 1;
    const output = script.output ??
      `Echo: ${
        typeof execution.input === "string" ? execution.input : JSON.stringify(execution.input)
      }`;
    const steps: (() => void)[] = [];
    const base = { execution_id: execution.id, agent_id: execution.agentId };
    steps.push(() => {
      execution.status = "Running";
      this.emit(
        execution,
        this.event(execution, "execution_started", "execution", null, "Execution started", {
          ExecutionStarted: { ...base, started_at: timestampZ(execution.startedAt) },
        }),
      );
    });
    for (let i = 1; i <= iterations; i++) {
      steps.push(() =>
        this.emit(
          execution,
          this.event(
            execution,
            "iteration_started",
            "iteration",
            i,
            `Iteration ${i} started: generate`,
            {
              IterationStarted: {
                ...base,
                iteration_number: i,
                action: "generate",
                started_at: timestampZ(this.now()),
              },
            },
          ),
        )
      );
      steps.push(() =>
        this.emit(
          execution,
          this.event(execution, "console_output", "console", i, "stdout", {
            ConsoleOutput: {
              ...base,
              iteration_number: i,
              stream: "stdout",
              content: `working on iteration ${i}\n`,
              timestamp: timestampZ(this.now()),
            },
          }),
        )
      );
      steps.push(() =>
        this.emit(
          execution,
          this.event(execution, "iteration_completed", "iteration", i, `Iteration ${i} completed`, {
            IterationCompleted: {
              ...base,
              iteration_number: i,
              output: i === iterations ? output : `draft ${i}`,
              completed_at: timestampZ(this.now()),
            },
          }),
        )
      );
    }
    steps.push(() => {
      execution.endedAt = this.now();
      if (script.failWith !== undefined) {
        execution.status = "Failed";
        this.emit(
          execution,
          this.event(
            execution,
            "execution_failed",
            "execution",
            null,
            `Execution failed: ${script.failWith}`,
            {
              ExecutionFailed: {
                ...base,
                reason: script.failWith,
                total_iterations: iterations,
                failed_at: timestampZ(execution.endedAt),
              },
            },
          ),
        );
      } else {
        execution.status = "Completed";
        execution.files.set("output.txt", new TextEncoder().encode(output));
        this.emit(
          execution,
          this.event(execution, "execution_completed", "execution", null, "Execution completed", {
            ExecutionCompleted: {
              ...base,
              final_output: output,
              total_iterations: iterations,
              completed_at: timestampZ(execution.endedAt),
            },
          }),
        );
      }
    });
    // One timer at a time: timers scheduled together may fire out of order under load, and
    // the events of an execution must keep their order.
    const next = (index: number) => {
      if (index >= steps.length) return;
      const timer = setTimeout(() => {
        execution.timers.delete(timer);
        steps[index]();
        next(index + 1);
      }, this.#stepMs);
      execution.timers.add(timer);
    };
    next(0);
  }

  /** Cancels a running execution: stops the simulator and emits `execution_cancelled`. */
  cancel(execution: FakeExecution): void {
    for (const timer of execution.timers) clearTimeout(timer);
    execution.timers.clear();
    if (
      execution.status === "Completed" || execution.status === "Failed" ||
      execution.status === "Cancelled"
    ) return;
    execution.status = "Cancelled";
    execution.endedAt = this.now();
    this.emit(
      execution,
      this.event(execution, "execution_cancelled", "execution", null, "Execution cancelled", {
        ExecutionCancelled: {
          execution_id: execution.id,
          agent_id: execution.agentId,
          reason: "cancelled by user",
          cancelled_at: timestampZ(execution.endedAt),
        },
      }),
    );
  }

  /** Stops every simulator timer (fake shutdown). */
  stopAll(): void {
    for (const execution of this.executions.values()) {
      for (const timer of execution.timers) clearTimeout(timer);
      execution.timers.clear();
    }
  }

  /** Builds an event in the wire shape. */
  event(
    execution: FakeExecution,
    eventType: string,
    stage: string,
    iteration: number | null,
    message: string,
    variant: Record<string, unknown>,
  ): ActivityEvent {
    return {
      event_type: eventType,
      category: "execution",
      timestamp: timestampZ(this.now()),
      execution_id: execution.id,
      agent_id: execution.agentId,
      iteration,
      stage,
      message,
      details: { type: "execution", ...variant },
    };
  }

  /** Agent list/detail timestamps use chrono's `to_rfc3339` form. */
  agentTimestamp(ms: number): string {
    return timestampOffset(ms);
  }
}
