package io.precis.digest;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.glossary.GlossaryChoice;
import io.precis.task.Caller;
import io.precis.task.TextSink;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Translations as a stream of events: the text as the model writes it ({@link Event.Delta}, {@link Event.Restart}),
 * then the stored result ({@link Event.Done}) or why it failed ({@link Event.Failed}).
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
     * Checks the request at once, so that a refused one is an ordinary failure, then streams.
     *
     * @throws io.precis.core.ServiceException why the request cannot be served
     */
    public Multi<Event> translate(Caller caller, Submission submission, Language target, GlossaryChoice glossary) {
        DigestService.TranslationPlan plan = digests.prepareTranslation(caller, submission, target, glossary);
        return Multi.createFrom().emitter(emitter -> {
            Relay relay = new Relay(emitter);
            DigestService.Watched watched = digests.streamTranslation(plan, relay);
            emitter.onTermination(watched.leave());
            if (emitter.isCancelled()) {
                watched.leave().run();
            }
            watched.result().whenComplete(relay::finish);
        });
    }

    /** One event of a streamed translation. */
    public sealed interface Event {

        /**
         * More text: append it to what came since the last restart.
         *
         * @param text the text to append
         */
        record Delta(String text) implements Event {
        }

        /** Discard the text received so far; it is written again (a retry, or an answer asked again). */
        record Restart() implements Event {
        }

        /**
         * The stored translation; the last event.
         *
         * @param digest the digest holding it
         */
        record Done(Digest digest) implements Event {
        }

        /**
         * Why the translation failed; the last event.
         *
         * @param failure the failure
         */
        record Failed(Throwable failure) implements Event {
        }
    }

    /** Turns the model's text and the outcome into events, one at a time and nothing after the last. */
    private static final class Relay implements TextSink {

        private final MultiEmitter<? super Event> emitter;
        private final StringBuilder streamed = new StringBuilder();
        private boolean finished;

        Relay(MultiEmitter<? super Event> emitter) {
            this.emitter = emitter;
        }

        @Override
        public synchronized void text(String delta) {
            if (!finished && !delta.isEmpty()) {
                streamed.append(delta);
                emitter.emit(new Event.Delta(delta));
            }
        }

        @Override
        public synchronized void restart() {
            if (!finished && !streamed.isEmpty()) {
                streamed.setLength(0);
                emitter.emit(new Event.Restart());
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
                emitter.emit(new Event.Failed(failure));
            } else {
                String text = digest.translation().text();
                if (!streamed.toString().equals(text)) {
                    if (!streamed.isEmpty()) {
                        emitter.emit(new Event.Restart());
                    }
                    emitter.emit(new Event.Delta(text));
                }
                emitter.emit(new Event.Done(digest));
            }
            emitter.complete();
        }
    }
}
