package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.testing.TestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleServiceTest {

    /** Limits small enough to reach; the default page limit is near the default body limit. */
    private static final ArticleConfig SMALL_LIMITS = TestConfig.article(Map.of("article.max-chars", "200",
            "article.max-page-chars", "1000"));

    /** Pages over the limit are refused before detection, so no detector is needed. */
    private final ArticleService articles = new ArticleService(new ArticleNormalizer(), new PageExtractor(), null,
            SMALL_LIMITS);

    @Test
    void refusesAPageOverThePageLimitBeforeParsingIt() {
        String page = "<html><body><p>" + "Une phrase, assez longue pour compter. ".repeat(30) + "</p></body></html>";

        assertThatThrownBy(() -> articles.prepare(new Submission.Page(page, null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.ARTICLE_TOO_LONG);
                    assertThat(e.detail()).contains("ARTICLE_MAX_PAGE_CHARS");
                });
    }

    @Test
    void refusesAPageWhoseArticleIsOverTheArticleLimit() {
        String page = "<html><body><article><p>" + "Une phrase, assez longue pour compter. ".repeat(20)
                + "</p></article></body></html>";

        assertThatThrownBy(() -> articles.prepare(new Submission.PageBytes(page.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "text/html", null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.ARTICLE_TOO_LONG);
                    assertThat(e.detail()).contains("ARTICLE_MAX_CHARS");
                });
    }
}
