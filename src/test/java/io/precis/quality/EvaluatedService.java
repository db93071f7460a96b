package io.precis.quality;

import io.precis.testing.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service the evaluation calls: the packaged service, started for the run and stopped after it, or one already
 * running at a URL. Either way it is used from the outside, through its HTTP API.
 */
final class EvaluatedService implements AutoCloseable {

    /**
     * Settings of the service started for the run, whatever the caller's environment says: a cache of its own, empty
     * at the start, so that no summary comes from a shared Redis and every document costs what a new article costs; a
     * model failure counted rather than replaced by the extractive stand-in; no rate limit; its port on loopback only.
     */
    private static final Map<String, String> SETTINGS = Map.of("CACHE_BACKEND", "memory",
            "LLM_FALLBACK_EXTRACTIVE", "false", "RATE_LIMIT_PER_MINUTE", "0", "QUARKUS_HTTP_HOST", "127.0.0.1");
    /** How long a service may take to become ready, unless its local model is still downloading or loading. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ServiceClient client;
    private final Optional<ServiceProcess> process;
    private final Optional<Thread> stopOnExit;

    private EvaluatedService(ServiceClient client, Optional<ServiceProcess> process) {
        this.client = client;
        this.process = process;
        // Stops the service when the program is interrupted or killed, so that no service is left running.
        this.stopOnExit = process.map(p -> new Thread(p::close, "stop-evaluated-service"));
        stopOnExit.ifPresent(Runtime.getRuntime()::addShutdownHook);
    }

    /**
     * Starts the packaged service with the caller's environment and {@link #SETTINGS}, without API keys, and with the
     * extractive provider and warnings only in its log unless the caller says otherwise. Its log goes to {@code log}.
     *
     * @throws ServiceNotReadyException when there is no packaged service to start
     */
    static EvaluatedService start(Map<String, String> callerEnv, PrintStream log) {
        Map<String, String> env = new HashMap<>(callerEnv);
        env.remove("API_KEYS");
        env.putIfAbsent("LLM_PROVIDER", "extractive");
        env.putIfAbsent("LOG_LEVEL", "WARN");
        env.putAll(SETTINGS);
        try {
            ServiceProcess process = ServiceProcess.startCopyingOutput("evaluated-service", env, log);
            return new EvaluatedService(new ServiceClient(URI.create(process.url()),
                    URI.create(process.managementUrl())), Optional.of(process));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new ServiceNotReadyException(e.getMessage());
        }
    }

    /** A service already running. */
    static EvaluatedService at(URI url) {
        return new EvaluatedService(new ServiceClient(url), Optional.empty());
    }

    ServiceClient client() {
        return client;
    }

    /**
     * Waits until the service is ready, however long a local model takes to download and load, and returns what its
     * readiness says then.
     *
     * @throws ServiceNotReadyException when it will not be: the local model failed, the service exited or does not
     *                                  answer, or it stayed unready for {@link #PATIENCE} for another reason
     */
    Readiness awaitReady(PrintStream progress) {
        Instant deadline = Instant.now().plus(PATIENCE);
        Optional<String> reported = Optional.empty();
        while (true) {
            Optional<Readiness> readiness = poll();
            if (readiness.isPresent()) {
                Readiness now = readiness.get();
                if (now.ready()) {
                    return now;
                }
                if (now.localModelFailed()) {
                    throw new ServiceNotReadyException("The local model could not be made ready: "
                            + now.localModelDetail());
                }
                if (now.localModelPreparing()) {
                    deadline = Instant.now().plus(PATIENCE);
                    if (!now.localModelState().equals(reported)) {
                        progress.println("Waiting for the local model " + now.model() + ": "
                                + now.localModelDetail());
                        reported = now.localModelState();
                    }
                }
            }
            Optional<Integer> exit = process.filter(p -> !p.alive()).map(p -> p.awaitExit(Duration.ZERO));
            if (exit.isPresent()) {
                throw new ServiceNotReadyException("The service exited with status " + exit.get()
                        + " before it was ready; its log is above.");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ServiceNotReadyException("The service at " + client.url() + " was not ready within "
                        + PATIENCE.toSeconds() + " s" + readiness.map(r -> "; checks down: " + r.down()).orElse(""));
            }
            pause();
        }
    }

    /** What readiness says, or nothing while the service started for the run does not answer yet. */
    private Optional<Readiness> poll() {
        try {
            return Optional.of(client.readiness());
        } catch (IOException e) {
            if (process.isEmpty()) {
                throw new ServiceNotReadyException("No precis service answers at " + client.url() + ": " + e);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceNotReadyException("Interrupted while waiting for the service");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceNotReadyException("Interrupted while waiting for the service");
        }
    }

    /** Stops the service started for the run; a service given by URL is left running. */
    @Override
    public void close() {
        stopOnExit.ifPresent(Runtime.getRuntime()::removeShutdownHook);
        process.ifPresent(ServiceProcess::close);
    }
}
