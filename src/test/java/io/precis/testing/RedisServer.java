package io.precis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (Debian's package) on a free loopback port, for the tests of the shared cache. It is required,
 * never skipped: without the binary the tests fail and say how to install it.
 */
public final class RedisServer implements AutoCloseable {

    private final String binary;
    private final int port;
    private Process process;

    private RedisServer(String binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** Starts a server on a free port. */
    public static RedisServer start() {
        RedisServer server = new RedisServer(findBinary(), freePort());
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port after {@link #stop()}, empty, as a restarted Redis without disk. */
    public void startAgain() {
        try {
            process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.awaitility.Awaitility.await("redis-server listening on port " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> "PONG".equals(command("PING")));
    }

    /** Stops the server, as an outage would. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends one command and returns its reply as text: a simple string, a bulk string, an integer, or null. */
    public String command(String... args) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys matching a pattern. */
    public List<String> keys(String pattern) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            String request = "*2\r\n$4\r\nKEYS\r\n$" + pattern.length() + "\r\n" + pattern + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            int count = Integer.parseInt(header.substring(1));
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                keys.add(readReply(in));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        return switch (type) {
            case '+', ':' -> rest;
            case '-' -> throw new IllegalStateException("Redis error: " + rest);
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(length + 2);
                yield new String(data, 0, length, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException("Unexpected Redis reply: " + line);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            line.append((char) c);
        }
        return line.toString();
    }

    private static String findBinary() {
        String configured = System.getenv("REDIS_SERVER");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String fallback : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server",
                "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(fallback))) {
                return fallback;
            }
        }
        throw new IllegalStateException("These tests need a real redis-server and found none. Install Debian's"
                + " package (apt-get install redis-server; .ci/run does) or set REDIS_SERVER to its path.");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
