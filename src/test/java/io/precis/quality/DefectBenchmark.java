package io.precis.quality;

import io.precis.article.Article;
import io.precis.article.Fragment;
import io.precis.article.Language;
import io.precis.article.LanguageDetector;
import io.precis.article.Markers;
import io.precis.article.Sentences;
import io.precis.check.OutputChecks;
import io.precis.task.Author;
import io.precis.task.GenerationSettings;
import io.precis.task.Glossary;
import io.precis.task.ModelIdentity;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TranslationTask;
import io.precis.task.Warning;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The defect-injection benchmark of the output checks (docs/quality.md): from the articles of OrangeSum's test split,
 * correct pseudo-outputs and variants with one defect each; it reports, per kind of defect, how many variants the
 * checks catch, and how many correct outputs they flag. It also runs the checks over the split's human-written
 * abstracts, and over BARThez's, against their articles.
 *
 * <p>Run by {@code bash eval/defects.sh [--limit N] [--seed S]}; prints Markdown on stdout.
 */
public final class DefectBenchmark {

    /** The codes the pseudo-outputs are judged on; see {@link #correct}. */
    private static final Set<String> JUDGED = Set.of("number-not-in-source", "name-not-in-source",
            "paragraph-missing", "paragraph-added", "paragraph-length", "quotation-missing", "glossary-miss");
    private static final Author AUTHOR = new Author(new ModelIdentity("benchmark", "pseudo-outputs", "-"),
            GenerationSettings.NONE, "-", "-");
    private static final Pattern NAME = Pattern.compile("(?<=[\\p{Ll},;] )\\p{Lu}\\p{Ll}{2,}(?!\\p{L})");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** A number as French writes it: thousands grouped by spaces or dots, decimals after a comma. */
    private static final Pattern FRENCH_NUMBER = Pattern.compile(
            "(?<![\\d,.])\\d{1,3}(?:[ \u00A0\u202F.]\\d{3})+(?:,\\d+)?(?![\\d])|(?<![\\d,.])\\d+,\\d+(?![\\d])");
    private static final Map<String, String> MONTHS = Map.ofEntries(Map.entry("janvier", "January"),
            Map.entry("février", "February"), Map.entry("mars", "March"), Map.entry("avril", "April"),
            Map.entry("mai", "May"), Map.entry("juin", "June"), Map.entry("juillet", "July"),
            Map.entry("août", "August"), Map.entry("septembre", "September"), Map.entry("octobre", "October"),
            Map.entry("novembre", "November"), Map.entry("décembre", "December"));
    /** Sentences per paragraph of the pseudo-articles: the split's articles come as one line each. */
    private static final int SENTENCES_PER_PARAGRAPH = 3;

    private final OutputChecks checks = new OutputChecks(new LanguageDetector());
    private final Random random;
    private final Map<String, int[]> caught = new LinkedHashMap<>();
    private final Map<String, int[]> alarms = new LinkedHashMap<>();
    private final Map<String, List<String>> missedExamples = new TreeMap<>();
    private final Map<String, Integer> alarmCodes = new TreeMap<>();
    private final Map<String, List<String>> alarmExamples = new TreeMap<>();

    private DefectBenchmark(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        int limit = Integer.MAX_VALUE;
        long seed = 8;
        Path data = EvaluationOptions.DEFAULT_DATA;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: eval/defects.sh [--limit N] [--seed S] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        List<String> articles = Files.readAllLines(data.resolve("source_documents.txt"), StandardCharsets.UTF_8);
        List<String> gold = Files.readAllLines(data.resolve("gold.txt"), StandardCharsets.UTF_8);
        List<String> barthez = Files.readAllLines(data.resolve("barthez.txt"), StandardCharsets.UTF_8);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> sample = order.subList(0, Math.min(limit, order.size()));
        long started = System.nanoTime();
        DefectBenchmark benchmark = new DefectBenchmark(seed);
        List<String> names = benchmark.namesOf(articles);
        Map<String, int[]> humans = new LinkedHashMap<>();
        for (int i : sample) {
            String article = paragraphed(articles.get(i));
            benchmark.summaries(article, names);
            benchmark.translations(article, names);
            benchmark.written("OrangeSum gold abstracts (human)", article, gold.get(i), humans);
            benchmark.written("BARThez abstracts (the paper's model)", article, barthez.get(i), humans);
        }
        benchmark.print(System.out, sample.size(), seed, humans, (System.nanoTime() - started) / 1_000_000);
    }

    /** Correct pseudo-summaries (LEAD-2) and pseudo-translations, and one variant per kind of defect. */
    private void summaries(String article, List<String> names) {
        SummaryTask task = new SummaryTask(Article.of(article), null, Language.FR, Language.FR, SummaryLength.LONG,
                AUTHOR);
        String summary = Lead.of(Article.of(article), 2);
        List<Warning> base = correct("summary", task, summary);
        variant("summary: changed number", task, base, changedNumber(summary), "number-not-in-source");
        variant("summary: changed name", task, base, changedName(summary, article, names), "name-not-in-source");
        variant("summary: invented name", task, base, inventedName(summary, article, names, "selon"),
                "name-not-in-source");
    }

    private void translations(String article, List<String> names) {
        TranslationTask task = new TranslationTask(Article.of(article), null, Language.FR, Language.EN, AUTHOR);
        String translation = englishFormats(article);
        List<Warning> base = correct("translation", task, translation);
        variant("translation: dropped paragraph", task, base, droppedParagraph(translation), "paragraph-missing");
        variant("translation: changed number", task, base, changedNumber(translation), "number-not-in-source");
        variant("translation: changed name", task, base, changedName(translation, article, names),
                "name-not-in-source");
        variant("translation: invented name", task, base, inventedName(translation, article, names,
                "according to"), "name-not-in-source");
        glossaryMisses(article, translation);
        brokenTags(article);
    }

    /**
     * The article as an HTML fragment (a paragraph element per paragraph, each paragraph's names in bold and its
     * first word a link); the correct pseudo-translation keeps every marker, the variant loses one, as a model that
     * drops a tag would. Judged by the markup check, which refuses an answer it cannot put back.
     */
    private void brokenTags(String article) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : article.split("\n\n")) {
            String marked = NAME.matcher(escape(paragraph)).replaceAll("<b>$0</b>")
                    .replaceFirst("^(\\p{L}+)", "<a href=\"https://example.org/\">$1</a>");
            html.append("<p>").append(marked).append("</p>\n");
        }
        String source = Fragment.parse(html.toString()).markedText();
        String correct = englishFormats(source);
        int[] counts = alarms.computeIfAbsent("translation of an HTML fragment", k -> new int[2]);
        counts[1]++;
        if (Markers.problem(source, correct) != null) {
            counts[0]++;
        }
        List<MatchResult> markers = Pattern.compile("⟦/?\\d+/?⟧").matcher(correct).results().toList();
        if (markers.isEmpty()) {
            return;
        }
        MatchResult lost = markers.get(random.nextInt(markers.size()));
        String broken = correct.substring(0, lost.start()) + correct.substring(lost.end());
        int[] caughtCounts = caught.computeIfAbsent("translation: broken tag", k -> new int[2]);
        caughtCounts[1]++;
        if (Markers.problem(source, broken) != null) {
            caughtCounts[0]++;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * A glossary made of a name of the article, rendered otherwise ({@code Poutine} → {@code Poutine-en}), and
     * another name to keep: the correct output renders the one and keeps the other; the variants leave the term
     * unrendered everywhere, or change the kept term everywhere.
     */
    private void glossaryMisses(String article, String translation) {
        // Names glued to a number ("Covid-19") are left out: a rendering would make another name of the number.
        List<String> found = new ArrayList<>(new java.util.LinkedHashSet<>(NAME.matcher(article).results()
                .filter(name -> name.end() >= article.length() || article.charAt(name.end()) != '-')
                .map(MatchResult::group).toList()));
        if (found.size() < 2) {
            return;
        }
        Collections.shuffle(found, random);
        String term = found.get(0);
        String kept = found.get(1);
        String rendering = term + "-en";
        Glossary glossary = new Glossary(List.of(new Glossary.Term(term, rendering)), List.of(kept));
        TranslationTask task = new TranslationTask(Article.of(article), null, Language.FR, Language.EN, glossary,
                AUTHOR);
        // The checks match a glossary term whatever its case, as a whole word: so does the correct output.
        String word = "(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])";
        String correct = translation.replaceAll(word, Matcher.quoteReplacement(rendering));
        List<Warning> base = correct("translation with a glossary", task, correct);
        lastChange = term + " left as is";
        variant("translation: glossary term not rendered", task, base, translation, "glossary-miss");
        lastChange = kept + " changed";
        variant("translation: term to keep not kept", task, base,
                correct.replaceAll("\\b" + Pattern.quote(kept) + "\\b", "Xyzzy"), "glossary-miss");
    }

    /** Checks a correct output: any judged warning on it is a false alarm. */
    private List<Warning> correct(String kind, Task task, String output) {
        List<Warning> warnings = judged(checks.check(task, output));
        int[] counts = alarms.computeIfAbsent(kind, k -> new int[2]);
        counts[1]++;
        if (!warnings.isEmpty()) {
            counts[0]++;
            List<String> examples = alarmExamples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (examples.size() < 5) {
                examples.add(warnings.get(0).detail() + " [" + warnings.get(0).excerpt() + "]");
            }
            warnings.forEach(w -> alarmCodes.merge(kind + ": " + w.code(), 1, Integer::sum));
        }
        return warnings;
    }

    /** Checks a variant with one defect: caught when a warning of its kind appears that the correct output had not. */
    private void variant(String kind, Task task, List<Warning> base, String output, String code) {
        if (output == null) {
            return;
        }
        List<Warning> warnings = judged(checks.check(task, output));
        boolean found = warnings.stream().anyMatch(w -> w.code().equals(code) && !base.contains(w));
        int[] counts = caught.computeIfAbsent(kind, k -> new int[2]);
        counts[1]++;
        if (found) {
            counts[0]++;
        } else {
            List<String> examples = missedExamples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (examples.size() < 8) {
                examples.add(lastChange);
            }
        }
    }

    /** The abstracts people or a model wrote, checked as summaries of their articles. */
    private void written(String who, String article, String summary, Map<String, int[]> counts) {
        SummaryTask task = new SummaryTask(Article.of(article), null, Language.FR, Language.FR, SummaryLength.SHORT,
                AUTHOR);
        List<Warning> warnings = checks.check(task, summary);
        int[] row = counts.computeIfAbsent(who, k -> new int[3]);
        row[2]++;
        if (warnings.stream().anyMatch(w -> w.code().equals("number-not-in-source"))) {
            row[0]++;
        }
        if (warnings.stream().anyMatch(w -> w.code().equals("name-not-in-source"))) {
            row[1]++;
        }
    }

    private static List<Warning> judged(List<Warning> warnings) {
        return warnings.stream().filter(w -> JUDGED.contains(w.code())).toList();
    }

    /** What the last variant changed, for the examples of misses. */
    private String lastChange = "";

    private String droppedParagraph(String text) {
        String[] paragraphs = text.split("\n\n");
        if (paragraphs.length < 3) {
            return null;
        }
        int drop = random.nextInt(paragraphs.length);
        List<String> kept = new ArrayList<>(List.of(paragraphs));
        lastChange = "dropped: " + cut(kept.remove(drop));
        return String.join("\n\n", kept);
    }

    /** One digit of one number changed: {@code 2019} becomes {@code 2016}. */
    private String changedNumber(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher digits = DIGITS.matcher(text);
        while (digits.find()) {
            spans.add(new int[] {digits.start(), digits.end()});
        }
        if (spans.isEmpty()) {
            return null;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        int at = span[1] - 1;
        int digit = text.charAt(at) - '0';
        int changed = (digit + 1 + random.nextInt(9)) % 10;
        lastChange = text.substring(span[0], span[1]) + " -> " + text.substring(span[0], at) + changed + " in '"
                + text.substring(Math.max(0, span[0] - 25), Math.min(text.length(), span[1] + 15)) + "'";
        return text.substring(0, at) + changed + text.substring(at + 1);
    }

    /** A name of the text replaced, everywhere, by a name of another article. */
    private String changedName(String text, String article, List<String> names) {
        List<String> found = new ArrayList<>();
        Matcher name = NAME.matcher(text);
        while (name.find()) {
            found.add(name.group());
        }
        if (found.isEmpty()) {
            return null;
        }
        String old = found.get(random.nextInt(found.size()));
        String replacement = otherName(article, names);
        lastChange = old + " -> " + replacement;
        return text.replaceAll("\\b" + Pattern.quote(old) + "\\b", replacement);
    }

    /** A name of another article attributed a sentence of the text. */
    private String inventedName(String text, String article, List<String> names, String according) {
        int end = text.indexOf(". ");
        if (end < 0) {
            return null;
        }
        String name = otherName(article, names);
        lastChange = according + " " + name;
        return text.substring(0, end) + ", " + according + " " + name + text.substring(end);
    }

    private String otherName(String article, List<String> names) {
        String lower = article.toLowerCase(Locale.ROOT);
        while (true) {
            String name = names.get(random.nextInt(names.size()));
            if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }

    /**
     * Names of the corpus's articles, to change or invent names with: capitalized words inside sentences that the
     * corpus never writes in lower case.
     */
    private List<String> namesOf(List<String> articles) {
        Set<String> names = new HashSet<>();
        Set<String> lowerCase = new HashSet<>();
        for (String article : articles) {
            Matcher name = NAME.matcher(article);
            while (name.find()) {
                names.add(name.group());
            }
            for (String word : article.split("[^\\p{L}]+")) {
                if (!word.isEmpty() && Character.isLowerCase(word.charAt(0))) {
                    lowerCase.add(word);
                }
            }
        }
        // A word the corpus also writes in lower case ("Commission", "Conseil") is a common word, not a name.
        names.removeIf(name -> lowerCase.contains(name.toLowerCase(Locale.ROOT)));
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        return sorted;
    }

    /** An article of the split, one line, as paragraphs of a few sentences. */
    /** An OrangeSum article, given as one line, in paragraphs of three sentences. */
    public static String paragraphed(String line) {
        List<String> sentences = Sentences.split(line.strip());
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i += SENTENCES_PER_PARAGRAPH) {
            paragraphs.add(String.join(" ", sentences.subList(i, Math.min(sentences.size(),
                    i + SENTENCES_PER_PARAGRAPH))));
        }
        return String.join("\n\n", paragraphs);
    }

    /**
     * The article with its numbers and months written the English way, as a translation writes them: a
     * pseudo-translation that keeps every fact, so that any judged warning on it is a false alarm.
     */
    static String englishFormats(String article) {
        Matcher number = FRENCH_NUMBER.matcher(article);
        StringBuilder out = new StringBuilder();
        while (number.find()) {
            String[] parts = number.group().split(",", 2);
            String integer = parts[0].replaceAll("[ \u00A0\u202F.]", "");
            StringBuilder grouped = new StringBuilder(integer);
            for (int at = integer.length() - 3; at > 0 && integer.length() > 4; at -= 3) {
                grouped.insert(at, ',');
            }
            number.appendReplacement(out, Matcher.quoteReplacement(grouped + (parts.length > 1 ? "." + parts[1] : "")));
        }
        number.appendTail(out);
        String text = out.toString().replaceAll("(\\d)[ \u00A0\u202F]%", "$1%");
        for (Map.Entry<String, String> month : MONTHS.entrySet()) {
            text = text.replaceAll("(?<=\\d )" + month.getKey() + "\\b", month.getValue());
        }
        return text;
    }

    private static String cut(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private void print(PrintStream out, int documents, long seed, Map<String, int[]> humans, long millis) {
        out.printf("Defect injection on %d articles of OrangeSum's test split (seed %d), %.1f s.%n%n", documents,
                seed, millis / 1000.0);
        out.println("| defect | variants | caught | catch rate |");
        out.println("|---|---:|---:|---:|");
        caught.forEach((kind, c) -> out.printf("| %s | %d | %d | %.1f %% |%n", kind, c[1], c[0], 100.0 * c[0] / c[1]));
        out.println();
        out.println("| correct outputs | checked | flagged | false-alarm rate |");
        out.println("|---|---:|---:|---:|");
        alarms.forEach((kind, c) -> out.printf("| %s | %d | %d | %.1f %% |%n", kind, c[1], c[0], 100.0 * c[0] / c[1]));
        out.println();
        out.println("| abstracts checked against their articles | abstracts | a number not in the article | a name not"
                + " in the article |");
        out.println("|---|---:|---:|---:|");
        humans.forEach((who, c) -> out.printf("| %s | %d | %d (%.1f %%) | %d (%.1f %%) |%n", who, c[2], c[0],
                100.0 * c[0] / c[2], c[1], 100.0 * c[1] / c[2]));
        if (!alarmCodes.isEmpty()) {
            out.println();
            out.println("False alarms by code: " + alarmCodes.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")) + ".");
        }
        if (!alarmExamples.isEmpty()) {
            out.println();
            out.println("Examples of false alarms: " + alarmExamples.entrySet().stream()
                    .map(e -> e.getKey() + " (" + String.join(" | ", e.getValue()) + ")")
                    .collect(Collectors.joining("; ")) + ".");
        }
        if (!missedExamples.isEmpty()) {
            out.println();
            out.println("Examples of misses: " + missedExamples.entrySet().stream()
                    .map(e -> e.getKey() + " (" + String.join(" | ", e.getValue()) + ")")
                    .collect(Collectors.joining("; ")) + ".");
        }
    }
}
