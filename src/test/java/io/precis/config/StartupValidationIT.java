package io.precis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.ServiceProcess;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged service refuses to start with a setting it cannot work with, and says which setting and why, instead of
 * starting and failing later, request by request.
 */
class StartupValidationIT {

    /** A name for the case, the environment the service is started with, and what its log must say. */
    static Stream<Arguments> settingsItRefuses() {
        return Stream.of(
                Arguments.of("an out-of-range temperature", Map.of("LLM_PROVIDER", "extractive",
                        "LLM_TEMPERATURE", "5"), new String[] {"llm.temperature must be less than or equal to 2"}),
                Arguments.of("a base URL without its scheme", Map.of("LLM_PROVIDER", "openai",
                        "LLM_BASE_URL", "localhost:11434", "LLM_MODEL", "m"),
                        new String[] {"llm.base-url must be an http:// or https:// URL"}),
                Arguments.of("a negative retry count under its documented name", Map.of("LLM_PROVIDER", "extractive",
                        "LLM_MAX_RETRIES", "-1"),
                        new String[] {"llm.retry.max-retries must be greater than or equal to 0"}),
                Arguments.of("a batch concurrency of zero", Map.of("LLM_PROVIDER", "extractive",
                        "BATCH_CONCURRENCY", "0"), new String[] {"batch.concurrency must be greater than 0"}),
                Arguments.of("a duration that is not one", Map.of("LLM_PROVIDER", "extractive",
                        "LLM_TIMEOUT", "soon"), new String[] {"llm.timeout", "soon"}),
                Arguments.of("no API key", Map.of("LLM_PROVIDER", "extractive", "API_AUTH", "required"),
                        new String[] {"No API key is configured", "API_AUTH=disabled"}),
                Arguments.of("a blank API key setting", Map.of("LLM_PROVIDER", "extractive", "API_AUTH", "required",
                        "API_KEYS", " , "), new String[] {"No API key is configured"}),
                Arguments.of("forwarded addresses honoured from any peer", Map.of("LLM_PROVIDER", "extractive",
                        "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                        "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true"),
                        new String[] {"QUARKUS_HTTP_PROXY_TRUSTED_PROXIES names no proxy"}),
                Arguments.of("webhooks without a signing secret", Map.of("LLM_PROVIDER", "extractive",
                        "API_AUTH", "disabled", "WEBHOOK_ALLOWED_HOSTS", "hooks.example.com"),
                        new String[] {"WEBHOOK_ALLOWED_HOSTS is set but WEBHOOK_SECRET is not"}),
                Arguments.of("a webhook secret too short to sign with", Map.of("LLM_PROVIDER", "extractive",
                        "API_AUTH", "disabled", "WEBHOOK_ALLOWED_HOSTS", "hooks.example.com",
                        "WEBHOOK_SECRET", "whsec_c2hvcnQ="), new String[] {"WEBHOOK_SECRET must hold 24 to 64 bytes"}),
                Arguments.of("a glossary file with a line it cannot read", Map.of("LLM_PROVIDER", "extractive",
                        "API_AUTH", "disabled", "GLOSSARY_DIR",
                        java.nio.file.Path.of("src/test/resources/glossaries-bad").toAbsolutePath().toString()),
                        new String[] {"desk.fr-en.tsv line 2"}),
                Arguments.of("two durations too short", Map.of("LLM_PROVIDER", "extractive",
                        "CACHE_REDIS_TIMEOUT", "0s", "LLM_TIMEOUT", "0s"), new String[] {
                            "cache.redis-timeout must be at least 1ms", "llm.timeout must be at least 1ms"}));
    }

    @ParameterizedTest(name = "{0} stops the start, naming the setting")
    @MethodSource("settingsItRefuses")
    void aSettingItCannotWorkWithStopsTheStartNamingIt(String name, Map<String, String> environment,
            String[] expected) {
        String log = ServiceProcess.refusedStart(name.replace(' ', '-'), environment);

        assertThat(log).contains(expected);
    }
}
