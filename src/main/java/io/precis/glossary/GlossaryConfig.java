package io.precis.glossary;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the named glossaries are. */
@ConfigMapping(prefix = "glossary")
public interface GlossaryConfig {

    /** A directory of glossary files, one per glossary and language pair (NAME.fr-en.tsv or .csv), read at start-up (env GLOSSARY_DIR). */
    Optional<Path> dir();
}
