package io.precis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one tiny model of this test JVM: written once, loaded once (llama.cpp models are never closed: see
 * LoadedModels), shared by every test that needs a local model.
 */
public final class TinyModel {

    /** Context and threads every test loads it with, so that they all share one loaded instance. */
    public static final int CONTEXT = 2048;
    public static final int THREADS = 1;

    private static Path file;
    private static String sha256;

    private TinyModel() {
    }

    /** The model file, written on first use. */
    public static synchronized Path file() {
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("precis-tiny-model");
                Path model = dir.resolve("tiny-model.gguf");
                TinyGguf.write(model, 42);
                sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(model)));
                file = model;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }

    /** Its SHA-256. */
    public static synchronized String sha256() {
        file();
        return sha256;
    }
}
