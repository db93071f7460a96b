package io.precis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves one file over plain HTTP/1.1 on a loopback port, with Range support, and misbehaves on demand: it can cut
 * the connection in the middle of the body, or send it slowly. A raw socket, so a cut is a real cut.
 */
public final class BlobServer implements AutoCloseable {

    private final byte[] blob;
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile long cutAt = -1;
    private volatile long bytesPerSecond;

    public BlobServer(byte[] blob) {
        this.blob = blob.clone();
        try {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    /** The URL of the file; any other path answers 404. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The Range header of each request for the file, "none" when absent. */
    public List<String> ranges() {
        return List.copyOf(ranges);
    }

    /** Cuts the next response once this many bytes of the file have been sent. */
    public void cutNextAt(long offset) {
        cutAt = offset;
    }

    /** Sends the file at about this speed. */
    public void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            String range = null;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.regionMatches(true, 0, "Range:", 0, 6)) {
                    range = header.substring(6).strip();
                }
            }
            OutputStream out = client.getOutputStream();
            if (requestLine == null || !requestLine.startsWith("GET /model.gguf ")) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            ranges.add(range == null ? "none" : range);
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            String head = range == null ? "HTTP/1.1 200 OK\r\n"
                    : "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + from + "-" + (blob.length - 1) + "/"
                            + blob.length + "\r\n";
            out.write((head + "Content-Length: " + (blob.length - from) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long cut = cutAt;
            cutAt = -1;
            int chunk = 64 << 10;
            for (int at = from; at < blob.length; at += chunk) {
                if (cut >= 0 && at >= cut) {
                    return;
                }
                out.write(blob, at, Math.min(chunk, blob.length - at));
                out.flush();
                long speed = bytesPerSecond;
                if (speed > 0) {
                    LockSupport.parkNanos(chunk * 1_000_000_000L / speed);
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        threads.shutdownNow();
    }
}
