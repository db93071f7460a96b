package io.precis.llm.local;

import de.kherud.llama.LlamaModel;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.llm.Availability;
import io.precis.llm.LlmConfig;
import io.precis.llm.ProviderKind;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The model of the local provider, made ready in the background so that the HTTP server starts at once: found (or
 * downloaded, with progress in the log), verified, then loaded. Its state is what readiness reports.
 */
@ApplicationScoped
public class LocalModel {

    private static final Logger LOG = Logger.getLogger(LocalModel.class);
    /** The settings that make the service write without this model. */
    static final String FIX = "Fix: set LLM_MODEL_PATH to a GGUF file on disk; or LLM_PROVIDER=openai with LLM_BASE_URL"
            + " and LLM_MODEL (or LLM_PROVIDER=ollama) to use a model server; or LLM_PROVIDER=extractive to run without"
            + " a model (summaries in the article's language only).";
    private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** Where preparation stands. */
    public enum Phase {
        WAITING, DOWNLOADING, VERIFYING, LOADING, READY, FAILED
    }

    /**
     * The model's state.
     *
     * @param phase   where preparation stands
     * @param percent download progress, or -1
     * @param detail  what is happening, or why it failed
     */
    public record State(Phase phase, int percent, String detail) {
    }

    private final LlmConfig config;
    private final ModelSource source;
    private volatile State state;
    private volatile LlamaModel model;
    /** The model file's SHA-256, once known: configured, or computed from the file. */
    private volatile String sha256;
    private final CompletableFuture<State> settled = new CompletableFuture<>();

    public LocalModel(LlmConfig config) {
        this.config = config;
        this.source = ModelSource.resolve(config);
        this.sha256 = source.sha256().orElse(null);
        this.state = new State(Phase.WAITING, -1, "not started");
    }

    void start(@Observes StartupEvent event) {
        if (config.provider() != ProviderKind.LOCAL) {
            return;
        }
        Thread preparation = new Thread(this::prepare, "local-model");
        preparation.setDaemon(true);
        preparation.start();
    }

    /** The loaded model, once ready. */
    public Optional<LlamaModel> model() {
        return Optional.ofNullable(model);
    }

    public State state() {
        return state;
    }

    /**
     * Completes with the state once preparation is over, ready or failed; it never does when the provider is not
     * {@code local}, since nothing is prepared then.
     */
    public CompletableFuture<State> settled() {
        return settled;
    }

    /** The model's name, for responses and cache keys. */
    public String name() {
        return source.name();
    }

    /**
     * The model file's SHA-256: configured (and verified before the model loads), or computed from the file.
     *
     * @throws ServiceException unavailable while it is not known yet: the file is still being hashed
     */
    public String sha256() {
        String known = sha256;
        if (known == null) {
            throw new ServiceException(Failure.MODEL_UNAVAILABLE, unavailableReason(), retryAfter());
        }
        return known;
    }

    /** Why requests cannot use the model yet, naming what was tried and the settings that fix it. */
    public String unavailableReason() {
        State now = state;
        String what = switch (now.phase()) {
            case WAITING, VERIFYING, LOADING -> "The local model is not loaded yet (" + now.phase().name()
                    .toLowerCase(java.util.Locale.ROOT) + ": " + now.detail() + ").";
            case DOWNLOADING -> "The local model is still downloading (" + now.detail() + ").";
            case FAILED -> "The local model could not be made ready: " + now.detail();
            case READY -> "The local model is ready.";
        };
        return what + " " + FIX;
    }

    /**
     * When a client may ask again: after the usual pause while the model is being prepared; never once it failed,
     * since nothing but a change of configuration (and a restart) can fix that.
     */
    public Duration retryAfter() {
        return state.phase() == Phase.FAILED ? null : config.retry().after();
    }

    /** Whether it can write now, and if not, why and what fixes it. */
    public Availability availability() {
        State now = state;
        return now.phase() == Phase.READY ? Availability.READY : new Availability(false, now.phase().name()
                .toLowerCase(java.util.Locale.ROOT), Optional.of(unavailableReason()));
    }

    void prepare() {
        LOG.infof("LLM provider: local, model %s: preparing %s in the background; readiness is DOWN until it is"
                + " ready", source.name(), source.describe());
        try {
            Path file = ensureFile();
            state = new State(Phase.LOADING, -1, file.toString());
            LOG.infof("Loading the local model %s", file);
            long started = System.nanoTime();
            // A model on a read-only volume needs the library somewhere else: LLM_LOCAL_NATIVE_DIR.
            model = LoadedModels.load(file, config.local().context(), config.local().slots(), threads(),
                    config.local().nativeDir().orElseGet(() -> source.file().getParent().resolve(".native")));
            state = new State(Phase.READY, -1, file.toString());
            settled.complete(state);
            LOG.infof("LLM provider: local, model %s: ready (loaded in %d ms, context %d tokens, %d slots, %d"
                    + " threads)", source.name(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    config.local().context(), config.local().slots(), threads());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted.");
        } catch (IOException | RuntimeException | LinkageError e) {
            // A native library that cannot be linked is a model that will never load: say so rather than stay
            // "loading" for ever, with readiness, and anyone waiting for the model, left hanging.
            fail((e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            if (!settled.isDone()) {
                // Another Error (out of memory) is on its way up: whoever waits for the model must still learn that
                // it failed.
                fail("its loading stopped on an unexpected error.");
            }
        }
    }

    /** Finds or downloads the model file and verifies it; the file is safe for llama.cpp to read afterwards. */
    Path ensureFile() throws IOException, InterruptedException {
        Path file = source.file();
        if (source.url().isPresent() && !Files.exists(file)) {
            download(file);
        } else if (!Files.isRegularFile(file)) {
            throw new IOException("no model file at " + file + " (LLM_MODEL_PATH).");
        }
        verify(file);
        return file;
    }

    private void download(Path file) throws IOException, InterruptedException {
        java.net.URI url = source.url().orElseThrow();
        state = new State(Phase.DOWNLOADING, 0, "starting " + url);
        LOG.infof("Downloading the local model from %s into %s", url, file);
        try {
            new ModelDownloader(Duration.ofSeconds(60), PROGRESS_EVERY, Duration.ofSeconds(2), progress -> {
                String detail = describe(progress);
                state = new State(Phase.DOWNLOADING, progress.percent(), detail);
                LOG.infof("Downloading %s: %s", source.name(), detail);
            }).download(url, file, source.sha256());
        } catch (IOException e) {
            if (e.getMessage() == null) {
                throw new IOException("the download of " + url + " failed (" + e.getClass().getSimpleName() + ").", e);
            }
            throw e;
        }
        source.sha256().ifPresent(verified -> remember(file, verified));
    }

    /**
     * Checks the file before llama.cpp reads it (a malformed file can abort the whole JVM from native code), and
     * learns its SHA-256, which tells results of this model from those of any other file: the expected one, verified;
     * or, when none is configured, the file's own, computed at each start. A marker of size and date only stands in
     * for a hash that was checked against a configured one: a file replaced in place, keeping both, would otherwise
     * pass for the model it replaced, and be served that model's results.
     */
    private void verify(Path file) throws IOException {
        Optional<String> expected = source.sha256();
        if (expected.isPresent()) {
            if (!rememberedSha256(file).equals(expected)) {
                state = new State(Phase.VERIFYING, -1, "checking the SHA-256 of " + file);
                LOG.infof("Checking the SHA-256 of %s: no record of an earlier check beside it matches the file", file);
                String actual = ModelDownloader.sha256(file);
                if (!actual.equals(expected.get())) {
                    throw new IOException("the SHA-256 of " + file + " is " + actual + ", not the expected "
                            + expected.get() + " (LLM_MODEL_SHA256).");
                }
                remember(file, actual);
            }
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (!java.util.Arrays.equals(magic, GGUF_MAGIC)) {
                throw new IOException(file + " is not a GGUF model file.");
            }
        }
        state = new State(Phase.VERIFYING, -1, "computing the SHA-256 of " + file);
        String actual = ModelDownloader.sha256(file);
        sha256 = actual;
        LOG.warnf("The local model %s is loaded without a checksum check, and hashed at every start; set"
                + " LLM_MODEL_SHA256=%s to verify it and start faster", file, actual);
    }

    /**
     * The SHA-256 a marker next to the model recorded when it was checked against the configured one, with the file's
     * size and date, when they still match: a restart need not hash the file again.
     */
    private static Optional<String> rememberedSha256(Path file) throws IOException {
        Path marker = marker(file);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        String[] fields = Files.readString(marker).strip().split(" ");
        return fields.length == 3 && (fields[1] + " " + fields[2]).equals(sizeAndDate(file))
                ? Optional.of(fields[0]) : Optional.empty();
    }

    /** Records the verified SHA-256 next to the file; a model on a read-only volume is hashed again at each start. */
    private static void remember(Path file, String sha256) {
        try {
            Files.writeString(marker(file), sha256 + " " + sizeAndDate(file));
        } catch (IOException e) {
            LOG.debugf("Cannot record the SHA-256 of %s next to it (%s); it is computed again at the next start",
                    file, e.getClass().getSimpleName());
        }
    }

    /**
     * Whole seconds, as {@code stat -c %Y} prints them: the model-download Job of the Kubernetes manifests writes the
     * same record from a shell.
     */
    private static String sizeAndDate(Path file) throws IOException {
        return Files.size(file) + " " + Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Path marker(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    private int threads() {
        return config.local().threads().orElse(Runtime.getRuntime().availableProcessors());
    }

    private void fail(String reason) {
        state = new State(Phase.FAILED, -1, "tried " + source.describe() + ": " + reason);
        settled.complete(state);
        LOG.warnf("LLM provider: local, model %s: FAILED, %s Requests that need it get a 503; summaries in the"
                + " article's language fall back to the extractive summarizer. %s", source.name(), state.detail(),
                FIX);
    }

    private static String describe(ModelDownloader.Progress progress) {
        double mb = 1 << 20;
        String done = String.format(java.util.Locale.ROOT, "%.1f", progress.bytes() / mb);
        String speed = String.format(java.util.Locale.ROOT, "%.1f MB/s", progress.bytesPerSec() / mb);
        if (progress.total() <= 0) {
            return done + " MB at " + speed;
        }
        String eta = progress.eta() == null ? "?" : progress.eta().toSeconds() + " s";
        return progress.percent() + "% (" + done + " of " + String.format(java.util.Locale.ROOT, "%.1f",
                progress.total() / mb) + " MB) at " + speed + ", ETA " + eta;
    }
}
