package io.precis.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.precis.task.TokenUsage;
import io.precis.task.Warning;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Metrics and trace spans of the calls to the language model: one span per upstream call, and counters and timers
 * by provider, model and outcome. Nothing of the article or the answer is recorded, only sizes and counts.
 */
@ApplicationScoped
public class LlmTelemetry {

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();

    public LlmTelemetry(MeterRegistry registry, Tracer tracer) {
        this.registry = registry;
        this.tracer = tracer;
    }

    /**
     * Registers a gauge that reads a component's state, and removes it when the application stops: the registry may
     * outlive the application (tests restart it in one JVM), and a gauge left behind would read a dead component.
     */
    public <T> void gauge(String name, String description, Tags tags, T state, ToDoubleFunction<T> value) {
        gauges.add(Gauge.builder(name, state, value).description(description).tags(tags).strongReference(true)
                .register(registry));
    }

    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    /**
     * Runs one upstream call in a span, timing it and counting its outcome when it ends.
     *
     * @param outcome names the outcome of a failure, such as {@code unavailable}; called only on failure
     */
    <T> CompletionStage<T> call(ModelRef model, String task, Supplier<CompletionStage<T>> call,
            java.util.function.Function<Throwable, String> outcome) {
        Span span = tracer.spanBuilder("llm " + task).setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.system", model.provider())
                .setAttribute("gen_ai.request.model", model.name())
                .setAttribute("gen_ai.operation.name", "chat")
                .startSpan();
        Timer.Sample sample = Timer.start(registry);
        CompletionStage<T> started;
        try (Scope ignored = span.makeCurrent()) {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return Futures.settled(started.whenComplete((value, failure) -> {
            String result = failure == null ? "success" : outcome.apply(Futures.cause(failure));
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, result);
            }
            span.setAttribute("precis.outcome", result);
            span.end();
            sample.stop(Timer.builder("precis.llm.call.duration")
                    .description("Time of each call to the language model")
                    .tag("provider", model.provider()).tag("model", model.name()).tag("outcome", result)
                    .register(registry));
            Counter.builder("precis.llm.calls").description("Calls to the language model, by outcome")
                    .tag("provider", model.provider()).tag("model", model.name()).tag("outcome", result)
                    .register(registry).increment();
        }));
    }

    /** Counts tokens a provider reported. */
    void tokens(ModelRef model, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        if (usage.inputTokens() != null) {
            tokenCounter(model, "input").increment(usage.inputTokens());
        }
        if (usage.outputTokens() != null) {
            tokenCounter(model, "output").increment(usage.outputTokens());
        }
    }

    /**
     * Records how fast a model that runs in the service wrote one answer: the time to its first token (reading the
     * prompt, which grows with the article) and the pace of the tokens after it.
     *
     * @param firstToken the time from the call's start to the first token of the answer
     * @param tokens     the tokens of the answer
     * @param writing    the time from the first token to the last
     */
    public void generation(ModelRef model, Duration firstToken, int tokens, Duration writing) {
        Timer.builder("precis.llm.first.token")
                .description("Time from a call's start to the first token of the answer (models run in the service)")
                .tag("provider", model.provider()).tag("model", model.name()).register(registry).record(firstToken);
        if (tokens > 1 && writing.toNanos() > 0) {
            DistributionSummary.builder("precis.llm.generation.speed").baseUnit("tokens.per.second")
                    .description("Tokens per second an answer was written at, after its first token (models run in"
                            + " the service)")
                    .tag("provider", model.provider()).tag("model", model.name()).register(registry)
                    .record((tokens - 1) / (writing.toNanos() / 1e9));
        }
    }

    /**
     * Counts the warnings a stored text carries, by kind: what the output checks found and the corrective turn did not
     * remove.
     */
    void warnings(ModelRef model, String task, List<Warning> warnings) {
        for (Warning warning : warnings) {
            Counter.builder("precis.output.warnings")
                    .description("Defects found in texts written by the model and stored with them, by code")
                    .tag("provider", model.provider()).tag("model", model.name()).tag("task", task)
                    .tag("code", warning.code()).register(registry).increment();
        }
    }

    /** Counts a corrective turn: after an unusable answer, or after one with defects. */
    void correction(ModelRef model, String task, String reason) {
        Counter.builder("precis.output.corrections")
                .description("Corrective turns asked of the model, by reason (unusable answer or defects found)")
                .tag("provider", model.provider()).tag("model", model.name()).tag("task", task)
                .tag("reason", reason).register(registry).increment();
    }

    /** Counts a retry of a failed call. */
    void retry(ModelRef model) {
        Counter.builder("precis.llm.retries").description("Retries of failed calls to the language model")
                .tag("provider", model.provider()).tag("model", model.name()).register(registry).increment();
    }

    private Counter tokenCounter(ModelRef model, String direction) {
        return Counter.builder("precis.llm.tokens").description("Tokens reported by the language model")
                .tag("provider", model.provider()).tag("model", model.name()).tag("direction", direction)
                .register(registry);
    }
}
