package io.precis.quality;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ROUGE (Lin, 2004) between one reference and one candidate summary: ROUGE-1 and ROUGE-2 by clipped n-gram overlap,
 * ROUGE-L by the longest common subsequence of the two token sequences (the summary taken as one sequence, not split
 * into sentences: "rougeL", not "rougeLsum").
 *
 * <p>Tokenization: the text is put in Unicode NFKC form and lower-cased ({@link Locale#ROOT}); tokens are the maximal
 * runs of Unicode letters, combining marks and decimal digits, so that French words keep their accents
 * ({@code télévision} is one token) and elisions split ({@code l'abjection} is {@code l} and {@code abjection}).
 * Punctuation is dropped. There is no stemming and no stop-word removal: the original ROUGE script stems only
 * English (Porter), and a French stemmer would make the figures comparable to nobody's.
 *
 * <p>Precision is overlap over the candidate's n-grams, recall overlap over the reference's, F1 their harmonic mean;
 * all three are 0 when either side has no n-gram or nothing overlaps.
 */
public final class Rouge {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}]+");

    private Rouge() {
    }

    /**
     * Precision, recall and F1 of one measure, each between 0 and 1.
     *
     * @param precision overlap over the candidate's units
     * @param recall    overlap over the reference's units
     * @param f1        the harmonic mean of both
     */
    public record Measure(double precision, double recall, double f1) {

        static final Measure ZERO = new Measure(0, 0, 0);

        static Measure of(int overlap, int candidateUnits, int referenceUnits) {
            if (overlap == 0 || candidateUnits == 0 || referenceUnits == 0) {
                return ZERO;
            }
            double precision = (double) overlap / candidateUnits;
            double recall = (double) overlap / referenceUnits;
            return new Measure(precision, recall, 2 * precision * recall / (precision + recall));
        }
    }

    /**
     * The three measures for one candidate.
     *
     * @param rouge1 unigram overlap
     * @param rouge2 bigram overlap
     * @param rougeL longest common subsequence
     */
    public record Scores(Measure rouge1, Measure rouge2, Measure rougeL) {
    }

    /** Scores a candidate summary against its reference. */
    public static Scores score(String reference, String candidate) {
        List<String> ref = tokens(reference);
        List<String> cand = tokens(candidate);
        return new Scores(rougeN(ref, cand, 1), rougeN(ref, cand, 2), rougeL(ref, cand));
    }

    /** The tokens ROUGE compares, in order. */
    public static List<String> tokens(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(normalized);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Overlap of n-gram counts, each n-gram counted at most as often as it occurs in the reference (clipping). */
    static Measure rougeN(List<String> reference, List<String> candidate, int n) {
        Map<List<String>, Integer> referenceCounts = ngrams(reference, n);
        Map<List<String>, Integer> candidateCounts = ngrams(candidate, n);
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> entry : candidateCounts.entrySet()) {
            overlap += Math.min(entry.getValue(), referenceCounts.getOrDefault(entry.getKey(), 0));
        }
        return Measure.of(overlap, Math.max(0, candidate.size() - n + 1), Math.max(0, reference.size() - n + 1));
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }

    static Measure rougeL(List<String> reference, List<String> candidate) {
        return Measure.of(lcs(reference, candidate), candidate.size(), reference.size());
    }

    /** Length of the longest common subsequence, by dynamic programming over two rows. */
    static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1)) ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
