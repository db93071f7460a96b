package io.precis.prompt;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where prompt templates come from. */
@ConfigMapping(prefix = "prompts")
public interface PromptConfig {

    /** Directory whose template files override the packaged ones, such as a mounted ConfigMap (env PROMPTS_DIR). */
    Optional<Path> dir();
}
