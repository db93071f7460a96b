package io.precis.article;

import io.precis.core.ServiceException;

/** An article as a client sends it: its text, or the page it is in. */
public sealed interface Submission {

    /** The title the client gave, or null. */
    String title();

    /**
     * The submission of a JSON request, which holds the article as {@code text} or as a page in {@code html}.
     *
     * @throws ServiceException 400 when it holds neither or both
     */
    static Submission of(String text, String html, String title) {
        if (text != null && html != null) {
            throw ServiceException.invalidField("html", "cannot be sent with text: send the article as text or"
                    + " as a page, not both");
        }
        if (html != null) {
            return new Page(html, title);
        }
        if (text == null) {
            throw ServiceException.invalidField("text", "is required (or send the page as html)");
        }
        return new Text(text, title);
    }

    /**
     * Plain text, or text scraped off a page.
     *
     * @param text  the article
     * @param title its title, or null
     */
    record Text(String text, String title) implements Submission {
    }

    /**
     * Plain text's bytes as received with {@code Content-Type: text/plain}, in the charset its header or byte order
     * mark names (UTF-8 when neither does).
     *
     * @param body        the bytes
     * @param contentType the Content-Type header
     * @param title       its title, or null
     */
    record TextBytes(byte[] body, String contentType, String title) implements Submission {

        /**
         * The text.
         *
         * @throws ServiceException 415 for a charset the service does not read, 400 for bytes not valid in theirs
         */
        public Text decoded() {
            return new Text(TextDecoder.decode(body, contentType), title);
        }
    }

    /**
     * An HTML fragment to translate with its markup (a CMS body), as opposed to a page to find an article in.
     *
     * @param html  the fragment
     * @param title its title, or null
     */
    record Markup(String html, String title) implements Submission {
    }

    /**
     * A page's HTML, already decoded (sent in JSON).
     *
     * @param html  the page
     * @param title the title, or null to take the page's own
     */
    record Page(String html, String title) implements Submission {
    }

    /**
     * A page's bytes as received with {@code Content-Type: text/html}, its encoding still to be found.
     *
     * @param body        the bytes
     * @param contentType the Content-Type header, which may name the charset
     * @param title       the title, or null to take the page's own
     */
    record PageBytes(byte[] body, String contentType, String title) implements Submission {

        /** The page as text, in the encoding its header, byte order mark, meta tag or bytes give. */
        public Page decoded() {
            return new Page(PageDecoder.decode(body, contentType), title);
        }
    }
}
