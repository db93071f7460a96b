package io.precis.metering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.cache.CacheBackend;
import io.precis.cache.CacheConfig;
import io.precis.cache.RedisTier;
import io.precis.task.Caller;
import io.precis.task.TokenUsage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts what each caller asked of the service, by UTC day ({@link Measure}), for {@code GET /api/v1/usage} and for
 * the metrics ({@code precis.usage.*}, labelled by key name).
 *
 * <p>Every count is kept in this process's memory for 30 days. With {@code CACHE_BACKEND=redis} counts are also added
 * to one Redis hash per caller and day, so that the usage of a key is the same whichever replica is asked; they are
 * sent in batches, once a second, so that counting costs a request no Redis round trip. A report first sends this
 * replica's pending counts, so it holds everything this replica counted; other replicas' counts of the last second
 * may still be on their way. While Redis does not answer, counts wait in memory and the report says it covers this
 * replica only.
 */
@ApplicationScoped
public class UsageLedger {

    /** Days a report covers, today included. */
    static final int DAYS = 30;
    private static final String PREFIX = "precis:usage:v1:";
    private static final String BATCH_PREFIX = "precis:usage-batch:v1:";
    private static final Duration KEPT = Duration.ofDays(DAYS + 1);
    /** Distinct key names the metrics carry; beyond them (a keys file that keeps growing), "other". */
    private static final int MAX_LABELS = 100;
    private static final Measure[] MEASURES = Measure.values();

    private final Clock clock;
    private final Optional<RedisTier> shared;
    private final MeterRegistry registry;
    /** Each caller's counts by day. Bounded: a caller unseen for the whole span is forgotten. */
    private final Cache<String, Map<LocalDate, AtomicLongArray>> local = Caffeine.newBuilder()
            .expireAfterAccess(KEPT).maximumSize(100_000).build();
    /** Counts not yet added in Redis, by caller and day. */
    private final Map<Pending, AtomicLongArray> pending = new ConcurrentHashMap<>();
    /** Batches Redis did not confirm, to send again as they are. */
    private final Queue<Batch> unsent = new ConcurrentLinkedQueue<>();
    /** Each label's counters, by measure's ordinal: looked up once per count, with no allocation. */
    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    @Inject
    public UsageLedger(CacheConfig cache, RedisTier redis, MeterRegistry registry) {
        this(Clock.systemUTC(), cache.backend() == CacheBackend.REDIS ? Optional.of(redis) : Optional.empty(),
                registry);
    }

    UsageLedger(Clock clock, Optional<RedisTier> shared, MeterRegistry registry) {
        this.clock = clock;
        this.shared = shared;
        this.registry = registry;
        if (shared.isPresent()) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "usage-flush");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
        } else {
            this.flusher = null;
        }
    }

    /** Counts one admitted request. */
    public void request(Caller caller) {
        add(caller, Measure.REQUESTS, 1);
    }

    /** Counts one article and its characters. */
    public void article(Caller caller, long characters) {
        add(caller, Measure.ARTICLES, 1);
        add(caller, Measure.CHARACTERS, characters);
    }

    /** Counts the tokens of a model call made for the caller; counts the provider did not report are not added. */
    public void tokens(Caller caller, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        if (usage.inputTokens() != null) {
            add(caller, Measure.TOKENS_IN, usage.inputTokens());
        }
        if (usage.outputTokens() != null) {
            add(caller, Measure.TOKENS_OUT, usage.outputTokens());
        }
    }

    /** Counts parts answered from the cache. */
    public void cacheHits(Caller caller, int parts) {
        if (parts > 0) {
            add(caller, Measure.CACHE_HITS, parts);
        }
    }

    /** A caller's use today and over the last 30 days. */
    public CompletableFuture<UsageReport> report(Caller caller) {
        LocalDate today = LocalDate.now(clock);
        List<LocalDate> days = new ArrayList<>(DAYS);
        for (int back = DAYS - 1; back >= 0; back--) {
            days.add(today.minusDays(back));
        }
        if (shared.isEmpty()) {
            return CompletableFuture.completedFuture(report(caller, days, localCounts(caller, days),
                    UsageReport.THIS_REPLICA));
        }
        RedisTier redis = shared.get();
        return flush(caller).thenCompose(sent -> redis.readCounts(days.stream().map(day -> hash(caller, day)).toList()))
                .thenApply(read -> read.map(hashes -> report(caller, days, fromRedis(hashes), UsageReport.ALL_REPLICAS))
                        .orElseGet(() -> report(caller, days, localCounts(caller, days), UsageReport.THIS_REPLICA)));
    }

    /** Forgets every count held in this process, as a restart would. */
    public void forgetAll() {
        local.invalidateAll();
        pending.clear();
        unsent.clear();
    }

    /** Sends what is pending before the process ends. */
    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
            flush(null).orTimeout(2, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
    }

    private void add(Caller caller, Measure measure, long amount) {
        LocalDate today = LocalDate.now(clock);
        Map<LocalDate, AtomicLongArray> days = local.get(caller.id(), id -> new ConcurrentHashMap<>());
        AtomicLongArray counts = days.get(today);
        if (counts == null) {
            counts = days.computeIfAbsent(today, day -> new AtomicLongArray(MEASURES.length));
            days.keySet().removeIf(day -> day.isBefore(today.minusDays(DAYS)));
        }
        counts.addAndGet(measure.ordinal(), amount);
        if (shared.isPresent()) {
            // Added inside the map's own lock, so that a flush removing an emptied entry cannot take it away first.
            pending.compute(new Pending(caller, today), (key, held) -> {
                AtomicLongArray into = held == null ? new AtomicLongArray(MEASURES.length) : held;
                into.addAndGet(measure.ordinal(), amount);
                return into;
            });
        }
        counter(caller, measure).increment(amount);
    }

    private void flushQuietly() {
        try {
            flush(null).join();
        } catch (RuntimeException e) {
            // RedisTier never fails a command; anything else is a bug, and the next flush tries again.
        }
    }

    /**
     * Adds the pending counts (of one caller, or of all when null) in Redis. A batch Redis did not confirm is sent
     * again as it was, under the same id, which Redis applies once: a reply lost after Redis counted it is not
     * counted twice.
     */
    private CompletableFuture<Void> flush(Caller only) {
        RedisTier redis = shared.orElseThrow();
        List<Batch> batches = new ArrayList<>();
        for (Iterator<Batch> it = unsent.iterator(); it.hasNext(); ) {
            Batch batch = it.next();
            if (only == null || only.equals(batch.caller())) {
                it.remove();
                batches.add(batch);
            }
        }
        LocalDate today = LocalDate.now(clock);
        for (Pending at : List.copyOf(pending.keySet())) {
            if (only != null && !only.equals(at.caller())) {
                continue;
            }
            Map<String, Long> amounts = new LinkedHashMap<>();
            // Taken, and an emptied entry of a past day removed, inside the map's lock that add() increments under.
            pending.computeIfPresent(at, (key, counts) -> {
                boolean empty = true;
                for (Measure measure : MEASURES) {
                    long taken = counts.getAndSet(measure.ordinal(), 0);
                    if (taken != 0) {
                        amounts.put(measure.field(), taken);
                        empty = false;
                    }
                }
                return empty && at.day().isBefore(today) ? null : counts;
            });
            if (!amounts.isEmpty()) {
                batches.add(new Batch(at.caller(), hash(at.caller(), at.day()), amounts, UUID.randomUUID().toString()));
            }
        }
        List<CompletableFuture<Boolean>> sent = new ArrayList<>(batches.size());
        for (Batch batch : batches) {
            String applied = BATCH_PREFIX + "{" + batch.caller().id() + "}:" + batch.id();
            sent.add(redis.addCounts(batch.hash(), batch.amounts(), KEPT, applied).whenComplete((answered, failure) -> {
                if (!Boolean.TRUE.equals(answered)) {
                    unsent.add(batch);
                }
            }));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private List<Map<Measure, Long>> localCounts(Caller caller, List<LocalDate> days) {
        Map<LocalDate, AtomicLongArray> held = local.getIfPresent(caller.id());
        List<Map<Measure, Long>> counts = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            AtomicLongArray found = held == null ? null : held.get(day);
            Map<Measure, Long> byMeasure = new EnumMap<>(Measure.class);
            for (Measure measure : MEASURES) {
                byMeasure.put(measure, found == null ? 0 : found.get(measure.ordinal()));
            }
            counts.add(byMeasure);
        }
        return counts;
    }

    private static List<Map<Measure, Long>> fromRedis(List<Map<String, Long>> hashes) {
        List<Map<Measure, Long>> counts = new ArrayList<>(hashes.size());
        for (Map<String, Long> hash : hashes) {
            Map<Measure, Long> byMeasure = new EnumMap<>(Measure.class);
            for (Measure measure : MEASURES) {
                byMeasure.put(measure, hash.getOrDefault(measure.field(), 0L));
            }
            counts.add(byMeasure);
        }
        return counts;
    }

    private static UsageReport report(Caller caller, List<LocalDate> days, List<Map<Measure, Long>> counts,
            String scope) {
        Map<Measure, Long> total = new EnumMap<>(Measure.class);
        for (Map<Measure, Long> day : counts) {
            day.forEach((measure, amount) -> total.merge(measure, amount, Long::sum));
        }
        LocalDate today = days.get(days.size() - 1);
        return new UsageReport(caller.label(), new UsageReport.Totals(today, today, counts.get(counts.size() - 1)),
                new UsageReport.Totals(days.get(0), today, total), scope);
    }

    private static String hash(Caller caller, LocalDate day) {
        // The hash tag keeps a caller's days on one Redis Cluster slot, so that one script reads them all.
        return PREFIX + "{" + caller.id() + "}:" + day;
    }

    private Counter counter(Caller caller, Measure measure) {
        Counter[] byMeasure = counters.get(caller.label());
        if (byMeasure == null) {
            String label = counters.size() >= MAX_LABELS ? "other" : caller.label();
            byMeasure = counters.computeIfAbsent(label, this::register);
        }
        return byMeasure[measure.ordinal()];
    }

    private Counter[] register(String label) {
        Counter[] byMeasure = new Counter[MEASURES.length];
        for (Measure measure : MEASURES) {
            byMeasure[measure.ordinal()] = Counter.builder("precis.usage." + metricName(measure))
                    .description("What callers asked of the service, by API key name (anonymous without keys)")
                    .tag("key", label).register(registry);
        }
        return byMeasure;
    }

    private static String metricName(Measure measure) {
        return switch (measure) {
            case REQUESTS -> "requests";
            case ARTICLES -> "articles";
            case CHARACTERS -> "characters";
            case TOKENS_IN -> "tokens.in";
            case TOKENS_OUT -> "tokens.out";
            case CACHE_HITS -> "cache.hits";
        };
    }

    /** Counts of one caller and day. */
    private record Pending(Caller caller, LocalDate day) {
    }

    /** Counts taken for Redis, with the id that makes sending them again harmless. */
    private record Batch(Caller caller, String hash, Map<String, Long> amounts, String id) {
    }
}
