package io.precis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.core.ServiceException;
import io.precis.digest.BatchService;
import io.precis.digest.DigestService;
import io.precis.job.Job;
import io.precis.job.JobService;
import io.precis.job.JobWork;
import io.precis.problem.ProblemMappers;
import io.precis.task.Caller;
import io.precis.task.Tracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Requests sent with {@code Prefer: respond-async}: checked and counted as the synchronous call would check them, then
 * handed to the {@link JobService} as orders, which it runs here through the same use cases, mapped to the same
 * answers.
 */
@ApplicationScoped
class JobOrders implements JobWork {

    /** The documentation of callbackUrl, as a field and as a query parameter. */
    static final String CALLBACK_DESCRIPTION = "With Prefer: respond-async, where to POST the job's document when it"
            + " ends (succeeded, failed or cancelled), signed as Standard Webhooks says (webhook-id, webhook-timestamp,"
            + " webhook-signature) with WEBHOOK_SECRET, and retried until a 2xx. Its host must be allowed by"
            + " WEBHOOK_ALLOWED_HOSTS; loopback, link-local and private addresses only when listed as IPs.";

    /** Where jobs are read. */
    static final String PATH = "/api/v1/jobs/";
    private static final String BATCH_PATH = "/api/v1/digests/batch";

    private final DigestService digests;
    private final BatchService batches;
    private final JobService jobs;
    private final ObjectMapper json;
    private final ExecutorService worker;

    JobOrders(DigestService digests, BatchService batches, JobService jobs, ObjectMapper json,
            ExecutorService worker) {
        this.digests = digests;
        this.batches = batches;
        this.jobs = jobs;
        this.json = json;
        this.worker = worker;
    }

    /**
     * Accepts an order as a job: {@code 202 Accepted} with the job and its {@code Location}. What the synchronous call
     * would refuse at once (an unreadable article, a task the provider cannot do, the caller's limit) is refused now,
     * as it would be. Reading the article may block, so this moves to a worker thread.
     */
    CompletionStage<Response> accept(Caller caller, JobOrder order, String callbackUrl) {
        return CompletableFuture.supplyAsync(() -> {
            // Before the article is read and counted: a job that is refused costs the client nothing.
            jobs.admit(caller, callbackUrl);
            if (order.kind() == JobOrder.Kind.BATCH) {
                batches.check(order.items());
            } else {
                digests.accept(caller, order.submission(), order.asked());
            }
            Job job = jobs.submit(caller, json.valueToTree(order), callbackUrl);
            return Response.accepted(JobView.of(job))
                    .header("Location", PATH + job.id())
                    .header("Preference-Applied", Prefer.RESPOND_ASYNC)
                    .build();
        }, worker);
    }

    /**
     * Refuses a callbackUrl on a request answered now: only a job calls back, and silently ignoring it would leave
     * the client waiting for a call that never comes.
     */
    static void refuseCallbackWithoutJob(String callbackUrl) {
        if (callbackUrl != null) {
            throw ServiceException.invalidField("callbackUrl", "needs the header 'Prefer: respond-async': only a"
                    + " job calls back");
        }
    }

    @Override
    public CompletableFuture<Object> run(Caller owner, JsonNode stored, Tracker tracker) {
        JobOrder order;
        try {
            order = json.treeToValue(stored, JobOrder.class);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("A stored job order cannot be read", e));
        }
        return switch (order.kind()) {
            case DIGEST, SUMMARY -> digests.run(owner, order.submission(), order.asked(), tracker)
                    .thenApply(DigestResponse::of);
            case TRANSLATION -> digests.run(owner, order.submission(), order.asked(), tracker)
                    .thenApply(DigestResponse::ofTranslation);
            case BATCH -> batches.digestAll(new BatchRequest(order.items(), null).commands(owner), tracker)
                    .thenApply(outcomes -> BatchResponse.of(outcomes, BATCH_PATH));
        };
    }

    @Override
    public Object view(Job job) {
        return JobView.of(job);
    }

    @Override
    public Object problem(Throwable failure, String jobId) {
        return ProblemMappers.problemFor(failure, PATH + jobId);
    }
}
