/**
 * Fault injection for the fake orchestrator: status sequences, `Retry-After`, delays, dropped
 * connections, hanging responses and bodies cut after N bytes.
 *
 * @module
 */

/** One rule; the first matching rule with uses left applies. */
export interface FaultRule {
  /** Only this method (default any). */
  method?: string;
  /** Only this path (exact string or pattern on the raw path; default any). */
  path?: string | RegExp;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  times?: number;
  /** Let this many matching requests through first (default 0). */
  skip?: number;
  /** Answer with this status instead of the real handler. */
  status?: number;
  /** Headers of that answer (e.g. `{"retry-after": "1"}`). */
  headers?: Record<string, string>;
  /** Body of that answer: a string is sent as text, anything else as JSON. */
  body?: unknown;
  /** Wait this long (ms) before answering (or before running the real handler). */
  delayMs?: number;
  /**
   * `reset`: drop the connection before any response; `hang`: never answer (until the client
   * gives up); `truncate`: run the real handler but cut its body after `truncateAfterBytes`.
   */
  action?: "reset" | "hang" | "truncate";
  /** For `truncate`: bytes of the real body to send before the cut (default 0). */
  truncateAfterBytes?: number;
}

/**
 * Holds the fault rules of a fake orchestrator (`fake.faults`) and counts what they did.
 *
 * @example A 503 burst, then a dropped connection
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * fake.faults.sequence([503, 503], { path: "/v1/agents", headers: { "retry-after": "0" } });
 * fake.faults.add({ path: "/v1/agents", action: "reset" });
 * console.log(await client.listAgents({ maxRetries: 3 }), fake.faults.hits); // [] 3
 * ```
 */
export class FaultInjector {
  #rules: { rule: FaultRule; used: number; seen: number }[] = [];
  /** How many requests a rule has acted on. */
  hits = 0;

  /** Adds a rule (rules are tried in the order added). */
  add(rule: FaultRule): this {
    this.#rules.push({ rule, used: 0, seen: 0 });
    return this;
  }

  /** Adds one rule per status, each applying once: a status sequence. */
  sequence(statuses: number[], rule: Omit<FaultRule, "status" | "times"> = {}): this {
    for (const status of statuses) this.add({ ...rule, status, times: 1 });
    return this;
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /**
   * The rule that applies to a request, consuming one of its uses (the fake's middleware calls
   * this for every request).
   */
  take(method: string, path: string): FaultRule | undefined {
    const entry = this.#match(method, path);
    if (entry) this.hits++;
    return entry?.rule;
  }

  #match(method: string, path: string): { rule: FaultRule } | undefined {
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === "string" && rule.path !== path) continue;
      if (rule.path instanceof RegExp && !rule.path.test(path)) continue;
      if (entry.used >= (rule.times ?? 1)) continue;
      entry.seen++;
      if (entry.seen <= (rule.skip ?? 0)) continue;
      entry.used++;
      return entry;
    }
    return undefined;
  }
}
