package io.precis.api;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.glossary.GlossaryChoice;
import io.precis.digest.DigestService;
import io.precis.metering.CurrentCaller;
import io.precis.problem.ApiEnums;
import io.precis.task.Caller;
import io.precis.task.SummaryLength;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Summaries on their own. */
@Path("/api/v1/summaries")
@Tag(name = "Summaries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final DigestService digests;
    private final CurrentCaller caller;
    private final JobOrders orders;
    private final AnswerBytes answers;

    public SummaryResource(DigestService digests, CurrentCaller caller, JobOrders orders, AnswerBytes answers) {
        this.digests = digests;
        this.caller = caller;
        this.orders = orders;
        this.answers = answers;
    }

    @POST
    @Operation(summary = "Summarize an article",
            description = "Summarizes the article in the requested language and length. Shares its cache with"
                    + " digests: a summary stored by a digest is served here, and the other way round.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SummaryRequest.class),
            examples = @ExampleObject(name = "French summary (any provider)", value = ApiExamples.SUMMARY_FR)))
    @APIResponse(responseCode = "200", description = "The summary.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class),
                    examples = @ExampleObject(name = "summary", value = ApiExamples.SUMMARY_RESPONSE)))
    @APIResponse(responseCode = "202", ref = OpenApiDefinition.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = OpenApiDefinition.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    @APIResponse(responseCode = "504", ref = OpenApiDefinition.TIMEOUT)
    public CompletionStage<Response> create(SummaryRequest request, @Context UriInfo uri,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        if (request == null) {
            throw EmptyBody.refused();
        }
        QueryOptions.refuseWithJsonBody(uri, QueryOptions.SUMMARY);
        return answer(request.submission(), request.language() == null ? Language.EN : request.language(),
                request.length() == null ? SummaryLength.MEDIUM : request.length(), request.glossaryChoice(), prefer,
                request.callbackUrl());
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Operation(summary = "Summarize the article in a web page",
            description = "The body is the page's HTML; the options are query parameters. The article is found in"
                    + " the page as for POST /api/v1/digests with text/html, and its metadata comes back in"
                    + " 'article'.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING),
            example = ApiExamples.PAGE_HTML))
    @APIResponse(responseCode = "200", description = "The summary.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class)))
    @APIResponse(responseCode = "202", ref = OpenApiDefinition.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = OpenApiDefinition.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    @APIResponse(responseCode = "504", ref = OpenApiDefinition.TIMEOUT)
    public CompletionStage<Response> createFromPage(byte[] page,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "The article's title; the page's own when absent.") @QueryParam("title")
            String title,
            @Parameter(description = "Language of the summary: en or fr; default en.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}))
            @QueryParam("language") String language,
            @Parameter(description = "Length of the summary; default medium.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"short", "medium", "long"}))
            @QueryParam("length") String length,
            @Parameter(description = GlossaryOptions.GLOSSARY_ID) @QueryParam("glossaryId") String glossaryId,
            @Parameter(description = JobOrders.CALLBACK_DESCRIPTION) @QueryParam("callbackUrl") String callbackUrl,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        return answer(new Submission.PageBytes(page, contentType, title),
                ApiEnums.parse(Language.class, "language", language, Language.EN),
                ApiEnums.parse(SummaryLength.class, "length", length, SummaryLength.MEDIUM),
                GlossaryOptions.choice(glossaryId, null, null), prefer, callbackUrl);
    }

    /** A summary now, or as a job when the client prefers. */
    private CompletionStage<Response> answer(Submission submission, Language language, SummaryLength length,
            GlossaryChoice glossary, String prefer, String callbackUrl) {
        Caller who = caller.get();
        if (Prefer.respondAsync(prefer)) {
            return orders.accept(who, JobOrder.of(JobOrder.Kind.SUMMARY, submission,
                    DigestService.Asked.summary(language, length, glossary)), callbackUrl);
        }
        JobOrders.refuseCallbackWithoutJob(callbackUrl);
        return digests.summarize(who, submission, language, length, glossary)
                .thenApply(digest -> answers.ok(DigestResponse.of(digest), digest.wholeFromCache()));
    }
}
