/**
 * Client-side validation of agent manifests: every rule the orchestrator enforces on deploy, the
 * serde type rules that would otherwise surface as a bare HTTP 422, and the runtime rule the
 * server does not check (language+version vs custom image).
 *
 * @module
 */

import {
  Checker,
  type Dict,
  hasControlCharacter,
  isDict,
  type RawIssue,
  type Segment,
  toPublicIssues,
  U32_MAX,
} from "./_check.ts";
import { type ManifestIssue, ManifestValidationError } from "./error.ts";
import { DEFAULT_RUNTIME_REGISTRY, isDeprecatedRuntime } from "./runtimes.ts";
import {
  type AccessMode,
  type AgentManifest,
  type ConsensusStrategy,
  type DeliveryCondition,
  type DeliveryType,
  type ExecutionMode,
  type ImagePullPolicy,
  type IsolationMode,
  MANIFEST_API_VERSION,
  type NetworkMode,
  type StorageClass,
  type VolumeType,
} from "./types.ts";

/** Builds the value list of a string union from a record, so a missing member fails to compile. */
function members<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

/** Allowed values of the manifest enums (shared with the workflow validator). */
export const ENUMS = {
  executionMode: members<ExecutionMode>({ "one-shot": true, iterative: true }),
  imagePullPolicy: members<ImagePullPolicy>({ Always: true, IfNotPresent: true, Never: true }),
  isolation: members<IsolationMode>({
    inherit: true,
    firecracker: true,
    docker: true,
    process: true,
  }),
  networkMode: members<NetworkMode>({ allow: true, deny: true, none: true }),
  consensus: members<ConsensusStrategy>({
    weighted_average: true,
    majority: true,
    unanimous: true,
    best_of_n: true,
  }),
  storageClass: members<StorageClass>({ ephemeral: true, persistent: true }),
  volumeType: members<VolumeType>({ seaweedfs: true, opendal: true, hostPath: true, seal: true }),
  accessMode: members<AccessMode>({ "read-only": true, "read-write": true }),
  deliveryCondition: members<DeliveryCondition>({
    on_success: true,
    on_failure: true,
    always: true,
  }),
  deliveryType: members<DeliveryType>({ email: true, webhook: true, rest: true, sms: true }),
} as const;

const NAME_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Checks an agent or workflow `metadata.name`: `[a-z0-9-]`, no leading/trailing `-`. */
export function checkResourceName(c: Checker, value: unknown, at: readonly Segment[]): void {
  const name = c.stringValue(value, at, { required: true, nonBlank: true, noControl: true });
  if (name === undefined) return;
  if (!NAME_PATTERN.test(name)) {
    c.error(
      at,
      "must contain only lower-case letters, digits and '-', and must not start or end with '-'",
    );
  }
}

/** Checks `apiVersion` and `kind` at the document root. */
export function checkHeader(c: Checker, root: Dict, kind: string): void {
  const apiVersion = c.string(root, "apiVersion", [], { required: true });
  if (apiVersion !== undefined && apiVersion !== MANIFEST_API_VERSION) {
    c.error(["apiVersion"], `must be "${MANIFEST_API_VERSION}", got ${JSON.stringify(apiVersion)}`);
  }
  const actualKind = c.string(root, "kind", [], { required: true });
  if (actualKind !== undefined && actualKind !== kind) {
    c.error(["kind"], `must be "${kind}", got ${JSON.stringify(actualKind)}`);
  }
}

/**
 * Collects every issue of an agent manifest, with structured paths. Internal: the YAML layer
 * maps the paths back onto source positions.
 */
export function collectAgentIssues(manifest: unknown): RawIssue[] {
  const c = new Checker();
  if (!isDict(manifest)) {
    c.error([], "an agent manifest must be a mapping (object)");
    return c.issues;
  }
  c.unknownKeys(manifest, [], ["apiVersion", "kind", "metadata", "spec"]);
  checkHeader(c, manifest, "Agent");
  const metadata = c.dict(manifest, "metadata", [], true);
  if (metadata) checkMetadata(c, metadata);
  const spec = c.dict(manifest, "spec", [], true);
  if (spec) checkSpec(c, spec);
  return c.issues;
}

function checkMetadata(c: Checker, metadata: Dict): void {
  const at = ["metadata"];
  c.unknownKeys(metadata, at, ["name", "version", "description", "labels", "annotations", "tags"]);
  if (metadata.tags !== undefined) {
    c.warn([...at, "tags"], "the orchestrator has no 'tags' field and ignores it; use 'labels'");
  }
  checkResourceName(c, metadata.name, [...at, "name"]);
  c.string(metadata, "version", at, { required: true, nonBlank: true, noControl: true });
  c.string(metadata, "description", at);
  c.stringMap(metadata, "labels", at, { noControlKeys: true, noControlValues: true });
  c.stringMap(metadata, "annotations", at, { noControlKeys: true });
}

const SPEC_FIELDS = [
  "runtime",
  "task",
  "context",
  "execution",
  "security",
  "schedule",
  "tools",
  "env",
  "volumes",
  "advanced",
  "input_schema",
  "security_context",
  "output_handler",
];

function checkSpec(c: Checker, spec: Dict): void {
  const at = ["spec"];
  c.unknownKeys(spec, at, SPEC_FIELDS);
  const runtime = c.dict(spec, "runtime", at, true);
  if (runtime) checkRuntime(c, runtime);
  const task = spec.task === undefined ? undefined : c.dict(spec, "task", at);
  if (spec.task === undefined) {
    c.error(
      [...at, "task", "instruction"],
      "is required: the orchestrator refuses to deploy an agent without a task instruction",
    );
  } else if (task) {
    checkTask(c, task);
  }
  const context = c.list(spec, "context", at);
  context?.forEach((item, index) => checkContextItem(c, item, [...at, "context", index]));
  const execution = c.dict(spec, "execution", at);
  if (execution) checkExecution(c, execution);
  const security = c.dict(spec, "security", at);
  if (security) checkSecurity(c, security);
  if (spec.schedule !== undefined) checkSchedule(c, spec.schedule, [...at, "schedule"]);
  c.stringList(spec, "tools", at, { nonBlank: true, noControl: true });
  const env = c.dict(spec, "env", at);
  if (env) checkEnv(c, env, [...at, "env"]);
  const volumes = c.list(spec, "volumes", at);
  if (volumes) checkVolumes(c, volumes, [...at, "volumes"]);
  const advanced = c.dict(spec, "advanced", at);
  if (advanced) checkAdvanced(c, advanced);
  if (
    spec.input_schema !== undefined && !isDict(spec.input_schema) &&
    typeof spec.input_schema !== "boolean"
  ) {
    c.error([...at, "input_schema"], "must be a JSON Schema (a mapping or a boolean)");
  }
  const securityContext = c.string(spec, "security_context", at, {
    nonBlank: true,
    noControl: true,
  });
  if (securityContext !== undefined && !securityContext.startsWith("aegis-system-")) {
    c.error(
      [...at, "security_context"],
      "must name an 'aegis-system-*' security context (the orchestrator rejects other names)",
    );
  }
  if (spec.output_handler !== undefined) {
    checkOutputHandler(c, spec.output_handler, [...at, "output_handler"]);
  }
}

function checkRuntime(c: Checker, runtime: Dict): void {
  const at = ["spec", "runtime"];
  c.unknownKeys(runtime, at, [
    "language",
    "version",
    "image",
    "image_pull_policy",
    "isolation",
    "model",
    "temperature",
  ]);
  const language = c.string(runtime, "language", at, { nonBlank: true, noControl: true });
  const version = c.string(runtime, "version", at, { nonBlank: true, noControl: true });
  const image = c.string(runtime, "image", at, { nonBlank: true, noControl: true });
  c.enumeration(runtime, "image_pull_policy", at, ENUMS.imagePullPolicy);
  c.enumeration(runtime, "isolation", at, ENUMS.isolation);
  c.string(runtime, "model", at, { nonBlank: true, noControl: true });
  c.number(runtime, "temperature", at, { min: 0, max: 2 });

  if (image !== undefined) {
    if (!image.includes("/")) {
      c.error(
        [...at, "image"],
        "must contain '/' (a full reference such as 'ghcr.io/org/agent:1.0')",
      );
    } else if (/\s/.test(image)) {
      c.error([...at, "image"], "must not contain whitespace");
    }
    if (runtime.language !== undefined) {
      c.error(
        [...at, "language"],
        "must not be set together with 'image' (a custom image replaces language+version)",
      );
    }
    if (runtime.version !== undefined) {
      c.error(
        [...at, "version"],
        "must not be set together with 'image' (a custom image replaces language+version)",
      );
    }
    return;
  }
  if (runtime.language === undefined && runtime.version === undefined) {
    c.error(at, "needs either 'language' and 'version', or a custom 'image'");
    return;
  }
  if (runtime.language === undefined) {
    c.error([...at, "language"], "is required when 'version' is set");
    return;
  }
  if (runtime.version === undefined) {
    c.error([...at, "version"], "is required when 'language' is set (e.g. \"3.11\" for python)");
    return;
  }
  if (language === undefined || version === undefined) return;
  if (!Object.hasOwn(DEFAULT_RUNTIME_REGISTRY, language)) {
    c.warn(
      [...at, "language"],
      `is not in the default runtime registry (${
        Object.keys(DEFAULT_RUNTIME_REGISTRY).join(", ")
      }); it must be registered on the orchestrator`,
    );
  } else if (!DEFAULT_RUNTIME_REGISTRY[language].includes(version)) {
    c.warn(
      [...at, "version"],
      `${language} ${version} is not in the default runtime registry (${
        DEFAULT_RUNTIME_REGISTRY[language].join(", ")
      }); it must be registered on the orchestrator`,
    );
  } else if (isDeprecatedRuntime(language, version)) {
    c.warn([...at, "version"], `${language} ${version} is deprecated`);
  }
}

function checkTask(c: Checker, task: Dict): void {
  const at = ["spec", "task"];
  c.unknownKeys(task, at, ["instruction", "prompt_template", "input_data"]);
  if (task.instruction === undefined || task.instruction === null) {
    c.error(
      [...at, "instruction"],
      "is required: the orchestrator refuses to deploy an agent without a task instruction",
    );
  } else {
    c.string(task, "instruction", at, { nonBlank: true });
  }
  c.string(task, "prompt_template", at);
}

const CONTEXT_FIELDS: Record<string, string> = {
  text: "content",
  file: "path",
  directory: "path",
  url: "url",
};

function checkContextItem(c: Checker, item: unknown, at: Segment[]): void {
  if (!isDict(item)) {
    c.error(at, "must be a mapping with a 'type'");
    return;
  }
  const type = c.enumeration(item, "type", at, Object.keys(CONTEXT_FIELDS), true);
  if (type === undefined) return;
  const field = CONTEXT_FIELDS[type];
  c.unknownKeys(item, at, ["type", field, "description"]);
  c.string(item, field, at, { required: true, nonBlank: true });
  c.string(item, "description", at);
  if (type === "url") c.httpUrl(item, "url", at);
}

function checkExecution(c: Checker, execution: Dict): void {
  const at = ["spec", "execution"];
  c.unknownKeys(execution, at, [
    "mode",
    "max_retries",
    "max_iterations",
    "iteration_timeout",
    "llm_timeout_seconds",
    "validation",
    "tool_validation",
    "delivery",
  ]);
  c.enumeration(execution, "mode", at, ENUMS.executionMode);
  c.integer(execution, "max_retries", at, { max: U32_MAX, kind: "u32" });
  c.integer(execution, "max_iterations", at, { max: U32_MAX, kind: "u32" });
  if (execution.max_retries !== undefined && execution.max_iterations !== undefined) {
    c.error(
      [...at, "max_iterations"],
      "is an alias of 'max_retries'; set only one of them (the orchestrator rejects both)",
    );
  }
  c.simpleDuration(execution, "iteration_timeout", at, "warning");
  c.integer(execution, "llm_timeout_seconds", at, { kind: "u64" });
  for (const key of ["validation", "tool_validation"]) {
    const list = c.list(execution, key, at);
    list?.forEach((validator, index) => checkValidator(c, validator, [...at, key, index]));
  }
  const delivery = c.dict(execution, "delivery", at);
  if (delivery) checkDelivery(c, delivery, [...at, "delivery"]);
}

const VALIDATOR_FIELDS: Record<string, string[]> = {
  exit_code: ["expected", "min_score"],
  json_schema: ["schema", "min_score"],
  regex: ["pattern", "target", "min_score"],
  semantic: ["judge_agent", "criteria", "min_score", "min_confidence", "timeout_seconds"],
  multi_judge: [
    "judges",
    "consensus",
    "min_judges_required",
    "criteria",
    "min_score",
    "min_confidence",
    "timeout_seconds",
  ],
};

function checkValidator(c: Checker, validator: unknown, at: Segment[]): void {
  if (!isDict(validator)) {
    c.error(at, "must be a mapping with a 'type' (validation is a list of validators)");
    return;
  }
  const type = c.enumeration(validator, "type", at, Object.keys(VALIDATOR_FIELDS), true);
  if (type === undefined) return;
  c.unknownKeys(validator, at, ["type", ...VALIDATOR_FIELDS[type]]);
  c.number(validator, "min_score", at, { min: 0, max: 1 });
  switch (type) {
    case "exit_code":
      c.integer(validator, "expected", at, {
        min: -2_147_483_648,
        max: 2_147_483_647,
        kind: "i32",
      });
      break;
    case "json_schema":
      if (validator.schema === undefined) c.error([...at, "schema"], "is required");
      else if (!isDict(validator.schema) && typeof validator.schema !== "boolean") {
        c.error([...at, "schema"], "must be a JSON Schema (a mapping or a boolean)");
      }
      break;
    case "regex": {
      const pattern = c.string(validator, "pattern", at, { required: true, nonBlank: true });
      if (pattern !== undefined) {
        try {
          new RegExp(pattern);
        } catch {
          c.warn(
            [...at, "pattern"],
            "does not compile as a JavaScript regular expression; check it against Rust regex syntax",
          );
        }
      }
      c.string(validator, "target", at, { nonBlank: true });
      break;
    }
    case "semantic":
      c.string(validator, "judge_agent", at, { required: true, nonBlank: true, noControl: true });
      checkJudgeCommon(c, validator, at);
      break;
    case "multi_judge": {
      const judges = c.stringList(validator, "judges", at, {
        required: true,
        nonBlank: true,
        noControl: true,
      });
      if (judges !== undefined && judges.length === 0) {
        c.error([...at, "judges"], "must name at least one judge agent");
      }
      c.enumeration(validator, "consensus", at, ENUMS.consensus);
      const minimum = c.integer(validator, "min_judges_required", at, {
        max: U32_MAX,
        kind: "u32",
      });
      if (judges !== undefined && minimum !== undefined && minimum > judges.length) {
        c.error([...at, "min_judges_required"], `exceeds the number of judges (${judges.length})`);
      }
      checkJudgeCommon(c, validator, at);
      break;
    }
  }
}

function checkJudgeCommon(c: Checker, validator: Dict, at: Segment[]): void {
  c.string(validator, "criteria", at, { required: true, nonBlank: true });
  c.number(validator, "min_confidence", at, { min: 0, max: 1 });
  c.integer(validator, "timeout_seconds", at, { kind: "u64" });
}

const DELIVERY_REQUIRED: Record<string, string[]> = {
  email: ["to", "subject"],
  webhook: ["url"],
  rest: ["url", "method"],
  sms: ["to", "message"],
};

function checkDelivery(c: Checker, delivery: Dict, at: Segment[]): void {
  c.unknownKeys(delivery, at, ["destinations"]);
  const destinations = c.list(delivery, "destinations", at, true);
  const names = new Set<string>();
  destinations?.forEach((destination, index) => {
    const here = [...at, "destinations", index];
    if (!isDict(destination)) {
      c.error(here, "must be a mapping");
      return;
    }
    const type = c.enumeration(destination, "type", here, ENUMS.deliveryType, true);
    c.unknownKeys(destination, here, [
      "name",
      "condition",
      "transform",
      "type",
      ...ENUMS.deliveryType,
    ]);
    const name = c.string(destination, "name", here, { required: true, nonBlank: true });
    if (name !== undefined) {
      if (names.has(name)) c.warn([...here, "name"], "duplicate destination name");
      names.add(name);
    }
    c.enumeration(destination, "condition", here, ENUMS.deliveryCondition, true);
    const transform = c.dict(destination, "transform", here);
    if (transform) {
      const tAt = [...here, "transform"];
      c.unknownKeys(transform, tAt, ["script", "args", "timeout_seconds"]);
      c.string(transform, "script", tAt, { required: true, nonBlank: true });
      c.stringList(transform, "args", tAt);
      c.integer(transform, "timeout_seconds", tAt, { kind: "u64" });
    }
    if (type === undefined) return;
    for (const other of ENUMS.deliveryType) {
      if (other !== type && destination[other] !== undefined) {
        c.warn([...here, other], `is ignored because type is ${JSON.stringify(type)}`);
      }
    }
    const settings = c.dict(destination, type, here, true);
    if (!settings) return;
    const sAt = [...here, type];
    for (const field of DELIVERY_REQUIRED[type]) {
      if (settings[field] === undefined) c.error([...sAt, field], "is required");
    }
    if (type === "webhook" || type === "rest") {
      c.httpUrl(settings, "url", sAt);
      c.string(settings, "method", sAt, { nonBlank: true, noControl: true });
      c.stringMap(settings, "headers", sAt, { noControlKeys: true, noControlValues: true });
    } else if (type === "email") {
      if (Array.isArray(settings.to)) c.stringList(settings, "to", sAt, { nonBlank: true });
      else c.string(settings, "to", sAt, { nonBlank: true });
      c.string(settings, "subject", sAt);
      c.string(settings, "body_template", sAt);
      c.stringList(settings, "attachments", sAt);
    } else {
      c.string(settings, "to", sAt, { nonBlank: true });
      c.string(settings, "message", sAt);
    }
  });
}

function checkSecurity(c: Checker, security: Dict): void {
  const at = ["spec", "security"];
  c.unknownKeys(security, at, ["network", "filesystem", "resources"]);
  const network = c.dict(security, "network", at);
  if (network) {
    const nAt = [...at, "network"];
    c.unknownKeys(network, nAt, ["mode", "allowlist", "denylist"]);
    c.enumeration(network, "mode", nAt, ENUMS.networkMode);
    c.stringList(network, "allowlist", nAt, { nonBlank: true, noControl: true });
    c.stringList(network, "denylist", nAt, { nonBlank: true, noControl: true });
  }
  const filesystem = c.dict(security, "filesystem", at);
  if (filesystem) {
    const fAt = [...at, "filesystem"];
    c.unknownKeys(filesystem, fAt, ["read", "write", "read_only"]);
    c.stringList(filesystem, "read", fAt, { nonBlank: true, noControl: true });
    c.stringList(filesystem, "write", fAt, { nonBlank: true, noControl: true });
    c.boolean(filesystem, "read_only", fAt);
  }
  const resources = c.dict(security, "resources", at);
  if (resources) checkResources(c, resources, [...at, "resources"]);
}

function checkResources(c: Checker, resources: Dict, at: Segment[]): void {
  c.unknownKeys(resources, at, ["cpu", "memory", "disk", "timeout"]);
  const cpu = c.integer(resources, "cpu", at, { max: U32_MAX, kind: "u32 millicores" });
  if (cpu === 0) c.error([...at, "cpu"], "must be at least 1 millicore");
  c.size(resources, "memory", at);
  c.size(resources, "disk", at);
  c.simpleDuration(resources, "timeout", at);
}

function checkSchedule(c: Checker, schedule: unknown, at: Segment[]): void {
  if (!isDict(schedule)) {
    c.error(at, "must be a mapping with a 'type'");
    return;
  }
  const type = c.enumeration(schedule, "type", at, ["cron", "interval", "manual"], true);
  if (type === "cron") {
    c.unknownKeys(schedule, at, ["type", "cron", "timezone", "enabled"]);
    const cron = c.string(schedule, "cron", at, {
      required: true,
      nonBlank: true,
      noControl: true,
    });
    if (cron !== undefined) {
      const fields = cron.trim().split(/\s+/).length;
      if (fields < 5 || fields > 7) {
        c.error([...at, "cron"], `must have 5 to 7 space-separated fields, got ${fields}`);
      }
    }
    c.string(schedule, "timezone", at, { required: true, nonBlank: true, noControl: true });
    c.boolean(schedule, "enabled", at);
  } else if (type === "interval") {
    c.unknownKeys(schedule, at, ["type", "seconds", "enabled"]);
    const seconds = c.integer(schedule, "seconds", at, { required: true, kind: "u64" });
    if (seconds === 0) c.error([...at, "seconds"], "must be greater than 0");
    c.boolean(schedule, "enabled", at);
  } else if (type === "manual") {
    c.unknownKeys(schedule, at, ["type"]);
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkEnv(c: Checker, env: Dict, at: Segment[]): void {
  c.stringMap({ env }, "env", at.slice(0, -1), { noControlKeys: true });
  for (const key of Object.keys(env)) {
    if (key.trim() !== "" && !ENV_NAME.test(key) && !hasControlCharacter(key)) {
      c.warn([...at, key], "is not a portable environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
    }
  }
}

function checkVolumes(c: Checker, volumes: unknown[], at: Segment[]): void {
  const names = new Set<string>();
  const mounts = new Set<string>();
  volumes.forEach((volume, index) => {
    const here = [...at, index];
    if (!isDict(volume)) {
      c.error(here, "must be a mapping");
      return;
    }
    c.unknownKeys(volume, here, [
      "name",
      "storage_class",
      "type",
      "provider",
      "config",
      "mount_path",
      "access_mode",
      "size_limit",
      "ttl_hours",
    ]);
    const name = c.string(volume, "name", here, {
      required: true,
      nonBlank: true,
      noControl: true,
    });
    if (name !== undefined) {
      if (names.has(name)) c.error([...here, "name"], "duplicate volume name");
      names.add(name);
    }
    c.enumeration(volume, "storage_class", here, ENUMS.storageClass, true);
    c.enumeration(volume, "type", here, ENUMS.volumeType);
    c.string(volume, "provider", here, { nonBlank: true, noControl: true });
    const mount = c.string(volume, "mount_path", here, {
      required: true,
      nonBlank: true,
      noControl: true,
    });
    if (mount !== undefined) {
      if (!mount.startsWith("/")) c.error([...here, "mount_path"], "must be an absolute path");
      if (mounts.has(mount)) c.error([...here, "mount_path"], "duplicate mount path");
      mounts.add(mount);
    }
    c.enumeration(volume, "access_mode", here, ENUMS.accessMode, true);
    c.size(volume, "size_limit", here, true);
    c.integer(volume, "ttl_hours", here, { max: U32_MAX, kind: "u32" });
  });
}

function checkAdvanced(c: Checker, advanced: Dict): void {
  const at = ["spec", "advanced"];
  c.unknownKeys(advanced, at, [
    "warm_pool_size",
    "startup_script",
    "health_check",
    "bootstrap_path",
    "swarm_enabled",
  ]);
  if (advanced.swarm_enabled !== undefined) {
    c.warn(
      [...at, "swarm_enabled"],
      "the orchestrator has no 'swarm_enabled' field and ignores it",
    );
  }
  c.integer(advanced, "warm_pool_size", at, { max: U32_MAX, kind: "u32" });
  c.string(advanced, "startup_script", at);
  c.string(advanced, "bootstrap_path", at, { nonBlank: true, noControl: true });
  const health = c.dict(advanced, "health_check", at);
  if (health) {
    const hAt = [...at, "health_check"];
    c.unknownKeys(health, hAt, ["path", "interval_seconds", "timeout_seconds"]);
    c.string(health, "path", hAt, { required: true, nonBlank: true, noControl: true });
    c.integer(health, "interval_seconds", hAt, { required: true, kind: "u64" });
    c.integer(health, "timeout_seconds", hAt, { required: true, kind: "u64" });
  }
}

/** Checks an `output_handler` (agent spec and workflow states share the shape). */
export function checkOutputHandler(c: Checker, handler: unknown, at: readonly Segment[]): void {
  if (!isDict(handler)) {
    c.error(at, "must be a mapping with a 'type'");
    return;
  }
  const type = c.enumeration(
    handler,
    "type",
    at,
    ["agent", "container", "mcp_tool", "webhook"],
    true,
  );
  c.boolean(handler, "required", at);
  c.integer(handler, "timeout_seconds", at, { kind: "u64" });
  switch (type) {
    case "agent":
      c.unknownKeys(handler, at, [
        "type",
        "agent_id",
        "input_template",
        "timeout_seconds",
        "required",
      ]);
      c.string(handler, "agent_id", at, { required: true, nonBlank: true, noControl: true });
      c.string(handler, "input_template", at);
      break;
    case "container": {
      c.warn(
        [...at, "type"],
        "the orchestrator accepts 'container' output handlers but does not run them",
      );
      c.unknownKeys(handler, at, ["type", "image", "command", "env", "resources", "required"]);
      c.string(handler, "image", at, { required: true, nonBlank: true, noControl: true });
      c.stringList(handler, "command", at, { required: true });
      c.stringMap(handler, "env", at, { noControlKeys: true });
      const resources = c.dict(handler, "resources", at);
      if (resources) checkResources(c, resources, [...at, "resources"]);
      break;
    }
    case "mcp_tool":
      c.warn(
        [...at, "type"],
        "the orchestrator accepts 'mcp_tool' output handlers but does not run them",
      );
      c.unknownKeys(handler, at, ["type", "tool_name", "arguments", "timeout_seconds", "required"]);
      c.string(handler, "tool_name", at, { required: true, nonBlank: true, noControl: true });
      break;
    case "webhook":
      c.unknownKeys(handler, at, [
        "type",
        "url",
        "method",
        "headers",
        "body_template",
        "timeout_seconds",
        "retry",
        "required",
      ]);
      c.httpUrl(handler, "url", at, true);
      c.string(handler, "method", at, { nonBlank: true, noControl: true });
      c.stringMap(handler, "headers", at, { noControlKeys: true, noControlValues: true });
      c.string(handler, "body_template", at);
      break;
  }
}

/**
 * Returns every problem in an agent manifest — errors and warnings — without throwing. An empty
 * list means the manifest is valid and clean.
 *
 * Warnings (which never make {@link validateManifest} throw): unknown fields (the orchestrator
 * ignores them, including `metadata.tags` and `advanced.swarm_enabled`), runtimes missing from the
 * default registry, deprecated runtimes, values outside their usual range, output handlers the
 * server does not run.
 *
 * @example
 * ```ts
 * import { checkManifest } from "@aegis/sdk/manifest";
 *
 * const issues = checkManifest({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Agent",
 *   metadata: { name: "Bad_Name", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "hi" } },
 * });
 * console.log(issues[0].path); // "metadata.name"
 * ```
 */
export function checkManifest(manifest: unknown): ManifestIssue[] {
  return toPublicIssues(collectAgentIssues(manifest));
}

/**
 * Validates an agent manifest and returns it typed. Throws {@link ManifestValidationError} listing
 * every error at once; warnings alone never throw (they are on `issues` when it does throw).
 *
 * Rules: `apiVersion`/`kind`; `metadata.name` charset; `metadata.version` required; a runtime
 * that is either `language` + `version` or an `image` containing `/`; a non-blank
 * `task.instruction`; enum values; integer ranges (u32/u64); sizes (`512Mi`, `1Gi`, bytes);
 * durations (`60s`, `5m`, `1h`, seconds); string maps for labels/env; no control characters in
 * names, labels, env keys and tools; tagged unions (context, validators, schedule, output handler).
 *
 * @example
 * ```ts
 * import { validateManifest } from "@aegis/sdk/manifest";
 *
 * const manifest = validateManifest(JSON.parse(
 *   '{"apiVersion":"100monkeys.ai/v1","kind":"Agent","metadata":{"name":"hello","version":"1.0.0"},' +
 *     '"spec":{"runtime":{"language":"python","version":"3.11"},"task":{"instruction":"Say hi"}}}',
 * ));
 * console.log(manifest.metadata.name); // "hello"
 * ```
 */
export function validateManifest(manifest: unknown): AgentManifest {
  const issues = checkManifest(manifest);
  if (issues.some((issue) => issue.severity === "error")) {
    throw new ManifestValidationError(issues, { subject: "agent manifest" });
  }
  return manifest as AgentManifest;
}
