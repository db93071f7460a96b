package io.precis.llm.extractive;

import io.precis.llm.Deadline;
import io.precis.llm.Generation;
import io.precis.llm.LlmProvider;
import io.precis.llm.ModelRef;
import io.precis.llm.ProviderKind;
import io.precis.llm.SummaryTask;
import io.precis.llm.TranslationTask;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import java.util.List;

/**
 * The provider without a language model: summaries are the article's own key sentences, as many as the length asks
 * for, in one paragraph; so they exist only in the article's language, and there are no translations. Asked for
 * either, it answers with a 503 problem that names the settings which enable them.
 */
public final class ExtractiveProvider implements LlmProvider {

    /** Reported as the model name. */
    public static final String MODEL_NAME = "textrank";
    /** Stands in for the prompt version in cache keys: bump it when the algorithm's output changes. */
    public static final String ALGORITHM_VERSION = "textrank-2";

    private static final String HOW_TO_ENABLE = "Set LLM_PROVIDER=local (a model inside the service), or"
            + " LLM_PROVIDER=openai with LLM_BASE_URL, LLM_MODEL and LLM_API_KEY (any OpenAI-compatible endpoint), or"
            + " LLM_PROVIDER=ollama with LLM_BASE_URL and LLM_MODEL.";

    private final TextRankSummarizer summarizer = new TextRankSummarizer();

    @Override
    public ModelRef model() {
        return new ModelRef(ProviderKind.EXTRACTIVE.id(), MODEL_NAME);
    }

    @Override
    public String promptVersion() {
        return ALGORITHM_VERSION;
    }

    @Override
    public int countTokens(String text) {
        // No model, no tokens: only the article's length limit applies.
        return 0;
    }

    @Override
    public int maxArticleTokens(io.precis.cache.Task task) {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean summarizesAcrossLanguages() {
        return false;
    }

    @Override
    public boolean translates() {
        return false;
    }

    @Override
    public void checkSummary(SummaryTask task) {
        if (task.language() != task.source()) {
            throw new ProblemException(ProblemType.CAPABILITY_UNAVAILABLE, "The extractive provider (LLM_PROVIDER="
                    + "extractive) summarizes only in the article's own language, '" + task.source().code()
                    + "'; a summary in '" + task.language().code() + "' needs a language model. " + HOW_TO_ENABLE);
        }
    }

    @Override
    public void checkTranslation(TranslationTask task) {
        throw new ProblemException(ProblemType.CAPABILITY_UNAVAILABLE, "The extractive provider (LLM_PROVIDER="
                + "extractive) cannot translate; a translation into '" + task.target().code()
                + "' needs a language model. Send translate=false for a summary only, or enable a model. "
                + HOW_TO_ENABLE);
    }

    @Override
    public Generation summarize(SummaryTask task, Deadline deadline) {
        checkSummary(task);
        List<String> sentences = summarizer.summarize(task.article().paragraphs(), task.source(), task.length());
        return new Generation(String.join(" ", sentences), null);
    }

    @Override
    public Generation translate(TranslationTask task, Deadline deadline) {
        checkTranslation(task);
        throw new IllegalStateException("checkTranslation always refuses");
    }
}
