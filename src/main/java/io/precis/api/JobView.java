package io.precis.api;

import io.precis.job.Job;
import io.precis.problem.Problem;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as its owner reads it.
 *
 * @param id         the job's id, in its URL
 * @param status     where it stands
 * @param createdAt  when it was accepted
 * @param startedAt  when it started, or null
 * @param finishedAt when it finished, or null
 * @param progress   counts so far
 * @param result     once succeeded, exactly what the synchronous call answers
 * @param problem    once failed, the problem the synchronous call would have answered
 */
@Schema(name = "Job", description = "A request running in the background (sent with Prefer: respond-async).",
        example = ApiExamples.JOB_RUNNING)
record JobView(
        @Schema(description = "The job's id, as in its Location.") String id,
        @Schema(description = "queued, running, succeeded, failed or cancelled.", type = SchemaType.STRING,
                enumeration = {"queued", "running", "succeeded", "failed", "cancelled"}) String status,
        Instant createdAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant finishedAt,
        ProgressView progress,
        @Schema(nullable = true, description = "Once succeeded: exactly what the synchronous call answers, a Digest"
                + " (digests, summaries, translations) or a BatchResponse (batches).",
                anyOf = {DigestResponse.class, BatchResponse.class}) Object result,
        @Schema(nullable = true, implementation = Problem.class,
                description = "Once failed: the problem the synchronous call would have answered.") Object problem) {

    static JobView of(Job job) {
        Job.Progress progress = job.progress();
        return new JobView(job.id(), job.status().value(), job.createdAt(), job.startedAt(), job.finishedAt(),
                new ProgressView(progress.partsDone(), progress.partsTotal(), progress.chunksDone(),
                        progress.chunksTotal(), progress.tokensWritten(), progress.queuePosition()),
                job.result(), job.problem());
    }

    /**
     * How far a job is.
     *
     * @param partsDone     parts done
     * @param partsTotal    parts known so far
     * @param chunksDone    model calls done
     * @param chunksTotal   model calls planned so far
     * @param tokensWritten tokens written
     * @param queuePosition jobs ahead while queued
     */
    @Schema(name = "JobProgress", description = "How far a job is. Parts are a summary and a translation (each"
            + " item's in a batch); chunks are the model calls the job writes its parts with (a long article is"
            + " written chunk by chunk); a part served from the cache counts as done without chunks.",
            example = "{\"partsDone\": 1, \"partsTotal\": 2, \"chunksDone\": 3, \"chunksTotal\": 5,"
                    + " \"tokensWritten\": 912, \"queuePosition\": null}")
    record ProgressView(
            @Schema(description = "Parts done.") int partsDone,
            @Schema(description = "Parts known so far.") int partsTotal,
            @Schema(description = "Model calls done.") int chunksDone,
            @Schema(description = "Model calls planned so far.") int chunksTotal,
            @Schema(description = "Tokens the model wrote for the job, as the provider counted them.")
            long tokensWritten,
            @Schema(nullable = true, description = "While queued: jobs ahead of it (0: it starts next).")
            Integer queuePosition) {
    }
}
