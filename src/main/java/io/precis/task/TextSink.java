package io.precis.task;

/**
 * Receives a model's text as the model writes it, for clients that read a translation as it arrives. The text is
 * raw: the result that is checked, cleaned and stored comes separately, when the call is done.
 */
public interface TextSink {

    /** A sink for callers that only want the result. */
    TextSink NONE = new TextSink() {
        @Override
        public void text(String delta) {
        }

        @Override
        public void restart() {
        }
    };

    /** More text, following what came before. */
    void text(String delta);

    /** The text so far is void and will be written again: the call is retried, or its answer was unusable. */
    void restart();
}
