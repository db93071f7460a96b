package io.precis.article;

import io.precis.core.MinDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

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

    /**
     * Pages parsed at once; more wait their turn, since a page's tree takes tens of times its size in memory (env
     * ARTICLE_MAX_CONCURRENT_PAGES).
     */
    @WithDefault("2")
    @Positive
    int maxConcurrentPages();

    /** Longest a page waits for its turn to be parsed before the request is refused as overloaded (env ARTICLE_PAGE_WAIT). */
    @WithDefault("10s")
    @MinDuration("0s")
    Duration pageWait();
}
