/**
 * Opening an SSE stream through the request pipeline. A function beside `AegisCore` rather than
 * a method on it, so that apps which never stream (SEAL workloads, plain calls) do not bundle the
 * SSE parser and `EventStream`.
 *
 * @module
 */

import { AegisProtocolError } from "../../errors.ts";
import type { RequestOptions } from "./options.ts";
import { type AegisCore, labelOf, type RequestSpec, runCall } from "./pipeline.ts";
import { where } from "./response.ts";
import { EventStream, type EventStreamSpec } from "./stream.ts";

/**
 * Opens an SSE stream with `core`'s auth, timeouts, retries and error mapping. Resolves once
 * the response headers arrived (HTTP errors throw here); iterate the result with `for await`.
 * This is what the streaming resource functions (`streamExecution`, ...) use; call it for a
 * stream route the SDK does not wrap.
 *
 * @example
 * ```ts
 * import { AegisCore, openEventStream } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const agentId = "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10";
 * await openEventStream(
 *   core,
 *   { method: "GET", path: `/v1/agents/${agentId}/events` },
 *   { decode: (m) => JSON.parse(m.data) },
 * ).catch((e) => console.log(e.status)); // 404: no such agent
 * ```
 */
export function openEventStream<T>(
  core: AegisCore,
  spec: RequestSpec,
  streamSpec: EventStreamSpec<T>,
  options: RequestOptions = {},
): Promise<EventStream<T>> {
  const label = labelOf(spec, core.baseUrl);
  const headers = { accept: "text/event-stream", ...spec.headers };
  return runCall(
    core,
    { ...spec, headers },
    options,
    (response, stop, controller, hooks) => {
      stop();
      if (response.body === null) {
        return Promise.reject(new AegisProtocolError(`event stream has no body [${where(label)}]`));
      }
      return Promise.resolve(
        new EventStream<T>(
          {
            response,
            controller,
            callerSignal: options.signal,
            label,
            onEvent: hooks?.streamObserver(),
          },
          streamSpec,
        ),
      );
    },
    true,
    label,
  );
}
