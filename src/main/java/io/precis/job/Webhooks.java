package io.precis.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Posts a finished job's document to its callbackUrl, signed as the Standard Webhooks specification says
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}). A delivery that is not answered with a 2xx within {@code WEBHOOK_TIMEOUT} is tried again after
 * {@code WEBHOOK_RETRY_DELAY}, doubling, up to {@code WEBHOOK_MAX_ATTEMPTS} attempts; each attempt has the same id and
 * a fresh timestamp and signature. Redirects are not followed: a 3xx is a failed attempt. Before each attempt the host
 * is resolved and checked again ({@link CallbackPolicy}), and the connection goes to the address that was checked.
 * Deliveries live in the replica that finished the job: one that stops gives up those still being retried.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);
    private static final String SECRET_PREFIX = "whsec_";

    private final WebhookConfig config;
    private final CallbackPolicy policy;
    private final byte[] key;
    private final HttpClient client;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter abandoned;

    Webhooks(WebhookConfig config, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.policy = new CallbackPolicy(config.allowedHosts().orElse(List.of()), InetAddress::getAllByName);
        this.key = config.secret().map(Webhooks::key).orElse(null);
        if (policy.enabled() && key == null) {
            throw new IllegalStateException("WEBHOOK_ALLOWED_HOSTS is set but WEBHOOK_SECRET is not: set a secret"
                    + " (whsec_ and the base64 of 24 to 64 random bytes) so that receivers can verify deliveries");
        }
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(false));
        this.delivered = deliveries(registry, "delivered", "Job documents a callbackUrl accepted (2xx)");
        this.failedAttempts = deliveries(registry, "retried", "Delivery attempts that failed and were tried again");
        this.abandoned = deliveries(registry, "abandoned", "Job documents given up after WEBHOOK_MAX_ATTEMPTS");
    }

    private static Counter deliveries(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("precis.webhook.deliveries").tag("outcome", outcome).description(description)
                .register(registry);
    }

    /** Checks the settings at start, so that a wrong secret or allow-list stops the start, not the first job. */
    void onStart(@Observes StartupEvent start) {
        if (policy.enabled()) {
            LOG.infof("Webhooks: callbacks allowed to %s", String.join(", ", config.allowedHosts().orElseThrow()));
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        timers.shutdownNow();
    }

    /**
     * Checks a callbackUrl as a request gives it: refused unless the policy allows it now.
     *
     * @throws io.precis.core.ServiceException invalid field {@code callbackUrl}, saying why
     */
    public void check(String callbackUrl) {
        policy.check(callbackUrl);
    }

    /** Delivers a finished job's document, in the background. */
    void deliver(String jobId, String callbackUrl, byte[] body) {
        timers.execute(() -> attempt("msg_" + jobId, callbackUrl, body, 1));
    }

    private void attempt(String id, String callbackUrl, byte[] body, int attempt) {
        CallbackPolicy.Target target;
        try {
            target = policy.check(callbackUrl);
        } catch (RuntimeException refused) {
            LOG.warnf("Webhook %s not delivered: its callbackUrl is no longer allowed", id);
            abandoned.increment();
            return;
        }
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.uri())
                .setFollowRedirects(false)
                .setIdleTimeout(config.timeout().toMillis())
                // The whole exchange, so that a receiver trickling its answer cannot hold a delivery longer.
                .setTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", timestamp)
                .putHeader("webhook-signature", "v1," + sign(id, timestamp, body));
        client.request(request)
                .compose(sent -> sent.send(Buffer.buffer(body)))
                .onComplete(answered -> {
                    int status = answered.succeeded() ? answered.result().statusCode() : 0;
                    if (status >= 200 && status < 300) {
                        delivered.increment();
                        return;
                    }
                    String why = answered.succeeded() ? "HTTP " + status : answered.cause().getClass().getSimpleName();
                    if (attempt >= config.maxAttempts()) {
                        LOG.warnf("Webhook %s to %s abandoned after %d attempts (last: %s)", id, target.host(),
                                attempt, why);
                        abandoned.increment();
                        return;
                    }
                    failedAttempts.increment();
                    Duration wait = config.retryDelay().multipliedBy(1L << Math.min(20, attempt - 1));
                    LOG.infof("Webhook %s to %s failed (%s); attempt %d in %s", id, target.host(), why, attempt + 1,
                            wait);
                    timers.schedule(() -> attempt(id, callbackUrl, body, attempt + 1), wait.toMillis(),
                            TimeUnit.MILLISECONDS);
                });
    }

    /** The Standard Webhooks signature: base64 of HMAC-SHA256, keyed by the secret, of {@code id.timestamp.body}. */
    String sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The signing key: the base64 after {@code whsec_}, as the Standard Webhooks libraries read it. */
    private static byte[] key(String secret) {
        String encoded = secret.strip().startsWith(SECRET_PREFIX) ? secret.strip().substring(SECRET_PREFIX.length())
                : secret.strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WEBHOOK_SECRET must be whsec_ followed by base64; it is not base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalStateException("WEBHOOK_SECRET must hold 24 to 64 bytes (whsec_ and their base64); it"
                    + " holds " + key.length);
        }
        return key;
    }
}
