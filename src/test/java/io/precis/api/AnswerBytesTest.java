package io.precis.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.precis.llm.ModelRef;
import io.precis.task.TokenUsage;
import io.precis.task.Warning;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerBytesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant WRITTEN = Instant.parse("2026-12-02T00:30:00.123456Z");

    private final AnswerBytes answers = new AnswerBytes(MAPPER);

    @Test
    void keepsTheBytesOfAnAnswerFromTheCacheAndSendsThemForAnEqualAnswer() throws Exception {
        Object first = answers.ok(answer("Le résumé « cité ».", WRITTEN, true), true).getEntity();
        Object again = answers.ok(answer("Le résumé « cité ».", WRITTEN, true), true).getEntity();

        assertThat(first).isInstanceOf(byte[].class).isSameAs(again);
        assertThat((byte[]) first).isEqualTo(MAPPER.writeValueAsBytes(answer("Le résumé « cité ».", WRITTEN, true)));
    }

    @Test
    void writesAnAnswerThatDiffersInAnyPartAfresh() throws Exception {
        answers.ok(answer("Un résumé.", WRITTEN, true), true);
        DigestResponse rewritten = answer("Un résumé.", WRITTEN.plusMillis(1), true);

        assertThat((byte[]) answers.ok(rewritten, true).getEntity()).isEqualTo(MAPPER.writeValueAsBytes(rewritten));
    }

    @Test
    void leavesAnswersWrittenNowToTheJsonWriter() {
        DigestResponse written = answer("Un résumé.", WRITTEN, false);

        assertThat(answers.ok(written, false).getEntity()).isSameAs(written);
    }

    @Test
    void doesNotKeepAnAnswerLargerThanItsLimit() {
        String translation = "Une phrase traduite. ".repeat(AnswerBytes.MAX_ANSWER_BYTES / 20);

        Object first = answers.ok(answer(translation, WRITTEN, true), true).getEntity();
        Object again = answers.ok(answer(translation, WRITTEN, true), true).getEntity();

        assertThat(first).isNotSameAs(again).isEqualTo(again);
    }

    private static DigestResponse answer(String text, Instant createdAt, boolean cached) {
        return new DigestResponse("ab".repeat(32), "fr", null,
                new DigestResponse.Summary("en", text, "medium",
                        List.of(new Warning("number-not-in-source", "The number 12 is not in the article.", "12 jours"))),
                new DigestResponse.Translation("en", text, List.of()), new ModelRef("openai", "fake-model"),
                "1c9e4b2a7f30", cached, createdAt, new TokenUsage(100, 20, 120), false, null);
    }
}
