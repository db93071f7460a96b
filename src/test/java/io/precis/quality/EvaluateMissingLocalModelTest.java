package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.llm.local.MissingLocalModelTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** A local model that cannot be made ready stops the evaluation with its reason, instead of a table of failures. */
@QuarkusTest
@TestProfile(MissingLocalModelTest.NoModelFile.class)
class EvaluateMissingLocalModelTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void saysWhyTheModelIsUnavailable() {
        EvaluateRun run = EvaluateRun.against(service, "--limit", "2");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errorOutput()).contains("could not be made ready", "missing-model.gguf");
        assertThat(run.output()).doesNotContain("| Provider");
    }
}
