package io.precis.quality;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The evaluation program ({@code bash eval/run.sh}, docs/quality.md): scores the provider of a precis service on
 * OrangeSum Abstract, side by side with the systems published with the dataset and the lead baselines, and prints the
 * table. The service is used from the outside, over HTTP: the packaged one, started for the run, or one already
 * running ({@code --url}).
 */
public final class Evaluate {

    private Evaluate() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /**
     * Runs the evaluation: the table goes to {@code out}, progress, the service's log and errors to {@code err}.
     *
     * @param env the environment the service started for the run gets, with the evaluation's own settings
     * @return 0 when the service summarized every document, 1 when it failed on some (the table is still printed), 2
     *         on a usage error, unreadable data, or a service that cannot be made ready
     */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        EvaluationOptions options;
        Benchmark benchmark;
        try {
            options = EvaluationOptions.parse(args, env);
            benchmark = Benchmark.load(options.data());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(e.getMessage() + "\n" + EvaluationOptions.USAGE);
            return 2;
        }
        try (EvaluatedService service = options.url().map(EvaluatedService::at)
                .orElseGet(() -> EvaluatedService.start(env, err))) {
            Readiness readiness = service.awaitReady(err);
            String provider = readiness.provider() + " " + readiness.model();
            err.println("Evaluating " + provider + " at " + service.client().url());
            List<Integer> documents = benchmark.sample(options.limit(), options.seed());
            ProviderPass pass = ProviderPass.run(service.client(), Benchmark.pick(benchmark.sources(), documents),
                    options.length(), options.inFlight(readiness.provider()), err);
            EvaluationReport report = EvaluationReport.score(benchmark, documents, options, provider, pass);
            out.println(report.table());
            return report.failures().isEmpty() ? 0 : 1;
        } catch (ServiceNotReadyException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
