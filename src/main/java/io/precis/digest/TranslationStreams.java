package io.precis.digest;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.llm.TextSink;
import io.precis.problem.ProblemMappers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Translations as server-sent events: the text as the model writes it ({@code delta}, {@code restart}), then the
 * stored result ({@code result}) or why it failed ({@code problem}).
 *
 * <p>When the last event arrives, the deltas since the last restart add up to the result's text exactly: the stream
 * ends with a restart and the whole text when the cleaned, stored translation differs from what the model streamed,
 * and a translation from the cache arrives as one delta. A client that disconnects stops waiting; the model call is
 * then cancelled unless another request waits for the same translation.
 */
@ApplicationScoped
public class TranslationStreams {

    private final DigestService digests;

    public TranslationStreams(DigestService digests) {
        this.digests = digests;
    }

    /**
     * Checks the request at once, so that a refused one is an ordinary problem response, then streams.
     *
     * @param path the request path, for problems' {@code instance}
     */
    public Multi<StreamEvent> translate(Submission submission, Language target, String path) {
        DigestService.TranslationPlan plan = digests.prepareTranslation(submission, target);
        return Multi.createFrom().emitter(emitter -> {
            Relay relay = new Relay(emitter, path);
            DigestService.Watched watched = digests.translate(plan, relay);
            emitter.onTermination(watched.leave());
            if (emitter.isCancelled()) {
                watched.leave().run();
            }
            watched.result().whenComplete(relay::finish);
        });
    }

    /** Turns the model's text and the outcome into events, one at a time and nothing after the last. */
    private static final class Relay implements TextSink {

        private final MultiEmitter<? super StreamEvent> emitter;
        private final String path;
        private final StringBuilder streamed = new StringBuilder();
        private boolean finished;

        Relay(MultiEmitter<? super StreamEvent> emitter, String path) {
            this.emitter = emitter;
            this.path = path;
        }

        @Override
        public synchronized void text(String delta) {
            if (!finished && !delta.isEmpty()) {
                streamed.append(delta);
                emitter.emit(StreamEvent.delta(delta));
            }
        }

        @Override
        public synchronized void restart() {
            if (!finished && !streamed.isEmpty()) {
                streamed.setLength(0);
                emitter.emit(StreamEvent.restart());
            }
        }

        synchronized void finish(Digest digest, Throwable failure) {
            if (finished) {
                return;
            }
            finished = true;
            if (emitter.isCancelled()) {
                // The client left, and with it the reason to compute; nothing to report to anyone.
                return;
            }
            if (failure != null) {
                emitter.emit(StreamEvent.problem(ProblemMappers.problemFor(failure, path)));
            } else {
                String text = digest.translation().text();
                if (!streamed.toString().equals(text)) {
                    if (!streamed.isEmpty()) {
                        emitter.emit(StreamEvent.restart());
                    }
                    emitter.emit(StreamEvent.delta(text));
                }
                emitter.emit(StreamEvent.result(TranslationResponse.of(digest)));
            }
            emitter.complete();
        }
    }
}
