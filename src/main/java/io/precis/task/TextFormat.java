package io.precis.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The form of an article's text, and so of its translation. */
@Schema(name = "TextFormat", description = "text: plain text, paragraphs separated by blank lines. html: an HTML"
        + " fragment (a CMS body) in 'text', translated with the same tags, attributes and links.",
        enumeration = {"text", "html"}, defaultValue = "text", example = "html")
public enum TextFormat {
    /** Plain text: paragraphs separated by blank lines. */
    @JsonProperty("text")
    TEXT,
    /** An HTML fragment, which the model gets as marked text ({@code io.precis.article.Fragment}). */
    @JsonProperty("html")
    HTML
}
