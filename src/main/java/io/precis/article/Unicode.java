package io.precis.article;

import io.precis.core.ServiceException;

/**
 * Refuses text that is not valid Unicode: a JSON string may carry a lone surrogate ({@code "\ud800"}), which no
 * encoding can write. Encoded to UTF-8 for hashing it would become {@code ?}, so two different articles would share
 * one hash and one cached result.
 */
final class Unicode {

    private Unicode() {
    }

    /**
     * @throws ServiceException 400 naming the field when the text holds a surrogate that is not half of a pair
     */
    static void requireValid(String field, CharSequence text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ServiceException.invalidField(field, String.format("holds an unpaired surrogate (\\u%04X) at"
                        + " character %d, which is not valid Unicode", (int) c, i));
            }
        }
    }
}
