package io.precis.api;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.core.ServiceException;
import io.precis.glossary.GlossaryChoice;
import io.precis.digest.DigestService;
import io.precis.digest.TranslationStreams;
import io.precis.metering.CurrentCaller;
import io.precis.problem.ApiEnums;
import io.precis.task.Caller;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
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
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Translations on their own. */
@Path("/api/v1/translations")
@Tag(name = "Translations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TranslationResource {

    private final DigestService digests;
    private final TranslationStreams streams;
    private final CurrentCaller caller;
    private final JobOrders orders;
    private final AnswerBytes answers;

    public TranslationResource(DigestService digests, TranslationStreams streams, CurrentCaller caller,
            JobOrders orders, AnswerBytes answers) {
        this.digests = digests;
        this.streams = streams;
        this.caller = caller;
        this.orders = orders;
        this.answers = answers;
    }

    @POST
    @Operation(summary = "Translate an article",
            description = "Translates the whole article into targetLanguage, keeping its paragraphs. An article"
                    + " already in targetLanguage is returned as it is, at no cost. Needs a language model"
                    + " (LLM_PROVIDER=openai or ollama). Shares its cache with digests.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TranslationRequest.class),
            examples = {
                @ExampleObject(name = "English translation (needs a model)", value = ApiExamples.TRANSLATION_EN),
                @ExampleObject(name = "With a glossary (needs a model)", value = ApiExamples.TRANSLATION_EN_GLOSSARY),
                @ExampleObject(name = "An HTML fragment (needs a model)", value = ApiExamples.TRANSLATION_EN_HTML)}))
    @APIResponse(responseCode = "200", description = "The translation.",
            content = @Content(schema = @Schema(implementation = DigestResponse.class),
                    examples = {
                        @ExampleObject(name = "translation", value = ApiExamples.TRANSLATION_RESPONSE),
                        @ExampleObject(name = "translation with a warning",
                                value = ApiExamples.TRANSLATION_RESPONSE_WARNED)}))
    @APIResponse(responseCode = "202", ref = OpenApiDefinition.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = OpenApiDefinition.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    @APIResponse(responseCode = "504", ref = OpenApiDefinition.TIMEOUT)
    public CompletionStage<Response> create(TranslationRequest request, @Context UriInfo uri,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        if (request == null) {
            throw EmptyBody.refused();
        }
        QueryOptions.refuseWithJsonBody(uri, QueryOptions.TRANSLATION);
        return answer(request.submission(),
                request.targetLanguage() == null ? Language.EN : request.targetLanguage(), request.glossaryChoice(),
                prefer, request.callbackUrl());
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Operation(summary = "Translate the article in a web page",
            description = "The body is the page's HTML; the options are query parameters. The article is found in"
                    + " the page as for POST /api/v1/digests with text/html; its title goes to the model with it"
                    + " unless the title parameter is given, and its metadata comes back in 'article'.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING),
            example = ApiExamples.PAGE_HTML))
    @APIResponse(responseCode = "200", description = "The translation.",
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
            @Parameter(description = "Language of the translation: en or fr; default en.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "fr"}))
            @QueryParam("targetLanguage") String targetLanguage,
            @Parameter(description = GlossaryOptions.GLOSSARY_ID) @QueryParam("glossaryId") String glossaryId,
            @Parameter(description = JobOrders.CALLBACK_DESCRIPTION) @QueryParam("callbackUrl") String callbackUrl,
            @Parameter(description = Prefer.DESCRIPTION, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {Prefer.RESPOND_ASYNC})) @HeaderParam(Prefer.HEADER) String prefer) {
        return answer(new Submission.PageBytes(page, contentType, title),
                ApiEnums.parse(Language.class, "targetLanguage", targetLanguage, Language.EN),
                GlossaryOptions.choice(glossaryId, null, null), prefer, callbackUrl);
    }

    /** A translation now, or as a job when the client prefers. */
    private CompletionStage<Response> answer(Submission submission, Language target, GlossaryChoice glossary,
            String prefer, String callbackUrl) {
        Caller who = caller.get();
        if (Prefer.respondAsync(prefer)) {
            return orders.accept(who, JobOrder.of(JobOrder.Kind.TRANSLATION, submission,
                    DigestService.Asked.translation(target, glossary)), callbackUrl);
        }
        JobOrders.refuseCallbackWithoutJob(callbackUrl);
        return digests.translate(who, submission, target, glossary)
                .thenApply(digest -> answers.ok(DigestResponse.ofTranslation(digest), digest.wholeFromCache()));
    }

    @POST
    @Blocking
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    // Proxies such as nginx would otherwise hold the events back until their buffer fills.
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(summary = "Translate an article, streaming the text as it is written",
            description = "The same translation as POST /api/v1/translations, as server-sent events. `delta` events"
                    + " carry text to append ({\"text\": ...}), as the model writes it, in article order for a long"
                    + " article written in chunks; `restart` means discard the text received so far, it is being"
                    + " written again (a retry). The last event is `result`, the same document as the non-streaming"
                    + " answer, or `problem`, an RFC 9457 problem. When `result` arrives, the deltas since the last"
                    + " restart add up to its translation text exactly. A cached translation arrives at once as one"
                    + " delta. Disconnecting cancels the model call unless another request waits for the same"
                    + " translation. A request that cannot be served (invalid, too long, unsupported language) is"
                    + " refused with an ordinary problem response before any event.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TranslationRequest.class),
            examples = @ExampleObject(name = "English translation (needs a model)",
                    value = ApiExamples.TRANSLATION_EN)))
    @APIResponse(responseCode = "200", description = "The event stream.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "events", value = ApiExamples.TRANSLATION_EVENTS)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    public Multi<OutboundSseEvent> stream(TranslationRequest request, @Context Sse sse, @Context UriInfo uri) {
        if (request == null) {
            throw EmptyBody.refused();
        }
        QueryOptions.refuseWithJsonBody(uri, QueryOptions.TRANSLATION);
        if (request.format() == io.precis.task.TextFormat.HTML) {
            throw ServiceException.invalidField("format", "html is not streamed (its text comes back in its tree"
                    + " once whole); use POST /api/v1/translations");
        }
        return streams.translate(caller.get(), request.submission(),
                        request.targetLanguage() == null ? Language.EN : request.targetLanguage(),
                        request.glossaryChoice())
                .map(event -> StreamEvent.of(event, uri.getPath()))
                .map(event -> sse.newEventBuilder().name(event.name()).data(event.data()).build());
    }
}
