package io.precis.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.precis.article.Language;
import io.precis.cache.Task;
import io.precis.article.LanguageDetector;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import io.precis.prompt.PromptLibrary;
import io.precis.prompt.PromptTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What every chat-model provider shares: prompts from the templates, the article fenced as data, output cleaned and
 * checked (not empty, in the requested language), and one corrective turn when it is not. Calls go through a
 * {@link GuardedChatModel}, which retries, breaks the circuit and maps failures to problems. Subclasses only build
 * their LangChain4j {@link ChatModel}.
 */
public abstract class ChatLlmProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(ChatLlmProvider.class);
    /**
     * Characters per token assumed when the model's tokenizer is not known. Calibrated on the 1 500 French articles of
     * the OrangeSum test split (2026-11-21): OpenAI's o200k encoding averages 4.17 characters per token (lowest
     * article 3.22), cl100k 3.54 (lowest 2.80); older SentencePiece vocabularies do worse on French. 3 errs on the
     * safe side, so an estimated prompt rarely overflows a real context.
     */
    static final double CHARS_PER_TOKEN = 3.0;
    /** Below this many characters, translations vary too much in length for a length check to mean anything. */
    private static final int MIN_CHARS_FOR_RATIO = 400;
    /** Tokens the instructions around the article take, generously. */
    private static final int PROMPT_OVERHEAD_TOKENS = 400;

    private final ModelRef model;
    private final GuardedChatModel chat;
    private final PromptLibrary prompts;
    private final LanguageDetector detector;
    private final LlmConfig config;

    /**
     * @param chat      the model
     * @param streaming the same model through the provider's streaming API
     */
    protected ChatLlmProvider(ModelRef model, ChatModel chat, StreamingChatModel streaming, PromptLibrary prompts,
            LanguageDetector detector, LlmConfig config, LlmTelemetry telemetry) {
        this.model = model;
        this.chat = new GuardedChatModel(model, chat, streaming, config, telemetry);
        this.prompts = prompts;
        this.detector = detector;
        this.config = config;
    }

    @Override
    public ModelRef model() {
        return model;
    }

    @Override
    public String promptVersion() {
        return prompts.version();
    }

    @Override
    public boolean summarizesAcrossLanguages() {
        return true;
    }

    @Override
    public boolean translates() {
        return true;
    }

    @Override
    public void checkSummary(SummaryTask task) {
        int prompt = promptTokens(task.article().text(), task.title());
        checkFits(prompt, summaryTokens(task));
    }

    @Override
    public void checkTranslation(TranslationTask task) {
        int prompt = promptTokens(task.article().text(), task.title());
        int needed = countTokens(task.article().text()) * 11 / 10;
        if (needed > maxOutputTokens()) {
            throw new ProblemException(ProblemType.ARTICLE_TOO_LONG, "A translation of this article needs about "
                    + needed + " tokens of output, more than the model's budget of " + maxOutputTokens()
                    + " (LLM_MAX_OUTPUT_TOKENS" + contextSetting() + "). Send a shorter article or ask for a summary"
                    + " only.");
        }
        checkFits(prompt, needed);
    }

    /** Tokens the prompt takes: the article, its title and the instructions around them. */
    private int promptTokens(String text, String title) {
        int needed = countTokens(text) + (title == null ? 0 : countTokens(title)) + PROMPT_OVERHEAD_TOKENS;
        if (needed > maxInputTokens()) {
            throw new ProblemException(ProblemType.ARTICLE_TOO_LONG, "The article takes about " + needed
                    + " tokens with its instructions, more than the model's input budget of " + maxInputTokens()
                    + " (LLM_MAX_INPUT_TOKENS" + contextSetting() + ").");
        }
        return needed;
    }

    /** The prompt and the answer must fit the model's context together. */
    private void checkFits(int prompt, int answer) {
        if (prompt + answer > contextTokens()) {
            throw new ProblemException(ProblemType.ARTICLE_TOO_LONG, "The article (about " + prompt + " tokens with"
                    + " its instructions) and the answer (up to " + answer + " tokens) do not fit the model's context"
                    + " of " + contextTokens() + " tokens" + contextSetting() + ".");
        }
    }

    private int summaryTokens(SummaryTask task) {
        return Math.min(maxOutputTokens(), Math.max(256, task.length().words() * 4));
    }

    /** Tokens of prompt the model accepts. */
    protected int maxInputTokens() {
        return config.maxInputTokens();
    }

    /** Tokens the model may write in one answer. */
    protected int maxOutputTokens() {
        return config.maxOutputTokens();
    }

    /** Tokens of prompt and answer together; unbounded when only the provider knows its context. */
    protected int contextTokens() {
        return Integer.MAX_VALUE;
    }

    /** The setting that sets the context, for messages, with a leading comma; empty when there is none. */
    protected String contextSetting() {
        return "";
    }

    @Override
    public int maxArticleTokens(Task task) {
        int input = maxInputTokens() - PROMPT_OVERHEAD_TOKENS;
        int room = contextTokens() == Integer.MAX_VALUE ? Integer.MAX_VALUE : contextTokens() - PROMPT_OVERHEAD_TOKENS;
        if (task == Task.SUMMARY) {
            int answer = Math.min(maxOutputTokens(), SummaryLength.LONG.words() * 4);
            return Math.min(input, room == Integer.MAX_VALUE ? room : room - answer);
        }
        // A translation is about 1.1 times its article, and both share the context.
        return Math.min(input, Math.min(maxOutputTokens() * 10 / 11,
                room == Integer.MAX_VALUE ? room : room * 10 / 21));
    }

    /** Tokens in a text: an estimate from its length, unless the provider has the model's tokenizer. */
    @Override
    public int countTokens(String text) {
        return (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }

    @Override
    public Generation summarize(SummaryTask task, Deadline deadline) {
        checkSummary(task);
        PromptTemplate template = prompts.template(PromptLibrary.SUMMARIZE);
        Delimiters delimiters = Delimiters.random();
        Map<String, String> values = articleValues(template, task.article().text(), task.title(), delimiters);
        values.put("language", task.language().englishName());
        values.put("length", template.section("length-" + task.length().code()));
        int maxTokens = summaryTokens(task);
        Limits limits = new Limits(task.article().text(), 0, task.length().words() * 2 + 40);
        return generate(template.render("system", values), template.render("user", values), task.language(),
                "summary", maxTokens, delimiters, deadline, limits, TextSink.NONE);
    }

    @Override
    public Generation translate(TranslationTask task, Deadline deadline) {
        return translate(task, deadline, TextSink.NONE);
    }

    /** Streams the translation through the provider's streaming API. */
    @Override
    public Generation translate(TranslationTask task, Deadline deadline, TextSink sink) {
        checkTranslation(task);
        PromptTemplate template = prompts.template(PromptLibrary.TRANSLATE);
        Delimiters delimiters = Delimiters.random();
        Map<String, String> values = articleValues(template, task.article().text(), task.title(), delimiters);
        values.put("source", task.source().englishName());
        values.put("language", task.target().englishName());
        String text = task.article().text();
        Limits limits = new Limits(text, text.length() < MIN_CHARS_FOR_RATIO ? 0 : text.length() / 2,
                Integer.MAX_VALUE);
        return generate(template.render("system", values), template.render("user", values), task.target(),
                "translation", maxOutputTokens(), delimiters, deadline, limits, sink);
    }

    private static Map<String, String> articleValues(PromptTemplate template, String text, String title,
            Delimiters delimiters) {
        Map<String, String> values = new HashMap<>();
        values.put("open", delimiters.open());
        values.put("close", delimiters.close());
        values.put("article", text);
        values.put("title", title == null || title.isBlank() ? ""
                : template.render("title", Map.of("title", title)));
        return values;
    }

    /**
     * Asks, checks the answer, and asks once more when it was empty or in the wrong language. An answer cut off at
     * the token limit or withheld by a content filter is not asked again: the same request would meet the same end.
     */
    private Generation generate(String system, String user, Language language, String task, int maxTokens,
            Delimiters delimiters, Deadline deadline, Limits limits, TextSink sink) {
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system), UserMessage.from(user)));
        ChatResponse first = call(messages, maxTokens, deadline, task, sink);
        refuseIfUnfinished(first, task);
        String text = clean(first, delimiters, limits);
        String problem = check(text, language, limits);
        if (problem == null) {
            return new Generation(text, GuardedChatModel.usage(first));
        }
        LOG.infof("Unusable %s from %s (%s); asking once more", task, model.name(), problem);
        // The unusable answer is not sent back: a long wrong-language translation would double the prompt.
        messages.add(UserMessage.from(prompts.template(PromptLibrary.CORRECT).render("user",
                Map.of("language", language.englishName(), "task", task, "reason", problem))));
        sink.restart();
        ChatResponse second = call(messages, maxTokens, deadline, task + " correction", sink);
        refuseIfUnfinished(second, task);
        String corrected = clean(second, delimiters, limits);
        String secondProblem = check(corrected, language, limits);
        if (secondProblem != null) {
            throw new ProblemException(ProblemType.LLM_BAD_OUTPUT, "The model's " + task + " was unusable twice: "
                    + secondProblem + ".");
        }
        return new Generation(corrected, TokenUsage.sum(GuardedChatModel.usage(first),
                GuardedChatModel.usage(second)));
    }

    private void refuseIfUnfinished(ChatResponse response, String task) {
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new ProblemException(ProblemType.LLM_BAD_OUTPUT, "The model's " + task + " was cut off at the"
                    + " output limit (" + maxOutputTokens() + " tokens, LLM_MAX_OUTPUT_TOKENS).");
        }
        if (response.finishReason() == FinishReason.CONTENT_FILTER) {
            throw new ProblemException(ProblemType.LLM_REJECTED, "The provider's content filter withheld the model's "
                    + task + ".");
        }
    }

    private static String clean(ChatResponse response, Delimiters delimiters, Limits limits) {
        return OutputCleaner.withoutForeignLinks(OutputCleaner.clean(response.aiMessage().text(), delimiters),
                limits.article());
    }

    /** Why an answer cannot be used, or null when it can. */
    private String check(String text, Language language, Limits limits) {
        if (text.isBlank()) {
            return "it was empty";
        }
        int words = text.split("\\s+").length;
        if (words > limits.maxWords()) {
            return "it had " + words + " words, far more than asked";
        }
        if (text.length() < limits.minChars()) {
            return "it was much shorter than the article, so not a full translation";
        }
        return detector.findOtherLanguage(text, language)
                .map(other -> "it was written in '" + other.code() + "', not in " + language.englishName())
                .orElse(null);
    }

    private ChatResponse call(List<ChatMessage> messages, int maxTokens, Deadline deadline, String task,
            TextSink sink) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .temperature(config.temperature())
                .maxOutputTokens(maxTokens)
                .build();
        return chat.chat(request, deadline, task, sink);
    }

    /**
     * What an acceptable answer looks like beyond its language.
     *
     * @param article  the article, whose links an answer may repeat
     * @param minChars the shortest acceptable answer
     * @param maxWords the longest acceptable answer
     */
    private record Limits(String article, int minChars, int maxWords) {
    }
}
