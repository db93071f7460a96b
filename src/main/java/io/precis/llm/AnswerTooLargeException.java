package io.precis.llm;

import java.io.IOException;

/**
 * A provider's answer longer than the service takes: cut where it passed the limit, its connection closed. A model
 * held to the output budget never writes one; another attempt at the same provider would bring the same.
 */
public final class AnswerTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what limit the answer passed */
    public AnswerTooLargeException(String message) {
        super(message);
    }
}
