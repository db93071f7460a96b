package io.precis.testing;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs the browser check of Swagger UI ({@code .ci/swagger-ui.mjs}) against the packaged service, as a user would
 * meet it: API keys on, a model behind it (the fake OpenAI server), nothing stored yet. Started by
 * {@code .ci/swagger-ui-check}, which installs the browser; exits with the check's status.
 *
 * <p>Arguments: the script, then the command that runs Node.js.
 */
public final class SwaggerUiCheck {

    private SwaggerUiCheck() {
    }

    /** Starts the fake model and the service, runs the script, and exits with its status. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SwaggerUiCheck <script.mjs> <node>");
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String key = "swagger-" + HexFormat.of().formatHex(secret);
        int status;
        try (FakeLlmServer model = FakeLlmServer.start();
                ServiceProcess service = ServiceProcess.start("swagger-ui", Map.of(
                        "LLM_PROVIDER", "openai",
                        "LLM_BASE_URL", model.url() + "/v1",
                        "LLM_MODEL", "gpt-4o-mini",
                        "LLM_API_KEY", "sk-test",
                        "API_KEYS", "swagger:" + key))) {
            Process check = new ProcessBuilder(List.of(args[1], args[0], service.url(), key)).inheritIO().start();
            status = check.waitFor();
        }
        System.exit(status);
    }
}
