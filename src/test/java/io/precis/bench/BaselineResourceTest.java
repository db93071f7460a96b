package io.precis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BaselineResourceTest {

    private static final byte[] DIGEST = "{\"cached\":true}".getBytes(StandardCharsets.UTF_8);

    @Test
    void answersWhatTheBenchmarkSetWhenTurnedOn() {
        BaselineResource baseline = new BaselineResource(() -> true, new ObjectMapper());

        baseline.set(DIGEST);

        assertThat(baseline.answer("{\"text\":\"…\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(DIGEST);
        assertThat(baseline.answerBound(null).toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(DIGEST);
    }

    @Test
    void doesNotExistUnlessTurnedOn() {
        BaselineResource baseline = new BaselineResource(() -> false, new ObjectMapper());

        assertThatThrownBy(() -> baseline.set(DIGEST)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThatThrownBy(() -> baseline.answerBound(null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> baseline.answer(DIGEST)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND));
    }
}
