package io.precis.quality;

import io.precis.article.Article;
import io.precis.article.Sentences;

/**
 * The LEAD-k baseline of summarization papers: an article's first {@code k} sentences. The article is normalized by
 * the service's {@link io.precis.article.ArticleNormalizer} and split by its {@link Sentences} splitter, so that the
 * baseline and the service see the same sentences.
 */
public final class Lead {

    private Lead() {
    }

    /** The first {@code k} sentences of a normalized article, joined by a space. */
    public static String of(Article article, int k) {
        return article.paragraphs().stream()
                .flatMap(paragraph -> Sentences.split(paragraph).stream())
                .limit(k)
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }
}
