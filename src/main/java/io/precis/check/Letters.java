package io.precis.check;

/** Letters as the checks' word patterns read them ({@code \p{L}}), told apart at once in ASCII, most of an article. */
final class Letters {

    private Letters() {
    }

    /** {@link Character#isLetter(int)}, without its table lookup for ASCII. */
    static boolean isLetter(int codePoint) {
        if (codePoint < 0x80) {
            int lower = (codePoint | 0x20) - 'a';
            return lower >= 0 && lower < 26;
        }
        return Character.isLetter(codePoint);
    }

    /** Where the next letter of a text is, from {@code from} on: the text's length when there is none. */
    static int next(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (isLetter(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return i;
    }

    /** Where the letters from {@code start} on end, after {@code most} of them at most. */
    static int runEnd(String text, int start, int most) {
        int i = start;
        for (int letters = 0; letters < most && i < text.length(); letters++) {
            int codePoint = text.codePointAt(i);
            if (!isLetter(codePoint)) {
                break;
            }
            i += Character.charCount(codePoint);
        }
        return i;
    }
}
