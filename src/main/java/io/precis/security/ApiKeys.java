package io.precis.security;

import io.precis.core.Sha256;
import io.precis.task.Caller;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The API keys, from {@code API_KEYS} and the file {@code API_KEYS_FILE}, each with a name. Keys are held as SHA-256
 * digests and compared in constant time: every key is compared, whatever matched, so the time taken says nothing
 * about how close a guess was. Keys are never logged; names are.
 *
 * <p>The file is read again when it changes (checked every {@code API_KEYS_FILE_CHECK_INTERVAL}), so an operator adds
 * or revokes a key by editing it, or by updating the Secret it is mounted from. A file that cannot be read or holds an
 * invalid line stops the start; later, it leaves the keys as they were, with an error in the log. A configured file
 * that holds no key leaves the API closed, never open.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Shorter keys can be guessed; and a key of an old bare-key setting that held a colon is refused, not split. */
    private static final int MIN_KEY_LENGTH = 16;
    /** The version of a file that is not there. */
    private static final FileVersion MISSING = new FileVersion(null, null, -1);

    private final List<Key> fromSettings;
    private final Optional<Path> file;
    private final SecurityConfig.Auth auth;
    private final ScheduledExecutorService watcher;
    private volatile List<Key> keys;
    /** The version of the file the keys were read from, and of the last one that could not be read. */
    private volatile FileVersion loaded;
    private volatile FileVersion refused;

    public ApiKeys(SecurityConfig config) {
        this.fromSettings = parse(config.keys().orElse(List.of()), "API_KEYS");
        this.file = config.keysFile();
        this.auth = config.auth();
        boolean configured = file.isPresent() || !fromSettings.isEmpty();
        // Fail closed: an API left open by a missing or blank Secret would not say so until it was abused.
        if (auth == SecurityConfig.Auth.REQUIRED && !configured) {
            throw new IllegalStateException("No API key is configured: set API_KEYS (name:key, comma-separated) or"
                    + " API_KEYS_FILE, or API_AUTH=disabled to serve the API without keys.");
        }
        this.keys = fromSettings;
        if (file.isPresent()) {
            load();
            this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "api-keys-file");
                thread.setDaemon(true);
                return thread;
            });
            long every = config.keysFileCheckInterval().toMillis();
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        } else {
            this.watcher = null;
        }
    }

    /** Reads the keys at start, so that a wrong key setting stops the start rather than the first request. */
    void onStart(@Observes StartupEvent start) {
        if (!required()) {
            LOG.warn("The API is open to anyone who can reach it: no API key is configured (API_AUTH=disabled)");
        } else {
            LOG.infof("API keys: %d (%s)", keys.size(), String.join(", ", keys.stream().map(Key::name).toList()));
        }
    }

    /** Whether the API requires keys at all. */
    public boolean required() {
        return file.isPresent() || !keys.isEmpty();
    }

    /**
     * Checks a presented key.
     *
     * @return the caller the key belongs to, or empty
     */
    public Optional<Caller> identify(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = Sha256.digest(presented);
        Key matched = null;
        for (Key known : keys) {
            if (MessageDigest.isEqual(known.digest(), candidate)) {
                matched = known;
            }
        }
        return matched == null ? Optional.empty() : Optional.of(Caller.key(matched.name()));
    }

    @PreDestroy
    void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void reloadIfChanged() {
        Path path = file.orElseThrow();
        FileVersion version = FileVersion.orMissing(path);
        if (version.equals(loaded) || version.equals(refused)) {
            return;
        }
        try {
            load();
            refused = null;
            LOG.infof("API keys reloaded from %s: %d keys", path, keys.size());
        } catch (RuntimeException e) {
            // Logged once per version of the file, not at every check; and never let out of the scheduled task,
            // which would end the checks for good.
            refused = version;
            LOG.errorf("The API keys file %s could not be used (%s); the keys stay as they were", path,
                    e.getMessage());
        }
    }

    /** Reads the file; throws when it cannot be read or holds an invalid line. */
    private void load() {
        Path path = file.orElseThrow();
        List<String> lines;
        FileVersion version;
        try {
            version = FileVersion.of(path);
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            if (!version.equals(FileVersion.of(path))) {
                // Written while it was read: the next check reads it whole.
                throw new IllegalArgumentException("API_KEYS_FILE " + path + " changed while it was read");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("API_KEYS_FILE " + path + " cannot be read: " + e.getClass()
                    .getSimpleName(), e);
        }
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.add(entry);
            }
        }
        List<Key> all = new ArrayList<>(fromSettings);
        all.addAll(parse(entries, "API_KEYS_FILE"));
        checkDistinct(all);
        this.keys = List.copyOf(all);
        this.loaded = version;
    }

    /**
     * Reads {@code name:key} entries; a bare key (no colon) is named after the first hex digits of its digest.
     *
     * @throws IllegalArgumentException for an invalid name, which names the setting but never the key
     */
    static List<Key> parse(List<String> entries, String setting) {
        List<Key> parsed = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            // Errors name the entry by its position only: what is before a colon may be part of a secret.
            String where = setting + ": entry " + (parsed.size() + 1);
            int colon = entry.indexOf(':');
            String name = colon < 0 ? null : entry.substring(0, colon).strip();
            String key = colon < 0 ? entry : entry.substring(colon + 1).strip();
            if (name != null && !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + " has an invalid name; a name is 1 to 64 letters, digits,"
                        + " '.', '_' or '-', before the first ':'");
            }
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(where + " has a key shorter than " + MIN_KEY_LENGTH
                        + " characters; generate one with: openssl rand -hex 24");
            }
            byte[] digest = Sha256.digest(key);
            parsed.add(new Key(name != null ? name : "key-" + HexFormat.of().formatHex(digest, 0, 4), digest));
        }
        checkDistinct(parsed);
        return List.copyOf(parsed);
    }

    private static void checkDistinct(List<Key> keys) {
        Set<String> names = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (Key key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("API keys: the name '" + key.name() + "' is given twice");
            }
            if (!digests.add(HexFormat.of().formatHex(key.digest()))) {
                throw new IllegalArgumentException("API keys: the key named '" + key.name() + "' is given twice");
            }
        }
    }

    /**
     * What tells one version of the file from another: a Secret volume replaces the file (a new inode), an editor may
     * rewrite it in place within the same second (a new size or time).
     */
    private record FileVersion(Object fileKey, FileTime modified, long size) {
        static FileVersion of(Path path) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileVersion(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
        }

        static FileVersion orMissing(Path path) {
            try {
                return of(path);
            } catch (IOException e) {
                return MISSING;
            }
        }
    }

    /** A key's name and digest. */
    record Key(String name, byte[] digest) {
    }
}
