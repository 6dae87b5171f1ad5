/**
 * OpenTelemetry: propagate the caller's trace to the orchestrator (`traceparent`/`tracestate`),
 * and record one CLIENT span per HTTP attempt with the SDK's lifecycle hooks.
 *
 * Only `@opentelemetry/api` is used. An application normally registers the OpenTelemetry SDK
 * (`NodeSDK`, or `BasicTracerProvider` with an exporter and an `AsyncLocalStorage` context
 * manager); to stay self-contained this example registers a minimal in-memory tracer provider
 * and context manager instead, and prints the spans it recorded.
 *
 *     Deno:  deno run -A --import-map=import_map.dev.json --lock=deno.dev.lock examples/opentelemetry.ts
 *     Node:  npx tsx examples/opentelemetry.ts
 *     Bun:   bun examples/opentelemetry.ts
 *
 * Runs against the embedded fake orchestrator.
 *
 * @module
 */

import { AsyncLocalStorage } from "node:async_hooks";
import {
  type Attributes,
  type Context,
  context,
  type ContextManager,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  type SpanOptions,
  type SpanStatus,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import { AegisClient, type HookCall, type Hooks } from "../mod.ts";
import { createFakeOrchestrator } from "../testing/mod.ts";

// ---------------------------------------------------------------------------------------------
// The SDK wiring: what an application adds to its AegisClient options.

/** Propagation only: the orchestrator joins the caller's trace. */
function propagateActiveSpan(): { traceContext: () => SpanContext | undefined } {
  return { traceContext: () => trace.getActiveSpan()?.spanContext() };
}

/**
 * One CLIENT span per HTTP attempt (retries included), child of the caller's active span, sent
 * to the orchestrator as `traceparent` so that its spans hang below the attempt.
 */
function clientSpans(tracer: Tracer): Hooks {
  // `ctx.call` is one object per call: the key for the span of its current attempt.
  const spans = new WeakMap<HookCall, Span>();
  return {
    beforeRequest: [(ctx) => {
      const span = tracer.startSpan(`${ctx.call.method} ${ctx.call.path}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          "http.request.method": ctx.call.method,
          "url.full": ctx.call.url, // already without query string or credentials
          "http.request.resend_count": ctx.attempt - 1,
        },
      });
      spans.set(ctx.call, span);
      const { traceId, spanId, traceFlags } = span.spanContext();
      ctx.setHeader("traceparent", `00-${traceId}-${spanId}-0${traceFlags & 1}`);
    }],
    afterResponse: [(ctx) => {
      const span = spans.get(ctx.call);
      span?.setAttribute("http.response.status_code", ctx.status);
      if (ctx.status >= 400) span?.setStatus({ code: SpanStatusCode.ERROR });
      span?.end();
    }],
    onError: [(ctx) => {
      // The attempt that failed without an HTTP answer (timeout, connection) is still open.
      const span = spans.get(ctx.call);
      if (span?.isRecording()) {
        span.recordException(ctx.error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: ctx.error.name });
        span.end();
      }
    }],
  };
}

// ---------------------------------------------------------------------------------------------
// A minimal in-memory tracer provider and context manager (an application uses the SDK's).

/** A span kept in memory once ended. */
class RecordedSpan implements Span {
  readonly attributes: Attributes = {};
  readonly events: string[] = [];
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  #ended = false;

  constructor(
    public name: string,
    readonly kind: SpanKind,
    readonly context: SpanContext,
    readonly parentSpanId: string | undefined,
    readonly finished: RecordedSpan[],
  ) {}

  spanContext(): SpanContext {
    return this.context;
  }
  setAttribute(key: string, value: Attributes[string]): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(name: string): this {
    this.events.push(name);
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.status = status;
    return this;
  }
  updateName(name: string): this {
    this.name = name;
    return this;
  }
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.finished.push(this);
  }
  isRecording(): boolean {
    return !this.#ended;
  }
  recordException(exception: unknown): void {
    this.events.push(`exception: ${exception instanceof Error ? exception.name : exception}`);
  }
}

function randomHex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

class InMemoryTracer implements Tracer {
  constructor(readonly finished: RecordedSpan[]) {}

  startSpan(name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    const parent = options.root ? undefined : trace.getSpanContext(ctx);
    const spanContext: SpanContext = {
      traceId: parent?.traceId ?? randomHex(16),
      spanId: randomHex(8),
      traceFlags: TraceFlags.SAMPLED,
    };
    const span = new RecordedSpan(
      name,
      options.kind ?? SpanKind.INTERNAL,
      spanContext,
      parent?.spanId,
      this.finished,
    );
    if (options.attributes) span.setAttributes(options.attributes);
    return span;
  }

  startActiveSpan = ((name: string, ...rest: unknown[]) => {
    const fn = rest.at(-1) as (span: Span) => unknown;
    const options = (rest.length >= 2 ? rest[0] : {}) as SpanOptions;
    const ctx = (rest.length >= 3 ? rest[1] : context.active()) as Context;
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), fn, undefined, span);
  }) as Tracer["startActiveSpan"];
}

class InMemoryTracerProvider implements TracerProvider {
  readonly finished: RecordedSpan[] = [];
  getTracer(): Tracer {
    return new InMemoryTracer(this.finished);
  }
}

/** The active context follows async calls (what the Node SDK's context manager does). */
class AsyncContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const provider = new InMemoryTracerProvider();
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncContextManager());
  const tracer = trace.getTracer("aegis-sdk-example");

  await using fake = createFakeOrchestrator();
  const connection = { baseUrl: "http://aegis.test", bearerToken: fake.token, fetch: fake.fetch };

  // 1. Propagation only: three lines of options.
  const propagating = new AegisClient({ ...connection, ...propagateActiveSpan() });
  await tracer.startActiveSpan("list agents", async (span) => {
    await propagating.listAgents();
    span.end();
    const sent = fake.requests.at(-1)?.headers.get("traceparent");
    console.log(`propagated: ${sent} (caller span ${span.spanContext().spanId})`);
  });

  // 2. A CLIENT span per attempt: a retried list, and a lookup of an agent that does not exist.
  const instrumented = new AegisClient({ ...connection, hooks: clientSpans(tracer) });
  fake.faults.add({
    method: "GET",
    path: "/v1/agents",
    status: 503,
    headers: { "retry-after": "0" },
  });
  await tracer.startActiveSpan("checkout", async (parent) => {
    await instrumented.listAgents();
    await instrumented.getAgent("6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11").catch(() => {});
    parent.end();
  });

  const received = new Set(fake.requests.map((r) => r.headers.get("traceparent")?.split("-")[2]));
  for (const span of provider.finished) {
    console.log(
      [
        `span ${JSON.stringify(span.name)}`,
        `kind=${SpanKind[span.kind]}`,
        `trace=${span.context.traceId}`,
        `id=${span.context.spanId}`,
        `parent=${span.parentSpanId ?? "-"}`,
        `status=${SpanStatusCode[span.status.code]}`,
        `http.status=${span.attributes["http.response.status_code"] ?? "-"}`,
        `resend=${span.attributes["http.request.resend_count"] ?? "-"}`,
        `sent=${received.has(span.context.spanId)}`,
      ].join(" "),
    );
  }
}

await main();
