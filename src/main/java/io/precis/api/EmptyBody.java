package io.precis.api;

import io.precis.core.Failure;
import io.precis.core.ServiceException;

/** The refusal of a request that came without a body. */
final class EmptyBody {

    private EmptyBody() {
    }

    /** An invalid request: the body is empty. */
    static ServiceException refused() {
        return new ServiceException(Failure.INVALID_REQUEST,
                "The request body is empty; send a JSON object with at least a \"text\" field.");
    }
}
