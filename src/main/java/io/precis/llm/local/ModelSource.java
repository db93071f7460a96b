package io.precis.llm.local;

import io.precis.llm.LlmConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the local model comes from: a file the operator provides ({@code LLM_MODEL_PATH}), or a download (a URL, or a
 * Hugging Face repository, revision and file) kept in the cache directory; and the SHA-256 it must have.
 *
 * @param name     the model's name in responses and cache keys
 * @param file     where the GGUF is, or will be once downloaded
 * @param url      where to download it from; empty for an operator-provided file
 * @param sha256   the expected SHA-256, lowercase hex, if known
 */
record ModelSource(String name, Path file, Optional<URI> url, Optional<String> sha256) {

    /** The default model: Qwen2.5-1.5B-Instruct, Q4_K_M, at a pinned revision. */
    static final String DEFAULT_REPO = "Qwen/Qwen2.5-1.5B-Instruct-GGUF";
    static final String DEFAULT_FILE = "qwen2.5-1.5b-instruct-q4_k_m.gguf";
    static final String DEFAULT_REVISION = "91cad51170dc346986eccefdc2dd33a9da36ead9";
    /** Published for that file by several independent projects, and equal to Hugging Face's LFS object id. */
    static final String DEFAULT_SHA256 = "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e";
    /** Its size in bytes, 1.04 GiB. */
    static final long DEFAULT_SIZE = 1_117_320_736L;

    static ModelSource resolve(LlmConfig config) {
        LlmConfig.Local local = config.local();
        Optional<String> sha = local.modelSha256().map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty());
        if (local.modelPath().isPresent()) {
            Path file = local.modelPath().get().toAbsolutePath();
            return new ModelSource(config.model().orElse(stem(file.getFileName().toString())), file, Optional.empty(),
                    sha);
        }
        Path cache = local.modelCacheDir().orElseGet(ModelSource::defaultCacheDir);
        if (local.modelUrl().isPresent()) {
            URI url = URI.create(local.modelUrl().get());
            String fileName = Path.of(url.getPath()).getFileName().toString();
            return new ModelSource(config.model().orElse(stem(fileName)), cache.resolve("url").resolve(fileName),
                    Optional.of(url), sha);
        }
        boolean isDefault = DEFAULT_REPO.equals(local.modelRepo()) && DEFAULT_FILE.equals(local.modelFile())
                && DEFAULT_REVISION.equals(local.modelRevision());
        URI url = URI.create("https://huggingface.co/" + local.modelRepo() + "/resolve/" + local.modelRevision()
                + "/" + local.modelFile());
        Path file = cache.resolve(local.modelRepo().replace('/', '_')).resolve(local.modelFile());
        return new ModelSource(config.model().orElse(stem(local.modelFile())), file, Optional.of(url),
                sha.or(() -> isDefault ? Optional.of(DEFAULT_SHA256) : Optional.empty()));
    }

    /** What was tried, for logs and problems. */
    String describe() {
        return url.map(u -> "the model downloaded from " + u + " into " + file)
                .orElse("the model file " + file + " (LLM_MODEL_PATH)");
    }

    /** $XDG_CACHE_HOME/precis/models, or ~/.cache/precis/models. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("precis").resolve("models");
    }

    private static String stem(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5)
                : fileName;
    }
}
