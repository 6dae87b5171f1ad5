/**
 * Health probes (`/health/live`, `/health/ready`): unauthenticated, always HTTP 200.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";

/** `GET /health/live` body. */
export interface HealthLive {
  /** Always `"healthy"` when the process answers. */
  status: string;
  /** `"live"`. */
  mode: string;
  /** Seconds since the orchestrator started. */
  uptime_seconds: number;
}

/** `GET /health/ready` body. A `"degraded"` status still comes with HTTP 200: check it. */
export interface HealthReady {
  /** `"ready"` or `"degraded"`. */
  status: "ready" | "degraded";
  /** Seconds since start. */
  uptime_seconds: number;
  /** Which dependencies are reachable. */
  dependencies: { database: boolean; temporal: boolean; cluster_repository: boolean };
}

/**
 * Liveness probe.
 *
 * @example
 * ```ts
 * import { AegisCore, healthLive } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: createFakeOrchestrator().fetch });
 * console.log((await healthLive(core)).status); // "healthy"
 * ```
 */
export function healthLive(core: AegisCore, options?: RequestOptions): AegisPromise<HealthLive> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/health/live", auth: false }, options);
  });
}

/**
 * Readiness probe.
 *
 * @example
 * ```ts
 * import { AegisCore, healthReady } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: createFakeOrchestrator().fetch });
 * const ready = await healthReady(core);
 * console.log(ready.status, ready.dependencies.database);
 * ```
 */
export function healthReady(core: AegisCore, options?: RequestOptions): AegisPromise<HealthReady> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/health/ready", auth: false }, options);
  });
}
