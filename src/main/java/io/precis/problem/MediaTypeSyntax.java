package io.precis.problem;

/**
 * The media-type grammar of RFC 9110 (section 8.3.1): {@code type "/" subtype *( OWS ";" OWS [ parameter ] )}, where
 * type and subtype are tokens and a parameter is {@code token "=" ( token / quoted-string )}.
 */
final class MediaTypeSyntax {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private MediaTypeSyntax() {
    }

    /** Whether a header value is one media type with its parameters. */
    static boolean isMediaType(String value) {
        int at = token(value, 0);
        if (at == 0 || at >= value.length() || value.charAt(at) != '/') {
            return false;
        }
        int end = token(value, at + 1);
        if (end == at + 1) {
            return false;
        }
        at = whitespace(value, end);
        while (at < value.length()) {
            if (value.charAt(at) != ';') {
                return false;
            }
            at = whitespace(value, at + 1);
            if (at == value.length() || value.charAt(at) == ';') {
                continue;
            }
            int name = token(value, at);
            if (name == at || name >= value.length() || value.charAt(name) != '=') {
                return false;
            }
            int parameterEnd = name + 1 < value.length() && value.charAt(name + 1) == '"'
                    ? quoted(value, name + 1) : token(value, name + 1);
            if (parameterEnd <= name + 1) {
                return false;
            }
            at = whitespace(value, parameterEnd);
        }
        return true;
    }

    /** A valid media type with the optional whitespace before each {@code ;} removed (quoted strings untouched). */
    static String withoutSpaceBeforeParameters(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (!quoted && (c == ' ' || c == '\t') && whitespace(value, i) < value.length()
                    && value.charAt(whitespace(value, i)) == ';') {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The index after the token starting at {@code from} (that same index when there is none). */
    private static int token(String value, int from) {
        int at = from;
        while (at < value.length() && isTokenChar(value.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The index after the quoted string starting at {@code from}, or -1 when it does not close. */
    private static int quoted(String value, int from) {
        int at = from + 1;
        while (at < value.length()) {
            char c = value.charAt(at);
            if (c == '"') {
                return at + 1;
            }
            if (c == '\\') {
                at++;
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                return -1;
            }
            at++;
        }
        return -1;
    }

    private static int whitespace(String value, int from) {
        int at = from;
        while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static boolean isTokenChar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0);
    }
}
