package io.precis.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.task.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named API keys, from the settings and from a file read again when it changes. */
class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void namesEachKeyAndNamesABareKeyAfterItsDigest() {
        ApiKeys keys = new ApiKeys(config(List.of("desk-a:k-one", "k-bare"), null));

        assertThat(keys.identify("k-one")).contains(Caller.key("desk-a"));
        assertThat(keys.identify("k-bare")).hasValueSatisfying(caller ->
                assertThat(caller.label()).matches("key-[0-9a-f]{8}"));
        assertThat(keys.identify("desk-a:k-one")).isEmpty();
        assertThat(keys.identify("k-on")).isEmpty();
    }

    @Test
    void refusesInvalidOrRepeatedNamesWithoutShowingTheKey() {
        assertThatThrownBy(() -> new ApiKeys(config(List.of("a b:k-secret-1"), null)))
                .hasMessageContaining("invalid name").hasMessageNotContaining("k-secret-1");
        assertThatThrownBy(() -> new ApiKeys(config(List.of("desk:k-secret-1", "desk:k-secret-2"), null)))
                .hasMessageContaining("'desk' is given twice").hasMessageNotContaining("k-secret");
        assertThatThrownBy(() -> new ApiKeys(config(List.of("one:k-secret-1", "two:k-secret-1"), null)))
                .hasMessageContaining("given twice").hasMessageNotContaining("k-secret");
    }

    @Test
    void aFileThatCannotBeReadStopsTheStart() {
        assertThatThrownBy(() -> new ApiKeys(config(List.of(), dir.resolve("missing"))))
                .hasMessageContaining("API_KEYS_FILE");
    }

    @Test
    void aConfiguredFileWithoutKeysLeavesTheApiClosed() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "# no keys yet\n");

        ApiKeys keys = new ApiKeys(config(List.of(), file));

        assertThat(keys.required()).isTrue();
        assertThat(keys.identify("anything")).isEmpty();
        keys.stop();
    }

    @Test
    void readsTheFileAgainWhenItChanges() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "web:k-web-1\n");
        ApiKeys keys = new ApiKeys(config(List.of("desk:k-desk"), file));
        try {
            assertThat(keys.identify("k-web-1")).contains(Caller.key("web"));

            Files.writeString(file, "web:k-web-2\nmobile:k-mobile\n");

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> keys.identify("k-web-2").isPresent());
            assertThat(keys.identify("k-web-1")).isEmpty();
            assertThat(keys.identify("k-mobile")).contains(Caller.key("mobile"));
            assertThat(keys.identify("k-desk")).contains(Caller.key("desk"));
        } finally {
            keys.stop();
        }
    }

    private static SecurityConfig config(List<String> keys, Path file) {
        return new SecurityConfig() {
            @Override
            public Optional<List<String>> keys() {
                return Optional.of(keys);
            }

            @Override
            public Optional<Path> keysFile() {
                return Optional.ofNullable(file);
            }

            @Override
            public Duration keysFileCheckInterval() {
                return Duration.ofMillis(20);
            }
        };
    }
}
