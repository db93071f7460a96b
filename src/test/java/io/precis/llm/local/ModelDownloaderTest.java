package io.precis.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.testing.BlobServer;
import io.precis.testing.LogCapture;
import io.precis.testing.TestConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model download against a local HTTP server that supports Range requests and misbehaves on demand. */
class ModelDownloaderTest {

    private static final int SIZE = 3 << 20;

    @TempDir
    Path dir;

    private final byte[] blob = new byte[SIZE];
    private String sha256;
    private BlobServer server;

    @BeforeEach
    void serve() throws Exception {
        new Random(7).nextBytes(blob);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        server = new BlobServer(blob);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void resumesWithARangeRequestAfterTheConnectionIsCut() throws Exception {
        server.cutNextAt(SIZE / 3);
        Path target = dir.resolve("model.gguf");

        downloader(new ArrayList<>()).download(url("/model.gguf"), target, Optional.of(sha256));

        assertThat(Files.readAllBytes(target)).isEqualTo(blob);
        assertThat(server.ranges()).containsExactly("none", "bytes=" + SIZE / 3 + "-");
        assertThat(dir.resolve("model.gguf.part")).doesNotExist();
    }

    @Test
    void refusesAFileWithTheWrongChecksumAndRemovesThePartialFile() {
        Path target = dir.resolve("model.gguf");

        assertThatThrownBy(() -> downloader(new ArrayList<>()).download(url("/model.gguf"), target,
                Optional.of("0".repeat(64))))
                .isInstanceOf(ModelDownloader.DownloadFailedException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining(sha256);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("model.gguf.part")).doesNotExist();
    }

    @Test
    void theFinalNameAppearsOnlyOnceTheFileIsCompleteAndVerified() throws Exception {
        server.cutNextAt(SIZE / 2);
        Path target = dir.resolve("model.gguf");
        List<Boolean> targetExistedDuringDownload = new CopyOnWriteArrayList<>();

        downloader(progress -> targetExistedDuringDownload.add(Files.exists(target)))
                .download(url("/model.gguf"), target, Optional.of(sha256));

        assertThat(targetExistedDuringDownload).isNotEmpty().containsOnly(false);
        assertThat(target).exists();
        assertThat(Files.size(target)).isEqualTo(SIZE);
    }

    @Test
    void reportsProgressWithPercentSpeedAndEta() throws Exception {
        server.throttle(6L << 20);
        List<ModelDownloader.Progress> reports = new ArrayList<>();

        downloader(reports).download(url("/model.gguf"), dir.resolve("model.gguf"), Optional.of(sha256));

        assertThat(reports.size()).isGreaterThanOrEqualTo(3);
        assertThat(reports).extracting(ModelDownloader.Progress::percent).isSorted().endsWith(100);
        assertThat(reports.get(0).bytesPerSec()).isPositive();
        assertThat(reports.get(0).eta()).isNotNull();
    }

    @Test
    void logsTheDownloadProgressAtInfo() throws Exception {
        server.throttle(6L << 20);
        Path cache = dir.resolve("cache");
        LocalModel local = new LocalModel(io.precis.testing.TestConfig.llm(java.util.Map.of(
                "llm.provider", "local", "llm.local.model-url", url("/model.gguf").toString(),
                "llm.local.model-sha256", sha256, "llm.local.model-cache-dir", cache.toString())));

        try (LogCapture logs = LogCapture.start()) {
            local.ensureFile();

            assertThat(logs.atInfoOrAbove()).anySatisfy(line -> assertThat(line).contains("INFO")
                    .containsPattern("\\d+% \\([0-9.]+ of 3\\.0 MB\\) at [0-9.]+ MB/s, ETA \\d+ s"));
        }
        assertThat(cache.resolve("url").resolve("model.gguf")).exists();
    }

    @Test
    void aMissingFileIsAFailureWithoutRetries() {
        assertThatThrownBy(() -> downloader(new ArrayList<>()).download(url("/missing.gguf"),
                dir.resolve("missing.gguf"), Optional.empty()))
                .isInstanceOf(ModelDownloader.DownloadFailedException.class)
                .hasMessageContaining("HTTP 404");
        assertThat(server.ranges()).isEmpty();
    }

    private ModelDownloader downloader(List<ModelDownloader.Progress> reports) {
        return downloader(reports::add);
    }

    private ModelDownloader downloader(java.util.function.Consumer<ModelDownloader.Progress> onProgress) {
        return new ModelDownloader(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(10), onProgress);
    }

    private URI url(String path) {
        return server.url(path);
    }
}
