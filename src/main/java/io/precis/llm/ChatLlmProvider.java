package io.precis.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.precis.article.Language;
import io.precis.article.LanguageDetector;
import io.precis.article.Markers;
import io.precis.check.Defect;
import io.precis.check.OutputChecks;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.prompt.PromptLibrary;
import io.precis.prompt.PromptTemplate;
import io.precis.task.Author;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import io.precis.task.Generation;
import io.precis.task.Glossary;
import io.precis.task.GenerationSettings;
import io.precis.task.ModelIdentity;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TextSink;
import io.precis.task.TokenUsage;
import io.precis.task.TextFormat;
import io.precis.task.TranslationTask;
import io.precis.task.Warning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * What every chat-model provider shares: prompts from the templates, the article fenced as data, output cleaned and
 * checked (not empty, in the requested language, of a plausible length; then the {@link OutputChecks}), and one
 * corrective turn when it is not.
 * Calls go through a {@link GuardedChatModel}, which retries, breaks the circuit and classifies failures. Subclasses
 * build their LangChain4j models and say what tells their model from others of its name.
 */
public abstract class ChatLlmProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(ChatLlmProvider.class);
    /**
     * The version of this class's cleaning and checking of answers, of {@link OutputCleaner} and of the chunking of
     * long articles, in every author's key: bump it when a change there changes what is stored.
     */
    static final String CODE_VERSION = "chat-3";
    /** Below this many characters, translations vary too much in length for a length check to mean anything. */
    private static final int MIN_CHARS_FOR_RATIO = 400;

    private final ModelRef model;
    private final GuardedChatModel chat;
    private final PromptLibrary prompts;
    private final LanguageDetector detector;
    private final LlmConfig config;
    private final ChatBudget budget;
    private final OutputChecks checks;
    private final LlmTelemetry telemetry;
    /** Built on first use: subclasses are not constructed yet when this constructor runs. */
    private volatile Capabilities capabilities;
    private volatile Author author;

    /**
     * @param streaming the model, through the provider's streaming API
     * @param computing where the model runs when it computes on the calling thread (one in this process); null for a
     *                  model over the network, which holds no thread while it writes
     * @param budget    what the model can take
     */
    protected ChatLlmProvider(ModelRef model, StreamingChatModel streaming, Executor computing, ChatBudget budget,
            PromptLibrary prompts, LanguageDetector detector, OutputChecks checks, LlmConfig config,
            LlmTelemetry telemetry) {
        this.model = model;
        this.chat = new GuardedChatModel(model, streaming, computing, config, telemetry);
        this.budget = budget;
        this.prompts = prompts;
        this.detector = detector;
        this.config = config;
        this.checks = checks;
        this.telemetry = telemetry;
    }

    @Override
    public Capabilities capabilities() {
        Capabilities known = capabilities;
        if (known == null) {
            known = new Capabilities(model, prompts.version(), true, true, concurrencyLimit());
            capabilities = known;
        }
        return known;
    }

    /** How many calls the model serves at once, when it knows better than the configured bulkhead. */
    protected OptionalInt concurrencyLimit() {
        return OptionalInt.empty();
    }

    @Override
    public Author author() {
        Author known = author;
        if (known == null) {
            // Fixed for the provider's life once it can be known (a local model's checksum may take a while): every
            // request's tasks share this one instance.
            known = new Author(new ModelIdentity(model.provider(), model.name(), fingerprint()), settings(),
                    prompts.version(), CODE_VERSION);
            author = known;
        }
        return known;
    }

    /** What tells this model from others of its name: where it is served, or its file's checksum. */
    protected abstract String fingerprint();

    /** The settings it generates with, as far as they can change a text. */
    protected GenerationSettings settings() {
        return new GenerationSettings(config.temperature(), budget.maxOutputTokens(), budget.maxInputTokens(),
                budget.knownContextTokens(), config.chunkTokens());
    }

    @Override
    public TokenBudget budget() {
        return budget;
    }

    /**
     * Builds the request on the calling thread and returns once it is sent; the answer is checked, and corrected if
     * need be, on {@link Workers#CPU}.
     */
    @Override
    public CompletableFuture<Generation> write(Task task, Deadline deadline, Cancellation stop, TextSink sink) {
        if (!task.author().equals(author())) {
            // The task's key names who writes it: another author's task written here would be stored under a key
            // that lies about its text.
            throw new IllegalArgumentException("A task for another author: " + task.author());
        }
        budget.check(task);
        if (task instanceof SummaryTask summary) {
            return summarize(summary, deadline, stop);
        }
        return translate((TranslationTask) task, deadline, stop, sink);
    }

    private CompletableFuture<Generation> summarize(SummaryTask task, Deadline deadline, Cancellation stop) {
        PromptTemplate template = prompts.template(PromptLibrary.SUMMARIZE);
        String instruction = template.render("task", Map.of("language", task.language().englishName(),
                "length", template.section("length-" + task.length().code()),
                "glossary", glossary(template, task.glossary(), task.article().text())));
        Limits limits = new Limits(task.article().text(), 0, task.length().words() * 2 + 40);
        return generate(task, instruction, "summary", budget.summaryTokens(task.length()), deadline, stop, limits,
                TextSink.NONE);
    }

    private CompletableFuture<Generation> translate(TranslationTask task, Deadline deadline, Cancellation stop,
            TextSink sink) {
        PromptTemplate template = prompts.template(PromptLibrary.TRANSLATE);
        String instruction = template.render("task", Map.of("source", task.source().englishName(),
                "language", task.language().englishName(),
                "format", task.format() == TextFormat.HTML ? " " + template.section("format-html") : "",
                "glossary", glossary(template, task.glossary(), task.format() == TextFormat.HTML
                        ? Markers.strip(task.article().text()) : task.article().text())));
        String text = task.article().text();
        Limits limits = new Limits(text, text.length() < MIN_CHARS_FOR_RATIO ? 0 : text.length() / 2,
                Integer.MAX_VALUE);
        return generate(task, instruction, "translation", task.author().settings().maxOutputTokens(), deadline,
                stop, limits, sink);
    }

    /**
     * The glossary's part of a task's instruction, after its last sentence: its entries, then the terms to keep;
     * nothing without one, so that a task without a glossary is asked as before glossaries existed.
     */
    private static String glossary(PromptTemplate template, Glossary glossary, String article) {
        // Only the entries the article (or chunk) has: a named glossary of a thousand entries would otherwise be
        // sent whole with every call.
        String folded = OutputChecks.fold(article);
        List<String> terms = glossary.terms().stream().filter(term -> OutputChecks.has(folded, term.source()))
                .map(term -> term.source() + " → " + term.target()).toList();
        List<String> keep = glossary.keep().stream().filter(term -> OutputChecks.has(folded, term)).toList();
        StringBuilder text = new StringBuilder();
        if (!terms.isEmpty()) {
            text.append(' ').append(template.render("glossary", Map.of("terms", String.join("; ", terms))));
        }
        if (!keep.isEmpty()) {
            text.append(' ').append(template.render("keep", Map.of("keep", String.join("; ", keep))));
        }
        return text.toString();
    }

    /**
     * The system message and the user message of a task: the article, fenced, then the task's instruction. All that
     * comes before the instruction is the same for every task of one article.
     */
    private List<ChatMessage> messages(Task task, String instruction, Delimiters delimiters) {
        PromptTemplate template = prompts.template(PromptLibrary.ARTICLE);
        Map<String, String> values = new HashMap<>();
        values.put("open", delimiters.open());
        values.put("close", delimiters.close());
        values.put("article", task.article().text());
        values.put("title", task.title() == null || task.title().isBlank() ? ""
                : template.render("title", Map.of("title", task.title())));
        values.put("task", instruction);
        return new ArrayList<>(List.of(SystemMessage.from(template.render("system", values)),
                UserMessage.from(template.render("user", values))));
    }

    /**
     * Asks, checks the answer, and asks once more when it was empty, of an implausible length or in the wrong
     * language, or when the output checks found defects in it, naming them. An answer cut off at the token limit or
     * withheld by a content filter is not asked again: the same request would meet the same end. When the second
     * answer still has defects, the answer with fewer is kept and served with them as warnings, never silently; when
     * it is unusable, the first is kept if it was usable.
     */
    private CompletableFuture<Generation> generate(Task written, String instruction, String task, int maxTokens,
            Deadline deadline, Cancellation stop, Limits limits, TextSink sink) {
        double temperature = written.author().settings().temperature();
        Delimiters delimiters = Delimiters.forArticle(written.title(), written.article().text());
        List<ChatMessage> messages = messages(written, instruction, delimiters);
        long started = System.nanoTime();
        return call(messages, temperature, maxTokens, deadline, stop, task, sink).thenComposeAsync(firstResponse -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            refuseIfUnfinished(firstResponse, task);
            Answer first = answer(written, firstResponse, delimiters, limits);
            if (first.usable() && first.defects().isEmpty()) {
                return CompletableFuture.completedFuture(Generation.written(first.text(), first.usage()));
            }
            if (first.usable() && !deadline.allows(took)) {
                // A second answer would not come in time: the first is served with its defects rather than lost.
                LOG.infof("Defects in the %s from %s (%s); no time left to ask once more", task, model.name(),
                        codes(first.defects()));
                return CompletableFuture.completedFuture(served(written, first, first.usage()));
            }
            LOG.infof("%s %s from %s (%s); asking once more", first.usable() ? "Defects in the" : "Unusable", task,
                    model.name(), first.usable() ? codes(first.defects()) : first.problem());
            telemetry.correction(model, written instanceof SummaryTask ? "summary" : "translation",
                    first.usable() ? "defects" : "unusable");
            messages.add(UserMessage.from(correction(first, task, written.language())));
            sink.restart();
            return call(messages, temperature, maxTokens, deadline, stop, task + " correction", sink)
                    .handleAsync((secondResponse, failure) -> corrected(written, task, first,
                            failure == null ? null : Futures.cause(failure), secondResponse, delimiters, limits),
                            Workers.CPU);
        }, Workers.CPU);
    }

    /**
     * The text served after a corrective turn: the second answer, unless it failed, was unusable or has more defects
     * than a usable first one.
     *
     * @param failure why the corrective turn failed, or null when it answered
     */
    private Generation corrected(Task written, String task, Answer first, Throwable failure, ChatResponse response,
            Delimiters delimiters, Limits limits) {
        if (failure == null) {
            try {
                refuseIfUnfinished(response, task);
            } catch (ServiceException unfinished) {
                failure = unfinished;
            }
        }
        if (failure != null) {
            if (failure instanceof ServiceException failed && first.usable()) {
                // The correction failed (timed out, model gone, unusable): the usable first answer is not lost.
                LOG.infof("The correction of the %s from %s failed (%s); serving the first with its defects", task,
                        model.name(), failed.failure());
                return served(written, first, first.usage());
            }
            throw new CompletionException(failure);
        }
        Answer second = answer(written, response, delimiters, limits);
        TokenUsage both = TokenUsage.sum(first.usage(), second.usage());
        if (!second.usable()) {
            if (first.usable()) {
                return served(written, first, both);
            }
            throw new ServiceException(Failure.MODEL_BAD_OUTPUT, "The model's " + task + " was unusable twice: "
                    + second.problem() + ".");
        }
        boolean firstBetter = first.usable() && first.defects().size() < second.defects().size();
        return served(written, firstBetter ? first : second, both);
    }

    /** An answer kept with the defects its corrective turn did not remove, counted by kind. */
    private Generation served(Task written, Answer answer, TokenUsage usage) {
        telemetry.warnings(model, written instanceof SummaryTask ? "summary" : "translation", answer.defects());
        return Generation.written(answer.text(), usage, answer.defects());
    }

    /** An answer, cleaned, with why it cannot be used or, when it can, the defects the output checks found. */
    private Answer answer(Task written, ChatResponse response, Delimiters delimiters, Limits limits) {
        String text = clean(response, delimiters, limits);
        String problem = check(text, written.language(), limits);
        if (problem == null && written instanceof TranslationTask translation
                && translation.format() == TextFormat.HTML) {
            // An HTML fragment's translation must go back into its tree: markers kept, paragraphs kept.
            problem = Markers.problem(written.article().text(), text);
        }
        List<Warning> defects = problem == null ? checks.check(written, text) : List.of();
        return new Answer(text, problem, defects, GuardedChatModel.usage(response));
    }

    /** The corrective turn: what made the answer unusable, or each defect and how to avoid its kind. */
    private String correction(Answer first, String task, Language language) {
        PromptTemplate correct = prompts.template(PromptLibrary.CORRECT);
        if (!first.usable()) {
            return correct.render("user", Map.of("language", language.englishName(), "task", task,
                    "reason", first.problem()));
        }
        StringBuilder defects = new StringBuilder();
        for (Warning defect : first.defects()) {
            // A left-out paragraph's excerpt is the article's own text: outside the fence it would read as an
            // instruction, so it is named by its number only.
            String line = defect.code().equals(Defect.PARAGRAPH_MISSING.code())
                    ? correct.render("defect-in-article", Map.of("detail", defect.detail()))
                    : correct.render("defect", Map.of("detail", defect.detail(), "excerpt", defect.excerpt()));
            defects.append(line).append('\n');
        }
        first.defects().stream().map(Warning::code).distinct().map(code -> "fix-" + code)
                .filter(correct::hasSection)
                .forEach(fix -> defects.append(correct.section(fix)).append('\n'));
        return correct.render("defects", Map.of("language", language.englishName(), "task", task,
                "defects", defects.toString().strip()));
    }

    private static String codes(List<Warning> defects) {
        return String.join(", ", defects.stream().map(Warning::code).distinct().toList());
    }

    private void refuseIfUnfinished(ChatResponse response, String task) {
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new ServiceException(Failure.MODEL_BAD_OUTPUT, "The model's " + task + " was cut off at the"
                    + " output limit (" + budget.maxOutputTokens() + " tokens, LLM_MAX_OUTPUT_TOKENS).");
        }
        if (response.finishReason() == FinishReason.CONTENT_FILTER) {
            throw new ServiceException(Failure.MODEL_REJECTED, "The provider's content filter withheld the model's "
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
        if (OutputCleaner.holdsMarkup(text)) {
            return "it held HTML markup";
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

    private CompletableFuture<ChatResponse> call(List<ChatMessage> messages, double temperature, int maxTokens,
            Deadline deadline, Cancellation stop, String task, TextSink sink) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .temperature(temperature)
                .maxOutputTokens(maxTokens)
                .build();
        return chat.chat(request, deadline, stop, task, OutputCleaner.withoutUnsafeCharacters(sink));
    }

    /**
     * An answer of the model.
     *
     * @param text    the cleaned text
     * @param problem why it cannot be used, or null when it can
     * @param defects what the output checks found in a usable answer
     * @param usage   the tokens of its call
     */
    private record Answer(String text, String problem, List<Warning> defects, TokenUsage usage) {

        boolean usable() {
            return problem == null;
        }
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
