/**
 * Reading `AEGIS_*` environment variables where the runtime has an environment: Deno (only
 * when env access is granted: it never prompts and never throws for a missing permission),
 * Node and Bun (`process.env`, found by feature detection). Workers and browsers have none,
 * so there options are required.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

/** The variables a client reads when the matching option is not given. */
export const ENV = {
  baseUrl: "AEGIS_BASE_URL",
  bearerToken: "AEGIS_TOKEN",
  keycloakUrl: "AEGIS_KEYCLOAK_URL",
  realm: "AEGIS_REALM",
  clientId: "AEGIS_CLIENT_ID",
  clientSecret: "AEGIS_CLIENT_SECRET",
  tenantId: "AEGIS_TENANT_ID",
  logLevel: "AEGIS_LOG_LEVEL",
} as const;

/** Why a variable could not be read (for error messages), or `undefined` when it could. */
export type EnvAccess = "granted" | "denied" | "absent";

/** The part of Deno's API used here, declared so the module type-checks on every runtime. */
interface DenoEnv {
  env: { get(name: string): string | undefined };
  permissions?: {
    querySync?(descriptor: { name: "env"; variable?: string }): { state: string };
  };
}

/** One variable's value, trimmed; empty counts as unset. */
export interface EnvValue {
  value: string | undefined;
  access: EnvAccess;
}

/** Reads `name` without prompting or throwing, saying whether the environment was readable. */
export function readEnv(name: string): EnvValue {
  const deno = (globalThis as { Deno?: DenoEnv }).Deno;
  if (deno?.env !== undefined) {
    try {
      // `Deno.env.get` would prompt (or throw NotCapable) without the permission: ask first.
      const state = deno.permissions?.querySync?.({ name: "env", variable: name }).state;
      if (state !== undefined && state !== "granted") return { value: undefined, access: "denied" };
      return { value: clean(deno.env.get(name)), access: "granted" };
    } catch {
      return { value: undefined, access: "denied" };
    }
  }
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (env === undefined || env === null || typeof env !== "object") {
    return { value: undefined, access: "absent" };
  }
  try {
    return { value: clean(env[name]), access: "granted" };
  } catch {
    return { value: undefined, access: "denied" };
  }
}

/** A hint for error messages when `access` kept variables from being read. */
export function envHint(access: EnvAccess, names: readonly string[]): string {
  if (access === "denied") {
    return ` (environment access is not granted; on Deno run with --allow-env=${names.join(",")})`;
  }
  if (access === "absent") return " (this runtime has no environment variables: pass the options)";
  return "";
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
