package io.precis.quality;

import io.precis.task.SummaryLength;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One row of the evaluation table: a system's summaries scored against the reference abstracts.
 *
 * @param name            the system
 * @param rouge1          mean ROUGE-1 F1 over the documents, between 0 and 1
 * @param rouge2          mean ROUGE-2 F1
 * @param rougeL          mean ROUGE-L F1
 * @param meanWords       mean length of the summaries written, in whitespace-separated words
 * @param lengthRespected share of the documents whose summary has the length asked for
 *                        ({@link SummaryLength#respectedBy(String)}), between 0 and 1
 * @param docsPerSecond   documents summarized per second of wall time, for the provider only
 * @param failures        documents the system wrote no summary for; they score 0
 */
public record SystemResult(String name, double rouge1, double rouge2, double rougeL, double meanWords,
        double lengthRespected, OptionalDouble docsPerSecond, int failures) {

    /**
     * Scores a system's summaries.
     *
     * @param summaries aligned with the references; null where the system failed
     */
    public static SystemResult score(String name, List<String> references, List<String> summaries,
            SummaryLength length, OptionalDouble docsPerSecond) {
        double rouge1 = 0;
        double rouge2 = 0;
        double rougeL = 0;
        long words = 0;
        int respected = 0;
        int failures = 0;
        for (int i = 0; i < references.size(); i++) {
            String summary = summaries.get(i);
            if (summary == null) {
                failures++;
                continue;
            }
            Rouge.Scores scores = Rouge.score(references.get(i), summary);
            rouge1 += scores.rouge1().f1();
            rouge2 += scores.rouge2().f1();
            rougeL += scores.rougeL().f1();
            words += wordCount(summary);
            respected += length.respectedBy(summary) ? 1 : 0;
        }
        int documents = references.size();
        int written = documents - failures;
        return new SystemResult(name, rouge1 / documents, rouge2 / documents, rougeL / documents,
                written == 0 ? 0 : (double) words / written, (double) respected / documents, docsPerSecond,
                failures);
    }

    static int wordCount(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
