package io.precis.digest;

import io.precis.article.Chunker.Chunk;
import io.precis.task.TextSink;
import java.util.List;

/**
 * Passes on the text of chunks written concurrently in article order: the first unfinished chunk's text goes out as
 * it arrives, later chunks' text waits until the chunks before them are done. A reader sees the article translated
 * from its start, never a later paragraph before an earlier one.
 */
final class InOrder {

    private final List<Chunk> chunks;
    private final TextSink out;
    private final StringBuilder[] received;
    private final int[] sent;
    private final boolean[] done;
    /** The first chunk not done: its text goes out live. */
    private int live;

    InOrder(List<Chunk> chunks, TextSink out) {
        this.chunks = chunks;
        this.out = out;
        this.received = new StringBuilder[chunks.size()];
        this.sent = new int[chunks.size()];
        this.done = new boolean[chunks.size()];
        for (int i = 0; i < chunks.size(); i++) {
            received[i] = new StringBuilder();
        }
    }

    /** Where the model's text for chunk {@code index} goes. */
    TextSink chunk(int index) {
        return new TextSink() {
            @Override
            public void text(String delta) {
                received(index, delta);
            }

            @Override
            public void restart() {
                restarted(index);
            }
        };
    }

    /**
     * Chunk {@code index} is done. When none of its text came as it was written (it came from the cache, or from a
     * computation that was not streamed), its result is its text.
     */
    synchronized void done(int index, String text) {
        if (done[index]) {
            return;
        }
        if (received[index].isEmpty()) {
            received[index].append(text);
        }
        done[index] = true;
        while (live < chunks.size() && done[live]) {
            flush(live);
            if (live < chunks.size() - 1) {
                out.text(separator(live));
            }
            live++;
            if (live < chunks.size()) {
                flush(live);
            }
        }
    }

    private synchronized void received(int index, String delta) {
        if (done[index]) {
            return;
        }
        received[index].append(delta);
        if (index == live) {
            flush(index);
        }
    }

    /** A chunk that is written again: if part of it was sent, the reader restarts from the chunks before it. */
    private synchronized void restarted(int index) {
        if (done[index]) {
            return;
        }
        if (index == live && sent[index] > 0) {
            out.restart();
            StringBuilder before = new StringBuilder();
            for (int i = 0; i < index; i++) {
                before.append(received[i]).append(separator(i));
            }
            if (!before.isEmpty()) {
                out.text(before.toString());
            }
        }
        received[index].setLength(0);
        sent[index] = 0;
    }

    private void flush(int index) {
        if (sent[index] < received[index].length()) {
            out.text(received[index].substring(sent[index]));
            sent[index] = received[index].length();
        }
    }

    /** What joins a chunk to the next, as {@link io.precis.article.Chunker#join} joins them. */
    private String separator(int index) {
        return chunks.get(index).endsParagraph() ? "\n\n" : " ";
    }
}
