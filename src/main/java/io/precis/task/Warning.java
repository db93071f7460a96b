package io.precis.task;

import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A defect the output checks found in a text and that a corrective turn did not remove: the text is served with it,
 * never silently.
 *
 * @param code    what kind of defect, such as {@code number-not-in-source}
 * @param detail  what is wrong, for the editor
 * @param excerpt the words of the text (or, for something left out, of the article) it is about
 */
@Schema(name = "Warning", description = "A defect the output checks found in the text and that one corrective turn"
        + " did not remove.", example = """
        {"code": "number-not-in-source", "detail": "The number '12' is not in the article.",
         "excerpt": "12 ministers attended"}""")
public record Warning(
        @Schema(description = "Kind of defect: number-not-in-source, name-not-in-source, paragraph-missing,"
                + " paragraph-added, paragraph-length, quotation-missing, untranslated-paragraph, summary-too-long,"
                + " summary-too-short, glossary-miss.", example = "number-not-in-source") String code,
        @Schema(description = "What is wrong.", example = "The number '12' is not in the article.") String detail,
        @Schema(description = "The words it is about: of the text, or of the article for something left out.",
                example = "12 ministers attended") String excerpt) {

    public Warning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(excerpt, "excerpt");
    }
}
