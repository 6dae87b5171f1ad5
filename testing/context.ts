/**
 * What every route module of the fake orchestrator receives.
 *
 * @module
 */

import type { FakeState } from "./state.ts";

/** Shared by the route modules of one fake orchestrator. */
export interface FakeContext {
  /** Agents, executions and the event bus. */
  state: FakeState;
  /** Keep-alive comment interval of SSE streams in ms (the orchestrator uses 15 000). */
  keepAliveMs: number;
  /** Tenant of every caller (the fake has one tenant). */
  tenantId: string;
}
