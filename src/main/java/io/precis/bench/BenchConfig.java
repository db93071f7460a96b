package io.precis.bench;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The benchmark's baseline endpoint, off unless the benchmark turns it on. */
@ConfigMapping(prefix = "bench")
public interface BenchConfig {

    /** Whether /bench/baseline exists: for the benchmark only, off (404) otherwise (env BENCH_BASELINE). */
    @WithDefault("false")
    boolean baseline();
}
