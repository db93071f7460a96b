package io.precis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.ArticleConfig;
import io.precis.cache.CacheConfig;
import io.precis.digest.BatchConfig;
import io.precis.job.JobConfig;
import io.precis.job.WebhookConfig;
import io.precis.llm.LegacyNames;
import io.precis.llm.LlmConfig;
import io.precis.metering.RateLimitConfig;
import io.precis.problem.HttpLimitsConfig;
import io.precis.prompt.PromptConfig;
import io.precis.security.SecurityConfig;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every operator setting is in the configuration table of docs/configuration.md, under its environment variable. */
class ConfigurationDocsTest {

    private static final List<Class<?>> MAPPINGS = List.of(LlmConfig.class, CacheConfig.class, ArticleConfig.class,
            PromptConfig.class, SecurityConfig.class, RateLimitConfig.class, BatchConfig.class, HttpLimitsConfig.class,
            JobConfig.class, WebhookConfig.class);

    @Test
    void theConfigurationTableListsEverySettingWithItsEnvironmentVariableAndProperty() throws IOException {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        List<String> settings = new ArrayList<>();
        for (Class<?> mapping : MAPPINGS) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, settings);
        }
        List<String> missing = new ArrayList<>();
        for (String property : settings) {
            // A grouped setting keeps the environment variable of the name it had before it was grouped.
            String env = LegacyNames.RELOCATED.getOrDefault(property, property).toUpperCase(Locale.ROOT)
                    .replace('.', '_').replace('-', '_');
            if (!readme.contains("| `" + env + "` | `" + property + "` |")) {
                missing.add(env + " (" + property + ")");
            }
        }

        assertThat(settings).contains("llm.retry.max-retries", "llm.circuit.delay", "llm.local.context");
        assertThat(missing).isEmpty();
    }

    /** The properties of a mapping, walking into its groups. */
    private static void collect(String prefix, Class<?> type, List<String> into) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isDefault() || method.isSynthetic()) {
                continue;
            }
            String name = prefix + "." + kebab(method.getName());
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith("io.precis.")) {
                collect(name, method.getReturnType(), into);
            } else {
                into.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
