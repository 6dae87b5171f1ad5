/**
 * Client-side validation of agent manifests: every rule the orchestrator enforces on deploy, the
 * serde type rules that would otherwise surface as a bare HTTP 422, and the runtime rule the
 * server does not check (language+version vs custom image).
 *
 * @module
 */

import {
  Checker,
  checkForbiddenKeys,
  type Dict,
  hasControlCharacter,
  isDict,
  keysOf,
  type RawIssue,
  type Segment,
  toPublicIssues,
  U32_MAX,
} from "./_checker.ts";
import {
  checkHeader,
  checkOutputHandler,
  checkResourceName,
  ENUMS,
  members,
} from "./_common_rules.ts";
import { type ManifestIssue, ManifestValidationError } from "./error.ts";
import { DEFAULT_RUNTIME_REGISTRY, isDeprecatedRuntime } from "./runtimes.ts";
import type {
  AdvancedConfig,
  AgentManifest,
  AgentSpec,
  ContextItem,
  CronSchedule,
  DeliveryConfig,
  DeliveryDestination,
  DeliveryTransform,
  DirectoryContextItem,
  EmailDelivery,
  ExecutionStrategy,
  ExitCodeValidator,
  FileContextItem,
  FilesystemPolicy,
  HealthCheck,
  IntervalSchedule,
  JsonSchemaValidator,
  ManifestMetadata,
  ManualSchedule,
  MultiJudgeValidator,
  NetworkPolicy,
  RegexValidator,
  ResourceLimits,
  RestDelivery,
  RuntimeConfig,
  ScheduleConfig,
  SecurityConfig,
  SemanticValidator,
  SmsDelivery,
  TaskConfig,
  TextContextItem,
  UrlContextItem,
  ValidatorSpec,
  VolumeSpec,
  WebhookDelivery,
} from "./agent_types.ts";

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
  checkForbiddenKeys(c, manifest);
  c.unknownKeys(manifest, [], ROOT_FIELDS);
  checkHeader(c, manifest, "Agent");
  const metadata = c.dict(manifest, "metadata", [], true);
  if (metadata) checkMetadata(c, metadata);
  const spec = c.dict(manifest, "spec", [], true);
  if (spec) checkSpec(c, spec);
  return c.issues;
}

const ROOT_FIELDS = /* @__PURE__ */ keysOf<AgentManifest>({
  apiVersion: true,
  kind: true,
  metadata: true,
  spec: true,
});

/** `tags` is not a field; it is listed so it gets its own warning rather than a generic one. */
const METADATA_FIELDS = /* @__PURE__ */ (() => [
  ...keysOf<ManifestMetadata>({
    name: true,
    version: true,
    description: true,
    labels: true,
    annotations: true,
  }),
  "tags",
])();

function checkMetadata(c: Checker, metadata: Dict): void {
  const at = ["metadata"];
  c.unknownKeys(metadata, at, METADATA_FIELDS);
  if (metadata.tags !== undefined) {
    c.warn([...at, "tags"], "the orchestrator has no 'tags' field and ignores it; use 'labels'");
  }
  checkResourceName(c, metadata.name, [...at, "name"]);
  c.string(metadata, "version", at, { required: true, nonBlank: true, noControl: true });
  c.string(metadata, "description", at);
  c.stringMap(metadata, "labels", at, { noControlKeys: true, noControlValues: true });
  c.stringMap(metadata, "annotations", at, { noControlKeys: true });
}

const SPEC_FIELDS = /* @__PURE__ */ keysOf<AgentSpec>({
  runtime: true,
  task: true,
  context: true,
  execution: true,
  security: true,
  schedule: true,
  tools: true,
  env: true,
  volumes: true,
  advanced: true,
  input_schema: true,
  security_context: true,
  output_handler: true,
});

const RUNTIME_FIELDS = /* @__PURE__ */ keysOf<RuntimeConfig>({
  language: true,
  version: true,
  image: true,
  image_pull_policy: true,
  isolation: true,
  model: true,
  temperature: true,
});

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
  c.unknownKeys(runtime, at, RUNTIME_FIELDS);
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

const TASK_FIELDS = /* @__PURE__ */ keysOf<TaskConfig>({
  instruction: true,
  prompt_template: true,
  input_data: true,
});

function checkTask(c: Checker, task: Dict): void {
  const at = ["spec", "task"];
  c.unknownKeys(task, at, TASK_FIELDS);
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

/** Each context type's own field (the one that is required), and its full field list. */
const CONTEXT_FIELDS: Record<ContextItem["type"], { value: string; fields: string[] }> = {
  text: {
    value: "content",
    fields: /* @__PURE__ */ keysOf<TextContextItem>({
      type: true,
      content: true,
      description: true,
    }),
  },
  file: {
    value: "path",
    fields: /* @__PURE__ */ keysOf<FileContextItem>({ type: true, path: true, description: true }),
  },
  directory: {
    value: "path",
    fields: /* @__PURE__ */ keysOf<DirectoryContextItem>({
      type: true,
      path: true,
      description: true,
    }),
  },
  url: {
    value: "url",
    fields: /* @__PURE__ */ keysOf<UrlContextItem>({ type: true, url: true, description: true }),
  },
};

function checkContextItem(c: Checker, item: unknown, at: Segment[]): void {
  if (!isDict(item)) {
    c.error(at, "must be a mapping with a 'type'");
    return;
  }
  const type = c.enumeration(
    item,
    "type",
    at,
    Object.keys(CONTEXT_FIELDS) as ContextItem["type"][],
    true,
  );
  if (type === undefined) return;
  const { value: field, fields } = CONTEXT_FIELDS[type];
  c.unknownKeys(item, at, fields);
  c.string(item, field, at, { required: true, nonBlank: true });
  c.string(item, "description", at);
  if (type === "url") c.httpUrl(item, "url", at);
}

const EXECUTION_FIELDS = /* @__PURE__ */ keysOf<ExecutionStrategy>({
  mode: true,
  max_retries: true,
  max_iterations: true,
  iteration_timeout: true,
  llm_timeout_seconds: true,
  validation: true,
  tool_validation: true,
  delivery: true,
});

function checkExecution(c: Checker, execution: Dict): void {
  const at = ["spec", "execution"];
  c.unknownKeys(execution, at, EXECUTION_FIELDS);
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

const VALIDATOR_FIELDS: Record<ValidatorSpec["type"], string[]> = {
  exit_code: /* @__PURE__ */ keysOf<ExitCodeValidator>({
    type: true,
    expected: true,
    min_score: true,
  }),
  json_schema: /* @__PURE__ */ keysOf<JsonSchemaValidator>({
    type: true,
    schema: true,
    min_score: true,
  }),
  regex: /* @__PURE__ */ keysOf<RegexValidator>({
    type: true,
    pattern: true,
    target: true,
    min_score: true,
  }),
  semantic: /* @__PURE__ */ keysOf<SemanticValidator>({
    type: true,
    judge_agent: true,
    criteria: true,
    min_score: true,
    min_confidence: true,
    timeout_seconds: true,
  }),
  multi_judge: /* @__PURE__ */ keysOf<MultiJudgeValidator>({
    type: true,
    judges: true,
    consensus: true,
    min_judges_required: true,
    criteria: true,
    min_score: true,
    min_confidence: true,
    timeout_seconds: true,
  }),
};

function checkValidator(c: Checker, validator: unknown, at: Segment[]): void {
  if (!isDict(validator)) {
    c.error(at, "must be a mapping with a 'type' (validation is a list of validators)");
    return;
  }
  const type = c.enumeration(
    validator,
    "type",
    at,
    Object.keys(VALIDATOR_FIELDS) as ValidatorSpec["type"][],
    true,
  );
  if (type === undefined) return;
  c.unknownKeys(validator, at, VALIDATOR_FIELDS[type]);
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
      const minimum = c.integer(validator, "min_judges_required", at, { kind: "usize" });
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

const DESTINATION_FIELDS = /* @__PURE__ */ keysOf<DeliveryDestination>({
  name: true,
  condition: true,
  transform: true,
  type: true,
  email: true,
  webhook: true,
  rest: true,
  sms: true,
});

const TRANSFORM_FIELDS = /* @__PURE__ */ keysOf<DeliveryTransform>({
  script: true,
  args: true,
  timeout_seconds: true,
});

const DELIVERY_FIELDS = /* @__PURE__ */ keysOf<DeliveryConfig>({ destinations: true });

/** The required fields of each delivery channel's settings. */
const DELIVERY_REQUIRED: Record<DeliveryDestination["type"], string[]> = {
  email: ["to", "subject"] satisfies (keyof EmailDelivery)[],
  webhook: ["url"] satisfies (keyof WebhookDelivery)[],
  rest: ["url", "method"] satisfies (keyof RestDelivery)[],
  sms: ["to", "message"] satisfies (keyof SmsDelivery)[],
};

function checkDelivery(c: Checker, delivery: Dict, at: Segment[]): void {
  c.unknownKeys(delivery, at, DELIVERY_FIELDS);
  const names = new Set<string>();
  c.eachMapping(delivery, "destinations", at, {
    message: "must be a mapping",
    required: true,
  }, (destination, here) => {
    const type = c.enumeration(destination, "type", here, ENUMS.deliveryType, true);
    c.unknownKeys(destination, here, DESTINATION_FIELDS);
    const name = c.string(destination, "name", here, { required: true, nonBlank: true });
    if (name !== undefined) {
      if (names.has(name)) c.warn([...here, "name"], "duplicate destination name");
      names.add(name);
    }
    c.enumeration(destination, "condition", here, ENUMS.deliveryCondition, true);
    const transform = c.dict(destination, "transform", here);
    if (transform) {
      const tAt = [...here, "transform"];
      c.unknownKeys(transform, tAt, TRANSFORM_FIELDS);
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
      if (Array.isArray(settings.to)) {
        c.error(
          [...sAt, "to"],
          "must be one address (a string); the orchestrator does not accept a list",
        );
      } else c.string(settings, "to", sAt, { nonBlank: true });
      c.string(settings, "subject", sAt);
      c.string(settings, "body_template", sAt);
      c.stringList(settings, "attachments", sAt);
    } else {
      c.string(settings, "to", sAt, { nonBlank: true });
      c.string(settings, "message", sAt);
    }
  });
}

const SECURITY_FIELDS = /* @__PURE__ */ keysOf<SecurityConfig>({
  network: true,
  filesystem: true,
  resources: true,
});
const NETWORK_FIELDS = /* @__PURE__ */ keysOf<NetworkPolicy>({
  mode: true,
  allowlist: true,
  denylist: true,
});
const FILESYSTEM_FIELDS = /* @__PURE__ */ keysOf<FilesystemPolicy>({
  read: true,
  write: true,
  read_only: true,
});
const RESOURCE_FIELDS = /* @__PURE__ */ keysOf<ResourceLimits>({
  cpu: true,
  memory: true,
  disk: true,
  timeout: true,
});

function checkSecurity(c: Checker, security: Dict): void {
  const at = ["spec", "security"];
  c.unknownKeys(security, at, SECURITY_FIELDS);
  const network = c.dict(security, "network", at);
  if (network) {
    const nAt = [...at, "network"];
    c.unknownKeys(network, nAt, NETWORK_FIELDS);
    c.enumeration(network, "mode", nAt, ENUMS.networkMode);
    c.stringList(network, "allowlist", nAt, { nonBlank: true, noControl: true });
    c.stringList(network, "denylist", nAt, { nonBlank: true, noControl: true });
  }
  const filesystem = c.dict(security, "filesystem", at);
  if (filesystem) {
    const fAt = [...at, "filesystem"];
    c.unknownKeys(filesystem, fAt, FILESYSTEM_FIELDS);
    c.stringList(filesystem, "read", fAt, { nonBlank: true, noControl: true });
    c.stringList(filesystem, "write", fAt, { nonBlank: true, noControl: true });
    c.boolean(filesystem, "read_only", fAt);
  }
  const resources = c.dict(security, "resources", at);
  if (resources) checkResources(c, resources, [...at, "resources"]);
}

function checkResources(c: Checker, resources: Dict, at: Segment[]): void {
  c.unknownKeys(resources, at, RESOURCE_FIELDS);
  const cpu = c.integer(resources, "cpu", at, { max: U32_MAX, kind: "u32 millicores" });
  if (cpu === 0) c.error([...at, "cpu"], "must be at least 1 millicore");
  c.size(resources, "memory", at);
  c.size(resources, "disk", at);
  c.simpleDuration(resources, "timeout", at);
}

const CRON_FIELDS = /* @__PURE__ */ keysOf<CronSchedule>({
  type: true,
  cron: true,
  timezone: true,
  enabled: true,
});
const INTERVAL_FIELDS = /* @__PURE__ */ keysOf<IntervalSchedule>({
  type: true,
  seconds: true,
  enabled: true,
});
const MANUAL_FIELDS = /* @__PURE__ */ keysOf<ManualSchedule>({ type: true });
const SCHEDULE_TYPES = /* @__PURE__ */ members<ScheduleConfig["type"]>({
  cron: true,
  interval: true,
  manual: true,
});

function checkSchedule(c: Checker, schedule: unknown, at: Segment[]): void {
  if (!isDict(schedule)) {
    c.error(at, "must be a mapping with a 'type'");
    return;
  }
  const type = c.enumeration(schedule, "type", at, SCHEDULE_TYPES, true);
  if (type === "cron") {
    c.unknownKeys(schedule, at, CRON_FIELDS);
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
    c.unknownKeys(schedule, at, INTERVAL_FIELDS);
    const seconds = c.integer(schedule, "seconds", at, { required: true, kind: "u64" });
    if (seconds === 0) c.error([...at, "seconds"], "must be greater than 0");
    c.boolean(schedule, "enabled", at);
  } else if (type === "manual") {
    c.unknownKeys(schedule, at, MANUAL_FIELDS);
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

const VOLUME_FIELDS = /* @__PURE__ */ keysOf<VolumeSpec>({
  name: true,
  storage_class: true,
  type: true,
  provider: true,
  config: true,
  mount_path: true,
  access_mode: true,
  size_limit: true,
  ttl_hours: true,
});

function checkVolumes(c: Checker, volumes: unknown[], at: Segment[]): void {
  const names = new Set<string>();
  const mounts = new Set<string>();
  volumes.forEach((volume, index) => {
    const here = [...at, index];
    if (!isDict(volume)) {
      c.error(here, "must be a mapping");
      return;
    }
    c.unknownKeys(volume, here, VOLUME_FIELDS);
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

/** `swarm_enabled` is not a field; it is listed so it gets its own warning. */
const ADVANCED_FIELDS = /* @__PURE__ */ (() => [
  ...keysOf<AdvancedConfig>({
    warm_pool_size: true,
    startup_script: true,
    health_check: true,
    bootstrap_path: true,
  }),
  "swarm_enabled",
])();
const HEALTH_CHECK_FIELDS = /* @__PURE__ */ keysOf<HealthCheck>({
  path: true,
  interval_seconds: true,
  timeout_seconds: true,
});

function checkAdvanced(c: Checker, advanced: Dict): void {
  const at = ["spec", "advanced"];
  c.unknownKeys(advanced, at, ADVANCED_FIELDS);
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
    c.unknownKeys(health, hAt, HEALTH_CHECK_FIELDS);
    c.string(health, "path", hAt, { required: true, nonBlank: true, noControl: true });
    c.integer(health, "interval_seconds", hAt, { required: true, kind: "u64" });
    c.integer(health, "timeout_seconds", hAt, { required: true, kind: "u64" });
  }
}

/**
 * Returns every problem in an agent manifest -- errors and warnings -- without throwing. An empty
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
 * names, labels, env keys and tools; tagged unions (context, validators, schedule, output handler);
 * one email recipient per delivery destination; `arguments` on `mcp_tool` output handlers; no
 * `__proto__` or `constructor` keys anywhere.
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
