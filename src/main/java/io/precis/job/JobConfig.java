package io.precis.job;

import io.precis.core.MinDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/** Bounds of asynchronous jobs ({@code Prefer: respond-async}). */
@ConfigMapping(prefix = "job")
public interface JobConfig {

    /** Unfinished jobs one API key (one client network without keys) may have; one more is a 429 (env JOB_MAX_ACTIVE_PER_KEY). */
    @WithDefault("10")
    @Positive
    int maxActivePerKey();

    /** How long a finished job can still be read (env JOB_RETENTION). */
    @WithDefault("24h")
    @MinDuration("1s")
    Duration retention();

    /** Longest a job may run, from its start, before it fails as timed out (env JOB_TIMEOUT). */
    @WithDefault("1h")
    @MinDuration("1s")
    Duration timeout();

    /** Jobs one replica runs at once; later ones wait in the queue, which all replicas share (env JOB_CONCURRENCY). */
    @WithDefault("4")
    @Positive
    int concurrency();

    /** Lease a replica holds on a job it runs, renewed every second while it lives; another replica takes the job over when it lapses (env JOB_LEASE). */
    @WithDefault("30s")
    @MinDuration("300ms")
    Duration lease();
}
