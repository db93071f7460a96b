package io.precis.quality;

import io.precis.task.SummaryLength;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The evaluation's options.
 *
 * @param data           the directory of the OrangeSum Abstract test split
 * @param limit          how many documents to evaluate, drawn at random; every document when at least the split's size
 * @param seed           the seed of that draw
 * @param length         the summary length asked of the provider
 * @param url            a service already running to evaluate; when empty, the packaged service is started for the run
 * @param concurrency    summaries requested at once, when given with {@code --concurrency}
 * @param maxConcurrency the caller's {@code LLM_MAX_CONCURRENCY}, which the service started for the run gets too,
 *                       else the service's default
 */
public record EvaluationOptions(Path data, int limit, long seed, SummaryLength length, Optional<URI> url,
        OptionalInt concurrency, int maxConcurrency) {

    /** Where the split is in the repository, relative to its root. */
    public static final Path DEFAULT_DATA = Path.of("src/test/resources/corpus/orangesum-abstract");
    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 8;
    /** The service's own default for {@code LLM_MAX_CONCURRENCY}. */
    static final int DEFAULT_MAX_CONCURRENCY = 32;

    /** What the command takes, for error messages. */
    public static final String USAGE = "usage: bash eval/run.sh [--limit N] [--seed S] [--data DIR]"
            + " [--length short|medium|long] [--concurrency N] [--url URL]"
            + "\n  --limit N        a sample of N documents drawn with the seed (default: all)"
            + "\n  --seed S         the sample's seed (default: " + DEFAULT_SEED + ")"
            + "\n  --data DIR       the OrangeSum Abstract test split (default: " + DEFAULT_DATA + ")"
            + "\n  --length L       the summary length asked of the provider (default: short, like OrangeSum's"
            + " abstracts)"
            + "\n  --concurrency N  summaries requested at once (default: LLM_MAX_CONCURRENCY, else "
            + DEFAULT_MAX_CONCURRENCY + "; 1 for a local model)"
            + "\n  --url URL        a running service to evaluate, such as http://localhost:8080 (default: start"
            + " target/quarkus-app/quarkus-run.jar for the run)";

    /**
     * Parses the program's arguments, with the environment it runs in.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    public static EvaluationOptions parse(List<String> args, Map<String, String> env) {
        Path data = DEFAULT_DATA;
        int limit = Integer.MAX_VALUE;
        long seed = DEFAULT_SEED;
        SummaryLength length = SummaryLength.SHORT;
        Optional<URI> url = Optional.empty();
        OptionalInt concurrency = OptionalInt.empty();
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
                case "--url" -> url = Optional.of(url(value));
                case "--concurrency" -> concurrency = OptionalInt.of(positive(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        String configured = env.get("LLM_MAX_CONCURRENCY");
        int maxConcurrency = configured == null ? DEFAULT_MAX_CONCURRENCY
                : positive("LLM_MAX_CONCURRENCY", configured);
        return new EvaluationOptions(data, limit, seed, length, url, concurrency, maxConcurrency);
    }

    /**
     * Summaries to request at once from a service with this provider: {@code --concurrency}, else as many as the
     * service calls its model at once. A local model serves one call at a time, and a request waiting behind others
     * spends its {@code LLM_TIMEOUT} there.
     */
    public int inFlight(String provider) {
        return concurrency.orElse(provider.equals("local") ? 1 : maxConcurrency);
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

    private static URI url(String value) {
        try {
            URI url = new URI(value);
            if (url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Refused below, with the other malformed values.
        }
        throw new IllegalArgumentException("--url must be an http:// or https:// URL, not " + value);
    }
}
