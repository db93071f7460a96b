package io.precis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings out of range stop the configuration from being built, each named with what is wrong with it. */
class SettingsValidatorTest {

    /** A mapping with one key for each constraint the validator knows, every default within range. */
    @ConfigMapping(prefix = "sample")
    interface Sample {

        @WithDefault("5")
        @Min(1)
        @Max(10)
        int count();

        @WithDefault("0.5")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        double ratio();

        @WithDefault("1")
        @Positive
        long size();

        @WithDefault("0")
        @PositiveOrZero
        int retries();

        @WithDefault("1s")
        @MinDuration("100ms")
        Duration pause();

        Optional<@Pattern(regexp = "https?://\\S+", message = "must be an http:// or https:// URL") String> url();

        Optional<@Pattern(regexp = "[a-z]+") String> word();

        Nested nested();

        /** A group: its keys are checked under its name. */
        interface Nested {

            @WithDefault("2")
            @Min(2)
            int depth();
        }
    }

    @ConfigMapping(prefix = "unknown")
    interface WithAConstraintItDoesNotKnow {

        @WithDefault("x")
        @NotBlank
        String name();
    }

    @Test
    void settingsWithinTheirRangesPass() {
        Sample sample = build(Sample.class, Map.of("sample.url", "https://example.org/v1", "sample.word", "abc"));

        assertThat(sample.count()).isEqualTo(5);
        assertThat(sample.url()).contains("https://example.org/v1");
    }

    @Test
    void everySettingOutOfRangeIsNamedWithWhatIsWrong() {
        Map<String, String> wrong = Map.of("sample.count", "11", "sample.ratio", "0", "sample.size", "0",
                "sample.retries", "-1", "sample.pause", "50ms", "sample.url", "example.org",
                "sample.word", "ABC", "sample.nested.depth", "1");

        assertThat(problems(Sample.class, wrong)).containsExactlyInAnyOrder(
                "sample.count must be less than or equal to 10",
                "sample.ratio must be greater than 0",
                "sample.size must be greater than 0",
                "sample.retries must be greater than or equal to 0",
                "sample.pause must be at least 100ms",
                "sample.url must be an http:// or https:// URL",
                "sample.word must match \"[a-z]+\"",
                "sample.nested.depth must be greater than or equal to 2");
    }

    @Test
    void boundsAreInclusiveUnlessSaidOtherwise() {
        Sample sample = build(Sample.class, Map.of("sample.count", "10", "sample.ratio", "1", "sample.pause", "100ms",
                "sample.nested.depth", "2"));

        assertThat(sample.count()).isEqualTo(10);
        assertThat(problems(Sample.class, Map.of("sample.count", "0", "sample.ratio", "1.01")))
                .containsExactlyInAnyOrder("sample.count must be greater than or equal to 1",
                        "sample.ratio must be less than or equal to 1");
    }

    @Test
    void aConstraintItDoesNotKnowIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> build(WithAConstraintItDoesNotKnow.class, Map.of()))
                .hasStackTraceContaining("NotBlank").hasStackTraceContaining("is not checked");
    }

    @Test
    void theServiceRegistersItWithTheConfigurationBuilder() {
        assertThat(ServiceLoader.load(SmallRyeConfigBuilderCustomizer.class).stream()
                .map(provider -> provider.type().getName()).toList()).contains(SettingsValidator.class.getName());
    }

    private static <T> T build(Class<T> mapping, Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(mapping)
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withCustomizers(new SettingsValidator()).build();
        return config.getConfigMapping(mapping);
    }

    private static List<String> problems(Class<?> mapping, Map<String, String> values) {
        try {
            build(mapping, values);
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i).getMessage());
            }
            return problems;
        }
        throw new AssertionError("The configuration was built");
    }
}
