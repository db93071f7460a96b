package io.precis.api;

import io.precis.glossary.GlossaryLibrary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The named glossaries a request may use by {@code glossaryId}. */
@Path("/api/v1/glossaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Glossaries")
public class GlossaryResource {

    private final GlossaryLibrary glossaries;

    GlossaryResource(GlossaryLibrary glossaries) {
        this.glossaries = glossaries;
    }

    @GET
    @Operation(summary = "List the named glossaries",
            description = "The glossaries read from GLOSSARY_DIR at start-up, one per name and language pair. A"
                    + " request names one with 'glossaryId'; it applies when its language pair is the article's"
                    + " language and the language written.")
    @APIResponse(responseCode = "200", description = "The glossaries; empty when none is configured.",
            content = @Content(schema = @Schema(implementation = GlossaryList.class),
                    examples = @ExampleObject(name = "one glossary", value = ApiExamples.GLOSSARIES)))
    public GlossaryList list() {
        return new GlossaryList(glossaries.all().stream()
                .map(g -> new GlossaryView(g.id(), g.source().code(), g.target().code(), g.glossary().terms()
                        .size(), g.glossary().keep().size()))
                .toList());
    }

    /**
     * The named glossaries.
     *
     * @param glossaries one per name and language pair
     */
    @Schema(name = "GlossaryList", description = "The named glossaries.", example = ApiExamples.GLOSSARIES)
    public record GlossaryList(List<GlossaryView> glossaries) {
    }

    /**
     * A named glossary for one language pair.
     *
     * @param id             its name, for glossaryId
     * @param sourceLanguage the article's language it applies to
     * @param targetLanguage the language written it applies to
     * @param entries        terms it renders
     * @param keep           terms it keeps as written
     */
    @Schema(name = "Glossary", description = "A named glossary for one language pair.", example = """
            {"id": "newsroom", "sourceLanguage": "fr", "targetLanguage": "en", "entries": 2, "keep": 1}""")
    public record GlossaryView(
            @Schema(description = "Its name, for glossaryId.", example = "newsroom") String id,
            @Schema(description = "Language of the articles it applies to.", example = "fr") String sourceLanguage,
            @Schema(description = "Language of the texts it applies to.", example = "en") String targetLanguage,
            @Schema(description = "Terms it renders.", example = "2") int entries,
            @Schema(description = "Terms it keeps as written.", example = "1") int keep) {
    }
}
