package io.precis.quality;

import io.precis.llm.SummaryLength;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation command's options.
 *
 * @param data   the directory of the OrangeSum Abstract test split
 * @param limit  how many documents to evaluate, drawn at random; every document when at least the split's size
 * @param seed   the seed of that draw
 * @param length the summary length asked of the provider
 */
public record EvaluationOptions(Path data, int limit, long seed, SummaryLength length) {

    /** Where the split is in the repository, relative to its root. */
    public static final Path DEFAULT_DATA = Path.of("src/test/resources/corpus/orangesum-abstract");
    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 8;

    /** What the command takes, for error messages. */
    public static final String USAGE = "usage: evaluate [--limit N] [--seed S] [--data DIR]"
            + " [--length short|medium|long]"
            + "\n  --limit N   a sample of N documents drawn with the seed (default: all)"
            + "\n  --seed S    the sample's seed (default: " + DEFAULT_SEED + ")"
            + "\n  --data DIR  the OrangeSum Abstract test split (default: " + DEFAULT_DATA + ")"
            + "\n  --length L  the summary length asked of the provider (default: short, like OrangeSum's abstracts)";

    /**
     * Parses the arguments that follow {@code evaluate}.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    public static EvaluationOptions parse(List<String> args) {
        Path data = DEFAULT_DATA;
        int limit = Integer.MAX_VALUE;
        long seed = DEFAULT_SEED;
        SummaryLength length = SummaryLength.SHORT;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                        : "unexpected argument " + option);
            }
            String value = args.get(++i);
            switch (option) {
                case "--data" -> data = Path.of(value);
                case "--limit" -> limit = positive(option, value);
                case "--seed" -> seed = number(option, value);
                case "--length" -> length = length(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new EvaluationOptions(data, limit, seed, length);
    }

    private static int positive(String option, String value) {
        long number = number(option, value);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be a positive number, not " + value);
        }
        return (int) number;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not " + value);
        }
    }

    private static SummaryLength length(String value) {
        for (SummaryLength length : SummaryLength.values()) {
            if (length.code().equals(value.toLowerCase(Locale.ROOT))) {
                return length;
            }
        }
        throw new IllegalArgumentException("--length must be short, medium or long, not " + value);
    }
}
