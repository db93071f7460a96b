package io.precis.check;

import io.precis.article.Language;
import io.precis.article.LanguageDetector;
import io.precis.article.Markers;
import io.precis.task.Glossary;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TextFormat;
import io.precis.task.TranslationTask;
import io.precis.task.Warning;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's text against its task before it is stored: numbers, dates and names that the article does not
 * have, glossary terms not rendered as the glossary says, and for a translation, paragraphs left out, added, shortened
 * or left untranslated and quotations lost; for a summary, its length. What it finds is reported as {@link Warning}s, never silently dropped.
 */
@ApplicationScoped
public class OutputChecks {

    /** More warnings than this on one text say nothing more: the text is plainly wrong. */
    static final int MAX_WARNINGS = 20;
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** A quotation: what stands between quotation marks, on one paragraph, of a bounded length. */
    private static final Pattern QUOTATION = Pattern.compile("«([^»]{1,400})»|“([^”]{1,400})”"
            + "|\"([^\"]{1,400})\"|„([^“”]{1,400})[“”]");
    /** Below this many characters, a paragraph's translation varies too much in length for a bound to mean much. */
    private static final int MIN_CHARS_FOR_RATIO = 120;
    private static final double MIN_RATIO = 0.5;
    private static final double MAX_RATIO = 2.0;
    /** Below this many words, a paragraph's language cannot be told reliably (names, a photo credit). */
    private static final int MIN_WORDS_FOR_LANGUAGE = 8;
    private static final int EXCERPT_CHARS = 80;
    /** Paragraphs left out or added that are told apart one by one; more are reported as a count. */
    private static final int MAX_ALIGNED_GAPS = 3;

    private final LanguageDetector detector;
    private final Names names = Names.packaged();

    public OutputChecks(LanguageDetector detector) {
        this.detector = detector;
    }

    /** A text folded for {@link #has}: lower case, without accents. */
    public static String fold(String text) {
        return Names.fold(text);
    }

    /** Whether a folded text has a term as a whole word or phrase, case and accents aside. */
    public static boolean has(String foldedText, String term) {
        return Terms.containsFolded(foldedText, term);
    }

    /** What is wrong with a text written for a task; empty when nothing is. */
    public List<Warning> check(Task task, String written) {
        boolean marked = task instanceof TranslationTask translation && translation.format() == TextFormat.HTML;
        // An HTML fragment's markers are checked apart (Markers.problem): the checks read the words.
        String article = marked ? Markers.strip(task.article().text()) : task.article().text();
        String text = marked ? Markers.strip(written) : written;
        String source = task.title() == null ? article : task.title() + "\n\n" + article;
        Map<String, Warning> found = new LinkedHashMap<>();
        List<String> sourceParagraphs = paragraphsOf(article);
        List<String> writtenParagraphs = paragraphsOf(text);
        if (task instanceof TranslationTask && sourceParagraphs.size() == writtenParagraphs.size()) {
            // Paragraph for paragraph: a number changed into one the article has elsewhere is still caught.
            for (int i = 0; i < sourceParagraphs.size() && found.size() < MAX_WARNINGS; i++) {
                numbers(sourceParagraphs.get(i), writtenParagraphs.get(i), task.language(), found);
            }
        } else {
            Set<Integer> reported = numbers(source, text, task.language(), found);
            if (task.source() == task.language()) {
                copiedNumbers(source, text, reported, found);
            }
        }
        Glossary glossary = task.glossary();
        names(task.title() == null ? new Names.Source(article, glossaryWords(glossary))
                : new Names.Source(task.title(), article, glossaryWords(glossary)), text, found);
        glossary(task instanceof TranslationTask, article, glossary, text, found);
        if (task instanceof TranslationTask translation) {
            paragraphs(translation, sourceParagraphs, writtenParagraphs, found);
        } else if (task instanceof SummaryTask summary) {
            length(summary, article, text, found);
        }
        return found.values().stream().limit(MAX_WARNINGS).toList();
    }

    /** Reports the numbers of {@code text} that the article does not have; returns where they start. */
    private static Set<Integer> numbers(String source, String text, Language language, Map<String, Warning> found) {
        Set<String> values = Numbers.ofSource(source);
        Set<Integer> reported = new HashSet<>();
        for (Numbers.Mention mention : Numbers.ofText(text, language.code())) {
            if (found.size() >= MAX_WARNINGS) {
                return reported;
            }
            if (!Numbers.inSource(mention, values)) {
                reported.add(mention.start());
                add(found, Defect.NUMBER_NOT_IN_SOURCE.warning(
                        (mention.written().chars().allMatch(Character::isLetter) ? "The month '" : "The number '")
                                + mention.written() + "' is not in the article.",
                        around(text, mention.start(), mention.written().length())));
            }
        }
        return reported;
    }

    /**
     * A number changed in words copied from the article, whether or not the article has it elsewhere; one already
     * reported as not in the article is not reported twice.
     */
    private static void copiedNumbers(String source, String text, Set<Integer> reported, Map<String, Warning> found) {
        for (CopiedNumbers.Changed changed : CopiedNumbers.of(source, text)) {
            if (found.size() >= MAX_WARNINGS) {
                return;
            }
            if (reported.contains(changed.start())) {
                continue;
            }
            add(found, Defect.NUMBER_NOT_IN_SOURCE.warning("The number '" + changed.written()
                    + "' is not the article's: in the same words, the article has '" + changed.inArticle() + "'.",
                    around(text, changed.start(), changed.written().length())));
        }
    }

    private void names(Names.Source article, String text, Map<String, Warning> found) {
        Set<String> reported = new HashSet<>();
        for (Names.Mention mention : names.of(text)) {
            if (found.size() >= MAX_WARNINGS) {
                return;
            }
            if (!names.known(mention.word(), article) && reported.add(Names.fold(mention.excerpt()))) {
                add(found, Defect.NAME_NOT_IN_SOURCE.warning("The name '" + mention.excerpt()
                        + "' is not in the article.", around(text, mention.start(), mention.word().length())));
            }
        }
    }

    /**
     * A translation renders every glossary term of the article as the glossary says, and keeps every term to keep
     * that the article has as written; a summary, which need not mention a term, must not use it unrendered.
     */
    private static void glossary(boolean translation, String article, Glossary glossary, String text,
            Map<String, Warning> found) {
        if (glossary.isEmpty()) {
            return;
        }
        String foldedArticle = Names.fold(article);
        String foldedText = Names.fold(text);
        for (Glossary.Term term : glossary.terms()) {
            boolean inArticle = Terms.containsFolded(foldedArticle, term.source());
            boolean rendered = Terms.containsFolded(foldedText, term.target());
            boolean leftAsIs = !Terms.same(term.source(), term.target())
                    && Terms.containsFolded(foldedText, term.source());
            if (translation ? inArticle && !rendered : leftAsIs && !rendered) {
                add(found, Defect.GLOSSARY_MISS.warning("The glossary renders '" + term.source() + "' as '"
                        + term.target() + "', which the text does not use.", term.source() + " → " + term.target()));
            }
        }
        if (translation) {
            for (String kept : glossary.keep()) {
                // As written in the article too: "Le Monde" is to be kept, "le monde" is a phrase to translate.
                if (Terms.containsExactly(article, kept) && !Terms.containsExactly(text, kept)) {
                    add(found, Defect.GLOSSARY_MISS.warning("'" + kept + "' is to be kept as written, and the text"
                            + " does not have it.", kept));
                }
            }
        }
    }

    /** The glossary's renderings and kept terms, which a text may name although the article does not. */
    private static String glossaryWords(Glossary glossary) {
        StringBuilder words = new StringBuilder();
        glossary.terms().forEach(term -> words.append(term.target()).append('\n'));
        glossary.keep().forEach(kept -> words.append(kept).append('\n'));
        return words.toString();
    }

    /**
     * A translation's paragraphs against the article's. A paragraph left out or added is named by its number: the
     * details go back to the model in a corrective turn, outside the fenced article, so they quote none of it.
     */
    private void paragraphs(TranslationTask task, List<String> source, List<String> written,
            Map<String, Warning> found) {
        List<Integer> sourceLeft = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            sourceLeft.add(i);
        }
        List<Integer> writtenLeft = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            writtenLeft.add(i);
        }
        if (Math.abs(source.size() - written.size()) > MAX_ALIGNED_GAPS) {
            // Too many to tell which: aligning costs the square of the paragraphs for each one.
            add(found, (source.size() > written.size() ? Defect.PARAGRAPH_MISSING : Defect.PARAGRAPH_ADDED)
                    .warning("The translation has " + written.size() + " paragraphs, the article " + source.size()
                            + ".", excerpt(written.isEmpty() ? "" : written.get(written.size() - 1))));
            return;
        }
        while (sourceLeft.size() > writtenLeft.size()) {
            int missing = sourceLeft.remove(leastAligned(sourceLeft, source, writtenLeft, written));
            add(found, Defect.PARAGRAPH_MISSING.warning("The translation has " + written.size() + " paragraphs, the"
                    + " article " + source.size() + "; paragraph " + (missing + 1) + " of the article seems left"
                    + " out.", excerpt(source.get(missing))));
        }
        while (writtenLeft.size() > sourceLeft.size()) {
            int added = writtenLeft.remove(leastAligned(writtenLeft, written, sourceLeft, source));
            add(found, Defect.PARAGRAPH_ADDED.warning("The translation has " + written.size() + " paragraphs, the"
                    + " article " + source.size() + "; its paragraph " + (added + 1) + " seems added.",
                    excerpt(written.get(added))));
        }
        for (int i = 0; i < sourceLeft.size() && found.size() < MAX_WARNINGS; i++) {
            pair(sourceLeft.get(i), source.get(sourceLeft.get(i)), written.get(writtenLeft.get(i)), found);
        }
        for (int i = 0; i < written.size() && found.size() < MAX_WARNINGS; i++) {
            String paragraph = written.get(i);
            if (WHITESPACE.split(paragraph).length >= MIN_WORDS_FOR_LANGUAGE
                    && detector.detect(paragraph).supported().filter(task.source()::equals).isPresent()) {
                add(found, Defect.UNTRANSLATED_PARAGRAPH.warning("Paragraph " + (i + 1) + " is still in "
                        + task.source().englishName() + ".", excerpt(paragraph)));
            }
        }
    }

    /** A paragraph of the article and its translation: of a comparable length, with as many quotations. */
    private static void pair(int index, String source, String written, Map<String, Warning> found) {
        if (source.length() >= MIN_CHARS_FOR_RATIO) {
            double ratio = (double) written.length() / source.length();
            if (ratio < MIN_RATIO || ratio > MAX_RATIO) {
                add(found, Defect.PARAGRAPH_LENGTH.warning("Paragraph " + (index + 1) + " is "
                        + Math.round(ratio * 100) + " % of the length of the article's (expected between "
                        + Math.round(MIN_RATIO * 100) + " and " + Math.round(MAX_RATIO * 100) + " %).",
                        excerpt(written)));
            }
        }
        int quoted = quotations(source).size();
        int kept = quotations(written).size();
        if (kept < quoted) {
            add(found, Defect.QUOTATION_MISSING.warning("Paragraph " + (index + 1) + " of the article has " + quoted
                    + " quotations, its translation " + kept + ".", excerpt(written)));
        }
    }

    private static void length(SummaryTask task, String article, String text, Map<String, Warning> found) {
        int words = WHITESPACE.split(text.strip()).length;
        int target = task.length().words();
        int sentences = io.precis.article.Sentences.split(text.strip().replace('\n', ' ')).size();
        if (sentences > task.length().maxSentences() || words > target * 3 / 2 + 10) {
            add(found, Defect.SUMMARY_TOO_LONG.warning("The summary has " + sentences + " sentences and " + words
                    + " words; a " + task.length().code() + " summary has at most " + task.length().maxSentences()
                    + " sentences and about " + target + " words.", excerpt(text)));
        } else if (sentences < task.length().minSentences() && words < target / 2
                && WHITESPACE.split(article).length >= 2 * target) {
            // A short article makes a short summary: only one that had room to say more is too short.
            add(found, Defect.SUMMARY_TOO_SHORT.warning("The summary has " + sentences + " sentences and " + words
                    + " words; a " + task.length().code() + " summary has at least " + task.length().minSentences()
                    + " sentences and about " + target + " words.", excerpt(text)));
        }
    }

    /**
     * Which of the paragraphs {@code longer} (indices into {@code longerText}) to set aside so that the rest lines up
     * best, by length, with {@code shorter}: the one whose removal leaves the smallest sum of length mismatches. Its
     * position in {@code longer}.
     */
    private static int leastAligned(List<Integer> longer, List<String> longerText, List<Integer> shorter,
            List<String> shorterText) {
        int best = longer.size() - 1;
        double bestCost = Double.MAX_VALUE;
        for (int skip = 0; skip < longer.size(); skip++) {
            double cost = 0;
            for (int i = 0, j = 0; i < longer.size() && j < shorter.size(); i++) {
                if (i == skip) {
                    continue;
                }
                cost += Math.abs(Math.log((longerText.get(longer.get(i)).length() + 20.0)
                        / (shorterText.get(shorter.get(j)).length() + 20.0)));
                j++;
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = skip;
            }
        }
        return best;
    }

    static List<String> paragraphsOf(String text) {
        return PARAGRAPH_BREAK.splitAsStream(text.strip()).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static List<String> quotations(String paragraph) {
        List<String> quoted = new ArrayList<>();
        Matcher matcher = QUOTATION.matcher(paragraph);
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) {
                    quoted.add(matcher.group(group));
                }
            }
        }
        return quoted;
    }

    private static void add(Map<String, Warning> found, Warning warning) {
        found.putIfAbsent(warning.code() + '\0' + warning.excerpt(), warning);
    }

    /** The words around a place in a text, cut at word boundaries. */
    private static String around(String text, int start, int length) {
        int from = Math.max(0, start - 30);
        int to = Math.min(text.length(), start + length + 30);
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1)) && from > start - 45) {
            from--;
        }
        while (to < text.length() && !Character.isWhitespace(text.charAt(to)) && to < start + length + 45) {
            to++;
        }
        return WHITESPACE.matcher(text.substring(from, to)).replaceAll(" ").strip();
    }

    private static String excerpt(String text) {
        String flat = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (flat.length() <= EXCERPT_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', EXCERPT_CHARS);
        return flat.substring(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS) + "…";
    }
}
