package io.precis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A directory a child process cannot write to, as a volume mounted read-only in a pod. File modes do not stop root,
 * which the project's machines and CI run as: there the process runs in a mount namespace of its own where the
 * directory is bind-mounted read-only (nothing outside that process sees the mount, and it goes with the process).
 * Elsewhere the directory's modes forbid writing.
 */
public final class ReadOnlyDirectory {

    private ReadOnlyDirectory() {
    }

    /** The command that runs {@code command} with {@code directory} read-only for it and its children. */
    public static List<String> wrap(Path directory, List<String> command) {
        String dir = directory.toAbsolutePath().toString();
        if (!isRoot()) {
            directory.toFile().setWritable(false, false);
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c",
                "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", dir));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether a process run through {@link #wrap} fails to create a file in the directory, as it must. */
    public static boolean holds(Path directory) {
        Path probe = directory.toAbsolutePath().resolve(".write-probe");
        try {
            Process touch = new ProcessBuilder(wrap(directory, List.of("touch", probe.toString())))
                    .redirectErrorStream(true).start();
            touch.getInputStream().readAllBytes();
            return touch.waitFor(10, TimeUnit.SECONDS) && touch.exitValue() != 0 && !probe.toFile().exists();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
