package io.precis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client for server-sent events that reads them one at a time, as they arrive, and can hang up in the middle of a
 * stream, as a reader closing a browser tab would.
 *
 * <p>It speaks HTTP/1.1 over a plain socket, so that hanging up closes the connection there and then. The JDK's HTTP
 * client, closing a response body, may keep the connection open while it reads on, and then the server never learns
 * that its client left.
 */
public final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One event.
     *
     * @param name its type
     * @param data its JSON payload
     */
    public record Event(String name, JsonNode data) {

        /** The text of a delta event. */
        public String text() {
            return data.path("text").asText();
        }
    }

    private final Socket socket;
    private final int status;
    private final BufferedReader reader;

    private EventStream(Socket socket, int status, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** POSTs a JSON body and returns once the response's headers are in. */
    public static EventStream post(String url, String json) {
        URI uri = URI.create(url);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status = Integer.parseInt(line(in).split(" ")[1]);
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                chunked |= header.toLowerCase(Locale.ROOT).matches("transfer-encoding:\\s*chunked");
            }
            return new EventStream(socket, status, chunked ? new Chunked(in) : in);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new UncheckedIOException(e);
        }
    }

    public int status() {
        return status;
    }

    /** The next event, waiting for it; null when the stream has ended. */
    public Event next() {
        try {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event until the end of the stream. */
    public List<Event> rest() {
        List<Event> events = new ArrayList<>();
        for (Event event = next(); event != null; event = next()) {
            events.add(event);
        }
        return events;
    }

    /** Hangs up: the connection is closed at once. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed already.
        }
    }

    /** A line of the response's head, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("The response ended in its head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The body of a chunked response, chunk sizes and trailers removed. */
    private static final class Chunked extends InputStream {

        private final InputStream in;
        private int left;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in);
                }
                left = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int read = in.read(buffer, offset, Math.min(length, left));
            if (read < 0) {
                ended = true;
                return -1;
            }
            left -= read;
            return read;
        }
    }

    /** Parses a whole event stream, as read by a client that waited for its end. */
    public static List<Event> parse(String body) {
        BufferedReader lines = new BufferedReader(new java.io.StringReader(body));
        List<Event> events = new ArrayList<>();
        try {
            for (Event event = read(lines); event != null; event = read(lines)) {
                events.add(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** The text the deltas add up to since the last restart, as a client following the protocol would show it. */
    public static String text(List<Event> events) {
        StringBuilder text = new StringBuilder();
        for (Event event : events) {
            if (event.name().equals("restart")) {
                text.setLength(0);
            } else if (event.name().equals("delta")) {
                text.append(event.text());
            }
        }
        return text.toString();
    }

    private static Event read(BufferedReader lines) throws IOException {
        String name = "message";
        StringBuilder data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, JSON.readTree(data.toString()));
                }
                continue;
            }
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                String value = line.substring("data:".length());
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : new Event(name, JSON.readTree(data.toString()));
    }
}
