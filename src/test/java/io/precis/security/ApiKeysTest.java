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
        ApiKeys keys = new ApiKeys(config(List.of("desk-a:k-one-0123456789ab", "k-bare-0123456789ab"), null));

        assertThat(keys.identify("k-one-0123456789ab")).contains(Caller.key("desk-a"));
        assertThat(keys.identify("k-bare-0123456789ab")).hasValueSatisfying(caller ->
                assertThat(caller.label()).matches("key-[0-9a-f]{8}"));
        assertThat(keys.identify("desk-a:k-one-0123456789ab")).isEmpty();
        assertThat(keys.identify("k-one-0123456789a")).isEmpty();
    }

    @Test
    void refusesInvalidOrRepeatedNamesWithoutShowingTheKey() {
        assertThatThrownBy(() -> new ApiKeys(config(List.of("a b:k-secret-1-abcdef012345"), null)))
                .hasMessageContaining("invalid name").hasMessageNotContaining("k-secret-1");
        assertThatThrownBy(() -> new ApiKeys(config(List.of("desk:k-secret-1-abcdef012345",
                "desk:k-secret-2-abcdef012345"), null)))
                .hasMessageContaining("'desk' is given twice").hasMessageNotContaining("k-secret");
        assertThatThrownBy(() -> new ApiKeys(config(List.of("one:k-secret-1-abcdef012345",
                "two:k-secret-1-abcdef012345"), null)))
                .hasMessageContaining("given twice").hasMessageNotContaining("k-secret");
    }

    @Test
    void refusesShortKeysNamingTheEntryButNeverWhatItHolds() {
        assertThatThrownBy(() -> new ApiKeys(config(List.of("desk:k-long-enough-0123", "old-secret:xyz"), null)))
                .hasMessageContaining("entry 2").hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("old-secret").hasMessageNotContaining("xyz");
    }

    @Test
    void withoutAnyKeyTheServiceRefusesToStartUnlessAuthIsDisabledExplicitly() {
        assertThatThrownBy(() -> new ApiKeys(config(List.of(), null)))
                .hasMessageContaining("No API key is configured").hasMessageContaining("API_AUTH=disabled");
        assertThatThrownBy(() -> new ApiKeys(config(List.of(" ", ""), null)))
                .as("a blank setting is no key").hasMessageContaining("No API key is configured");

        ApiKeys open = new ApiKeys(config(List.of(), null, SecurityConfig.Auth.DISABLED));

        assertThat(open.required()).isFalse();
    }

    @Test
    void keysConfiguredAreRequiredEvenWithAuthDisabled() {
        ApiKeys keys = new ApiKeys(config(List.of("desk:k-desk-0123456789ab"), null, SecurityConfig.Auth.DISABLED));

        assertThat(keys.required()).isTrue();
        assertThat(keys.identify("k-desk-0123456789ab")).contains(Caller.key("desk"));
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
        Path file = Files.writeString(dir.resolve("keys"), "web:k-web-1-0123456789ab\n");
        ApiKeys keys = new ApiKeys(config(List.of("desk:k-desk-0123456789ab"), file));
        try {
            assertThat(keys.identify("k-web-1-0123456789ab")).contains(Caller.key("web"));

            Files.writeString(file, "web:k-web-2-0123456789ab\nmobile:k-mobile-0123456789ab\n");

            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> keys.identify("k-web-2-0123456789ab").isPresent());
            assertThat(keys.identify("k-web-1-0123456789ab")).isEmpty();
            assertThat(keys.identify("k-mobile-0123456789ab")).contains(Caller.key("mobile"));
            assertThat(keys.identify("k-desk-0123456789ab")).contains(Caller.key("desk"));
        } finally {
            keys.stop();
        }
    }

    private static SecurityConfig config(List<String> keys, Path file) {
        return config(keys, file, SecurityConfig.Auth.REQUIRED);
    }

    private static SecurityConfig config(List<String> keys, Path file, SecurityConfig.Auth auth) {
        return new SecurityConfig() {
            @Override
            public Auth auth() {
                return auth;
            }

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
