package io.precis.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A newsroom's webhook endpoint on a free loopback port: it records each delivery and answers with the statuses it is
 * told to, 204 once they run out. {@code /redirect} answers 302 to {@code /target}. It verifies signatures the way the
 * Standard Webhooks libraries do, written here from the specification rather than taken from the service.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** The secret of the test profile (application.properties, %test.webhook.secret). */
    public static final String SECRET = "whsec_cHJlY2lzLXRlc3Qtd2ViaG9vay1zZWNyZXQtMzJieXQ=";

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    /**
     * One request received.
     *
     * @param path    its path
     * @param headers its headers, names in lower case, first values
     * @param body    its body
     */
    public record Delivery(String path, Map<String, String> headers, String body) {
    }

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            deliveries.add(new Delivery(path, headers, body));
            if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", url("/target"));
                exchange.sendResponseHeaders(302, -1);
            } else {
                Integer status = statuses.poll();
                exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL of this receiver; 127.0.0.1, as the test profile allows. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next deliveries with these statuses, in order. */
    public WebhookReceiver answer(Integer... next) {
        statuses.addAll(List.of(next));
        return this;
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Whether a delivery's signature is one of the secret's over its id, timestamp and body. */
    public static boolean verifies(Delivery delivery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())),
                    "HmacSHA256"));
            String signed = delivery.headers().get("webhook-id") + "." + delivery.headers().get("webhook-timestamp")
                    + "." + delivery.body();
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            // The header may carry several signatures, separated by spaces.
            return List.of(delivery.headers().getOrDefault("webhook-signature", "").split(" ")).contains(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
