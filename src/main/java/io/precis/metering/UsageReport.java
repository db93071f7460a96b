package io.precis.metering;

import java.time.LocalDate;
import java.util.Map;

/**
 * One caller's use of the service.
 *
 * @param caller     the key's name, or {@code anonymous} for a client known by its address
 * @param today      the current day, in UTC
 * @param last30Days the 30 days ending today, today included
 * @param scope      {@code all-replicas} when counted in Redis, {@code this-replica} otherwise (no Redis, or Redis
 *                   not answering)
 */
public record UsageReport(String caller, Totals today, Totals last30Days, String scope) {

    /** Counted in Redis, for every replica. */
    public static final String ALL_REPLICAS = "all-replicas";
    /** Counted in this process only. */
    public static final String THIS_REPLICA = "this-replica";

    /**
     * What was counted over a span of days.
     *
     * @param from   first day, included
     * @param to     last day, included
     * @param counts each measure's total
     */
    public record Totals(LocalDate from, LocalDate to, Map<Measure, Long> counts) {

        /** One measure's total; 0 when nothing was counted. */
        public long get(Measure measure) {
            return counts.getOrDefault(measure, 0L);
        }
    }
}
