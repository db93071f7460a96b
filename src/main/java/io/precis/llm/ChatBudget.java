package io.precis.llm;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.Glossary;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TranslationTask;
import java.util.function.ToIntFunction;

/**
 * The token budget of a chat model: its input and output limits, its context when the service knows it, and how it
 * counts tokens. A translation is about 1.1 times its article, and a summary at most a long one's words.
 */
public final class ChatBudget implements TokenBudget {

    /**
     * Characters per token assumed when the model's tokenizer is not known. Calibrated on the 1 500 French articles of
     * the OrangeSum test split (2026-11-21): OpenAI's o200k encoding averages 4.17 characters per token (lowest
     * article 3.22), cl100k 3.54 (lowest 2.80); older SentencePiece vocabularies do worse on French. 3 errs on the
     * safe side, so an estimated prompt rarely overflows a real context.
     */
    static final double CHARS_PER_TOKEN = 3.0;
    /** Tokens the instructions around the article take, generously. */
    static final int PROMPT_OVERHEAD_TOKENS = 400;
    /** No context known: only the input and output limits apply. */
    public static final int UNKNOWN_CONTEXT = Integer.MAX_VALUE;

    private final int maxInputTokens;
    private final int maxOutputTokens;
    private final int contextTokens;
    private final String contextSetting;
    private final ToIntFunction<String> tokenizer;

    /**
     * @param maxInputTokens  prompt tokens the model accepts
     * @param maxOutputTokens tokens the model may write in one answer
     * @param contextTokens   prompt and answer together, or {@link #UNKNOWN_CONTEXT}
     * @param contextSetting  the setting that sets the context, for messages, with a leading comma; or empty
     * @param tokenizer       counts a text's tokens
     */
    public ChatBudget(int maxInputTokens, int maxOutputTokens, int contextTokens, String contextSetting,
            ToIntFunction<String> tokenizer) {
        this.maxInputTokens = maxInputTokens;
        this.maxOutputTokens = maxOutputTokens;
        this.contextTokens = contextTokens;
        this.contextSetting = contextSetting;
        this.tokenizer = tokenizer;
    }

    /** A count from the text's length, for models whose tokenizer is not known. */
    public static int estimate(String text) {
        return (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }

    @Override
    public int countTokens(String text) {
        return tokenizer.applyAsInt(text);
    }

    /** Tokens the model may write in one answer. */
    int maxOutputTokens() {
        return maxOutputTokens;
    }

    /** Prompt tokens the model accepts. */
    int maxInputTokens() {
        return maxInputTokens;
    }

    /** The model's context when the service sets it, otherwise 0. */
    int knownContextTokens() {
        return contextTokens == UNKNOWN_CONTEXT ? 0 : contextTokens;
    }

    /** Tokens a summary may take: enough for its length, within the output budget. */
    int summaryTokens(SummaryLength length) {
        return Math.min(maxOutputTokens, Math.max(256, length.words() * 4));
    }

    @Override
    public int maxArticleTokens(Task task) {
        int overhead = PROMPT_OVERHEAD_TOKENS + glossaryTokens(task);
        int input = maxInputTokens - overhead;
        int room = contextTokens == UNKNOWN_CONTEXT ? UNKNOWN_CONTEXT : contextTokens - overhead;
        if (task instanceof SummaryTask) {
            int answer = Math.min(maxOutputTokens, SummaryLength.LONG.words() * 4);
            return Math.min(input, room == UNKNOWN_CONTEXT ? room : room - answer);
        }
        // A translation is about 1.1 times its article, and both share the context.
        return Math.min(input, Math.min(maxOutputTokens * 10 / 11, room == UNKNOWN_CONTEXT ? room : room * 10 / 21));
    }

    @Override
    public void check(Task task) {
        int prompt = promptTokens(task);
        if (task instanceof SummaryTask summary) {
            checkFits(prompt, summaryTokens(summary.length()));
        } else if (task instanceof TranslationTask) {
            int needed = countTokens(task.article().text()) * 11 / 10;
            if (needed > maxOutputTokens) {
                throw new ServiceException(Failure.ARTICLE_TOO_LONG, "A translation of this article needs about "
                        + needed + " tokens of output, more than the model's budget of " + maxOutputTokens
                        + " (LLM_MAX_OUTPUT_TOKENS" + contextSetting + "). Send a shorter article or ask for a summary"
                        + " only.");
            }
            checkFits(prompt, needed);
        }
    }

    /** Tokens the prompt takes: the article, its title and the instructions around them. */
    private int promptTokens(Task task) {
        int needed = countTokens(task.article().text()) + (task.title() == null ? 0 : countTokens(task.title()))
                + PROMPT_OVERHEAD_TOKENS + glossaryTokens(task);
        if (needed > maxInputTokens) {
            throw new ServiceException(Failure.ARTICLE_TOO_LONG, "The article takes about " + needed
                    + " tokens with its instructions, more than the model's input budget of " + maxInputTokens
                    + " (LLM_MAX_INPUT_TOKENS" + contextSetting + ").");
        }
        return needed;
    }

    /**
     * Tokens the task's glossary may add to the prompt, at most: every entry, although only those the article has
     * are sent.
     */
    private int glossaryTokens(Task task) {
        int tokens = 0;
        for (Glossary.Term term : task.glossary().terms()) {
            tokens += estimate(term.source()) + estimate(term.target()) + 2;
        }
        for (String kept : task.glossary().keep()) {
            tokens += estimate(kept) + 1;
        }
        return tokens;
    }

    /** The prompt and the answer must fit the model's context together. */
    private void checkFits(int prompt, int answer) {
        if (contextTokens != UNKNOWN_CONTEXT && prompt + answer > contextTokens) {
            throw new ServiceException(Failure.ARTICLE_TOO_LONG, "The article (about " + prompt + " tokens with"
                    + " its instructions) and the answer (up to " + answer + " tokens) do not fit the model's context"
                    + " of " + contextTokens + " tokens" + contextSetting + ".");
        }
    }
}
