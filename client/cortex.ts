/**
 * Cortex, the orchestrator's learned-pattern memory (`/v1/cortex/*`). Skills and metrics use
 * camelCase field names on the wire. Without a configured Cortex the server answers 503
 * `cortex_not_configured`.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";

/** One learned error -> solution pattern. */
export interface CortexPattern {
  /** Unique id (UUID). */
  id: string;
  /** Hash of the normalised error signature. */
  error_signature_hash: string;
  /** Error type. */
  error_type: string;
  /** Error message. */
  error_message: string;
  /** How the error was solved. */
  solution_approach: string;
  /** Code of the solution; `null` when there is none. */
  solution_code: string | null;
  /** How often the error was seen. */
  frequency: number;
  /** Successful applications. */
  success_count: number;
  /** Total applications. */
  total_count: number;
  /** Success score (0..1). */
  success_score: number;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last use (RFC 3339), if ever used. */
  last_used_at: string;
}

/** `GET /v1/cortex/patterns`. */
export interface CortexPatternList {
  /** The entries. */
  items: CortexPattern[];
}

/** One skill (camelCase on the wire). */
export interface CortexSkill {
  /** Unique id (UUID). */
  id: string;
  /** Name. */
  name: string;
  /** Human description. */
  description: string;
  /** Category. */
  category: string;
  /** Skill level. */
  level: "intermediate" | "advanced";
  /** Patterns behind the skill. */
  patternCount: number;
  /** How often the skill was used. */
  usageCount: number;
  /** Success rate (0..1). */
  successRate: number;
}

/** `GET /v1/cortex/skills`. */
export interface CortexSkillList {
  /** The entries. */
  items: CortexSkill[];
}

/** `GET /v1/cortex/metrics` (camelCase on the wire; several fields are always 0 today). */
export interface CortexMetrics {
  /** Number of patterns. */
  totalPatterns: number;
  /** Number of skills. */
  totalSkills: number;
  /** Average success rate. */
  avgSuccessRate: number;
  /** Sum of pattern frequencies. */
  totalFrequency: number;
  /** Always 0 today. */
  patternsThisWeek: number;
  /** Always 0 today. */
  growthRate: number;
  /** Always 0 today. */
  firstAttemptSuccessRate: number;
  /** Always 0 today. */
  averageIterations: number;
  /** Always 0 today. */
  learningVelocity: number;
  /** Names of the most used skills. */
  mostUsedSkills: string[];
}

/** Options of {@link listCortexPatterns}. */
export interface ListCortexPatternsOptions extends RequestOptions {
  /** Error-signature filter (sent as `q`). */
  q?: string;
  /** At most this many patterns (server default 100). */
  limit?: number;
}

/**
 * Lists learned patterns, optionally filtered by error signature.
 *
 * @example
 * ```ts
 * import { AegisCore, listCortexPatterns } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listCortexPatterns(core, { q: "ModuleNotFoundError", limit: 5 })).items);
 * ```
 */
export function listCortexPatterns(
  core: AegisCore,
  options: ListCortexPatternsOptions = {},
): AegisPromise<CortexPatternList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/cortex/patterns",
      query: { q: options.q, limit: options.limit },
    }, options);
  });
}

/**
 * Gets the skill inventory.
 *
 * @example
 * ```ts
 * import { AegisCore, getCortexSkills } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await getCortexSkills(core)).items.map((s) => s.name));
 * ```
 */
export function getCortexSkills(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<CortexSkillList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/cortex/skills" }, options);
  });
}

/**
 * Gets Cortex metrics.
 *
 * @example
 * ```ts
 * import { AegisCore, getCortexMetrics } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await getCortexMetrics(core)).totalPatterns);
 * ```
 */
export function getCortexMetrics(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<CortexMetrics> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/cortex/metrics" }, options);
  });
}
