package io.precis;

import io.precis.quality.Benchmark;
import io.precis.quality.Evaluation;
import io.precis.quality.EvaluationOptions;
import io.precis.quality.EvaluationReport;
import io.precis.quality.ProviderNotReadyException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The entry point. Without arguments it runs the service until it is stopped; {@code evaluate [options]} scores the
 * configured provider on OrangeSum Abstract, prints the table and exits (see docs/quality.md): 0 when every document
 * was summarized, 1 when the provider failed on some, 2 on a usage error, unreadable data or a local model that could
 * not be made ready.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    private final Evaluation evaluation;

    public Main(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (!args[0].equals("evaluate")) {
            System.err.println("unknown command " + args[0] + "; run without arguments for the service, or\n"
                    + EvaluationOptions.USAGE);
            return 2;
        }
        EvaluationOptions options;
        Benchmark benchmark;
        try {
            options = EvaluationOptions.parse(List.of(args).subList(1, args.length));
            benchmark = Benchmark.load(options.data());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println(e.getMessage() + "\n" + EvaluationOptions.USAGE);
            return 2;
        }
        EvaluationReport report;
        try {
            report = evaluation.run(benchmark, options);
        } catch (ProviderNotReadyException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println(report.table());
        return report.failures().isEmpty() ? 0 : 1;
    }
}
