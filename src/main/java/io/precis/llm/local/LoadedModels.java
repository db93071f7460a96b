package io.precis.llm.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The llama.cpp models of this process, loaded once and kept for its lifetime. Closing one leaks native memory and a
 * thread, and a model loaded after another was closed has given wrong outputs, so a model is never closed; an
 * application restarted in the same JVM (dev mode, tests) reuses it. The process ending frees it.
 */
final class LoadedModels {

    private static final Map<String, LlamaModel> MODELS = new ConcurrentHashMap<>();

    private LoadedModels() {
    }

    /**
     * The model in a file, loading it on first use with these settings.
     *
     * @param contextTokens the context of each answer
     * @param slots         answers written at once: llama.cpp's parallel slots, whose tokens it decodes in one batch
     *                      (continuous batching), so that several answers share each pass over the weights; the
     *                      context it allocates is split between them, so it is {@code contextTokens} times this
     */
    static LlamaModel load(Path file, int contextTokens, int slots, int threads, Path nativeDir) {
        String key = file.toAbsolutePath() + "|" + contextTokens + "|" + slots + "|" + threads;
        return MODELS.computeIfAbsent(key, k -> {
            useNativeDir(nativeDir);
            return new LlamaModel(new ModelParameters()
                    .setModel(file.toAbsolutePath().toString())
                    .setCtxSize(contextTokens * slots)
                    .setThreads(threads)
                    .setThreadsBatch(threads)
                    .setParallel(slots)
                    .enableContBatching()
                    .disableLog());
        });
    }

    /**
     * The binding extracts its native library to a directory it also cleans of files named llama* or jllama*: give it
     * one of its own, so that it never deletes someone else's files in the shared temporary directory.
     */
    private static void useNativeDir(Path dir) {
        if (System.getProperty("de.kherud.llama.tmpdir") != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + " for llama.cpp's native library", e);
        }
        System.setProperty("de.kherud.llama.tmpdir", dir.toString());
    }
}
