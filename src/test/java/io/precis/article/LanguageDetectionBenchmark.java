package io.precis.article;

import io.precis.quality.DefectBenchmark;
import io.precis.testing.Corpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Language detection by Lingua alone ({@link LanguageDetector#detectWithLinguaAlone}, as it was) and with the first
 * reading of function words ({@link LanguageDetector#detect}, as the service detects), on the project's corpus: where
 * the two disagree, how often each names the known language, and what each costs, measured alternately in one run.
 *
 * <pre>bash bench/language.sh</pre>
 */
public final class LanguageDetectionBenchmark {

    private static final Path ORANGESUM = Path.of("src/test/resources/corpus/orangesum-abstract");
    private static final int ROUNDS = 5;
    /** Every so many texts are timed: the agreement is counted on all of them, the time on a third. */
    private static final int TIMED_EVERY = 3;

    /** A text and the language its source says it is in. */
    record Labelled(String set, String text, String code) {
    }

    private LanguageDetectionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Labelled> texts = corpus();
        LanguageDetector detector = new LanguageDetector();
        print(System.out, detector, texts);
    }

    /**
     * The corpus's texts: OrangeSum's 1500 test articles, their gold and BARThez abstracts and the articles'
     * paragraphs (French); the Readability pages (French, English, German, Portuguese) and their paragraphs; the seed
     * article, its English translation and their paragraphs.
     */
    static List<Labelled> corpus() throws IOException {
        List<Labelled> texts = new ArrayList<>();
        List<String> articles = Files.readAllLines(ORANGESUM.resolve("source_documents.txt"), StandardCharsets.UTF_8);
        articles.forEach(article -> texts.add(new Labelled("OrangeSum articles", article, "fr")));
        for (String article : articles) {
            for (String paragraph : DefectBenchmark.paragraphed(article).split("\n\n")) {
                texts.add(new Labelled("OrangeSum paragraphs", paragraph, "fr"));
            }
        }
        Files.readAllLines(ORANGESUM.resolve("gold.txt"), StandardCharsets.UTF_8)
                .forEach(text -> texts.add(new Labelled("OrangeSum gold abstracts", text, "fr")));
        Files.readAllLines(ORANGESUM.resolve("barthez.txt"), StandardCharsets.UTF_8)
                .forEach(text -> texts.add(new Labelled("OrangeSum BARThez abstracts", text, "fr")));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("readability/lemonde-1.txt", "fr");
        pages.put("readability/liberation-1.txt", "fr");
        pages.put("readability/bbc-1.txt", "en");
        pages.put("readability/heise.txt", "de");
        pages.put("readability/folha.txt", "pt");
        pages.put(Corpus.SEED_CLEAN, "fr");
        pages.put(Corpus.SEED_SCRAPED, "fr");
        pages.put("seeds/anchorage-summit-1.en.txt", "en");
        pages.forEach((file, code) -> {
            String text = Corpus.text(file);
            texts.add(new Labelled("pages (" + code + ")", text, code));
            Arrays.stream(text.split("\\n\\s*\\n")).filter(p -> !p.isBlank())
                    .forEach(p -> texts.add(new Labelled("pages' paragraphs (" + code + ")", p.strip(), code)));
        });
        return texts;
    }

    static void print(PrintStream out, LanguageDetector detector, List<Labelled> texts) {
        Map<String, int[]> sets = new LinkedHashMap<>();
        int disagree = 0;
        int plain = 0;
        List<String> disagreements = new ArrayList<>();
        for (Labelled text : texts) {
            String both = detector.detect(text.text()).code();
            String lingua = detector.detectWithLinguaAlone(text.text()).code();
            int[] counts = sets.computeIfAbsent(text.set(), set -> new int[4]);
            counts[0]++;
            counts[1] += lingua.equals(text.code()) ? 1 : 0;
            counts[2] += both.equals(text.code()) ? 1 : 0;
            boolean read = FunctionWords.plainly(sample(text.text())).isPresent();
            counts[3] += read ? 1 : 0;
            plain += read ? 1 : 0;
            if (!both.equals(lingua)) {
                disagree++;
                if (disagreements.size() < 10) {
                    disagreements.add(lingua + " -> " + both + ": " + text.text().substring(0,
                            Math.min(80, text.text().length())));
                }
            }
        }
        out.printf("Language detection on %d texts of the project's corpus.%n%n", texts.size());
        out.println("| texts | count | Lingua alone names the known language | with the first reading |"
                + " named by the first reading |");
        out.println("|---|---:|---:|---:|---:|");
        sets.forEach((set, c) -> out.printf("| %s | %d | %d | %d | %d (%.0f %%) |%n", set, c[0], c[1], c[2], c[3],
                100.0 * c[3] / c[0]));
        out.printf("%nThe two disagree on %d of %d texts; the first reading named %d.%n", disagree, texts.size(),
                plain);
        disagreements.forEach(line -> out.println("- " + line));

        // Timing: the two alternated, after a warm-up round of each; medians of the rounds.
        List<Labelled> timed = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += TIMED_EVERY) {
            timed.add(texts.get(i));
        }
        long[] lingua = new long[ROUNDS];
        long[] both = new long[ROUNDS];
        long[] reading = new long[ROUNDS];
        int sink = 0;
        for (int round = -1; round < ROUNDS; round++) {
            long started = System.nanoTime();
            for (Labelled text : timed) {
                sink += detector.detectWithLinguaAlone(text.text()).code().length();
            }
            long middle = System.nanoTime();
            for (Labelled text : timed) {
                sink += detector.detect(text.text()).code().length();
            }
            long ended = System.nanoTime();
            for (Labelled text : timed) {
                sink += FunctionWords.plainly(sample(text.text())).isPresent() ? 1 : 0;
            }
            long read = System.nanoTime();
            if (round >= 0) {
                lingua[round] = middle - started;
                both[round] = ended - middle;
                reading[round] = read - ended;
            }
        }
        Arrays.sort(lingua);
        Arrays.sort(both);
        Arrays.sort(reading);
        double linguaMicros = lingua[ROUNDS / 2] / 1000.0 / timed.size();
        double bothMicros = both[ROUNDS / 2] / 1000.0 / timed.size();
        out.printf("%n| detection, %d texts (one in %d) | µs per text (median of %d rounds) |%n|---|---:|%n",
                timed.size(), TIMED_EVERY, ROUNDS);
        double readingMicros = reading[ROUNDS / 2] / 1000.0 / timed.size();
        out.printf("| Lingua alone | %.1f |%n| with the first reading | %.1f |%n", linguaMicros, bothMicros);
        out.printf("| the first reading alone | %.1f |%n", readingMicros);
        out.printf("| **with the first reading ÷ Lingua alone** | %.3f |%n", bothMicros / linguaMicros);
        out.printf("| the first reading alone ÷ Lingua alone | %.3f |%n", readingMicros / linguaMicros);
        out.printf("%n(checksum %d)%n", sink);
    }

    private static String sample(String text) {
        return text.length() <= LanguageDetector.SAMPLE_CHARS ? text
                : text.substring(0, LanguageDetector.SAMPLE_CHARS);
    }
}
