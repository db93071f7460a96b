package io.precis.llm.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Downloads a model file: streamed to {@code <file>.part}, resumed with an HTTP Range request after an interruption,
 * checked against its SHA-256, then renamed atomically, so a file under the final name is always complete and
 * verified. Progress is reported at most once per interval.
 */
final class ModelDownloader {

    private static final Logger LOG = Logger.getLogger(ModelDownloader.class);
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("bytes [^/]*/(\\d+)");
    private static final int ATTEMPTS = 5;

    /**
     * How far a download got.
     *
     * @param bytes       bytes on disk
     * @param total       bytes in all, or -1 when the server did not say
     * @param bytesPerSec recent speed
     * @param eta         time left at that speed, or null when unknown
     */
    record Progress(long bytes, long total, double bytesPerSec, Duration eta) {

        /** Percent done, or -1 when the total is unknown. */
        int percent() {
            return total > 0 ? (int) (bytes * 100 / total) : -1;
        }
    }

    /** A download that cannot succeed by trying again: a 4xx, or a file with the wrong checksum. */
    static final class DownloadFailedException extends IOException {
        DownloadFailedException(String message) {
            super(message);
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration readTimeout;
    private final Duration progressEvery;
    private final Duration firstRetryDelay;
    private final Consumer<Progress> onProgress;

    ModelDownloader(Duration readTimeout, Duration progressEvery, Duration firstRetryDelay,
            Consumer<Progress> onProgress) {
        this.readTimeout = readTimeout;
        this.progressEvery = progressEvery;
        this.firstRetryDelay = firstRetryDelay;
        this.onProgress = onProgress;
    }

    /**
     * Downloads {@code url} to {@code target} unless a complete, verified copy is already there.
     *
     * @throws DownloadFailedException when the server refuses the file or its checksum is wrong
     * @throws IOException             when every attempt failed
     */
    void download(URI url, Path target, Optional<String> sha256) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        IOException last = null;
        Duration wait = firstRetryDelay;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                fetch(url, part);
                last = null;
                break;
            } catch (DownloadFailedException e) {
                throw e;
            } catch (java.net.UnknownHostException e) {
                // No name resolution: offline, or a wrong URL. Waiting will not help.
                throw new DownloadFailedException("Cannot resolve " + url.getHost() + " (offline?).");
            } catch (IOException e) {
                last = e;
                retryNotice(url, e, attempt, wait);
                if (attempt < ATTEMPTS) {
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2);
                }
            }
        }
        if (last != null) {
            throw last;
        }
        if (sha256.isPresent()) {
            String actual = sha256(part);
            if (!actual.equals(sha256.get())) {
                Files.deleteIfExists(part);
                throw new DownloadFailedException("The download of " + url + " has SHA-256 " + actual + ", not the"
                        + " expected " + sha256.get() + " (LLM_MODEL_SHA256); the file was removed.");
            }
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void retryNotice(URI url, IOException e, int attempt, Duration wait) {
        LOG.infof("Download of %s interrupted (%s); %s", url, e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage(), attempt < ATTEMPTS ? "resuming in " + wait.toMillis() + " ms" : "giving up");
    }

    /** One attempt: continues the part file where it stopped. */
    private void fetch(URI url, Path part) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        // A stalled transfer fails after this long without a byte, and is resumed.
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(true);
        if (have > 0) {
            connection.setRequestProperty("Range", "bytes=" + have + "-");
        }
        try {
            int status = connection.getResponseCode();
            if (status == 416 && have > 0) {
                if (total(connection).orElse(-1) == have) {
                    return;
                }
                Files.delete(part);
                throw new IOException("the server refused to resume at byte " + have);
            }
            if (status >= 400 && status < 500) {
                throw new DownloadFailedException("The server answered HTTP " + status + " for " + url + ".");
            }
            if (status != 200 && status != 206) {
                throw new IOException("HTTP " + status);
            }
            boolean append = status == 206;
            long start = append ? have : 0;
            long total = append ? total(connection).orElse(-1) : connection.getContentLengthLong();
            if (total > 0) {
                long needed = total - start;
                long usable = Files.getFileStore(part.getParent()).getUsableSpace();
                if (usable < needed) {
                    throw new DownloadFailedException("The model needs " + needed / (1 << 20) + " MB more, but only "
                            + usable / (1 << 20) + " MB are free in " + part.getParent() + " (LLM_MODEL_CACHE_DIR).");
                }
            }
            try (InputStream body = connection.getInputStream()) {
                copy(body, part, append, start, total);
            }
        } finally {
            connection.disconnect();
        }
    }

    private void copy(InputStream body, Path part, boolean append, long start, long total) throws IOException {
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 20];
            long written = start;
            long startedAt = System.nanoTime();
            long reportedAt = startedAt;
            int read;
            while ((read = body.read(buffer)) >= 0) {
                out.write(ByteBuffer.wrap(buffer, 0, read));
                written += read;
                long now = System.nanoTime();
                if (now - reportedAt >= progressEvery.toNanos()) {
                    reportedAt = now;
                    onProgress.accept(progress(written, total, written - start, now - startedAt));
                }
            }
            if (total > 0 && written < total) {
                throw new IOException("connection closed at byte " + written + " of " + total);
            }
            onProgress.accept(progress(written, total, written - start, System.nanoTime() - startedAt));
        }
    }

    private static Progress progress(long bytes, long total, long fetched, long nanos) {
        double perSecond = nanos > 0 ? fetched * 1e9 / nanos : 0;
        Duration eta = total > 0 && perSecond > 0 ? Duration.ofSeconds((long) ((total - bytes) / perSecond)) : null;
        return new Progress(bytes, total, perSecond, eta);
    }

    private static OptionalLong total(HttpURLConnection connection) {
        return Optional.ofNullable(connection.getHeaderField("Content-Range")).map(CONTENT_RANGE_TOTAL::matcher)
                .filter(Matcher::matches).map(m -> OptionalLong.of(Long.parseLong(m.group(1))))
                .orElse(OptionalLong.empty());
    }

    /** The SHA-256 of a file, as lowercase hex. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
