package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.quality.EvaluationTable.Row;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The evaluation program as {@code bash eval/run.sh} runs it: it starts the packaged service itself, with the
 * caller's environment but its own settings, and stops it at the end.
 */
class EvaluateStartedServiceIT {

    private static final Pattern EVALUATED_AT = Pattern.compile("^Evaluating .* at (http://\\S+)$", Pattern.MULTILINE);

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void startsTheExtractiveServiceWithoutTheCallersKeysOrRateLimitAndStopsIt() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("LLM_PROVIDER");
        // Settings of an operator's shell that would turn every request of the run into a 401 or a 429.
        env.putAll(Map.of("API_KEYS", "an-operators-key", "RATE_LIMIT_PER_MINUTE", "1", "RATE_LIMIT_BURST", "1"));

        EvaluateRun run = EvaluateRun.with(env, List.of("--limit", "4"));

        assertThat(run.status()).as(run.errorOutput()).isZero();
        Row provider = EvaluationTable.rows(run.output()).get("Provider: extractive textrank");
        assertThat(provider.failures()).isZero();
        assertThat(provider.rougeL()).isPositive();
        Matcher evaluated = EVALUATED_AT.matcher(run.errorOutput());
        assertThat(evaluated.find()).as(run.errorOutput()).isTrue();
        URI service = URI.create(evaluated.group(1));
        assertThatThrownBy(() -> new Socket(service.getHost(), service.getPort()).close())
                .as("the service is stopped")
                .isInstanceOf(ConnectException.class);
    }
}
