package io.precis.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.precis.article.Language;
import io.precis.article.LanguageDetector;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import io.precis.prompt.PromptLibrary;
import io.precis.prompt.PromptTemplate;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What every chat-model provider shares: prompts from the templates, the article fenced as data, output cleaned and
 * checked (not empty, in the requested language), one corrective turn when it is not, and provider failures turned
 * into problems. Subclasses only build their LangChain4j {@link ChatModel}.
 */
public abstract class ChatLlmProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(ChatLlmProvider.class);
    /**
     * Characters per token assumed when checking an article against the model's budgets. Tokenizers of current
     * models give about 3.5 to 4 characters per token on French and English news; 3 errs on the safe side.
     */
    static final double CHARS_PER_TOKEN = 3.0;
    /** Tokens the instructions around the article take, generously. */
    private static final int PROMPT_OVERHEAD_TOKENS = 400;

    private final ModelRef model;
    private final ChatModel chat;
    private final PromptLibrary prompts;
    private final LanguageDetector detector;
    private final LlmConfig config;

    protected ChatLlmProvider(ModelRef model, ChatModel chat, PromptLibrary prompts, LanguageDetector detector,
            LlmConfig config) {
        this.model = model;
        this.chat = chat;
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
        checkInputBudget(task.article().text(), task.title());
    }

    @Override
    public void checkTranslation(TranslationTask task) {
        checkInputBudget(task.article().text(), task.title());
        int needed = estimateTokens(task.article().text()) * 11 / 10;
        if (needed > config.maxOutputTokens()) {
            throw new ProblemException(ProblemType.ARTICLE_TOO_LONG, "A translation of this article needs about "
                    + needed + " tokens of output, more than the model's budget of " + config.maxOutputTokens()
                    + " (LLM_MAX_OUTPUT_TOKENS). Send a shorter article or ask for a summary only.");
        }
    }

    @Override
    public Generation summarize(SummaryTask task) {
        checkSummary(task);
        PromptTemplate template = prompts.template(PromptLibrary.SUMMARIZE);
        Delimiters delimiters = Delimiters.random();
        Map<String, String> values = articleValues(template, task.article().text(), task.title(), delimiters);
        values.put("language", task.language().englishName());
        values.put("length", template.section("length-" + task.length().code()));
        int maxTokens = Math.min(config.maxOutputTokens(), Math.max(256, task.length().words() * 4));
        return generate(template.render("system", values), template.render("user", values), task.language(),
                "summary", maxTokens, delimiters);
    }

    @Override
    public Generation translate(TranslationTask task) {
        checkTranslation(task);
        PromptTemplate template = prompts.template(PromptLibrary.TRANSLATE);
        Delimiters delimiters = Delimiters.random();
        Map<String, String> values = articleValues(template, task.article().text(), task.title(), delimiters);
        values.put("source", task.source().englishName());
        values.put("language", task.target().englishName());
        return generate(template.render("system", values), template.render("user", values), task.target(),
                "translation", config.maxOutputTokens(), delimiters);
    }

    private void checkInputBudget(String text, String title) {
        int needed = estimateTokens(text) + (title == null ? 0 : estimateTokens(title)) + PROMPT_OVERHEAD_TOKENS;
        if (needed > config.maxInputTokens()) {
            throw new ProblemException(ProblemType.ARTICLE_TOO_LONG, "The article takes about " + needed
                    + " tokens with its instructions, more than the model's input budget of "
                    + config.maxInputTokens() + " (LLM_MAX_INPUT_TOKENS).");
        }
    }

    static int estimateTokens(String text) {
        return (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
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
            Delimiters delimiters) {
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system), UserMessage.from(user)));
        ChatResponse first = call(messages, maxTokens);
        refuseIfUnfinished(first, task);
        String text = OutputCleaner.clean(first.aiMessage().text(), delimiters);
        String problem = check(text, language);
        if (problem == null) {
            return new Generation(text, usage(first));
        }
        LOG.infof("Unusable %s from %s (%s); asking once more", task, model.name(), problem);
        // The unusable answer is not sent back: a long wrong-language translation would double the prompt.
        messages.add(UserMessage.from(prompts.template(PromptLibrary.CORRECT).render("user",
                Map.of("language", language.englishName(), "task", task, "reason", problem))));
        ChatResponse second = call(messages, maxTokens);
        refuseIfUnfinished(second, task);
        String corrected = OutputCleaner.clean(second.aiMessage().text(), delimiters);
        String secondProblem = check(corrected, language);
        if (secondProblem != null) {
            throw new ProblemException(ProblemType.LLM_BAD_OUTPUT, "The model's " + task + " was unusable twice: "
                    + secondProblem + ".");
        }
        return new Generation(corrected, TokenUsage.sum(usage(first), usage(second)));
    }

    private void refuseIfUnfinished(ChatResponse response, String task) {
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new ProblemException(ProblemType.LLM_BAD_OUTPUT, "The model's " + task + " was cut off at the"
                    + " output limit (" + config.maxOutputTokens() + " tokens, LLM_MAX_OUTPUT_TOKENS).");
        }
        if (response.finishReason() == FinishReason.CONTENT_FILTER) {
            throw new ProblemException(ProblemType.LLM_REJECTED, "The provider's content filter withheld the model's "
                    + task + ".");
        }
    }

    /** Why an answer cannot be used, or null when it can. */
    private String check(String text, Language language) {
        if (text.isBlank()) {
            return "it was empty";
        }
        return detector.findOtherLanguage(text, language)
                .map(other -> "it was written in '" + other.code() + "', not in " + language.englishName())
                .orElse(null);
    }

    private ChatResponse call(List<ChatMessage> messages, int maxTokens) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .temperature(config.temperature())
                .maxOutputTokens(maxTokens)
                .build();
        try {
            ChatResponse response = chat.chat(request);
            if (response == null || response.aiMessage() == null) {
                throw new ProblemException(ProblemType.LLM_BAD_OUTPUT, "The model's answer had no message.");
            }
            return response;
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static TokenUsage usage(ChatResponse response) {
        var usage = response.tokenUsage();
        return usage == null ? null
                : new TokenUsage(usage.inputTokenCount(), usage.outputTokenCount(), usage.totalTokenCount());
    }

    /** Turns a provider failure into the problem the client sees; the provider's own words go to the log only. */
    private ProblemException translate(RuntimeException e) {
        HttpException http = cause(e, HttpException.class);
        Duration retryAfter = http instanceof UpstreamHttpException upstream
                ? upstream.retryAfter().orElse(config.retryAfter()) : config.retryAfter();
        String who = "The language model (" + model.provider() + ", " + model.name() + ")";
        ProblemException problem;
        if (cause(e, InterruptedException.class) != null) {
            // The deadline passed and the call was cancelled; the client already has its 504.
            return new ProblemException(ProblemType.LLM_TIMEOUT, who + " was cancelled at the deadline.");
        }
        if (e instanceof TimeoutException) {
            problem = new ProblemException(ProblemType.LLM_TIMEOUT, who + " did not answer within " + config.timeout()
                    .toSeconds() + " s (LLM_TIMEOUT).");
        } else if (e instanceof RateLimitException) {
            problem = unavailable(who + " is rate-limiting this service (HTTP 429).", retryAfter);
        } else if (e instanceof AuthenticationException) {
            problem = unavailable(who + " refused the service's credentials (HTTP " + status(http)
                    + "); the operator should check LLM_API_KEY.", retryAfter);
        } else if (e instanceof ModelNotFoundException) {
            problem = unavailable(who + " does not know this model (HTTP 404); the operator should check LLM_MODEL"
                    + " and LLM_BASE_URL.", retryAfter);
        } else if (e instanceof UnresolvedModelServerException || cause(e, ConnectException.class) != null
                || cause(e, java.nio.channels.UnresolvedAddressException.class) != null) {
            problem = unavailable(who + " cannot be reached at LLM_BASE_URL.", retryAfter);
        } else if (e instanceof InternalServerException && http != null) {
            problem = unavailable(who + " failed (HTTP " + status(http) + ").", retryAfter);
        } else if (e instanceof ContentFilteredException) {
            problem = new ProblemException(ProblemType.LLM_REJECTED, who
                    + " refused to answer (content filter).");
        } else if (e instanceof InvalidRequestException) {
            problem = new ProblemException(ProblemType.LLM_REJECTED, who + " rejected the request (HTTP "
                    + status(http) + "), for example because the article exceeds its context.");
        } else if (cause(e, JsonProcessingException.class) != null || e instanceof InternalServerException
                || isParsingFailure(cause(e, NullPointerException.class))) {
            problem = new ProblemException(ProblemType.LLM_BAD_OUTPUT, who + " sent a malformed response.");
        } else if (cause(e, java.io.IOException.class) != null) {
            problem = unavailable(who + " connection failed.", retryAfter);
        } else {
            problem = new ProblemException(ProblemType.LLM_BAD_OUTPUT, who + " call failed unexpectedly.");
        }
        LOG.warnf("%s call failed: %s (%s)", model.provider(), problem.detail(), describe(e));
        return problem;
    }

    /** A null pointer inside LangChain4j's response mapping means a response missing a required part. */
    private static boolean isParsingFailure(NullPointerException e) {
        return e != null && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().startsWith("dev.langchain4j.");
    }

    private static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.LLM_UNAVAILABLE, detail, retryAfter);
    }

    private static String status(HttpException http) {
        return http == null ? "?" : String.valueOf(http.statusCode());
    }

    /** The exception chain's classes, and an HTTP status, for the log; never for the client. */
    private static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null && chain.length() < 400; t = t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getSimpleName());
            if (t instanceof HttpException http) {
                chain.append(" ").append(http.statusCode());
            }
        }
        return chain.toString();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
