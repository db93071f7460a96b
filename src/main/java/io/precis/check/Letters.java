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
}
