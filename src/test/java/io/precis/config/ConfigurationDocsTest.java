package io.precis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.ArticleConfig;
import io.precis.cache.CacheConfig;
import io.precis.digest.BatchConfig;
import io.precis.llm.LlmConfig;
import io.precis.prompt.PromptConfig;
import io.precis.security.RateLimitConfig;
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

/** Every operator setting is in the README's configuration table, under its environment variable. */
class ConfigurationDocsTest {

    private static final List<Class<?>> MAPPINGS = List.of(LlmConfig.class, CacheConfig.class, ArticleConfig.class,
            PromptConfig.class, SecurityConfig.class, RateLimitConfig.class, BatchConfig.class);

    @Test
    void theReadmeTableListsEverySettingWithItsEnvironmentVariableAndProperty() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        for (Class<?> mapping : MAPPINGS) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            for (Method method : mapping.getDeclaredMethods()) {
                if (method.isDefault() || method.isSynthetic()) {
                    continue;
                }
                String property = prefix + "." + kebab(method.getName());
                String env = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
                if (!readme.contains("| `" + env + "` | `" + property + "` |")) {
                    missing.add(env + " (" + property + ")");
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
