package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(ProviderHttpClient.retryAfter(Optional.of("13"))).isEqualTo(Duration.ofSeconds(13));
        assertThat(ProviderHttpClient.retryAfter(Optional.of(" 0.5 "))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void ignoresRetryAfterItCannotRead() {
        assertThat(ProviderHttpClient.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isNull();
        assertThat(ProviderHttpClient.retryAfter(Optional.of("-1"))).isNull();
        assertThat(ProviderHttpClient.retryAfter(Optional.empty())).isNull();
    }
}
