package io.precis.api;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.digest.BatchService;
import io.precis.digest.DigestCommand;
import io.precis.digest.DigestService;
import io.precis.metering.CurrentCaller;
import io.precis.task.Caller;
import io.precis.problem.ApiEnums;
import io.precis.problem.Problem;
import io.precis.problem.ProblemMappers;
import io.precis.task.SummaryLength;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Digests: a summary and a translation of an article in one call.
 *
 * <p>Single digests start on the event loop, where a digest held in memory is answered at once; the service moves
 * everything slower to a worker thread. A batch is {@link Blocking} from the start: it prepares many articles.
 */
@Path("/api/v1/digests")
@Tag(name = "Digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final DigestService digests;
    private final BatchService batches;
    private final CurrentCaller caller;
    private final JobOrders orders;
    private final AnswerBytes answers;

    public DigestResource(DigestService digests, BatchService batches, CurrentCaller caller, JobOrders orders,
            AnswerBytes answers) {
        this.digests = digests;
        this.batches = batches;
        this.caller = caller;
        this.orders = orders;
        this.answers = answers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Summarize and translate an article",
            description = "Summarizes the article in summaryLanguage and, unless translate is false, translates it"
                    + " whole into targetLanguage. The two run concurrently. Results are cached per article hash:"
                    + " the same article again (even with other whitespace or Unicode form) is answered from the"
                    + " cache with cached=true. Without a ready language model (LLM_PROVIDER=extractive, or the"
                    + " default local model while it downloads or loads, or when it failed) summaries are written in"
                    + " the article's own language only and translations are refused: use the French-summary"
                    + " example. The query parameters belong to the text/plain and text/html bodies; a JSON body"
                    + " carries the options as fields, and a JSON request with them in the query is a 400.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DigestRequest.class), examples = {
                @ExampleObject(name = "French summary only (any provider)", value = ApiExamples.DIGEST_FR),
                @ExampleObject(name = "English summary and translation (needs a model)",
                        value = ApiExamples.DIGEST_EN)}))
    @APIResponse(responseCode = "200", description = "The digest.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class), examples = {
                @ExampleObject(name = "French summary (extractive provider)", value = ApiExamples.DIGEST_RESPONSE),
                @ExampleObject(name = "English summary and translation (language model)",
                        value = ApiExamples.DIGEST_EN_RESPONSE)}))
    @APIResponse(responseCode = "202", ref = OpenApiDefinition.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = OpenApiDefinition.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    @APIResponse(responseCode = "504", ref = OpenApiDefinition.TIMEOUT)
    public CompletionStage<Response> create(DigestRequest request, @Context UriInfo uri,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        if (request == null) {
            throw EmptyBody.refused();
        }
        QueryOptions.refuseWithJsonBody(uri, QueryOptions.DIGEST);
        return answer(request.toCommand(caller.get()), prefer, request.callbackUrl());
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Summarize and translate an article sent as plain text",
            description = "The same as the JSON form, with the article as the body and the options as query"
                    + " parameters. Handy for piping a scraped page: curl --data-binary @article.txt. The body is read in"
                    + " the charset of the Content-Type header (UTF-8 when it names none; also ISO-8859-1, read as"
                    + " windows-1252, and UTF-16), or of its byte order mark; bytes not valid in it are a 400, another"
                    + " charset a 415.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING),
            example = ApiExamples.SCRAPED_TEXT))
    @APIResponse(responseCode = "200", description = "The digest.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class),
                    examples = @ExampleObject(name = "digest", value = ApiExamples.DIGEST_RESPONSE)))
    @APIResponse(responseCode = "202", ref = OpenApiDefinition.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = OpenApiDefinition.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    @APIResponse(responseCode = "504", ref = OpenApiDefinition.TIMEOUT)
    public CompletionStage<Response> createFromText(byte[] text,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "The article's title.") @QueryParam("title") String title,
            @Parameter(description = "Language of the summary: en or fr; default en.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}))
            @QueryParam("summaryLanguage") String summaryLanguage,
            @Parameter(description = "Language of the translation: en or fr; default en.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}))
            @QueryParam("targetLanguage") String targetLanguage,
            @Parameter(description = "Length of the summary; default medium.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"short", "medium", "long"}))
            @QueryParam("summaryLength") String summaryLength,
            @Parameter(description = "Whether to translate the article too; default true.",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("translate") String translate,
            @Parameter(description = GlossaryOptions.GLOSSARY_ID) @QueryParam("glossaryId") String glossaryId,
            @Parameter(description = JobOrders.CALLBACK_DESCRIPTION) @QueryParam("callbackUrl") String callbackUrl,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        return answer(command(caller.get(), new Submission.TextBytes(text, contentType, title), summaryLanguage,
                targetLanguage, summaryLength, translate, glossaryId), prefer, callbackUrl);
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Operation(summary = "Summarize and translate the article in a web page",
            description = "The body is the page's HTML, as a browser or a crawler fetched it; the options are query"
                    + " parameters. The article is found in the page (navigation, share bars, comments, related"
                    + " links, ads and cookie banners dropped), then treated exactly like the same text sent as"
                    + " text/plain: same articleHash, same cache. Its title, byline, published time, site name and"
                    + " declared language come back in 'article'; the title goes to the model unless the title"
                    + " parameter is given. The charset is taken from the Content-Type header, a byte order mark or"
                    + " the page's meta tag; undeclared pages are read as UTF-8, or windows-1252 when they are not"
                    + " valid UTF-8. Try: curl -H 'Content-Type: text/html' --data-binary @page.html.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING),
            example = ApiExamples.PAGE_HTML))
    @APIResponse(responseCode = "200", description = "The digest.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class),
                    examples = @ExampleObject(name = "digest of a page", value = ApiExamples.PAGE_DIGEST_RESPONSE)))
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
            @QueryParam("summaryLanguage") String summaryLanguage,
            @Parameter(description = "Language of the translation: en or fr; default en.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}))
            @QueryParam("targetLanguage") String targetLanguage,
            @Parameter(description = "Length of the summary; default medium.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"short", "medium", "long"}))
            @QueryParam("summaryLength") String summaryLength,
            @Parameter(description = "Whether to translate the article too; default true.",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("translate") String translate,
            @Parameter(description = GlossaryOptions.GLOSSARY_ID) @QueryParam("glossaryId") String glossaryId,
            @Parameter(description = JobOrders.CALLBACK_DESCRIPTION) @QueryParam("callbackUrl") String callbackUrl,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        return answer(command(caller.get(), new Submission.PageBytes(page, contentType, title), summaryLanguage,
                targetLanguage, summaryLength, translate, glossaryId), prefer, callbackUrl);
    }

    /** A digest now, or as a job when the client prefers. */
    private CompletionStage<Response> answer(DigestCommand command, String prefer, String callbackUrl) {
        if (Prefer.respondAsync(prefer)) {
            return orders.accept(command.caller(),
                    JobOrder.of(JobOrder.Kind.DIGEST, command.submission(), DigestService.Asked.of(command)),
                    callbackUrl);
        }
        JobOrders.refuseCallbackWithoutJob(callbackUrl);
        return digests.digest(command)
                .thenApply(digest -> answers.ok(DigestResponse.of(digest), digest.wholeFromCache()));
    }

    @POST
    @Blocking
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Digest several articles",
            description = "Digests up to BATCH_MAX_ITEMS (50) articles, BATCH_CONCURRENCY (4) at a time. The answer"
                    + " holds one result per item, in order: a digest (status 200) or a problem, so that one bad"
                    + " article does not fail the others. Identical articles in a batch are computed once.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two articles, one empty", value = ApiExamples.BATCH_REQUEST)))
    @APIResponse(responseCode = "200", description = "A result per item.",
            content = @Content(schema = @Schema(implementation = BatchResponse.class),
                    examples = @ExampleObject(name = "results", value = ApiExamples.BATCH_RESPONSE)))
    @APIResponse(responseCode = "202", ref = OpenApiDefinition.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    public CompletionStage<Response> batch(BatchRequest request, @Context UriInfo uri,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        if (request == null) {
            throw EmptyBody.refused();
        }
        if (Prefer.respondAsync(prefer)) {
            return orders.accept(caller.get(), JobOrder.batch(request.items()), request.callbackUrl());
        }
        JobOrders.refuseCallbackWithoutJob(request.callbackUrl());
        return batches.digestAll(request.commands(caller.get()))
                .thenApply(outcomes -> Response.ok(BatchResponse.of(outcomes, uri.getPath())).build());
    }

    @GET
    @Path("/{articleHash}")
    @Operation(summary = "Get a stored digest",
            description = "Returns what is stored for an article hash under the current model, settings and"
                    + " prompts: the summary for summaryLanguage and summaryLength, and the translation into"
                    + " targetLanguage, each when present. A result written with a title is stored apart from one"
                    + " written without: pass the same title (for a page, its title as 'article.title' reported"
                    + " it). Never calls the model. A translation into the article's own language is the article"
                    + " itself and is not stored.")
    @APIResponse(responseCode = "200", description = "What is stored.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class),
                    examples = @ExampleObject(name = "stored digest", value = ApiExamples.DIGEST_EN_RESPONSE)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "Nothing is stored for this hash and these parameters.",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public DigestResponse get(
            // The example: the article of the French-summary example of POST /api/v1/digests, with its options.
            @Parameter(description = "The articleHash of an earlier response.", example = ApiExamples.ARTICLE_HASH)
            @PathParam("articleHash") String articleHash,
            @Parameter(description = "The title the article was sent with, if any.") @QueryParam("title")
            String title,
            @Parameter(example = "fr",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}, defaultValue = "en"))
            @QueryParam("summaryLanguage") String summaryLanguage,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}, defaultValue = "en"))
            @QueryParam("targetLanguage") String targetLanguage,
            @Parameter(example = "short", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"short", "medium", "long"}, defaultValue = "medium"))
            @QueryParam("summaryLength") String summaryLength,
            @Parameter(description = "The named glossary the article was sent with, if any. Results written with a"
                    + " request's own glossary entries are stored under those entries, which a GET cannot give.")
            @QueryParam("glossaryId") String glossaryId) {
        String hash = articleHash.toLowerCase(Locale.ROOT);
        if (!HASH.matcher(hash).matches()) {
            throw ServiceException.invalidField("articleHash", "must be 64 hexadecimal digits (a SHA-256)");
        }
        return digests.stored(caller.get(), hash, title,
                ApiEnums.parse(Language.class, "summaryLanguage", summaryLanguage, Language.EN),
                ApiEnums.parse(Language.class, "targetLanguage", targetLanguage, Language.EN),
                ApiEnums.parse(SummaryLength.class, "summaryLength", summaryLength, SummaryLength.MEDIUM),
                GlossaryOptions.choice(glossaryId, null, null))
                .map(DigestResponse::of)
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "Nothing is stored for article "
                        + hash + " with these parameters under the current model, settings and prompts."));
    }

    private static DigestCommand command(Caller who, Submission submission, String summaryLanguage,
            String targetLanguage, String summaryLength, String translate, String glossaryId) {
        return new DigestCommand(who, submission,
                ApiEnums.parse(Language.class, "summaryLanguage", summaryLanguage, Language.EN),
                ApiEnums.parse(Language.class, "targetLanguage", targetLanguage, Language.EN),
                ApiEnums.parse(SummaryLength.class, "summaryLength", summaryLength, SummaryLength.MEDIUM),
                parseBoolean("translate", translate, true), GlossaryOptions.choice(glossaryId, null, null));
    }

    private static boolean parseBoolean(String field, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ServiceException.invalidField(field, "'" + value + "' is not true or false");
        };
    }
}
