package io.precis.quality;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of the evaluation program in this JVM, as tests make it.
 *
 * @param status      its exit status
 * @param output      what it printed on stdout: the table
 * @param errorOutput what it printed on stderr: progress, the service's log, errors
 */
record EvaluateRun(int status, String output, String errorOutput) {

    /** Runs the program against a service already running, such as the Quarkus test instance. */
    static EvaluateRun against(URL service, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", service.toString()));
        all.addAll(List.of(args));
        return with(Map.of(), all);
    }

    /** Runs the program in an environment, as the shell would start it. */
    static EvaluateRun with(Map<String, String> env, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Evaluate.run(args, env, outStream, errStream);
        }
        return new EvaluateRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
