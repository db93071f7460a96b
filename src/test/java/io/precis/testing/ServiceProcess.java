package io.precis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The packaged service (target/quarkus-app) running as its own process, as a replica would. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Map<String, String> env;
    private final int port;
    private Process process;

    private ServiceProcess(String name, Map<String, String> env, int port) {
        this.name = name;
        this.env = env;
        this.port = port;
    }

    /** Starts an instance on a free port with these environment variables, and waits until it is ready. */
    public static ServiceProcess start(String name, Map<String, String> env) {
        ServiceProcess service = new ServiceProcess(name, Map.copyOf(env), freePort());
        service.startAgain();
        return service;
    }

    /** Starts an instance and waits only until it is alive: it may not be ready for a while. */
    public static ServiceProcess startAlive(String name, Map<String, String> env) {
        ServiceProcess service = new ServiceProcess(name, Map.copyOf(env), freePort());
        service.launch("/q/health/live");
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process again on the same port, and waits until it is ready. */
    public void startAgain() {
        launch("/q/health/ready");
    }

    private void launch(String awaited) {
        String jar = System.getProperty("precis.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No packaged service at " + jar + "; run ./mvnw verify");
        }
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(), "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", name + ".log").toFile()));
        builder.environment().putAll(all);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await(name + " answering " + awaited).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> get(awaited).statusCode() == 200);
    }

    /** Sends SIGTERM, as Kubernetes does, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not exit within " + within);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
