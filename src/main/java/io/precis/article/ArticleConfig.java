package io.precis.article;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/** Limits on the articles the service accepts. */
@ConfigMapping(prefix = "article")
public interface ArticleConfig {

    /** Longest accepted article, in characters after normalization (env ARTICLE_MAX_CHARS). */
    @WithDefault("200000")
    @Positive
    int maxChars();

    /** Longest page accepted as HTML, in characters, before extraction (env ARTICLE_MAX_PAGE_CHARS). */
    @WithDefault("2000000")
    @Positive
    int maxPageChars();
}
