import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  buildIterationPrompt,
  InvalidArgumentError,
  parseIterationHistory,
  readBootstrapEnv,
} from "../../bootstrap/mod.ts";

const AGENT = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const EXECUTION = "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
const REQUIRED = {
  AEGIS_AGENT_ID: AGENT,
  AEGIS_EXECUTION_ID: EXECUTION,
  AEGIS_MODEL_ALIAS: "fast",
};
const PRIVATE_KEY = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

function failsOn(env: Record<string, string | undefined>, variable: string): InvalidArgumentError {
  try {
    readBootstrapEnv(env);
  } catch (error) {
    assert.ok(error instanceof InvalidArgumentError, String(error));
    assert.equal(error.argument, variable);
    assert.ok(error.message.includes(variable), error.message);
    return error;
  }
  assert.fail(`expected ${variable} to be rejected`);
}

describe("readBootstrapEnv", () => {
  it("reads the minimal environment with the default bootstrap's defaults", () => {
    const env = readBootstrapEnv(REQUIRED);
    assert.deepEqual({ ...env }, {
      agentId: AGENT,
      executionId: EXECUTION,
      orchestratorUrl: "http://host.docker.internal:8088",
      modelAlias: "fast",
      llmTimeoutSeconds: 300,
      iteration: 1,
      iterationHistory: [],
      bootstrapDebug: false,
      sealEnabled: false,
    });
  });

  it("reads every injected variable", () => {
    const env = readBootstrapEnv({
      ...REQUIRED,
      AEGIS_ORCHESTRATOR_URL: "http://127.0.0.1:8088",
      AEGIS_LLM_TIMEOUT_SECONDS: "120",
      AEGIS_AGENT_INSTRUCTION: "Be terse.",
      AEGIS_PROMPT_TEMPLATE: "{agent_instruction}\n{user_input}",
      AEGIS_ITERATION: "3",
      AEGIS_ITERATION_HISTORY:
        '[{"iteration":1,"output":"a"},{"iteration":2,"error":"b","output":null}]',
      AEGIS_WORKFLOW_ID: "wf-1",
      AEGIS_BOOTSTRAP_DEBUG: "TRUE",
      AEGIS_SEAL_ENABLED: "yes",
      AEGIS_SEAL_GATEWAY_URL: "http://host.docker.internal:8090",
      AEGIS_SECURITY_CONTEXT: "default",
      AEGIS_SEAL_PRIVATE_KEY: PRIVATE_KEY,
      AEGIS_SEAL_TOKEN: "tok.en.value",
      UNRELATED: "x",
    });
    assert.equal(env.orchestratorUrl, "http://127.0.0.1:8088");
    assert.equal(env.llmTimeoutSeconds, 120);
    assert.equal(env.agentInstruction, "Be terse.");
    assert.equal(env.promptTemplate, "{agent_instruction}\n{user_input}");
    assert.equal(env.iteration, 3);
    assert.deepEqual(env.iterationHistory, [{ iteration: 1, output: "a" }, {
      iteration: 2,
      error: "b",
    }]);
    assert.equal(env.workflowId, "wf-1");
    assert.equal(env.bootstrapDebug, true);
    assert.equal(env.sealEnabled, true);
    assert.equal(env.sealGatewayUrl, "http://host.docker.internal:8090");
    assert.equal(env.securityContext, "default");
    assert.equal(env.sealPrivateKey, PRIVATE_KEY);
    assert.equal(env.sealToken, "tok.en.value");
  });

  it("keeps the SEAL key and token out of serialisation and errors", () => {
    const env = readBootstrapEnv({
      ...REQUIRED,
      AEGIS_SEAL_PRIVATE_KEY: PRIVATE_KEY,
      AEGIS_SEAL_TOKEN: "secret-token",
    });
    const json = JSON.stringify(env);
    assert.ok(!json.includes(PRIVATE_KEY) && !json.includes("secret-token"), json);
    assert.ok(!Object.keys(env).includes("sealPrivateKey"));
    const error = failsOn(
      { ...REQUIRED, AEGIS_SEAL_PRIVATE_KEY: "not*base64-secret" },
      "AEGIS_SEAL_PRIVATE_KEY",
    );
    assert.ok(!error.message.includes("not*base64-secret"));
  });

  it("rejects missing or malformed required variables with their names", () => {
    failsOn({ ...REQUIRED, AEGIS_AGENT_ID: undefined }, "AEGIS_AGENT_ID");
    failsOn({ ...REQUIRED, AEGIS_AGENT_ID: "" }, "AEGIS_AGENT_ID");
    failsOn({ ...REQUIRED, AEGIS_AGENT_ID: "unknown" }, "AEGIS_AGENT_ID");
    failsOn({ ...REQUIRED, AEGIS_EXECUTION_ID: undefined }, "AEGIS_EXECUTION_ID");
    failsOn({ ...REQUIRED, AEGIS_EXECUTION_ID: "exec-1" }, "AEGIS_EXECUTION_ID");
    failsOn({ ...REQUIRED, AEGIS_MODEL_ALIAS: undefined }, "AEGIS_MODEL_ALIAS");
    failsOn({ ...REQUIRED, AEGIS_ORCHESTRATOR_URL: "host:8088" }, "AEGIS_ORCHESTRATOR_URL");
    failsOn({ ...REQUIRED, AEGIS_ORCHESTRATOR_URL: "ftp://host" }, "AEGIS_ORCHESTRATOR_URL");
    failsOn({ ...REQUIRED, AEGIS_ITERATION: "two" }, "AEGIS_ITERATION");
    failsOn({ ...REQUIRED, AEGIS_ITERATION: "256" }, "AEGIS_ITERATION");
    failsOn({ ...REQUIRED, AEGIS_ITERATION_HISTORY: "[{" }, "AEGIS_ITERATION_HISTORY");
    failsOn({ ...REQUIRED, AEGIS_ITERATION_HISTORY: '{"iteration":1}' }, "AEGIS_ITERATION_HISTORY");
    failsOn({ ...REQUIRED, AEGIS_ITERATION_HISTORY: "[1]" }, "AEGIS_ITERATION_HISTORY[0]");
    failsOn(
      { ...REQUIRED, AEGIS_ITERATION_HISTORY: '[{"output":3}]' },
      "AEGIS_ITERATION_HISTORY[0].output",
    );
  });

  it("falls back to 300 s for an invalid LLM timeout, like bootstrap.py", () => {
    for (const value of ["", "abc", "-5", "0", "1.5", "1e3"]) {
      assert.equal(
        readBootstrapEnv({ ...REQUIRED, AEGIS_LLM_TIMEOUT_SECONDS: value }).llmTimeoutSeconds,
        300,
        value,
      );
    }
    assert.equal(
      readBootstrapEnv({ ...REQUIRED, AEGIS_LLM_TIMEOUT_SECONDS: " 45 " }).llmTimeoutSeconds,
      45,
    );
  });
});

describe("iteration history prompt", () => {
  it("returns the prompt unchanged without history", () => {
    assert.equal(buildIterationPrompt("Do it", []), "Do it");
  });

  it("prefixes a Previous Attempts block with every non-empty field", () => {
    const history = parseIterationHistory(JSON.stringify([
      { iteration: 1, output: "41", error: "", feedback: "off by one" },
      { iteration: 2, error: "timeout", validation_reason: "no output" },
      {},
    ]));
    assert.equal(
      buildIterationPrompt("Compute 6*7", history),
      "# Previous Attempts:\n" +
        "\n## Iteration 1:\nOutput:\n41\nFeedback:\noff by one\n" +
        "\n## Iteration 2:\nError:\ntimeout\nValidation reason:\nno output\n" +
        "\n## Iteration ?:\n" +
        "\n# Current Attempt:\nCompute 6*7",
    );
  });
});
