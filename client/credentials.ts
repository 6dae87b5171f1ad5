/**
 * User credential bindings (`/v1/credentials*`): stored API keys, OAuth and device flows, and
 * grants that let agents or workflows use a credential. Every route needs a consumer or tenant
 * *user* token: operators and service accounts (client-credentials tokens) get 403.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** Credential kinds accepted when storing a credential. */
export type CredentialTypeInput = "secret" | "variable" | "service_account" | "oauth2";

/** Credential kinds as the server renders them (serde snake_case: `oauth2` -> `o_auth2`). */
export type CredentialType = "secret" | "variable" | "o_auth2" | "service_account";

/**
 * Provider as the server renders it: `open_a_i`, `anthropic`, `git_hub`, `google`, or
 * `{custom: name}`. Requests use `openai`, `anthropic`, `github`, `google` or any custom name.
 */
export type CredentialProvider =
  | "open_a_i"
  | "anthropic"
  | "git_hub"
  | "google"
  | { custom: string };

/** Binding status (serde snake_case). */
export type CredentialStatus =
  | "active"
  | "revoked"
  | "expired"
  | "pending_o_auth"
  | "pending_migration";

/** What a grant lets use the credential. */
export type CredentialGrantTarget =
  | { kind: "agent"; agent_id: string }
  | { kind: "workflow"; workflow_id: string }
  | { kind: "all_agents" };

/** One grant of a credential. */
export interface CredentialGrant {
  /** Unique id (UUID). */
  id: string;
  /** Credential binding id. */
  binding_id: string;
  /** What the grant covers. */
  target: CredentialGrantTarget;
  /** Grant time (RFC 3339). */
  granted_at: string;
  /** User who granted it. */
  granted_by: string;
}

/** A stored credential (metadata only: the secret value is never returned). */
export interface UserCredentialBinding {
  /** Unique id (UUID). */
  id: string;
  /** User who owns the binding. */
  owner_user_id: string;
  /** Tenant the record belongs to. */
  tenant_id: string;
  /** Kind of credential. */
  credential_type: CredentialType;
  /** Credential provider. */
  provider: CredentialProvider;
  /** Where the value lives in the secret store. */
  secret_path: { namespace: string; mount_point: string; path: string; tenant_id: string | null };
  /** `"personal"` or `{team: {team_id}}`. */
  scope: "personal" | { team: { team_id: string } };
  /** Status. */
  status: CredentialStatus;
  /** Descriptive metadata. */
  metadata: {
    /** Human label. */
    label: string;
    /** Tags; `null` when there is none. */
    tags: string[] | null;
    /** Service URL; `null` when there is none. */
    service_url: string | null;
    /** Account id at the provider; `null` when there is none. */
    external_account_id: string | null;
    /** OAuth scopes granted; `null` when there is none. */
    oauth_scopes: string[] | null;
  };
  /** Grants of the credential. */
  grants: CredentialGrant[];
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last update time (RFC 3339). */
  updated_at: string;
}

/** `GET /v1/credentials`. */
export interface CredentialList {
  /** The bindings. */
  credentials: UserCredentialBinding[];
  /** Number of entries in the list. */
  count: number;
}

/** `GET /v1/credentials/{id}` (the binding is wrapped). */
export interface GetCredentialResponse {
  /** The binding. */
  credential: UserCredentialBinding;
}

/** Body of {@link storeApiKey}. */
export interface StoreApiKeyRequest {
  /** `openai`, `anthropic`, `github`, `google` or a custom provider name. */
  provider: string;
  /** Human label. */
  label: string;
  /** The secret value (sent once, stored in the secret store, never returned). */
  value: string;
  /** Kind of credential. */
  credential_type: CredentialTypeInput;
  /** `"personal"` (default) or `"team:<team uuid>"`. */
  scope?: string;
}

/** `POST /v1/credentials/api-keys` answer (201). */
export interface StoreApiKeyResponse {
  /** Unique id (UUID). */
  id: string;
}

/** `{status:"revoked", id}` / `{status:"rotated", id}`. */
export interface CredentialStatusResponse {
  /** Status. */
  status: "revoked" | "rotated";
  /** Unique id (UUID). */
  id: string;
}

/** Body of {@link oauthInitiate}. */
export interface OAuthInitiateRequest {
  /** Credential provider. */
  provider: string;
  /** Where the provider redirects after consent (required by the server). */
  redirect_uri: string;
}

/** `POST /v1/credentials/oauth/initiate` answer. */
export interface OAuthInitiateResponse {
  /** Send the user here. */
  authorization_url: string;
  /** Pass back to {@link oauthCallback}. */
  state: string;
}

/** Query of {@link oauthCallback}: what the provider appended to `redirect_uri`. */
export interface OAuthCallbackParams {
  /** Pass back to the callback. */
  state: string;
  /** Authorization code from the provider. */
  code: string;
}

/** `GET /v1/credentials/oauth/callback` answer. */
export interface OAuthCallbackResponse {
  /** The new binding's id. */
  id: string;
  /** Status. */
  status: "active";
}

/** Body of {@link devicePoll}. */
export interface DevicePollRequest {
  /** Device code of the flow. */
  device_code: string;
  /** Credential provider. */
  provider: string;
}

/** HTTP 200 answer of {@link devicePoll}: the user approved, the binding exists. */
export interface DevicePollComplete {
  /** Status. */
  status: "complete";
  /** Credential binding id. */
  binding_id: string;
}

/** HTTP 202 answer of {@link devicePoll}: not approved yet, poll again later. */
export interface DevicePollPending {
  /** Status. */
  status: "pending";
  /** Credential provider. */
  provider: string;
}

/** Either device-poll outcome; switch on `status`. */
export type DevicePollResponse = DevicePollComplete | DevicePollPending;

/** `GET /v1/credentials/{id}/grants`. */
export interface GrantList {
  /** Grants of the credential. */
  grants: CredentialGrant[];
  /** Number of entries in the list. */
  count: number;
}

/** Body of {@link addGrant}. */
export interface AddGrantRequest {
  /** What the grant covers. */
  target_type: "agent" | "workflow" | "all_agents";
  /** Agent or workflow UUID; required unless `target_type` is `all_agents`. */
  target_value?: string;
}

/** `POST /v1/credentials/{id}/grants` answer (201). */
export interface AddGrantResponse {
  /** Grant id. */
  grant_id: string;
}

/** `DELETE /v1/credentials/{id}/grants/{grant_id}` answer. */
export interface RevokeGrantResponse {
  /** Status. */
  status: "revoked";
  /** Grant id. */
  grant_id: string;
}

/**
 * Lists the caller's credential bindings.
 *
 * @example
 * ```ts
 * import { AegisCore, listCredentials } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listCredentials(core)).count); // 0
 * ```
 */
export function listCredentials(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<CredentialList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/credentials" }, options);
  });
}

/**
 * Gets one binding (wrapped as `{credential}`); unknown ids are a `NotFoundError`.
 *
 * @example
 * ```ts
 * import { AegisCore, getCredential } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getCredential(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function getCredential(
  core: AegisCore,
  credentialId: string,
  options?: RequestOptions,
): AegisPromise<GetCredentialResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "GET", path: path`/v1/credentials/${credentialId}` },
      options,
    );
  });
}

/**
 * Stores a secret value (API key, token, variable) as a credential binding
 * (`POST /v1/credentials/api-keys`, 201 `{id}`).
 *
 * @example
 * ```ts
 * import { AegisCore, storeApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await storeApiKey(core, {
 *   provider: "github", label: "CI token", value: "ghp_example", credential_type: "secret",
 * });
 * console.log(id);
 * ```
 */
export function storeApiKey(
  core: AegisCore,
  request: StoreApiKeyRequest,
  options?: RequestOptions,
): AegisPromise<StoreApiKeyResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "POST", path: "/v1/credentials/api-keys", json: request },
      options,
    );
  });
}

/**
 * Revokes a binding.
 *
 * @example
 * ```ts
 * import { AegisCore, revokeCredential } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await revokeCredential(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 404
 * ```
 */
export function revokeCredential(
  core: AegisCore,
  credentialId: string,
  options?: RequestOptions,
): AegisPromise<CredentialStatusResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "DELETE", path: path`/v1/credentials/${credentialId}` },
      options,
    );
  });
}

/**
 * Replaces a binding's secret value (sends `{value}`). Safe to repeat: the same value is
 * written again.
 *
 * @example
 * ```ts
 * import { AegisCore, rotateCredential, storeApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await storeApiKey(core, {
 *   provider: "openai", label: "prod", value: "sk-old", credential_type: "secret",
 * });
 * console.log(await rotateCredential(core, id, "sk-new")); // { status: "rotated", id }
 * ```
 */
export function rotateCredential(
  core: AegisCore,
  credentialId: string,
  value: string,
  options?: RequestOptions,
): AegisPromise<CredentialStatusResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof value !== "string") {
      throw new InvalidArgumentError("value", "must be the new secret value as a string");
    }
    return await core.request({
      method: "POST",
      path: path`/v1/credentials/${credentialId}/rotate`,
      json: { value },
      idempotent: true,
    }, options);
  });
}

/**
 * Starts an OAuth authorization-code flow; send the user to `authorization_url`, then call
 * {@link oauthCallback} with the `state` and `code` the provider returns.
 *
 * @example
 * ```ts
 * import { AegisCore, oauthInitiate } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { authorization_url, state } = await oauthInitiate(core, {
 *   provider: "github", redirect_uri: "https://app.example/callback",
 * });
 * console.log(authorization_url, state);
 * ```
 */
export function oauthInitiate(
  core: AegisCore,
  request: OAuthInitiateRequest,
  options?: RequestOptions,
): AegisPromise<OAuthInitiateResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: "/v1/credentials/oauth/initiate",
      json: request,
    }, options);
  });
}

/**
 * Completes an OAuth flow (`GET /v1/credentials/oauth/callback?state=...&code=...`). The `state`
 * is single-use, so this GET is not retried after a failure that may have reached the server
 * (a repeat would fail with 400 and hide the success).
 *
 * @example
 * ```ts
 * import { AegisCore, oauthCallback, oauthInitiate } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { state } = await oauthInitiate(core, { provider: "github", redirect_uri: "https://app.example/cb" });
 * const { id } = await oauthCallback(core, { state, code: "code-from-provider" });
 * console.log(id);
 * ```
 */
export function oauthCallback(
  core: AegisCore,
  params: OAuthCallbackParams,
  options?: RequestOptions,
): AegisPromise<OAuthCallbackResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/credentials/oauth/callback",
      query: { state: params.state, code: params.code },
      idempotent: false,
    }, options);
  });
}

/**
 * Polls a device-authorization flow once. Resolves with `{status: "pending"}` (HTTP 202) until
 * the user approves, then `{status: "complete", binding_id}` (HTTP 200).
 *
 * @example
 * ```ts
 * import { AegisCore, devicePoll } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const result = await devicePoll(core, { device_code: "dev-123", provider: "github" });
 * if (result.status === "complete") console.log(result.binding_id);
 * else console.log("pending, poll again");
 * ```
 */
export function devicePoll(
  core: AegisCore,
  request: DevicePollRequest,
  options?: RequestOptions,
): AegisPromise<DevicePollResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: "/v1/credentials/oauth/device/poll",
      json: request,
    }, options);
  });
}

/**
 * Lists the grants of a binding.
 *
 * @example
 * ```ts
 * import { AegisCore, listGrants, storeApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await storeApiKey(core, { provider: "github", label: "ci", value: "x", credential_type: "secret" });
 * console.log((await listGrants(core, id)).count); // 0
 * ```
 */
export function listGrants(
  core: AegisCore,
  credentialId: string,
  options?: RequestOptions,
): AegisPromise<GrantList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/credentials/${credentialId}/grants`,
    }, options);
  });
}

/**
 * Lets an agent, a workflow or all agents use a binding (201 `{grant_id}`). `target_value` is
 * required (and checked locally) for `agent` and `workflow` grants.
 *
 * @example
 * ```ts
 * import { addGrant, AegisCore, storeApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await storeApiKey(core, { provider: "github", label: "ci", value: "x", credential_type: "secret" });
 * const { grant_id } = await addGrant(core, id, { target_type: "all_agents" });
 * console.log(grant_id);
 * ```
 */
export function addGrant(
  core: AegisCore,
  credentialId: string,
  grant: AddGrantRequest,
  options?: RequestOptions,
): AegisPromise<AddGrantResponse> {
  return AegisPromise.run(core, async (core) => {
    if (grant.target_type !== "all_agents" && !grant.target_value) {
      throw new InvalidArgumentError(
        "grant.target_value",
        `is required for target_type '${String(grant.target_type)}'`,
      );
    }
    return await core.request({
      method: "POST",
      path: path`/v1/credentials/${credentialId}/grants`,
      json: grant,
    }, options);
  });
}

/**
 * Revokes one grant of a binding.
 *
 * @example
 * ```ts
 * import { addGrant, AegisCore, revokeGrant, storeApiKey } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await storeApiKey(core, { provider: "github", label: "ci", value: "x", credential_type: "secret" });
 * const { grant_id } = await addGrant(core, id, { target_type: "all_agents" });
 * console.log(await revokeGrant(core, id, grant_id)); // { status: "revoked", grant_id }
 * ```
 */
export function revokeGrant(
  core: AegisCore,
  credentialId: string,
  grantId: string,
  options?: RequestOptions,
): AegisPromise<RevokeGrantResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "DELETE",
      path: path`/v1/credentials/${credentialId}/grants/${grantId}`,
    }, options);
  });
}
