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
 * (LLM_LOCAL_SLOTS). Medians of the runs. Writes a Markdown table to stdout.
 *
 * <pre>java -cp target/quarkus-app/lib/main/de.kherud.llama-4.2.0.jar bench/LocalModelBench.java MODEL THREADS</pre>
 */
public final class LocalModelBench {

    /** About the article of a 3 500-character French news article in Qwen tokens. */
    private static final int PROMPT_TOKENS = 1_000;
    private static final int GENERATED = 64;
    private static final int RUNS = 3;
    private static final int CONTEXT = 4_096;

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
                generate(llama, "warm up", 4);
                if (slots == 1) {
                    List<Double> prompts = new ArrayList<>();
                    List<Double> generation = new ArrayList<>();
                    for (int i = 0; i < RUNS; i++) {
                        long start = System.nanoTime();
                        generate(llama, prompt + i, 1);
                        prompts.add(PROMPT_TOKENS / seconds(start));
                        long[] times = generate(llama, "b" + i, GENERATED);
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
                            answers.add(clients.submit(() -> generate(llama, text, GENERATED)));
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
        System.exit(0);
    }

    /** Generates this many tokens; when the first came and when the last did. */
    private static long[] generate(LlamaModel llama, String prompt, int tokens) {
        long[] times = new long[2];
        int n = 0;
        for (LlamaOutput ignored : llama.generate(new InferenceParameters(prompt).setNPredict(tokens)
                .setCachePrompt(false).setTemperature(0.2f))) {
            if (n++ == 0) {
                times[0] = System.nanoTime();
            }
        }
        times[1] = System.nanoTime();
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
