package io.precis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fake language-model server on a loopback port, speaking the OpenAI chat-completions wire format
 * ({@code POST /v1/chat/completions}) and Ollama's native one ({@code POST /api/chat}), so that tests exercise the
 * real LangChain4j clients over real HTTP.
 *
 * <p>By default it answers like a well-behaved model: it reads from the prompt whether a summary or a translation is
 * wanted and in which language, and answers with a canned text in that language. Tests script other answers (errors,
 * delays, malformed bodies, wrong languages) per task, consumed in order. Every call is recorded.
 */
public final class FakeLlmServer implements AutoCloseable {

    /** What a recorded call asked for. */
    public enum Task {
        SUMMARY, TRANSLATION, CORRECTION
    }

    /**
     * One call the fake received.
     *
     * @param path     the request path
     * @param task     what the prompt asked for
     * @param language the language asked for ("English" or "French")
     * @param body     the request body
     */
    public record Call(String path, Task task, String language, JsonNode body) {

        /** The article as the prompt fenced it, without its title line. */
        public String article() {
            for (String message : messages()) {
                java.util.regex.Matcher fenced = FENCED.matcher(message);
                if (fenced.find()) {
                    return fenced.group(2).replaceFirst("^Title: [^\n]*\n", "");
                }
            }
            return "";
        }

        /** The messages' contents, in order. */
        public List<String> messages() {
            List<String> contents = new ArrayList<>();
            body.path("messages").forEach(m -> contents.add(m.path("content").asText()));
            return contents;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern FENCED = java.util.regex.Pattern.compile(
            "<<<ARTICLE ([0-9a-f]+)>>>\\n(?s)(.*)\\n<<<END ARTICLE \\1>>>");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Task, Deque<Reply>> scripted = Map.of(
            Task.SUMMARY, new ConcurrentLinkedDeque<>(),
            Task.TRANSLATION, new ConcurrentLinkedDeque<>(),
            Task.CORRECTION, new ConcurrentLinkedDeque<>());
    private volatile java.util.function.Function<Call, Duration> latency = call -> Duration.ZERO;
    private volatile java.util.function.UnaryOperator<String> translator;
    private volatile java.util.function.UnaryOperator<String> summarizer;
    private volatile java.util.function.Predicate<Call> slowCalls = call -> false;
    private volatile Duration slowBy = Duration.ZERO;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger hangUps = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

    private FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, false));
        server.createContext("/api/chat", exchange -> handle(exchange, true));
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a fake on a free loopback port. */
    public static FakeLlmServer start() {
        try {
            return new FakeLlmServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root URL, such as {@code http://127.0.0.1:43567}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Forgets calls, scripted replies, latency, translator and summarizer. */
    public void reset() {
        calls.clear();
        scripted.values().forEach(Deque::clear);
        latency = call -> Duration.ZERO;
        translator = null;
        summarizer = null;
        slowCalls = call -> false;
        slowBy = Duration.ZERO;
        maxInFlight.set(0);
        hangUps.set(0);
    }

    /** Streamed answers the client stopped reading before their end, since the last reset. */
    public int hangUps() {
        return hangUps.get();
    }

    /** Translates with this function of the article instead of the canned text. */
    public FakeLlmServer translateWith(java.util.function.UnaryOperator<String> translator) {
        this.translator = translator;
        return this;
    }

    /** Summarizes with this function of the article instead of the canned text. */
    public FakeLlmServer summarizeWith(java.util.function.UnaryOperator<String> summarizer) {
        this.summarizer = summarizer;
        return this;
    }

    /** The most calls it answered at the same time since the last reset. */
    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    /** Delays the answers to the calls that match by this much more than the others. */
    public FakeLlmServer slowDown(java.util.function.Predicate<Call> which, Duration by) {
        this.slowCalls = which;
        this.slowBy = by;
        return this;
    }

    /** Delays every answer by this much, as a slow model would. */
    public FakeLlmServer latency(Duration latency) {
        this.latency = call -> latency;
        return this;
    }

    /** Delays each answer by what this gives for its call: calls that end one after the other, though sent at once. */
    public FakeLlmServer latency(java.util.function.Function<Call, Duration> byCall) {
        this.latency = byCall;
        return this;
    }

    /** Scripts the next answers to calls for a task, in order; unscripted calls get the default answer. */
    public FakeLlmServer on(Task task, Reply... replies) {
        scripted.get(task).addAll(List.of(replies));
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Number of calls for a task. */
    public long count(Task task) {
        return calls.stream().filter(c -> c.task() == task).count();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange, boolean ollama) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Call call = classify(exchange.getRequestURI().getPath(), body);
            calls.add(call);
            Reply reply = scripted.get(call.task()).poll();
            if (reply == null) {
                reply = Reply.text(defaultAnswer(call));
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                sleep(latency.apply(call).plus(reply.delay()).plus(slowCalls.test(call) ? slowBy : Duration.ZERO));
            } finally {
                inFlight.decrementAndGet();
            }
            if (reply.dropConnection()) {
                // Drop the connection without a response, as a crashed upstream would.
                return;
            }
            if (body.path("stream").asBoolean() && reply.raw() == null && reply.status() == 200) {
                stream(exchange, body, reply, ollama);
                return;
            }
            String payload = reply.raw() != null ? reply.raw()
                    : ollama ? ollamaBody(body, reply.text()) : openAiBody(body, reply.text(), reply.finishReason());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    if (reply.dripEvery().isZero()) {
                        out.write(bytes);
                    } else {
                        for (byte b : bytes) {
                            out.write(b);
                            out.flush();
                            sleep(reply.dripEvery());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (a timeout or cancellation under test); nothing to answer.
        }
    }

    /**
     * Answers in the provider's streaming format, a few words per event: OpenAI's server-sent events (with the usage
     * in a last chunk, as {@code stream_options.include_usage} asks) or Ollama's JSON lines. A client that hangs up
     * makes a write fail; that is counted.
     */
    private void stream(HttpExchange exchange, JsonNode request, Reply reply, boolean ollama) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", ollama ? "application/x-ndjson" : "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        List<String> pieces = pieces(reply.text());
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < pieces.size(); i++) {
                if (i == reply.cutAfter()) {
                    return;
                }
                String piece = pieces.get(i);
                write(out, ollama ? ollamaChunk(request, piece, false) + "\n" : "data: " + openAiChunk(request, piece,
                        null) + "\n\n");
                sleep(reply.dripEvery());
            }
            if (ollama) {
                ObjectNode last = (ObjectNode) JSON.readTree(ollamaBody(request, reply.text()));
                ((ObjectNode) last.path("message")).put("content", "");
                write(out, last + "\n");
            } else {
                write(out, "data: " + openAiChunk(request, null, reply.finishReason()) + "\n\n");
                ObjectNode usage = (ObjectNode) JSON.readTree(openAiBody(request, reply.text(), reply.finishReason()));
                usage.put("object", "chat.completion.chunk");
                usage.putArray("choices");
                write(out, "data: " + usage + "\n\n");
                write(out, "data: [DONE]\n\n");
            }
        } catch (IOException e) {
            hangUps.incrementAndGet();
            throw e;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The text in pieces of about three words, each keeping its spacing, so that they add up to the text. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        java.util.regex.Matcher words = java.util.regex.Pattern.compile("(?:\\S+\\s*){1,3}|\\s+").matcher(text);
        while (words.find()) {
            pieces.add(words.group());
        }
        return pieces;
    }

    private static String openAiChunk(JsonNode request, String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion.chunk");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finishReason != null) {
            choice.put("finish_reason", finishReason);
        } else {
            choice.putNull("finish_reason");
        }
        return root.toString();
    }

    private static String ollamaChunk(JsonNode request, String content, boolean done) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.path("model").asText());
        root.put("created_at", "2026-11-21T09:30:00Z");
        ObjectNode message = root.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        root.put("done", done);
        return root.toString();
    }

    private static Call classify(String path, JsonNode body) {
        ArrayNode messages = (ArrayNode) body.path("messages");
        String instruction = instruction(body);
        String last = messages.size() > 0 ? messages.get(messages.size() - 1).path("content").asText() : "";
        Task task;
        String language;
        if (messages.size() > 2 && last.startsWith("Your previous answer")) {
            task = Task.CORRECTION;
            language = last.contains("English") ? "English" : "French";
        } else if (instruction.startsWith("Task: translate")) {
            task = Task.TRANSLATION;
            language = after(instruction, "into ");
        } else {
            task = Task.SUMMARY;
            language = after(instruction, "summarize the article above in ");
        }
        return new Call(path, task, language, body);
    }

    /** The task of a call: the last line of the first user message, after the article. */
    private static String instruction(JsonNode body) {
        JsonNode messages = body.path("messages");
        String user = messages.size() > 1 ? messages.get(1).path("content").asText() : "";
        return user.substring(user.lastIndexOf('\n') + 1);
    }

    private static String after(String text, String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            return "";
        }
        String rest = text.substring(at + marker.length());
        return rest.startsWith("English") ? "English" : rest.startsWith("French") ? "French" : "";
    }

    private String defaultAnswer(Call call) {
        boolean english = call.language().equals("English");
        // A corrective turn asks for the text of the task it follows.
        boolean translation = call.task() == Task.TRANSLATION
                || call.task() == Task.CORRECTION && instruction(call.body()).startsWith("Task: translate");
        if (translation && translator != null) {
            return translator.apply(call.article());
        }
        if (translation && call.article().contains("⟦")) {
            return Texts.markedTranslationOf(call.article());
        }
        if (translation) {
            return Texts.translationOf(call.article(), english);
        }
        if (summarizer != null) {
            return summarizer.apply(call.article());
        }
        String instruction = instruction(call.body());
        return Texts.summary(english, instruction.contains("exactly one sentence") ? "short"
                : instruction.contains("six to ten sentences") ? "long" : "medium");
    }

    private static String openAiBody(JsonNode request, String text, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        choice.put("finish_reason", finishReason);
        ObjectNode usage = root.putObject("usage");
        int prompt = promptTokens(request);
        int completion = text == null ? 0 : text.length() / 4;
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return root.toString();
    }

    private static String ollamaBody(JsonNode request, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.path("model").asText());
        root.put("created_at", "2026-11-21T09:30:00Z");
        ObjectNode message = root.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("prompt_eval_count", promptTokens(request));
        root.put("eval_count", text == null ? 0 : text.length() / 4);
        return root.toString();
    }

    private static int promptTokens(JsonNode request) {
        int chars = 0;
        for (JsonNode message : request.path("messages")) {
            chars += message.path("content").asText().length();
        }
        return chars / 4;
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
