package io.precis.digest;

import io.precis.api.OpenApiDefinition;
import io.precis.article.Language;
import io.precis.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Translations on their own. */
@Path("/api/v1/translations")
@Tag(name = "Translations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TranslationResource {

    private final DigestService digests;

    public TranslationResource(DigestService digests) {
        this.digests = digests;
    }

    @POST
    @Blocking
    @Operation(summary = "Translate an article",
            description = "Translates the whole article into targetLanguage, keeping its paragraphs. An article"
                    + " already in targetLanguage is returned as it is, at no cost. Needs a language model"
                    + " (LLM_PROVIDER=openai or ollama). Shares its cache with digests.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TranslationRequest.class),
            examples = @ExampleObject(name = "English translation (needs a model)",
                    value = ApiExamples.TRANSLATION_EN)))
    @APIResponse(responseCode = "200", description = "The translation.",
            content = @Content(schema = @Schema(implementation = TranslationResponse.class),
                    examples = @ExampleObject(name = "translation", value = ApiExamples.TRANSLATION_RESPONSE)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = OpenApiDefinition.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiDefinition.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = OpenApiDefinition.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    @APIResponse(responseCode = "504", ref = OpenApiDefinition.TIMEOUT)
    public CompletionStage<TranslationResponse> create(TranslationRequest request) {
        if (request == null) {
            throw ProblemException.emptyBody();
        }
        return digests.translate(request.text(), request.title(),
                request.targetLanguage() == null ? Language.EN : request.targetLanguage())
                .thenApply(TranslationResponse::of);
    }
}
