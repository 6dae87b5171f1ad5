/**
 * The base of the SDK's error hierarchy, and the errors every layer (client, SEAL, manifests,
 * bootstrap) shares. This module imports nothing, so it sits at the bottom of the import graph.
 * Every error the SDK throws is an {@link AegisError}, so one `instanceof` check separates SDK
 * failures from bugs in the caller's own code.
 *
 * ```
 * AegisError                                        (this module)
 * |-- AegisConnectionError, AegisTimeoutError, AegisAbortError
 * |-- AegisProtocolError (the server answered something the wire contract does not allow)
 * |-- InvalidArgumentError (the caller passed something that cannot be sent safely)
 * |-- AegisApiError and its subclasses per status      (client/core/errors.ts)
 * |-- AegisRedirectError, AegisStreamInterruptedError, TokenRequestError  (client/core/errors.ts)
 * `-- SEALError (seal/), ManifestValidationError (manifest/), DispatchProtocolError (bootstrap/)
 * ```
 *
 * Messages never contain credentials: the SDK only ever puts the method, the path and the
 * server's own error text into them.
 *
 * @module
 */

/**
 * Base class of every error thrown by the SDK.
 *
 * @example Separate SDK failures from other exceptions
 * ```ts
 * import { AegisError } from "@aegis/sdk";
 *
 * try {
 *   throw new AegisError("something failed");
 * } catch (error) {
 *   if (error instanceof AegisError) console.log(error.name, error.message);
 * }
 * ```
 */
export class AegisError extends Error {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisError";
  /** Creates an error; `cause` is kept for debugging and never printed into the message. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The request never produced a response: DNS failure, refused or reset connection, or a
 * response body that broke off mid-way.
 *
 * @example
 * ```ts
 * import { AegisConnectionError } from "@aegis/sdk";
 * const e = new AegisConnectionError("connection refused [GET /health/live]");
 * console.log(e.message);
 * ```
 */
export class AegisConnectionError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisConnectionError";
}

/**
 * The request (or an idle stream) exceeded its time limit.
 *
 * @example
 * ```ts
 * import { AegisTimeoutError } from "@aegis/sdk";
 * const e = new AegisTimeoutError("timed out after 100 ms [GET /v1/agents]");
 * console.log(e.name); // "AegisTimeoutError"
 * ```
 */
export class AegisTimeoutError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisTimeoutError";
}

/**
 * The caller aborted the request through its `AbortSignal`. `reason` is the signal's reason.
 *
 * @example
 * ```ts
 * import { AegisAbortError } from "@aegis/sdk";
 * const e = new AegisAbortError("aborted [GET /v1/agents]", { cause: "user" });
 * console.log(e.cause); // "user"
 * ```
 */
export class AegisAbortError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisAbortError";
}

/**
 * The server answered something the wire contract does not allow: non-JSON where JSON was
 * expected, invalid UTF-8 in a stream, an SSE line larger than the configured bound, ....
 *
 * @example
 * ```ts
 * import { AegisProtocolError } from "@aegis/sdk";
 * const e = new AegisProtocolError("expected JSON, got text/html [GET /v1/agents]");
 * console.log(e.message);
 * ```
 */
export class AegisProtocolError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisProtocolError";
}

/**
 * The caller passed a value that cannot be sent safely (an id that would escape its route, a
 * header value with CR/LF, a missing required argument, ...). Nothing was sent.
 *
 * @example
 * ```ts
 * import { InvalidArgumentError } from "@aegis/sdk";
 * const e = new InvalidArgumentError("agentId", "must not be '..'");
 * console.log(e.argument, e.message);
 * ```
 */
export class InvalidArgumentError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "InvalidArgumentError";
  /** Name of the offending argument or option. */
  readonly argument: string;
  /** Creates the error for `argument`, explaining `problem`. */
  constructor(argument: string, problem: string) {
    super(`invalid ${argument}: ${problem}`);
    this.argument = argument;
  }
}
