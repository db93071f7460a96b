package io.precis.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The OrangeSum Abstract test split as the dataset ships it: one document per line, aligned across files.
 *
 * @param sources    the articles
 * @param references the human-written abstracts
 * @param systems    the abstracts of the paper's models, by display name, in table order
 */
public record Benchmark(List<String> sources, List<String> references, Map<String, List<String>> systems) {

    /** The files of the published systems, by the name the paper gives them. */
    private static final Map<String, String> SYSTEM_FILES = systemFiles();

    /** Reads the split from a directory with {@code source_documents.txt}, {@code gold.txt} and the systems' files. */
    public static Benchmark load(Path directory) {
        List<String> sources = lines(directory.resolve("source_documents.txt"));
        List<String> references = lines(directory.resolve("gold.txt"));
        Map<String, List<String>> systems = new LinkedHashMap<>();
        SYSTEM_FILES.forEach((name, file) -> systems.put(name, lines(directory.resolve(file))));
        for (Map.Entry<String, List<String>> system : systems.entrySet()) {
            if (system.getValue().size() != sources.size()) {
                throw new IllegalArgumentException(SYSTEM_FILES.get(system.getKey()) + " has "
                        + system.getValue().size() + " lines, source_documents.txt " + sources.size());
            }
        }
        if (references.size() != sources.size()) {
            throw new IllegalArgumentException("gold.txt has " + references.size() + " lines, source_documents.txt "
                    + sources.size());
        }
        return new Benchmark(sources, references, systems);
    }

    /** Number of documents. */
    public int size() {
        return sources.size();
    }

    /**
     * The documents to evaluate, in ascending order: all of them, or {@code limit} drawn at random with the seed, the
     * same for every system and every run with that seed.
     */
    public List<Integer> sample(int limit, long seed) {
        List<Integer> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(i);
        }
        if (limit >= size()) {
            return all;
        }
        Collections.shuffle(all, new Random(seed));
        List<Integer> drawn = new ArrayList<>(all.subList(0, limit));
        drawn.sort(null);
        return drawn;
    }

    /** The lines of these documents, in the documents' order. */
    public static List<String> pick(List<String> lines, List<Integer> documents) {
        return documents.stream().map(lines::get).toList();
    }

    private static Map<String, String> systemFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("BARThez", "barthez.txt");
        files.put("mBARThez", "mbarthez.txt");
        files.put("mBART", "mbart.txt");
        files.put("CamemBERT2CamemBERT", "camembert2camembert.txt");
        return files;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
