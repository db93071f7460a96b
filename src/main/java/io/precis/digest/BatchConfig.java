package io.precis.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/** Limits of the batch endpoint. */
@ConfigMapping(prefix = "batch")
public interface BatchConfig {

    /** Most articles in one batch; more is a 413 (env BATCH_MAX_ITEMS). */
    @WithDefault("50")
    @Positive
    int maxItems();

    /** Articles of one batch digested at once (env BATCH_CONCURRENCY). */
    @WithDefault("4")
    @Positive
    int concurrency();
}
