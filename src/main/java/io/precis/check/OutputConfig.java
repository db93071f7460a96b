package io.precis.check;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What becomes of a text in which the output checks still find defects after its corrective turn. */
@ConfigMapping(prefix = "output")
public interface OutputConfig {

    /** warn: serve such a text with its warnings; strict: refuse it with a 502 problem that lists them (env OUTPUT_CHECKS). */
    @WithDefault("warn")
    Checks checks();

    /** How defects that remain are answered. */
    enum Checks {
        /** The text is served, with a warning for each defect. */
        WARN,
        /** The text is refused with a 502 problem listing the warnings; it stays stored, so it costs no second call. */
        STRICT
    }
}
