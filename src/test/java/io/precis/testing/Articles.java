package io.precis.testing;

import java.util.HashMap;
import java.util.Map;

/** Request bodies for the API tests. */
public final class Articles {

    private Articles() {
    }

    /** A JSON digest request for an article, with options as alternating keys and values. */
    public static Map<String, Object> digest(String text, Object... options) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        for (int i = 0; i < options.length; i += 2) {
            body.put((String) options[i], options[i + 1]);
        }
        return body;
    }
}
