package io.precis.digest;

import io.precis.article.Language;
import io.precis.llm.SummaryLength;
import io.precis.llm.TokenUsage;
import java.time.Instant;

/**
 * A summary or a translation, as served for one request.
 *
 * @param language  the language it is written in
 * @param length    the summary length; null for a translation
 * @param text      the text
 * @param origin    where it came from on this request
 * @param createdAt when it was written
 * @param usage     tokens it cost when it was written, or null
 */
public record Part(Language language, SummaryLength length, String text, Origin origin, Instant createdAt,
        TokenUsage usage) {
}
