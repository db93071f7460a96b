package io.precis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.article.Language;
import io.precis.llm.Availability;
import io.precis.llm.Capabilities;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the service reads and writes, with the provider in use. */
@Path("/api/v1/languages")
@Tag(name = "Languages")
@Produces(MediaType.APPLICATION_JSON)
public class LanguagesResource {

    private final LlmProvider provider;
    private final LlmConfig config;

    public LanguagesResource(LlmProvider provider, LlmConfig config) {
        this.provider = provider;
        this.config = config;
    }

    @GET
    @Operation(summary = "List supported languages",
            description = "Languages accepted as source, and written as summary and translation target, by the"
                    + " configured provider now. Without a ready language model (the extractive provider, or a"
                    + " local model still downloading or loading, or one that failed: see modelReady and"
                    + " unavailableReason) summaries are written in the article's own language only and there are"
                    + " no translations.")
    @APIResponse(responseCode = "200", description = "The supported languages.",
            content = @Content(schema = @Schema(implementation = Languages.class),
                    examples = {
                        @ExampleObject(name = "with a language model", value = ApiExamples.LANGUAGES_RESPONSE),
                        @ExampleObject(name = "while the model is not ready",
                                value = ApiExamples.LANGUAGES_WITHOUT_MODEL_RESPONSE)}))
    public Languages list() {
        List<LanguageView> all = Arrays.stream(Language.values()).map(LanguageView::of).toList();
        Availability availability = provider.availability();
        Capabilities now = provider.capabilities().now(availability);
        // Without the model, summaries come from the extractive stand-in, unless LLM_FALLBACK_EXTRACTIVE=false.
        boolean summarizes = availability.ready() || config.fallbackExtractive();
        return new Languages(all, summarizes ? all : List.of(), now.translates() ? all : List.of(),
                !now.summarizesAcrossLanguages(), availability.ready(), availability.reason().orElse(null));
    }

    /**
     * Supported languages.
     *
     * @param source                      languages an article may be written in
     * @param summary                     languages a summary may be written in
     * @param target                      languages an article may be translated into
     * @param summaryInSourceLanguageOnly whether summaries are written only in the article's own language
     * @param modelReady                  whether the language model can write now
     * @param unavailableReason           why it cannot, with the settings that fix it; absent when it can
     */
    @Schema(name = "Languages", description = "Languages the service reads and writes with the configured provider.",
            example = ApiExamples.LANGUAGES_RESPONSE)
    public record Languages(List<LanguageView> source, List<LanguageView> summary, List<LanguageView> target,
            boolean summaryInSourceLanguageOnly,
            @Schema(description = "Whether the language model can write now; the extractive provider needs none.")
            boolean modelReady,
            @Schema(description = "Why the model cannot write now, with the settings that fix it; absent when it can.")
            @JsonInclude(JsonInclude.Include.NON_NULL) String unavailableReason) {
    }

    /**
     * One language.
     *
     * @param code its ISO 639-1 code, as used in requests
     * @param name its English name
     */
    @Schema(name = "Language", description = "A language, by ISO 639-1 code.",
            example = "{\"code\": \"fr\", \"name\": \"French\"}")
    public record LanguageView(@Schema(example = "fr") String code, @Schema(example = "French") String name) {

        static LanguageView of(Language language) {
            return new LanguageView(language.code(), language.englishName());
        }
    }
}
