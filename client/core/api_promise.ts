/**
 * Raw access to the HTTP response behind a call: every resource function (and so every
 * `AegisClient` method) returns an {@link AegisPromise}, awaited for its data as before, with
 * {@link AegisPromise.withResponse} and {@link AegisPromise.asResponse} for the status, headers
 * and `Response`.
 *
 * @module
 */

import { AegisError } from "../../errors.ts";
import type { AegisCore } from "./pipeline.ts";

/** A call's data together with the HTTP response it came in. */
export interface WithResponse<T> {
  /** What awaiting the call gives. */
  data: T;
  /**
   * The response: for JSON calls a copy whose body can still be read (the SDK has read the
   * original); for downloads and streams the live response.
   */
  response: Response;
}

/**
 * Where the pipeline records the response of the call it belongs to.
 * Internal: not part of the public API.
 */
export interface ResponseRecord {
  /** The core that runs the call's requests. */
  readonly core: AegisCore;
  /** The last successful response of the call. */
  response: Response | undefined;
  /** Its body as the pipeline read it; `undefined` when handed on unread (downloads, streams). */
  text: string | undefined;
  /** Set once the call settled: later requests (an empty stream's lookup) are not the call's. */
  settled: boolean;
}

/**
 * The property under which a per-call view of a core carries its {@link ResponseRecord}.
 * Internal: not part of the public API.
 */
export const RESPONSE_RECORD: unique symbol = Symbol("aegis.responseRecord");

/** A core seen through a call: the core itself, or a per-call view of it. */
type Viewed = AegisCore & { [RESPONSE_RECORD]?: ResponseRecord };

/**
 * The promise every SDK call returns: `await` it for the data exactly as a plain `Promise`
 * (`then`, `catch` and `finally` behave the same), or ask for the HTTP response with it.
 *
 * @example Read a header of a successful call
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { data, response } = await client.listAgents().withResponse();
 * console.log(data.length, response.status, response.headers.get("content-type")); // 0 200 "application/json"
 * ```
 */
export class AegisPromise<T> extends Promise<T> {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisPromise";
  /** Derived promises (`then`, `catch`, `finally`) are plain promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #record: ResponseRecord;

  /** Used by {@link AegisPromise.run}; SDK calls create these for you. */
  private constructor(
    executor: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void,
    record: ResponseRecord,
  ) {
    super(executor);
    this.#record = record;
  }

  /**
   * Runs `call` so that the responses of the requests it makes through the core it is given are
   * recorded for {@link AegisPromise.withResponse}. This is how resource functions are written;
   * use it for an endpoint of your own over `core.request`. A call inside another shares the
   * outer call's record.
   *
   * @example An endpoint of your own, with raw access
   * ```ts
   * import { AegisCore, AegisPromise } from "@aegis/sdk/client";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * const live = (core: AegisCore) =>
   *   AegisPromise.run(core, (core) => core.request<{ status: string }>({ method: "GET", path: "/health/live" }));
   * const response = await live(core).asResponse();
   * console.log(response.status, await response.json()); // 200 { status: "healthy" }
   * ```
   */
  static run<T>(core: AegisCore, call: (core: AegisCore) => Promise<T>): AegisPromise<T> {
    const outer = (core as Viewed)[RESPONSE_RECORD];
    if (outer !== undefined) {
      const inner = call(core);
      return new AegisPromise<T>((resolve, reject) => inner.then(resolve, reject), outer);
    }
    const record: ResponseRecord = { core, response: undefined, text: undefined, settled: false };
    // A view, not the core: requests made after an `await` inside `call` still find the record.
    const view = Object.create(core) as Viewed;
    view[RESPONSE_RECORD] = record;
    const running = call(view);
    return new AegisPromise<T>((resolve, reject) =>
      running.then(
        (value) => {
          record.settled = true;
          resolve(value);
        },
        (error) => {
          record.settled = true;
          reject(error);
        },
      ), record);
  }

  /**
   * The data together with the HTTP response (status, headers, `Response`). Fails as the call
   * fails, with the same typed error.
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * const { data, response } = await client.healthLive().withResponse();
   * console.log(data.status, response.status); // "healthy" 200
   * ```
   */
  async withResponse(): Promise<WithResponse<T>> {
    const data = await this;
    return { data, response: this.#response() };
  }

  /**
   * The HTTP response of the call, once it finished. For JSON calls it is a copy whose body can
   * be read (the SDK has read and checked the original); for downloads and streams it is the
   * live response, whose body is the file or the event stream itself. Fails as the call fails.
   *
   * @example
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const client = new AegisClient({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * const response = await client.healthLive().asResponse();
   * console.log(response.status, await response.text()); // 200 '{"status":"healthy"}'
   * ```
   */
  asResponse(): Promise<Response> {
    return this.then(() => this.#response());
  }

  #response(): Response {
    const { response, text } = this.#record;
    if (response === undefined) {
      throw new AegisError("this call received no HTTP response to show");
    }
    if (text === undefined) return response;
    const copy = new Response(text === "" ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(copy, "url", { value: response.url });
    return copy;
  }
}

/**
 * Records `response` as the call's, unless the call has settled already.
 * Internal: not part of the public API.
 */
export function recordResponse(
  record: ResponseRecord,
  response: Response,
  text: string | undefined,
): void {
  if (record.settled) return;
  record.response = response;
  record.text = text;
}
