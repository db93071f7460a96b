package io.precis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;

/**
 * Answers from the cache kept as the JSON bytes they are written as, so that a repeat is sent without serializing it
 * again (a seventh of a cache hit's CPU went to it).
 *
 * <p>The bytes are keyed by the whole answer, by value: the article's hash and language, each part's text, warnings,
 * date and usage, the model and the prompt version. So they can never be stale: a part evicted, invalidated or written
 * again makes another answer (its date at least differs), which is written afresh. Evictions and invalidations of
 * the result cache need no step of their own here; the memory the bytes take is bounded apart, and an answer larger
 * than {@value #MAX_ANSWER_BYTES} bytes, a long translation, is written each time rather than crowd the others out.
 * Answers written now by the model, or by the stand-in, are written by the JSON writer as they come: they are not
 * repeated.
 */
@ApplicationScoped
public class AnswerBytes {

    /** The most heap the kept answers take, their bytes and their strings: about 2 700 answers of 4 KB. */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int MAX_ANSWER_BYTES = 256 * 1024;
    /** What the JSON writer declares: the bytes are UTF-8. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final ObjectWriter writer;
    private final Cache<DigestResponse, byte[]> written = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            // The answer that keys the bytes holds its texts too, kept alive after the result cache lets them go, and
            // as UTF-16 when they have a character beyond Latin-1 (’, œ): up to twice the bytes again.
            .weigher((DigestResponse answer, byte[] bytes) -> 3 * bytes.length)
            .build();

    /** Writes with the application's object mapper: the one the HTTP layer's JSON writer uses. */
    public AnswerBytes(ObjectMapper mapper) {
        this.writer = mapper.writerFor(DigestResponse.class);
    }

    /**
     * The 200 response for an answer: its kept bytes when it came whole from the cache.
     *
     * @param wholeFromCache whether every part of the answer came from the cache; an answer with a part written now
     *                       (by the model, the stand-in, or the article as its own translation) carries that part's
     *                       date and never repeats
     */
    Response ok(DigestResponse answer, boolean wholeFromCache) {
        if (!wholeFromCache) {
            return Response.ok(answer).build();
        }
        byte[] bytes = written.getIfPresent(answer);
        if (bytes == null) {
            bytes = json(answer);
            if (bytes.length <= MAX_ANSWER_BYTES) {
                written.put(answer, bytes);
            }
        }
        return Response.ok(bytes, JSON).build();
    }

    /** The JSON of an answer, as the HTTP layer's writer would write it. */
    byte[] json(DigestResponse answer) {
        try {
            return writer.writeValueAsBytes(answer);
        } catch (JsonProcessingException failed) {
            // A record of strings, numbers and dates: a failure here is a bug, not an input.
            throw new UncheckedIOException(failed);
        }
    }
}
