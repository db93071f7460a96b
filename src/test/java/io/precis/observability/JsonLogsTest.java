package io.precis.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** LOG_JSON=true switches the console to one JSON object per line. */
@QuarkusTest
@TestProfile(JsonLogsTest.JsonOn.class)
class JsonLogsTest {

    /** LOG_JSON=true. */
    public static class JsonOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("LOG_JSON", "true");
        }
    }

    @Test
    void theConsoleWritesJson() {
        assertThat(formatters(Logger.getLogger("").getHandlers()))
                .anyMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("json"));
    }

    /** The formatter classes of the handlers, looking inside the wrappers Quarkus puts around them. */
    private static java.util.stream.Stream<String> formatters(Handler[] handlers) {
        return Arrays.stream(handlers).flatMap(handler -> {
            java.util.stream.Stream<String> own = handler.getFormatter() == null ? java.util.stream.Stream.empty()
                    : java.util.stream.Stream.of(handler.getFormatter().getClass().getName());
            return handler instanceof org.jboss.logmanager.ExtHandler wrapper
                    ? java.util.stream.Stream.concat(own, formatters(wrapper.getHandlers())) : own;
        });
    }
}
