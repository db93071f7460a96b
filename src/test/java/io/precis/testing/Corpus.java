package io.precis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the test corpus under {@code src/test/resources/corpus} (see its README for sources and licences).
 */
public final class Corpus {

    /** The clean seed article. */
    public static final String SEED_CLEAN = "seeds/anchorage-summit-1.txt";
    /** The seed article scraped with page furniture. */
    public static final String SEED_SCRAPED = "seeds/anchorage-summit-2-scraped.txt";
    /** The OrangeSum pages copied into the corpus. */
    public static final List<String> ORANGESUM_IDS = List.of("2633", "3134", "4869", "8037", "13435", "18327");
    /** Every OrangeSum page in the corpus, each as the raw page ({@code .html}) and the dataset's parse ({@code .json}). */
    public static final List<String> ORANGESUM_PAGES = List.of("2633", "3134", "4869", "6388", "6643", "8037", "8088",
            "13435", "14880", "15721", "16826", "17646", "18327", "20281", "21244", "22162", "22732", "23447", "25864",
            "28568", "31793", "33163", "33978", "34237");
    /** Mozilla Readability's test pages, each a folder with source.html, expected.html and expected-metadata.json. */
    public static final List<String> READABILITY_PAGES = List.of("lemonde-1", "liberation-1", "heise", "bbc-1",
            "folha");

    private Corpus() {
    }

    /** A corpus file as text. */
    public static String text(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus file's lines. */
    public static List<String> lines(String path) {
        return text(path).lines().toList();
    }

    /**
     * An OrangeSum article.
     *
     * @param id      the page id
     * @param article the dataset's parse of the body, with its scraping artefacts
     * @param title   the title
     * @param heading the human-written abstract
     */
    public record OrangeSum(String id, String article, String title, String heading) {
    }

    public static OrangeSum orangeSum(String id) {
        try {
            JsonNode page = new ObjectMapper().readTree(text("orangesum/" + id + ".json"));
            return new OrangeSum(id, page.path("article").asText(), page.path("title").asText(),
                    page.path("heading").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
