package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The benchmark's baselines for cache hits (bench/Bench.java): the bytes of a cached digest answered with the
 * service's extensions, configuration, JVM and threading, and no application logic, so that the benchmark can say
 * what the service's own work costs. bench/run.sh copies this into the extension floor, never into the service. The
 * benchmark sets the bytes with a PUT, then loads the POSTs.
 */
@Path("/bench/baseline")
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
     * HTTP and JSON binding: the request bound to a record shaped like the service's digest request and the answer
     * serialized by the framework's JSON writer, as for a digest, with nothing in between.
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
