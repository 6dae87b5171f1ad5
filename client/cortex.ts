/**
 * Cortex, the orchestrator's learned-pattern memory (`/v1/cortex/*`). Skills and metrics use
 * camelCase field names on the wire. Without a configured Cortex the server answers 503
 * `cortex_not_configured`.
 *
 * @module
 */

import type { AegisCore } from "./core/core.ts";
import type { RequestOptions } from "./core/options.ts";

/** One learned error → solution pattern. */
export interface CortexPattern {
  id: string;
  error_signature_hash: string;
  error_type: string;
  error_message: string;
  solution_approach: string;
  solution_code?: string | null;
  frequency: number;
  success_count: number;
  total_count: number;
  success_score: number;
  created_at: string;
  last_used_at: string;
}

/** `GET /v1/cortex/patterns`. */
export interface CortexPatternList {
  items: CortexPattern[];
}

/** One skill (camelCase on the wire). */
export interface CortexSkill {
  id: string;
  name: string;
  description: string;
  category: string;
  level: "intermediate" | "advanced";
  patternCount: number;
  usageCount: number;
  successRate: number;
}

/** `GET /v1/cortex/skills`. */
export interface CortexSkillList {
  items: CortexSkill[];
}

/** `GET /v1/cortex/metrics` (camelCase on the wire; several fields are always 0 today). */
export interface CortexMetrics {
  totalPatterns: number;
  totalSkills: number;
  avgSuccessRate: number;
  totalFrequency: number;
  patternsThisWeek: number;
  growthRate: number;
  firstAttemptSuccessRate: number;
  averageIterations: number;
  learningVelocity: number;
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
export async function listCortexPatterns(
  core: AegisCore,
  options: ListCortexPatternsOptions = {},
): Promise<CortexPatternList> {
  return await core.request({
    method: "GET",
    path: "/v1/cortex/patterns",
    query: { q: options.q, limit: options.limit },
  }, options);
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
export async function getCortexSkills(
  core: AegisCore,
  options?: RequestOptions,
): Promise<CortexSkillList> {
  return await core.request({ method: "GET", path: "/v1/cortex/skills" }, options);
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
export async function getCortexMetrics(
  core: AegisCore,
  options?: RequestOptions,
): Promise<CortexMetrics> {
  return await core.request({ method: "GET", path: "/v1/cortex/metrics" }, options);
}
