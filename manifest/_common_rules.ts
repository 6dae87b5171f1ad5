/**
 * Validation rules shared by agent and workflow manifests: the header (`apiVersion`, `kind`),
 * resource names, the allowed values of shared enums, and output handlers, container resources
 * and retry policies, which both kinds embed.
 *
 * @module
 */

import { type Checker, type Dict, isDict, keysOf, type Segment, U32_MAX } from "./_checker.ts";
import type {
  AccessMode,
  DeliveryCondition,
  DeliveryType,
  ExecutionMode,
  NetworkMode,
  StorageClass,
  VolumeType,
} from "./agent_types.ts";
import {
  type AgentOutputHandler,
  type ConsensusStrategy,
  type ContainerOutputHandler,
  type ContainerResources,
  type ImagePullPolicy,
  type IsolationMode,
  MANIFEST_API_VERSION,
  type McpToolOutputHandler,
  type OutputHandlerConfig,
  type RetryConfig,
  type WebhookOutputHandler,
} from "./common_types.ts";

/** Builds the value list of a string union from a record, so a missing member fails to compile. */
export function members<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

/** Allowed values of the manifest enums. */
export const ENUMS = {
  executionMode: /* @__PURE__ */ members<ExecutionMode>({ "one-shot": true, iterative: true }),
  imagePullPolicy: /* @__PURE__ */ members<ImagePullPolicy>({
    Always: true,
    IfNotPresent: true,
    Never: true,
  }),
  isolation: /* @__PURE__ */ members<IsolationMode>({
    inherit: true,
    firecracker: true,
    docker: true,
    process: true,
  }),
  networkMode: /* @__PURE__ */ members<NetworkMode>({ allow: true, deny: true, none: true }),
  consensus: /* @__PURE__ */ members<ConsensusStrategy>({
    weighted_average: true,
    majority: true,
    unanimous: true,
    best_of_n: true,
  }),
  storageClass: /* @__PURE__ */ members<StorageClass>({ ephemeral: true, persistent: true }),
  volumeType: /* @__PURE__ */ members<VolumeType>({
    seaweedfs: true,
    opendal: true,
    hostPath: true,
    seal: true,
  }),
  accessMode: /* @__PURE__ */ members<AccessMode>({ "read-only": true, "read-write": true }),
  deliveryCondition: /* @__PURE__ */ members<DeliveryCondition>({
    on_success: true,
    on_failure: true,
    always: true,
  }),
  deliveryType: /* @__PURE__ */ members<DeliveryType>({
    email: true,
    webhook: true,
    rest: true,
    sms: true,
  }),
  outputHandler: /* @__PURE__ */ members<OutputHandlerConfig["type"]>({
    agent: true,
    container: true,
    mcp_tool: true,
    webhook: true,
  }),
} as const;

const NAME_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Checks an agent or workflow `metadata.name`: `[a-z0-9-]`, no leading/trailing `-`, and at most
 * `maxLength` characters when the orchestrator limits it (workflow names: 63).
 */
export function checkResourceName(
  c: Checker,
  value: unknown,
  at: readonly Segment[],
  maxLength?: number,
): void {
  const name = c.stringValue(value, at, { required: true, nonBlank: true, noControl: true });
  if (name === undefined) return;
  if (!NAME_PATTERN.test(name)) {
    c.error(
      at,
      "must contain only lower-case letters, digits and '-', and must not start or end with '-'",
    );
  } else if (maxLength !== undefined && name.length > maxLength) {
    c.error(at, `must be at most ${maxLength} characters long, got ${name.length}`);
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

const CONTAINER_RESOURCES_FIELDS = /* @__PURE__ */ keysOf<ContainerResources>({
  cpu: true,
  memory: true,
  timeout: true,
});

/** Checks container `resources` (`cpu` millicores, `memory` size, humantime `timeout`). */
export function checkContainerResources(c: Checker, parent: Dict, at: readonly Segment[]): void {
  const resources = c.dict(parent, "resources", at);
  if (!resources) return;
  const here = [...at, "resources"];
  c.unknownKeys(resources, here, CONTAINER_RESOURCES_FIELDS);
  const cpu = c.integer(resources, "cpu", here, { max: U32_MAX, kind: "u32 millicores" });
  if (cpu === 0) c.error([...here, "cpu"], "must be at least 1 millicore");
  c.size(resources, "memory", here);
  c.humanDuration(resources, "timeout", here);
}

const RETRY_FIELDS = /* @__PURE__ */ keysOf<RetryConfig>({ max_attempts: true, backoff: true });

/** Checks a `retry` policy (`max_attempts` u32, `backoff` duration). */
export function checkRetry(c: Checker, parent: Dict, at: readonly Segment[]): void {
  const retry = c.dict(parent, "retry", at);
  if (!retry) return;
  const here = [...at, "retry"];
  c.unknownKeys(retry, here, RETRY_FIELDS);
  c.integer(retry, "max_attempts", here, { max: U32_MAX, kind: "u32" });
  c.humanDuration(retry, "backoff", here);
}

const OUTPUT_HANDLER_FIELDS: Record<OutputHandlerConfig["type"], string[]> = {
  agent: /* @__PURE__ */ keysOf<AgentOutputHandler>({
    type: true,
    agent_id: true,
    input_template: true,
    timeout_seconds: true,
    required: true,
  }),
  container: /* @__PURE__ */ keysOf<ContainerOutputHandler>({
    type: true,
    image: true,
    command: true,
    env: true,
    resources: true,
    required: true,
  }),
  mcp_tool: /* @__PURE__ */ keysOf<McpToolOutputHandler>({
    type: true,
    tool_name: true,
    arguments: true,
    timeout_seconds: true,
    required: true,
  }),
  webhook: /* @__PURE__ */ keysOf<WebhookOutputHandler>({
    type: true,
    url: true,
    method: true,
    headers: true,
    body_template: true,
    timeout_seconds: true,
    retry: true,
    required: true,
  }),
};

/** Checks an `output_handler` (agent spec and workflow states share the shape). */
export function checkOutputHandler(c: Checker, handler: unknown, at: readonly Segment[]): void {
  if (!isDict(handler)) {
    c.error(at, "must be a mapping with a 'type'");
    return;
  }
  const type = c.enumeration(handler, "type", at, ENUMS.outputHandler, true);
  c.boolean(handler, "required", at);
  if (type === undefined) return;
  c.unknownKeys(handler, at, OUTPUT_HANDLER_FIELDS[type]);
  if (type !== "container") c.integer(handler, "timeout_seconds", at, { kind: "u64" });
  switch (type) {
    case "agent":
      c.string(handler, "agent_id", at, { required: true, nonBlank: true, noControl: true });
      c.string(handler, "input_template", at);
      break;
    case "container":
      c.warn(
        [...at, "type"],
        "the orchestrator accepts 'container' output handlers but does not run them",
      );
      c.string(handler, "image", at, { required: true, nonBlank: true, noControl: true });
      c.stringList(handler, "command", at, { required: true });
      c.stringMap(handler, "env", at, { noControlKeys: true });
      checkContainerResources(c, handler, at);
      break;
    case "mcp_tool":
      c.warn(
        [...at, "type"],
        "the orchestrator accepts 'mcp_tool' output handlers but does not run them",
      );
      c.string(handler, "tool_name", at, { required: true, nonBlank: true, noControl: true });
      if (handler.arguments === undefined) {
        c.error(
          [...at, "arguments"],
          "is required (use {} or null when the tool takes no arguments)",
        );
      }
      break;
    case "webhook":
      c.httpUrl(handler, "url", at, true);
      c.string(handler, "method", at, { nonBlank: true, noControl: true });
      c.stringMap(handler, "headers", at, { noControlKeys: true, noControlValues: true });
      c.string(handler, "body_template", at);
      checkRetry(c, handler, at);
      break;
  }
}
