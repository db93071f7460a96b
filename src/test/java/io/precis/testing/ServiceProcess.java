package io.precis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The packaged service (target/quarkus-app) running as its own process, as a replica would. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    /** The process's whole environment but its port: nothing else is inherited. */
    private final Map<String, String> environment;
    private final int port;
    /** Health and metrics answer here: the packaged service has a management interface. */
    private final int managementPort;
    /** A directory the process may not write to, or null. */
    private final Path readOnly;
    private Process process;

    private ServiceProcess(String name, Map<String, String> environment, int port) {
        this(name, environment, port, null);
    }

    private ServiceProcess(String name, Map<String, String> environment, int port, Path readOnly) {
        this.name = name;
        this.environment = environment;
        this.port = port;
        this.managementPort = freePort();
        this.readOnly = readOnly;
    }

    /**
     * Starts an instance on a free port with these environment variables added to this JVM's, and waits until it is
     * ready.
     */
    public static ServiceProcess start(String name, Map<String, String> env) {
        ServiceProcess service = new ServiceProcess(name, inheritedAnd(env), freePort());
        service.startAgain();
        return service;
    }

    /**
     * Starts an instance that is expected not to start, and returns what it wrote once it has exited.
     *
     * @throws IllegalStateException when it is still running after a minute, or exited with status 0
     */
    public static String refusedStart(String name, Map<String, String> env) {
        ServiceProcess service = new ServiceProcess(name, inheritedAnd(env), freePort());
        Path log = Path.of("target", name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.process = service.spawn(ProcessBuilder.Redirect.appendTo(log.toFile()));
        int status = service.awaitExit(Duration.ofSeconds(60));
        if (status == 0) {
            throw new IllegalStateException(name + " exited normally; it was expected to refuse to start");
        }
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts an instance that cannot write to {@code directory} (see {@link ReadOnlyDirectory}), and waits only until
     * it is alive.
     */
    public static ServiceProcess startAliveWithReadOnly(String name, Map<String, String> env, Path directory) {
        ServiceProcess service = new ServiceProcess(name, inheritedAnd(env), freePort(), directory);
        service.launch("/q/health/live");
        return service;
    }

    /** Starts an instance and waits only until it is alive: it may not be ready for a while. */
    public static ServiceProcess startAlive(String name, Map<String, String> env) {
        ServiceProcess service = new ServiceProcess(name, inheritedAnd(env), freePort());
        service.launch("/q/health/live");
        return service;
    }

    /**
     * Starts an instance on a free port with exactly this environment, nothing inherited (so that a variable can be
     * left out), with its output copied to {@code output} as it comes; returns at once: the caller waits for what it
     * needs, and may find the process exited.
     */
    public static ServiceProcess startCopyingOutput(String name, Map<String, String> environment,
            OutputStream output) {
        ServiceProcess service = new ServiceProcess(name, Map.copyOf(environment), freePort());
        service.process = service.spawn(ProcessBuilder.Redirect.PIPE);
        Thread copier = new Thread(() -> copy(service.process.getInputStream(), output), name + "-output");
        copier.setDaemon(true);
        copier.start();
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
        process = spawn(ProcessBuilder.Redirect.appendTo(Path.of("target", name + ".log").toFile()));
        Awaitility.await(name + " answering " + awaited).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> get(awaited).statusCode() == 200);
    }

    /** Starts the packaged jar with the environment and the port, its output and errors sent to {@code output}. */
    private Process spawn(ProcessBuilder.Redirect output) {
        String jar = System.getProperty("precis.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No packaged service at " + jar + "; run ./mvnw verify");
        }
        // The production heap; the JIT's first tier only: the tests start many short-lived processes on two cores,
        // where the optimizing compiler's work at start-up cost a quarter of their time (StartupValidationIT, 40 s
        // against 30 s). What the service does is the same.
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-jar", jar);
        ProcessBuilder builder = new ProcessBuilder(readOnly == null ? command : ReadOnlyDirectory.wrap(readOnly,
                command))
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().clear();
        builder.environment().putAll(environment);
        // The packaged service refuses to start without API keys; tests that do not configure any say so.
        if (!environment.containsKey("API_KEYS") && !environment.containsKey("API_KEYS_FILE")) {
            builder.environment().putIfAbsent("API_AUTH", "disabled");
        }
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM, as Kubernetes does, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL, as a node that dies does: nothing runs on the way out. Waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
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

    /** Health and metrics on the management port, anything else on the HTTP port. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(urlOf(path))).GET().build());
    }

    /** A DELETE on the HTTP port. */
    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).DELETE().build());
    }

    /** The management interface: health and metrics. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private String urlOf(String path) {
        return (path.startsWith("/q/health") || path.startsWith("/q/metrics") ? managementUrl() : url()) + path;
    }

    public HttpResponse<String> postJson(String path, String json) {
        return postJson(path, json, Map.of());
    }

    /** A JSON POST with these headers besides its Content-Type. */
    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        return send(request.build());
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

    private static Map<String, String> inheritedAnd(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(env);
        return Map.copyOf(all);
    }

    private static void copy(InputStream from, OutputStream to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException e) {
            // The process is gone, and so is what it had left to say.
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
