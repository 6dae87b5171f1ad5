/**
 * The calling user's own data (`/v1/user/*`).
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";

/** One rate-limit bucket of the caller. */
export interface UserRateLimitBucket {
  /** e.g. `agent_execution`, `llm_call`, `seal_tool:<pattern>`. */
  resource_type: string;
  /** `per_minute`, `hourly`, `daily`, `weekly` or `monthly`. */
  bucket: string;
  /** Calls counted in the current window. */
  current_count: number;
  /** Limit per window. */
  limit_value: number;
  /** Window length in seconds. */
  window_seconds: number;
  /** When the window resets (RFC 3339). */
  resets_at: string;
}

/** `GET /v1/user/rate-limits/usage`. */
export interface UserRateLimitUsage {
  /** The usage counters. */
  usage: UserRateLimitBucket[];
  /** Number of entries in the list. */
  count: number;
}

/**
 * Gets the caller's rate-limit usage per resource and window.
 *
 * @example
 * ```ts
 * import { AegisCore, getUserRateLimitUsage } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * for (const b of (await getUserRateLimitUsage(core)).usage) {
 *   console.log(b.resource_type, b.bucket, `${b.current_count}/${b.limit_value}`);
 * }
 * ```
 */
export function getUserRateLimitUsage(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<UserRateLimitUsage> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/user/rate-limits/usage" }, options);
  });
}
