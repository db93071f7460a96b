package io.precis.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.precis.article.Sentences;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How long a summary should be, in sentences and words. The same lengths are asked of the models in the length-*
 * sections of {@code prompts/summarize.txt}; short is the length of OrangeSum's abstracts, on which summaries are
 * evaluated (docs/quality.md).
 */
@Schema(name = "SummaryLength", description = "Length of a summary, always one paragraph: short (one sentence, about"
        + " 30 words), medium (three to five sentences, about 100 words) or long (six to ten sentences, about 200"
        + " words).", enumeration = {"short", "medium", "long"}, example = "medium")
public enum SummaryLength {
    @JsonProperty("short")
    SHORT(30, 1, 1),
    @JsonProperty("medium")
    MEDIUM(100, 3, 5),
    @JsonProperty("long")
    LONG(200, 6, 10);

    private final int words;
    private final int minSentences;
    private final int maxSentences;

    SummaryLength(int words, int minSentences, int maxSentences) {
        this.words = words;
        this.minSentences = minSentences;
        this.maxSentences = maxSentences;
    }

    /** The wire name, such as {@code medium}: the constant's name in lower case, as its JSON name is. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The target number of words: a guide for models and token budgets, not a rule. */
    public int words() {
        return words;
    }

    /** The fewest sentences a summary of this length has. */
    public int minSentences() {
        return minSentences;
    }

    /** The most sentences a summary of this length has. */
    public int maxSentences() {
        return maxSentences;
    }

    /**
     * Whether a summary has this length: one paragraph (no blank line) whose sentences, as the service's
     * {@link Sentences} splitter counts them, are between {@link #minSentences()} and {@link #maxSentences()}. Words
     * are not counted: a long sentence is still one sentence.
     */
    public boolean respectedBy(String summary) {
        String text = summary.strip();
        if (text.isEmpty() || text.lines().anyMatch(String::isBlank)) {
            return false;
        }
        int sentences = Sentences.split(text.replace('\n', ' ')).size();
        return sentences >= minSentences && sentences <= maxSentences;
    }
}
