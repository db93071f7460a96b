package io.precis.api;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.job.Job;
import io.precis.job.JobService;
import io.precis.metering.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Jobs: requests sent with {@code Prefer: respond-async}, read back and cancelled here. Blocking: a job may live in
 * Redis.
 */
@Path("/api/v1/jobs")
@Tag(name = "Jobs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class JobResource {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final JobService jobs;
    private final CurrentCaller caller;

    public JobResource(JobService jobs, CurrentCaller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "Read a job",
            description = "Where a job stands: queued (with its place in the queue), running (with its progress),"
                    + " or finished: succeeded with 'result', exactly what the synchronous call answers; failed with"
                    + " 'problem'; or cancelled. Any replica answers. With API keys, a job is visible to the key"
                    + " that created it only. Finished jobs are kept JOB_RETENTION (24 h).")
    @APIResponse(responseCode = "200", description = "The job.",
            content = @Content(schema = @Schema(implementation = JobView.class), examples = {
                @ExampleObject(name = "running", value = ApiExamples.JOB_RUNNING),
                @ExampleObject(name = "succeeded", value = ApiExamples.JOB_SUCCEEDED)}))
    @APIResponse(responseCode = "404", ref = OpenApiDefinition.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public JobView get(@Parameter(description = "The job's id, from the Location of the 202 that created it.")
            @PathParam("jobId") String jobId) {
        return JobView.of(jobs.get(caller.get(), checked(jobId)).orElseThrow(() -> missing()));
    }

    @DELETE
    @Path("/{jobId}")
    @Operation(summary = "Cancel a job",
            description = "Cancels a job: a queued one at once; a running one stops the model calls that no other"
                    + " request waits for, which takes up to a second when another replica runs it. A"
                    + " finished job is left as it is. Answers the job: 200 once it is cancelled or finished, 202"
                    + " while its replica is still stopping it.")
    @APIResponse(responseCode = "200", description = "The job, cancelled (or finished before the request).",
            content = @Content(schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "cancelled", value = ApiExamples.JOB_CANCELLED)))
    @APIResponse(responseCode = "202", description = "The job, which its replica is stopping.",
            content = @Content(schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "stopping", value = ApiExamples.JOB_RUNNING)))
    @APIResponse(responseCode = "404", ref = OpenApiDefinition.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response cancel(@Parameter(description = "The job's id.") @PathParam("jobId") String jobId) {
        Job job = jobs.cancel(caller.get(), checked(jobId)).orElseThrow(() -> missing());
        return Response.status(job.status().finished() ? 200 : 202).entity(JobView.of(job)).build();
    }

    private static String checked(String jobId) {
        if (!ID.matcher(jobId).matches()) {
            throw missing();
        }
        return jobId;
    }

    private static ServiceException missing() {
        return new ServiceException(Failure.NOT_FOUND, "There is no such job for this client: it never"
                + " existed, belongs to another API key, or finished more than JOB_RETENTION ago.");
    }
}
