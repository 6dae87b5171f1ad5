/**
 * Shared test set-up: a fake orchestrator and a client wired to it in-process.
 *
 * @module
 */

import { AegisClient, type ClientOptions } from "../mod.ts";
import {
  createFakeOrchestrator,
  type FakeOrchestrator,
  type FakeOrchestratorOptions,
  type RecordedRequest,
} from "../testing/mod.ts";

/** A fake orchestrator and a client authenticated against it. */
export interface Harness {
  fake: FakeOrchestrator;
  client: AegisClient;
  /** The last request the fake received for `path` (raw path), if any. */
  last(path?: string | RegExp): RecordedRequest;
}

/** Creates a fake orchestrator and an in-process client with a static token. */
export function setup(
  clientOptions: Partial<ClientOptions> = {},
  fakeOptions: FakeOrchestratorOptions = {},
): Harness {
  const fake = createFakeOrchestrator(fakeOptions);
  const client = new AegisClient({
    baseUrl: "http://aegis.test",
    bearerToken: fake.token,
    fetch: fake.fetch,
    ...clientOptions,
  });
  return {
    fake,
    client,
    last(path) {
      const matching = fake.requests.filter((r) =>
        path === undefined || (typeof path === "string" ? r.path === path : path.test(r.path))
      );
      const request = matching.at(-1);
      if (!request) throw new Error(`no request recorded for ${String(path)}`);
      return request;
    },
  };
}

/** A minimal valid agent manifest. */
export function helloManifest(name = "hello", version = "1.0.0") {
  return {
    apiVersion: "100monkeys.ai/v1" as const,
    kind: "Agent" as const,
    metadata: { name, version },
    spec: {
      runtime: { language: "python", version: "3.11" },
      task: { instruction: "Say hi" },
    },
  };
}
