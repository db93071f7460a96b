package io.precis.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static final Path ARTICLES = Path.of("src/test/resources/corpus/orangesum-abstract/source_documents.txt");

    @Test
    void scansTheWordsOfEveryCorpusArticleAsThePatternFindsThem() throws IOException {
        List<String> articles = Files.readAllLines(ARTICLES, StandardCharsets.UTF_8);

        assertThat(articles).hasSize(1500).allSatisfy(article ->
                assertThat(Names.words(article)).isEqualTo(byPattern(article)));
    }

    @Test
    void scansTheWordsOfRandomTextAsThePatternFindsThem() {
        // Letters, marks, apostrophes, digits, spaces, a letter outside the BMP, and words longer than 61 letters.
        String alphabet = "aéZß'’-1 \u0301\u0903Ωж中\uD835\uDC00";
        Random random = new Random(19);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(90);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(10) == 0) {
                    text.append("a".repeat(random.nextInt(70)));
                }
                int at = random.nextInt(alphabet.length());
                text.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                        : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : String.valueOf(alphabet.charAt(at)));
            }
            assertThat(Names.words(text.toString())).as(text.toString()).isEqualTo(byPattern(text.toString()));
        }
    }

    @Test
    void readsATitleArticleAndGlossaryApartAsTheirJoinByBlankLines() throws IOException {
        // What Source(title, article, glossary) relies on to read the three without joining them.
        Random random = new Random(3);
        for (String article : Files.readAllLines(ARTICLES, StandardCharsets.UTF_8)) {
            int first = article.indexOf(' ', random.nextInt(article.length()));
            int second = first < 0 ? -1 : article.indexOf('-', first);
            List<String> parts = first < 0 ? List.of(article) : second < 0
                    ? List.of(article.substring(0, first), article.substring(first))
                    : List.of(article.substring(0, first), article.substring(first, second), article.substring(second));
            String joined = String.join("\n\n", parts);

            assertThat(parts.stream().flatMap(part -> Names.words(part).stream()).toList())
                    .isEqualTo(Names.words(joined));
            assertThat(parts.stream().flatMap(part -> Names.compounds(part).stream()).toList())
                    .isEqualTo(Names.compounds(joined));
        }
    }

    @Test
    void findsTheCompoundsOfEveryCorpusArticleAsThePatternFindsThem() throws IOException {
        List<String> articles = Files.readAllLines(ARTICLES, StandardCharsets.UTF_8);

        assertThat(articles).allSatisfy(article ->
                assertThat(Names.compounds(article)).isEqualTo(byPattern(Names.COMPOUND, article)));
        assertThat(articles.stream().mapToInt(article -> Names.compounds(article).size()).sum()).isGreaterThan(1000);
    }

    @Test
    void findsTheCompoundsOfRandomTextAsThePatternFindsThem() {
        // Hyphens, letters, a letter outside the BMP, other characters, and parts longer than 40 letters.
        String alphabet = "---aéZ'’1 \u0301Ωж中\uD835\uDC00";
        Random random = new Random(23);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(12) == 0) {
                    text.append("b".repeat(random.nextInt(50)));
                }
                int at = random.nextInt(alphabet.length());
                text.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                        : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : String.valueOf(alphabet.charAt(at)));
            }
            String sample = text.toString();
            assertThat(Names.compounds(sample)).as(sample).isEqualTo(byPattern(Names.COMPOUND, sample));
        }
    }

    private static List<String> byPattern(String text) {
        return byPattern(Names.WORD, text);
    }

    private static List<String> byPattern(java.util.regex.Pattern pattern, String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }
}
