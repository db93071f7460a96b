package io.precis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BaselineResourceTest {

    private static final byte[] DIGEST = "{\"cached\":true}".getBytes(StandardCharsets.UTF_8);

    @Test
    void answersBothWaysWithWhatTheBenchmarkSet() {
        BaselineResource baseline = new BaselineResource(new ObjectMapper());

        baseline.set(DIGEST);

        assertThat(baseline.answer("{\"text\":\"…\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(DIGEST);
        assertThat(baseline.answerBound(null).toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(DIGEST);
    }
}
