package io.precis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client for server-sent events that reads them one at a time, as they arrive, and can hang up in the middle of a
 * stream, as a reader closing a browser tab would.
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

    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** POSTs a JSON body and returns once the response's headers are in. */
    public static EventStream post(String url, String json) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return new EventStream(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
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

    /** Hangs up. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // Closed already.
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
