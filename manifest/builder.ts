/**
 * Fluent construction of agent manifests.
 *
 * @module
 */

import { defaultRuntimeVersion } from "./runtimes.ts";
import type {
  AgentManifest,
  ContextItem,
  DeliveryDestination,
  ExecutionMode,
  FilesystemPolicy,
  HealthCheck,
  ResourceLimits,
  ScheduleConfig,
  ValidatorSpec,
  VolumeSpec,
} from "./agent_types.ts";
import { validateManifest } from "./agent_validate.ts";
import {
  type ImagePullPolicy,
  type IsolationMode,
  MANIFEST_API_VERSION,
  type OutputHandlerConfig,
} from "./common_types.ts";

/**
 * Builds an {@link AgentManifest} step by step; {@link AgentManifestBuilder.build} validates it.
 *
 * Choices worth knowing:
 * - The constructor's `version` is the **runtime** version (e.g. `"3.11"`), as in the upstream
 *   SDKs; `metadata.version` starts at `"1.0.0"` and is set with
 *   {@link AgentManifestBuilder.withVersion}.
 * - A `language` without a `version` gets the newest version of that language in the default
 *   runtime registry (`typescript` -> `"5.1"`, `python` -> `"3.11"`). For a language the registry
 *   does not ship, `build()` fails asking for a version.
 * - {@link AgentManifestBuilder.withExecutionMode}'s `maxIterations` is written to
 *   `spec.execution.max_retries` (the orchestrator's field; `max_iterations` is only an input
 *   alias). Omitted, nothing is written and the server default (5) applies.
 * - Nothing is set that the server defaults anyway (isolation, pull policy, model).
 *
 * @example The TypeScript SDK reference example
 * ```ts
 * import { AgentManifestBuilder, ImagePullPolicy } from "@aegis/sdk/manifest";
 *
 * const manifest = new AgentManifestBuilder("my-agent", "typescript")
 *   .withDescription("Analyses TypeScript repos for security issues")
 *   .withInstruction("You are a security auditor. Analyse the code and report CVEs.")
 *   .withExecutionMode("iterative", 15)
 *   .withImagePullPolicy(ImagePullPolicy.IfNotPresent)
 *   .withNetworkAllow(["api.github.com", "registry.npmjs.org"])
 *   .withTool("read_file")
 *   .withTool("run_command")
 *   .withEnv("LOG_LEVEL", "debug")
 *   .build();
 * console.log(manifest.spec.runtime); // { language: "typescript", version: "5.1", image_pull_policy: "IfNotPresent" }
 * ```
 */
export class AgentManifestBuilder {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "AgentManifestBuilder";
  #manifest: AgentManifest;

  /**
   * Starts a manifest named `name` (`metadata.name`) running `language` `version`, or the
   * custom `image`. Giving both a language and an image makes `build()` fail.
   */
  constructor(name: string, language?: string, version?: string, image?: string) {
    const runtime: AgentManifest["spec"]["runtime"] = {};
    if (language !== undefined) {
      runtime.language = language;
      const resolved = version ?? defaultRuntimeVersion(language);
      if (resolved !== undefined) runtime.version = resolved;
    } else if (version !== undefined) {
      runtime.version = version;
    }
    if (image !== undefined) runtime.image = image;
    this.#manifest = {
      apiVersion: MANIFEST_API_VERSION,
      kind: "Agent",
      metadata: { name, version: "1.0.0" },
      spec: { runtime, task: { instruction: "" } },
    };
  }

  /**
   * Sets `metadata.version` (default `"1.0.0"`).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python", "3.11").withVersion("2.0.0");
   * ```
   */
  withVersion(version: string): this {
    this.#manifest.metadata.version = version;
    return this;
  }

  /**
   * Sets `metadata.description`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withDescription("Triage bot");
   * ```
   */
  withDescription(description: string): this {
    this.#manifest.metadata.description = description;
    return this;
  }

  /**
   * Adds (or replaces) the label `key` in `metadata.labels`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withLabel("team", "security");
   * ```
   */
  withLabel(key: string, value: string): this {
    (this.#manifest.metadata.labels ??= {})[key] = value;
    return this;
  }

  /**
   * Adds (or replaces) the annotation `key` in `metadata.annotations`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withAnnotation("owner", "jane@example.com");
   * ```
   */
  withAnnotation(key: string, value: string): this {
    (this.#manifest.metadata.annotations ??= {})[key] = value;
    return this;
  }

  /**
   * Sets `spec.task.instruction`, the agent's system instruction (required to deploy).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withInstruction("Summarise the input.");
   * ```
   */
  withInstruction(instruction: string): this {
    this.#manifest.spec.task.instruction = instruction;
    return this;
  }

  /**
   * Sets `spec.execution.mode`, and `spec.execution.max_retries` when `maxIterations` is given
   * (otherwise the server default of 5 applies).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withExecutionMode("iterative", 15);
   * ```
   */
  withExecutionMode(mode: ExecutionMode, maxIterations?: number): this {
    const execution = this.#manifest.spec.execution ??= {};
    execution.mode = mode;
    if (maxIterations !== undefined) execution.max_retries = maxIterations;
    return this;
  }

  /**
   * Adds a validator to `spec.execution.validation`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withValidator({ type: "exit_code", expected: 0 });
   * ```
   */
  withValidator(validator: ValidatorSpec): this {
    ((this.#manifest.spec.execution ??= {}).validation ??= []).push(structuredClone(validator));
    return this;
  }

  /**
   * Uses the custom container `image` (must contain `/`), replacing any language and version.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a").withImage("ghcr.io/acme/agent:1.4");
   * ```
   */
  withImage(image: string): this {
    const runtime = this.#manifest.spec.runtime;
    delete runtime.language;
    delete runtime.version;
    runtime.image = image;
    return this;
  }

  /**
   * Sets `spec.runtime.image_pull_policy`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder, ImagePullPolicy } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a").withImage("ghcr.io/acme/agent:dev")
   *   .withImagePullPolicy(ImagePullPolicy.Always);
   * ```
   */
  withImagePullPolicy(policy: ImagePullPolicy): this {
    this.#manifest.spec.runtime.image_pull_policy = policy;
    return this;
  }

  /**
   * Sets `spec.runtime.isolation`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withIsolation("firecracker");
   * ```
   */
  withIsolation(isolation: IsolationMode): this {
    this.#manifest.spec.runtime.isolation = isolation;
    return this;
  }

  /**
   * Sets `spec.runtime.model`, the LLM alias (server default `"default"`).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withModel("smart");
   * ```
   */
  withModel(model: string): this {
    this.#manifest.spec.runtime.model = model;
    return this;
  }

  /**
   * Sets `spec.advanced.bootstrap_path`: the bootstrap script inside a custom image.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a").withImage("ghcr.io/acme/agent:1")
   *   .withBootstrapPath("/opt/agent/bootstrap.py");
   * ```
   */
  withBootstrapPath(path: string): this {
    (this.#manifest.spec.advanced ??= {}).bootstrap_path = path;
    return this;
  }

  /**
   * Sets network mode `"allow"` with `domains` as the allowlist (replacing any previous list).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withNetworkAllow(["pypi.org"]);
   * ```
   */
  withNetworkAllow(domains: readonly string[]): this {
    const security = this.#manifest.spec.security ??= {};
    security.network = { ...security.network, mode: "allow", allowlist: [...domains] };
    return this;
  }

  /**
   * Merges `limits` into `spec.security.resources`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withResources({ memory: "1Gi", timeout: "10m" });
   * ```
   */
  withResources(limits: ResourceLimits): this {
    const security = this.#manifest.spec.security ??= {};
    security.resources = { ...security.resources, ...limits };
    return this;
  }

  /**
   * Appends a tool name to `spec.tools` (ignored if already present).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withTool("fs.read").withTool("cmd.run");
   * ```
   */
  withTool(tool: string): this {
    const tools = this.#manifest.spec.tools ??= [];
    if (!tools.includes(tool)) tools.push(tool);
    return this;
  }

  /**
   * Sets the environment variable `key` in `spec.env`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withEnv("LOG_LEVEL", "debug");
   * ```
   */
  withEnv(key: string, value: string): this {
    (this.#manifest.spec.env ??= {})[key] = value;
    return this;
  }

  /**
   * Adds a volume to `spec.volumes`.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withVolume({
   *   name: "scratch",
   *   storage_class: "ephemeral",
   *   mount_path: "/scratch",
   *   access_mode: "read-write",
   *   size_limit: "512Mi",
   * });
   * ```
   */
  withVolume(volume: VolumeSpec): this {
    (this.#manifest.spec.volumes ??= []).push(structuredClone(volume));
    return this;
  }

  /**
   * Sets `spec.input_schema`, the JSON Schema execution inputs must satisfy.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withInputSchema({ type: "object", required: ["repo"] });
   * ```
   */
  withInputSchema(schema: unknown): this {
    this.#manifest.spec.input_schema = structuredClone(schema);
    return this;
  }

  /**
   * Sets `spec.runtime.temperature`, the LLM sampling temperature (the model's own when unset).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("judge", "python").withTemperature(0.2);
   * ```
   */
  withTemperature(temperature: number): this {
    this.#manifest.spec.runtime.temperature = temperature;
    return this;
  }

  /**
   * Sets `spec.task.prompt_template`, the template each execution's prompt is rendered from.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withInstruction("Review code.")
   *   .withPromptTemplate("Review this diff:\n{{input}}");
   * ```
   */
  withPromptTemplate(template: string): this {
    this.#manifest.spec.task.prompt_template = template;
    return this;
  }

  /**
   * Sets `spec.task.input_data`: any JSON value made available to the task.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withInputData({ repo: "acme/api" });
   * ```
   */
  withInputData(data: unknown): this {
    this.#manifest.spec.task.input_data = structuredClone(data);
    return this;
  }

  /**
   * Appends an entry to `spec.context`: text, a file, a directory or a URL handed to the agent.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withContext({ type: "text", content: "Follow PEP 8." })
   *   .withContext({ type: "url", url: "https://example.com/guide.md", description: "Style guide" });
   * ```
   */
  withContext(item: ContextItem): this {
    (this.#manifest.spec.context ??= []).push(structuredClone(item));
    return this;
  }

  /**
   * Sets `spec.execution.iteration_timeout`, the time limit of one iteration (`"60s"`, `"5m"`).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withIterationTimeout("5m");
   * ```
   */
  withIterationTimeout(timeout: string): this {
    (this.#manifest.spec.execution ??= {}).iteration_timeout = timeout;
    return this;
  }

  /**
   * Sets `spec.execution.llm_timeout_seconds`, the limit of one LLM call (server default 300).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withLlmTimeout(120);
   * ```
   */
  withLlmTimeout(seconds: number): this {
    (this.#manifest.spec.execution ??= {}).llm_timeout_seconds = seconds;
    return this;
  }

  /**
   * Adds a validator to `spec.execution.tool_validation`, applied to the agent's tool calls.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withToolValidator({
   *   type: "semantic",
   *   judge_agent: "tool-call-policy-judge",
   *   criteria: "Only read-only commands",
   * });
   * ```
   */
  withToolValidator(validator: ValidatorSpec): this {
    ((this.#manifest.spec.execution ??= {}).tool_validation ??= []).push(
      structuredClone(validator),
    );
    return this;
  }

  /**
   * Adds a destination to `spec.execution.delivery`, where results go after an execution.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withDeliveryDestination({
   *   name: "notify",
   *   condition: "on_success",
   *   type: "webhook",
   *   webhook: { url: "https://hooks.example.com/done" },
   * });
   * ```
   */
  withDeliveryDestination(destination: DeliveryDestination): this {
    const execution = this.#manifest.spec.execution ??= {};
    (execution.delivery ??= { destinations: [] }).destinations.push(structuredClone(destination));
    return this;
  }

  /**
   * Sets network mode `"deny"` with `domains` as the denylist (replacing any previous list).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withNetworkDeny(["evil.example"]);
   * ```
   */
  withNetworkDeny(domains: readonly string[]): this {
    const security = this.#manifest.spec.security ??= {};
    security.network = { ...security.network, mode: "deny", denylist: [...domains] };
    return this;
  }

  /**
   * Sets network mode `"none"`: the agent gets no network access.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withNetworkDisabled();
   * ```
   */
  withNetworkDisabled(): this {
    const security = this.#manifest.spec.security ??= {};
    security.network = { ...security.network, mode: "none" };
    return this;
  }

  /**
   * Merges `policy` into `spec.security.filesystem`: readable and writable paths, and
   * `read_only` to mount everything read-only.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withFilesystem({ read: ["/workspace"], write: ["/tmp"] })
   *   .withFilesystem({ read_only: true });
   * ```
   */
  withFilesystem(policy: FilesystemPolicy): this {
    const security = this.#manifest.spec.security ??= {};
    security.filesystem = { ...security.filesystem, ...structuredClone(policy) };
    return this;
  }

  /**
   * Sets `spec.schedule`: run on a cron expression, every N seconds, or only when triggered.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withSchedule({ type: "cron", cron: "0 0 9 * * Mon-Fri", timezone: "Europe/Berlin" });
   * ```
   */
  withSchedule(schedule: ScheduleConfig): this {
    this.#manifest.spec.schedule = structuredClone(schedule);
    return this;
  }

  /**
   * Sets `spec.advanced.warm_pool_size`, the number of pre-started containers.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withWarmPool(2);
   * ```
   */
  withWarmPool(size: number): this {
    (this.#manifest.spec.advanced ??= {}).warm_pool_size = size;
    return this;
  }

  /**
   * Sets `spec.advanced.startup_script`, run when the container starts.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withStartupScript("pip install -r requirements.txt");
   * ```
   */
  withStartupScript(script: string): this {
    (this.#manifest.spec.advanced ??= {}).startup_script = script;
    return this;
  }

  /**
   * Sets `spec.advanced.health_check`, the container's HTTP health probe.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withHealthCheck({ path: "/healthz", interval_seconds: 10, timeout_seconds: 2 });
   * ```
   */
  withHealthCheck(check: HealthCheck): this {
    (this.#manifest.spec.advanced ??= {}).health_check = structuredClone(check);
    return this;
  }

  /**
   * Sets `spec.security_context`, a named `aegis-system-*` context the executions run under
   * (only operators and service accounts may deploy it).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python").withSecurityContext("aegis-system-judge");
   * ```
   */
  withSecurityContext(name: string): this {
    this.#manifest.spec.security_context = name;
    return this;
  }

  /**
   * Sets `spec.output_handler`, where the final output is forwarded (another agent, a webhook,
   * a container or an MCP tool).
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   * const builder = new AgentManifestBuilder("a", "python")
   *   .withOutputHandler({ type: "agent", agent_id: "summariser", required: true });
   * ```
   */
  withOutputHandler(handler: OutputHandlerConfig): this {
    this.#manifest.spec.output_handler = structuredClone(handler);
    return this;
  }

  /**
   * Validates and returns a deep copy of the manifest, so the builder can keep going. Throws
   * {@link ManifestValidationError} listing every error.
   *
   * @example
   * ```ts
   * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
   *
   * const builder = new AgentManifestBuilder("worker", "python", "3.11").withInstruction("Work.");
   * const v1 = builder.build();
   * const v2 = builder.withVersion("2.0.0").build();
   * console.log(v1.metadata.version, v2.metadata.version); // 1.0.0 2.0.0
   * ```
   */
  build(): AgentManifest {
    return validateManifest(structuredClone(this.#manifest));
  }
}
