package io.precis.api;

import io.precis.metering.CurrentCaller;
import io.precis.metering.Limits;
import io.precis.metering.Measure;
import io.precis.metering.RateLimitConfig;
import io.precis.metering.UsageLedger;
import io.precis.metering.UsageReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the calling API key asked of the service, and its limits. */
@Path("/api/v1/usage")
@Tag(name = "Usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final UsageLedger ledger;
    private final CurrentCaller caller;
    private final RateLimitConfig limits;
    private final Limits buckets;

    public UsageResource(UsageLedger ledger, CurrentCaller caller, RateLimitConfig limits,
            Limits buckets) {
        this.ledger = ledger;
        this.caller = caller;
        this.limits = limits;
        this.buckets = buckets;
    }

    @GET
    @Operation(summary = "Get the calling key's usage",
            description = "Requests, articles, characters of article, model tokens in and out, and parts answered"
                    + " from the cache, counted for the API key of the call (for the client's address when the API"
                    + " has no keys), today and over the 30 days ending today (UTC), with the key's limits. With"
                    + " Redis the counts are those of every replica (scope all-replicas; other replicas' counts of"
                    + " the last second may still be on their way); without it, or while Redis does not answer,"
                    + " those of the replica that answers (this-replica).")
    @APIResponse(responseCode = "200", description = "The key's usage.",
            content = @Content(schema = @Schema(implementation = Usage.class),
                    examples = @ExampleObject(name = "usage", value = ApiExamples.USAGE_RESPONSE)))
    public CompletionStage<Usage> get() {
        return ledger.report(caller.get()).thenApply(report -> new Usage(report.caller(), report.scope(),
                Totals.of(report.today()), Totals.of(report.last30Days()),
                new UsageLimits(limits.perMinute(), limits.burst(), limits.charactersPerMinute(),
                        buckets.characterBurst())));
    }

    /**
     * A key's usage.
     *
     * @param key        the key's name; anonymous for a client known by its address
     * @param scope      all-replicas, or this-replica
     * @param today      today's counts (UTC)
     * @param last30Days the counts of the 30 days ending today
     * @param limits     the key's limits; 0 is no limit
     */
    @Schema(name = "Usage", description = "What an API key asked of the service, and its limits.",
            example = ApiExamples.USAGE_RESPONSE)
    public record Usage(String key,
            @Schema(type = SchemaType.STRING, enumeration = {"all-replicas", "this-replica"}) String scope,
            Totals today, Totals last30Days, UsageLimits limits) {
    }

    /**
     * Counts over a span of days.
     *
     * @param from       first day, included
     * @param to         last day, included
     * @param requests   API requests admitted
     * @param articles   articles sent (one per request, one per batch item)
     * @param characters characters of those articles, after cleaning
     * @param tokensIn   prompt tokens of the model calls made for the key
     * @param tokensOut  tokens the model wrote for the key
     * @param cacheHits  summaries and translations answered from the cache
     */
    @Schema(name = "UsageTotals", description = "What was counted over a span of days.", example = """
            {"from": "2026-12-01", "to": "2026-12-01", "requests": 42, "articles": 40, "characters": 151230,
             "tokensIn": 61200, "tokensOut": 18400, "cacheHits": 17}""")
    public record Totals(LocalDate from, LocalDate to, long requests, long articles, long characters, long tokensIn,
            long tokensOut, long cacheHits) {

        static Totals of(UsageReport.Totals totals) {
            return new Totals(totals.from(), totals.to(), totals.get(Measure.REQUESTS), totals.get(Measure.ARTICLES),
                    totals.get(Measure.CHARACTERS), totals.get(Measure.TOKENS_IN), totals.get(Measure.TOKENS_OUT),
                    totals.get(Measure.CACHE_HITS));
        }
    }

    /**
     * A key's limits, per minute; 0 is no limit.
     *
     * @param requestsPerMinute   steady request rate
     * @param requestBurst        requests at once above it
     * @param charactersPerMinute steady rate of characters of article
     * @param characterBurst      characters of article at once: a minute's worth, or one longest article
     */
    @Schema(name = "UsageLimits", description = "A key's limits, per minute; 0 is no limit.",
            example = "{\"requestsPerMinute\": 600, \"requestBurst\": 60, \"charactersPerMinute\": 2000000,"
                    + " \"characterBurst\": 2000000}")
    public record UsageLimits(int requestsPerMinute, int requestBurst, int charactersPerMinute, long characterBurst) {
    }
}
