package io.precis.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job is in its life. */
public enum JobStatus {
    /** Waiting for a replica to start it. */
    QUEUED,
    /** Started; its progress grows. */
    RUNNING,
    /** Done: its result is the synchronous call's answer. */
    SUCCEEDED,
    /** Ended in a problem, the one the synchronous call would have answered. */
    FAILED,
    /** Called off by its owner. */
    CANCELLED;

    /** The status as the API writes it. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job will not change any more. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
