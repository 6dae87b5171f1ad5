/**
 * Secrets in the orchestrator's secret store (OpenBao KV, `/v1/secrets*`). Operator tokens with
 * the `aegis:operator` or `aegis:admin` role only. Values are write-only over HTTP: reading a
 * secret returns its field names, never the values.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { AegisProtocolError, InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** `GET /v1/secrets/{path}`: the field names stored at `path` (values are never returned). */
export interface SecretInfo {
  /** The secret path as given. */
  path: string;
  /** Field names stored at the path (values are never returned). */
  fields: string[];
}

/** `PUT /v1/secrets/{path}` answer. */
export interface WriteSecretResponse {
  /** Status. */
  status: "written";
  /** The secret path as given. */
  path: string;
}

/** `DELETE /v1/secrets/{path}` answer. */
export interface DeleteSecretResponse {
  /** Status. */
  status: "deleted";
  /** The secret path as given. */
  path: string;
}

/**
 * Lists secrets. The orchestrator does not support listing: `GET /v1/secrets` always answers
 * 501, so this always rejects with a `NotImplementedError`. It is kept so that code written
 * against the AEGIS SDK reference compiles and fails with a clear, typed error instead of a 404.
 * Read individual secrets with {@link getSecret}.
 *
 * @example
 * ```ts
 * import { AegisCore, listSecrets, NotImplementedError } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await listSecrets(core).catch((e) => console.log(e instanceof NotImplementedError)); // true
 * ```
 */
export function listSecrets(core: AegisCore, options?: RequestOptions): AegisPromise<never> {
  return AegisPromise.run(core, async (core) => {
    await core.request({ method: "GET", path: "/v1/secrets" }, options);
    // Only reached if an orchestrator ever answered 2xx: its shape is unknown, so say so.
    throw new AegisProtocolError(
      "GET /v1/secrets answered with success, but this orchestrator version cannot list secrets; " +
        "read each secret with getSecret(path) instead",
    );
  });
}

/**
 * Reads the field names of the secret at `secretPath`. A path containing `/` (`"ci/github"`) is
 * sent as one percent-encoded segment (`ci%2Fgithub`), which is what the route expects.
 *
 * @example
 * ```ts
 * import { AegisCore, getSecret, writeSecret } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await writeSecret(core, "ci/github", { token: "ghp_example" });
 * console.log(await getSecret(core, "ci/github")); // { path: "ci/github", fields: ["token"] }
 * ```
 */
export function getSecret(
  core: AegisCore,
  secretPath: string,
  options?: RequestOptions,
): AegisPromise<SecretInfo> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: path`/v1/secrets/${secretPath}` }, options);
  });
}

/**
 * Writes (replaces) the secret at `secretPath` with the fields of `data` (sent as `{data}`; the
 * server keeps string values and stores other JSON values as their JSON text).
 *
 * @example
 * ```ts
 * import { AegisCore, writeSecret } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await writeSecret(core, "db/main", { user: "app", password: "s3cret", port: 5432 }));
 * ```
 */
export function writeSecret(
  core: AegisCore,
  secretPath: string,
  data: Record<string, unknown>,
  options?: RequestOptions,
): AegisPromise<WriteSecretResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new InvalidArgumentError("data", "must be an object of secret fields");
    }
    return await core.request({
      method: "PUT",
      path: path`/v1/secrets/${secretPath}`,
      json: { data },
    }, options);
  });
}

/**
 * Deletes the secret at `secretPath`.
 *
 * @example
 * ```ts
 * import { AegisCore, deleteSecret, writeSecret } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await writeSecret(core, "tmp", { a: "1" });
 * console.log(await deleteSecret(core, "tmp")); // { status: "deleted", path: "tmp" }
 * ```
 */
export function deleteSecret(
  core: AegisCore,
  secretPath: string,
  options?: RequestOptions,
): AegisPromise<DeleteSecretResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "DELETE", path: path`/v1/secrets/${secretPath}` }, options);
  });
}
