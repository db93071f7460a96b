import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local model's speed on this machine, with llama.cpp as the service loads it (de.kherud:llama from the packaged
 * service), on a model of the default model's shapes (io.precis.testing.ShapedGguf): prompt tokens per second,
 * generation tokens per second, and the aggregate generation rate of 1, 2 and 4 clients at once with as many slots
 * (LLM_LOCAL_SLOTS), medians of the runs; then, for each article given, a digest against its translation alone with 1,
 * 2 and 4 slots (one run each). Writes Markdown tables to stdout.
 *
 * <pre>java -cp target/quarkus-app/lib/main/de.kherud.llama-4.2.0.jar bench/LocalModelBench.java MODEL THREADS
 * [ARTICLE...]</pre>
 */
public final class LocalModelBench {

    /** About the article of a 3 500-character French news article in Qwen tokens. */
    private static final int PROMPT_TOKENS = 1_000;
    private static final int GENERATED = 64;
    private static final int RUNS = 3;
    private static final int CONTEXT = 4_096;
    /** The system message and the markers, in Qwen tokens. */
    private static final int SYSTEM_TOKENS = 180;
    /** A task after the article. */
    private static final int TASK_TOKENS = 60;
    private static final int SUMMARY_TOKENS = 130;

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        // A letter repeated is one token per character with this model's vocabulary.
        String prompt = "a".repeat(PROMPT_TOKENS - 1);
        System.out.printf(Locale.ROOT, "| slots | what | median | runs |%n|---|---|---|---|%n");
        for (int slots : new int[] {1, 2, 4}) {
            try (LlamaModel llama = new LlamaModel(new ModelParameters().setModel(model.toString())
                    .setCtxSize(CONTEXT * slots).setThreads(threads).setThreadsBatch(threads).setParallel(slots)
                    .enableContBatching().disableLog())) {
                generate(llama, "warm up", 4, false);
                if (slots == 1) {
                    List<Double> prompts = new ArrayList<>();
                    List<Double> generation = new ArrayList<>();
                    for (int i = 0; i < RUNS; i++) {
                        long start = System.nanoTime();
                        generate(llama, prompt + i, 1, false);
                        prompts.add(PROMPT_TOKENS / seconds(start));
                        long[] times = generate(llama, "b" + i, GENERATED, false);
                        generation.add((GENERATED - 1) / ((times[1] - times[0]) / 1e9));
                    }
                    row(slots, "prompt tokens/s (" + PROMPT_TOKENS + "-token prompt)", prompts);
                    row(slots, "generation tokens/s, 1 client", generation);
                } else {
                    List<Double> aggregate = new ArrayList<>();
                    ExecutorService clients = Executors.newFixedThreadPool(slots);
                    for (int i = 0; i < RUNS; i++) {
                        List<Future<long[]>> answers = new ArrayList<>();
                        long start = System.nanoTime();
                        for (int c = 0; c < slots; c++) {
                            String text = "c" + c + "r" + i;
                            answers.add(clients.submit(() -> generate(llama, text, GENERATED, false)));
                        }
                        for (Future<long[]> answer : answers) {
                            answer.get();
                        }
                        aggregate.add(slots * GENERATED / seconds(start));
                    }
                    clients.shutdown();
                    row(slots, "generation tokens/s, " + slots + " clients at once (all of them)", aggregate);
                }
            }
        }
        for (int i = 2; i < args.length; i++) {
            digests(model, threads, Path.of(args[i]));
        }
        System.exit(0);
    }

    /**
     * A digest of an article against its translation alone, with 1, 2 and 4 slots, as the service runs one: the
     * summary and the translation share the prompt's beginning (the system message and the fenced article) and differ
     * in the task after it. With one slot they run one after the other and the second reads only its task (the slot
     * keeps the prompt it read: cache_prompt, as the service sets it); with more, they run at once in two slots.
     * Token counts come from the article's length at 3.5 characters per Qwen token (the measurement: a
     * 3 500-character article is about 1 000 tokens); the translation is as long as the article, the summary 130 tokens
     * (a medium summary, about 100 words). Prompts are letters, one token each with this vocabulary.
     */
    private static void digests(Path model, int threads, Path article) throws Exception {
        int chars = Files.readString(article).length();
        int articleTokens = (int) Math.round(chars / 3.5);
        String prefix = "s".repeat(SYSTEM_TOKENS) + "a".repeat(articleTokens);
        String translate = prefix + "t".repeat(TASK_TOKENS);
        String summarize = prefix + "u".repeat(TASK_TOKENS);
        String name = article.getFileName().toString();
        System.out.printf(Locale.ROOT, "%n%s: %d characters, about %d tokens; translation %d tokens, summary %d%n",
                name, chars, articleTokens, articleTokens, SUMMARY_TOKENS);
        System.out.printf(Locale.ROOT, "| article | slots | translation alone (s) | digest (s) | digest / translation |%n"
                + "|---|---|---|---|---|%n");
        for (int slots : new int[] {1, 2, 4}) {
            int context = SYSTEM_TOKENS + articleTokens + TASK_TOKENS + articleTokens + 64;
            try (LlamaModel llama = new LlamaModel(new ModelParameters().setModel(model.toString())
                    .setCtxSize(context * slots).setThreads(threads).setThreadsBatch(threads).setParallel(slots)
                    .enableContBatching().disableLog())) {
                generate(llama, "warm up", 4, false);
                long start = System.nanoTime();
                generate(llama, translate, articleTokens, true);
                double alone = seconds(start);
                // Something else read in between, so that the digest starts from no kept prompt, as a new article would.
                generate(llama, "x".repeat(SYSTEM_TOKENS), 1, true);
                start = System.nanoTime();
                if (slots == 1) {
                    generate(llama, translate, articleTokens, true);
                    generate(llama, summarize, SUMMARY_TOKENS, true);
                } else {
                    ExecutorService parts = Executors.newFixedThreadPool(2);
                    Future<long[]> translation = parts.submit(() -> generate(llama, translate, articleTokens, true));
                    Future<long[]> summary = parts.submit(() -> generate(llama, summarize, SUMMARY_TOKENS, true));
                    translation.get();
                    summary.get();
                    parts.shutdown();
                }
                double digest = seconds(start);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f |%n", name, slots, alone, digest,
                        digest / alone);
            }
        }
    }

    /**
     * Generates this many tokens; when the first came and when the last did.
     *
     * @param keep whether the slot keeps the prompt it read for the next one (cache_prompt)
     */
    private static long[] generate(LlamaModel llama, String prompt, int tokens, boolean keep) {
        long[] times = new long[2];
        int n = 0;
        for (LlamaOutput ignored : llama.generate(new InferenceParameters(prompt).setNPredict(tokens)
                .setCachePrompt(keep).setTemperature(0.2f))) {
            if (n++ == 0) {
                times[0] = System.nanoTime();
            }
        }
        times[1] = System.nanoTime();
        if (n < tokens) {
            throw new IllegalStateException("The model stopped after " + n + " of " + tokens + " tokens");
        }
        return times;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void row(int slots, String what, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        StringBuilder runs = new StringBuilder();
        for (double v : values) {
            runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %s |%n", slots, what, sorted.get(sorted.size() / 2), runs);
    }
}
