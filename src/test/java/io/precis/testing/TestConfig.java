package io.precis.testing;

import io.precis.article.ArticleConfig;
import io.precis.llm.LegacyNames;
import io.precis.llm.LlmConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/**
 * Configuration mappings built from a few values, with every other key at its default, for tests without Quarkus.
 * Durations are read as Quarkus reads them ("30s").
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static LlmConfig llm(Map<String, String> values) {
        return llm(new io.smallrye.config.PropertiesConfigSource(values, "test", 500));
    }

    /** The mapping read from these sources, with the service's own configuration interceptors. */
    public static LlmConfig llm(org.eclipse.microprofile.config.spi.ConfigSource... sources) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withInterceptors(new LegacyNames())
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(java.nio.file.Path.class, 100, value -> value.isEmpty() ? null : java.nio.file.Path.of(value))
                .withMapping(LlmConfig.class)
                .withSources(sources)
                .build();
        return config.getConfigMapping(LlmConfig.class);
    }

    /** Any of the service's configuration mappings, read from these values with every other key at its default. */
    public static <T> T mapping(Class<T> type, Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(type)
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                .build();
        return config.getConfigMapping(type);
    }

    /** The article limits, read from these values with every other key at its default. */
    public static ArticleConfig article(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(ArticleConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                .build();
        return config.getConfigMapping(ArticleConfig.class);
    }
}
