/**
 * The Cloudflare Worker the workerd harness bundles: `GET /run?step=…[&baseUrl=…&token=…]` runs
 * one scenario step inside workerd and answers `{ ok, detail }` or `{ ok: false, error }`.
 *
 * @module
 */

import { runStep, type Step } from "./scenario.ts";

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const step = url.searchParams.get("step") as Step;
    const baseUrl = url.searchParams.get("baseUrl");
    const token = url.searchParams.get("token") ?? "";
    try {
      const detail = await runStep(step, baseUrl ? { baseUrl, token } : undefined);
      return Response.json({ ok: true, detail });
    } catch (error) {
      const message = error instanceof Error
        ? `${error.name}: ${error.message}\n${error.stack}`
        : String(error);
      return Response.json({ ok: false, error: message });
    }
  },
};
