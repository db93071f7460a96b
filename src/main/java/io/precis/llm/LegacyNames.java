package io.precis.llm;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Map;

/**
 * Keeps the environment variables operators already set for settings that moved into a group: {@code LLM_MAX_RETRIES}
 * sets {@code llm.retry.max-retries}, {@code LLM_MODEL_PATH} sets {@code llm.local.model-path}, and so on. When both
 * names are set, the one from the stronger source wins, as for any setting; in one source, the grouped name. The old
 * names are read, never listed, so that they are not reported as unknown settings. Registered with the configuration
 * through {@code META-INF/services}.
 */
public class LegacyNames implements ConfigSourceInterceptor {

    /** Each grouped property, with the name it had before it was grouped, which its environment variable follows. */
    public static final Map<String, String> RELOCATED = Map.of(
            "llm.retry.max-retries", "llm.max-retries",
            "llm.local.model-path", "llm.model-path",
            "llm.local.model-url", "llm.model-url",
            "llm.local.model-repo", "llm.model-repo",
            "llm.local.model-file", "llm.model-file",
            "llm.local.model-revision", "llm.model-revision",
            "llm.local.model-sha256", "llm.model-sha256",
            "llm.local.model-cache-dir", "llm.model-cache-dir");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue current = context.proceed(name);
        String old = RELOCATED.get(name);
        if (old == null) {
            return current;
        }
        ConfigValue legacy = context.proceed(old);
        if (legacy == null || current != null
                && current.getConfigSourceOrdinal() >= legacy.getConfigSourceOrdinal()) {
            return current;
        }
        return legacy.withName(name);
    }
}
