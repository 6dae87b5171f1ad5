/**
 * Applies a fake's fault rules to each request, before its real handler runs.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import type { FaultInjector } from "../faults.ts";
import { onEitherAbort } from "./lifecycle.ts";
import { RESET_HEADER, TRUNCATE_HEADER } from "./transport.ts";

/** Waits `ms`, or less if the caller goes away or the fake closes. */
function delay(ms: number, signal: AbortSignal, closing: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      forget();
      resolve();
    }, Math.min(ms, 2 ** 31 - 1));
    const forget = onEitherAbort(signal, closing, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** What the transport turns into a dropped connection. */
function reset(): Response {
  return new Response(null, { status: 599, headers: { [RESET_HEADER]: "1" } });
}

/** The Hono middleware applying `faults`; `closing` ends pending delays when the fake closes. */
export function faultMiddleware(faults: FaultInjector, closing: AbortSignal): MiddlewareHandler {
  return async (c, next) => {
    const rule = faults.take(c.req.method, new URL(c.req.url).pathname);
    if (!rule) return await next();
    const signal = c.req.raw.signal;
    if (rule.delayMs) await delay(rule.delayMs, signal, closing);
    // A caller that gave up during the delay gets nothing: the real handler never starts, so
    // no stream or simulation is left running for nobody.
    if (signal.aborted || closing.aborted || rule.action === "reset") return reset();
    if (rule.action === "hang") {
      await delay(Number.MAX_SAFE_INTEGER, signal, closing);
      return reset();
    }
    if (rule.status !== undefined) {
      const headers = new Headers(rule.headers);
      if (typeof rule.body === "string") {
        if (!headers.has("content-type")) {
          headers.set("content-type", "text/plain; charset=utf-8");
        }
        return new Response(rule.body, { status: rule.status, headers });
      }
      if (rule.body !== undefined) {
        headers.set("content-type", "application/json");
        return new Response(JSON.stringify(rule.body), { status: rule.status, headers });
      }
      return new Response(null, { status: rule.status, headers });
    }
    await next();
    if (rule.action === "truncate") {
      // The transport (in-process fetch or socket server) performs the cut.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set(TRUNCATE_HEADER, String(rule.truncateAfterBytes ?? 0));
    }
  };
}
