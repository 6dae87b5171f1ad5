/**
 * The orchestrator's default runtime registry (language -> versions).
 *
 * @module
 */

/**
 * Languages and versions the orchestrator's default runtime registry ships, newest last.
 * Operators can register more, so validation only warns about versions missing here.
 *
 * @example
 * ```ts
 * import { DEFAULT_RUNTIME_REGISTRY } from "@aegis/sdk/manifest";
 * console.log(DEFAULT_RUNTIME_REGISTRY.python); // ["3.9", "3.10", "3.11"]
 * ```
 */
export const DEFAULT_RUNTIME_REGISTRY: Readonly<Record<string, readonly string[]>> =
  /* @__PURE__ */ Object.freeze({
    python: /* @__PURE__ */ Object.freeze(["3.9", "3.10", "3.11"]),
    javascript: /* @__PURE__ */ Object.freeze(["18", "20"]),
    typescript: /* @__PURE__ */ Object.freeze(["5.1"]),
    rust: /* @__PURE__ */ Object.freeze(["1.74", "1.75"]),
    go: /* @__PURE__ */ Object.freeze(["1.20", "1.21"]),
  });

/** Registry versions the orchestrator marks deprecated. */
const DEPRECATED_RUNTIMES: Readonly<Record<string, readonly string[]>> = { python: ["3.9"] };

/**
 * The newest version of `language` in the default registry, or `undefined` for a language the
 * registry does not ship. The builder uses it when only a language is given.
 *
 * @example
 * ```ts
 * import { defaultRuntimeVersion } from "@aegis/sdk/manifest";
 * console.log(defaultRuntimeVersion("typescript")); // "5.1"
 * ```
 */
export function defaultRuntimeVersion(language: string): string | undefined {
  if (!Object.hasOwn(DEFAULT_RUNTIME_REGISTRY, language)) return undefined;
  const versions = DEFAULT_RUNTIME_REGISTRY[language];
  return versions[versions.length - 1];
}

/** True when the default registry marks `language` `version` as deprecated. */
export function isDeprecatedRuntime(language: string, version: string): boolean {
  return Object.hasOwn(DEPRECATED_RUNTIMES, language) &&
    DEPRECATED_RUNTIMES[language].includes(version);
}
