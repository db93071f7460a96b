package io.precis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.digest.DigestRequest;
import io.quarkus.resteasy.reactive.server.EndpointDisabled;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's baselines (bench/run.sh): the bytes of a cached digest answered from the same JVM, HTTP stack and
 * threading as {@code POST /api/v1/digests}, with no application logic, so that the benchmark can say what the
 * service's own work costs. The benchmark sets the bytes with a PUT, then loads the POSTs. Absent (404 to every
 * method) unless {@code BENCH_BASELINE=true}: it sits outside /api, with neither API keys nor rate limits.
 */
@Path("/bench/baseline")
@EndpointDisabled(name = "bench.baseline", stringValue = "false", disableIfMissing = true)
public class BaselineResource {

    private final ObjectMapper json;
    private volatile byte[] answer = new byte[0];
    private volatile JsonNode tree;

    public BaselineResource(ObjectMapper json) {
        this.json = json;
    }

    /** Sets what the POSTs answer. */
    @PUT
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public void set(byte[] body) {
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answer = body;
    }

    /**
     * HTTP only: the request read as bytes, the answer written as bytes, on the event loop like a digest served from
     * memory.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public byte[] answer(byte[] request) {
        return answer;
    }

    /**
     * HTTP and JSON binding: the request bound to the digest request type and the answer serialized by the
     * framework's JSON writer, as for a digest, with nothing in between.
     */
    @POST
    @Path("/json")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public JsonNode answerBound(DigestRequest request) {
        return tree;
    }
}
