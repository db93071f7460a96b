package io.precis.api;

import io.precis.article.Language;
import io.precis.llm.Capabilities;
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

    public LanguagesResource(LlmProvider provider) {
        this.provider = provider;
    }

    @GET
    @Operation(summary = "List supported languages",
            description = "Languages accepted as source, and written as summary and translation target, by the"
                    + " configured provider. Without a language model (the extractive provider) summaries are"
                    + " written in the article's own language only and there are no translations.")
    @APIResponse(responseCode = "200", description = "The supported languages.",
            content = @Content(schema = @Schema(implementation = Languages.class),
                    examples = @ExampleObject(name = "with a language model", value = ApiExamples.LANGUAGES_RESPONSE)))
    public Languages list() {
        List<LanguageView> all = Arrays.stream(Language.values()).map(LanguageView::of).toList();
        Capabilities capabilities = provider.capabilities();
        return new Languages(all, all, capabilities.translates() ? all : List.of(),
                !capabilities.summarizesAcrossLanguages());
    }

    /**
     * Supported languages.
     *
     * @param source                      languages an article may be written in
     * @param summary                     languages a summary may be written in
     * @param target                      languages an article may be translated into
     * @param summaryInSourceLanguageOnly whether summaries are written only in the article's own language
     */
    @Schema(name = "Languages", description = "Languages the service reads and writes with the configured provider.",
            example = ApiExamples.LANGUAGES_RESPONSE)
    public record Languages(List<LanguageView> source, List<LanguageView> summary, List<LanguageView> target,
            boolean summaryInSourceLanguageOnly) {
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
