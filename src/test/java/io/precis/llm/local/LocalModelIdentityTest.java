package io.precis.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.llm.LlmConfig;
import io.precis.testing.TestConfig;
import io.precis.testing.TinyGguf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local model is known by its file's SHA-256, not its name: another file under the same name is another model,
 * whose results are stored apart (the provider's author carries the SHA-256: LocalProviderTest). Nothing here loads a
 * model.
 */
class LocalModelIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithoutAConfiguredChecksumIsKnownByItsOwnOnceHashed() throws Exception {
        Path file = model("a", 1);
        LocalModel local = new LocalModel(config(file, null));

        assertThatThrownBy(local::sha256).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.MODEL_UNAVAILABLE));
        local.ensureFile();

        assertThat(local.sha256()).isEqualTo(sha256(file));
        assertThat(file.resolveSibling("tiny-model.gguf.sha256")).as("no marker beside an unverified file")
                .doesNotExist();
    }

    @Test
    void aFileReplacedInPlaceWithTheSameSizeAndDateIsAnotherModel() throws Exception {
        Path file = model("a", 1);
        LocalModel before = prepared(file);
        FileTime date = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        Path other = model("b", 2);
        Files.copy(other, file, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, date);

        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(prepared(file).sha256()).isNotEqualTo(before.sha256()).isEqualTo(sha256(other));
    }

    @Test
    void aConfiguredChecksumIdentifiesTheModelBeforeTheFileIsEvenRead() throws Exception {
        Path file = model("a", 1);

        assertThat(new LocalModel(config(file, sha256(file))).sha256()).isEqualTo(sha256(file));
    }

    @Test
    void anotherFileUnderTheSameNameIsAnotherModel() throws Exception {
        LocalModel first = prepared(model("first", 1));
        LocalModel second = prepared(model("second", 2));
        LocalModel firstAgain = prepared(dir.resolve("first").resolve("tiny-model.gguf"));

        assertThat(first.name()).isEqualTo(second.name());
        assertThat(first.sha256()).isNotEqualTo(second.sha256()).isEqualTo(firstAgain.sha256());
    }

    private static LocalModel prepared(Path file) throws Exception {
        LocalModel local = new LocalModel(config(file, null));
        local.ensureFile();
        return local;
    }

    private static LlmConfig config(Path file, String sha256) {
        return sha256 == null
                ? TestConfig.llm(Map.of("llm.provider", "local", "llm.local.model-path", file.toString()))
                : TestConfig.llm(Map.of("llm.provider", "local", "llm.local.model-path", file.toString(),
                        "llm.local.model-sha256", sha256));
    }

    /** A tiny model in a directory of its own, always under the same file name, so the same model name. */
    private Path model(String directory, int seed) throws Exception {
        Path file = Files.createDirectories(dir.resolve(directory)).resolve("tiny-model.gguf");
        TinyGguf.write(file, seed);
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
