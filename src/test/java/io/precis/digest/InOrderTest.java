package io.precis.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Article;
import io.precis.article.Chunker.Chunk;
import io.precis.task.TextSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InOrderTest {

    private final List<Chunk> chunks = List.of(new Chunk(Article.of("Un."), true),
            new Chunk(Article.of("Deux."), false), new Chunk(Article.of("Trois."), true));
    private final Recorder out = new Recorder();
    private final InOrder order = new InOrder(chunks, out);

    @Test
    void passesTheFirstChunkOnLiveAndLaterOnesOnlyOnceTheChunksBeforeThemAreDone() {
        order.chunk(2).text("Three.");
        order.chunk(1).text("Two.");
        order.chunk(0).text("On");
        assertThat(out.events).containsExactly("On");

        order.chunk(0).text("e.");
        order.done(2, "Three.");
        order.done(1, "Two.");
        assertThat(out.events).containsExactly("On", "e.");

        order.done(0, "One.");
        assertThat(out.events).containsExactly("On", "e.", "\n\n", "Two.", " ", "Three.");
        assertThat(String.join("", out.events)).isEqualTo("One.\n\nTwo. Three.");
    }

    @Test
    void aChunkThatCameWholeIsPassedOnWhole() {
        order.done(0, "One.");
        order.done(1, "Two.");
        order.chunk(2).text("Thr");

        assertThat(String.join("", out.events)).isEqualTo("One.\n\nTwo. Thr");
    }

    @Test
    void aRestartOfTheLiveChunkSendsTheChunksBeforeItAgain() {
        order.done(0, "One.");
        order.chunk(1).text("Zwei");
        order.chunk(1).restart();
        order.chunk(1).text("Two.");

        assertThat(out.events).containsExactly("One.", "\n\n", "Zwei", "<restart>", "One.\n\n", "Two.");
    }

    @Test
    void aRestartOfAChunkNotShownYetIsNotShown() {
        order.chunk(1).text("Zwei");
        order.chunk(1).restart();
        order.chunk(1).text("Two.");
        order.done(0, "One.");

        assertThat(out.events).containsExactly("One.", "\n\n", "Two.");
    }

    /** Records what the reader receives. */
    private static final class Recorder implements TextSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void text(String delta) {
            events.add(delta);
        }

        @Override
        public void restart() {
            events.add("<restart>");
        }
    }
}
