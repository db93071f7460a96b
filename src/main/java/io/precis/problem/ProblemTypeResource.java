package io.precis.problem;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves a short explanation for each problem type URI, so that the {@code type} of a problem resolves. */
@Path(ProblemType.PATH)
@Tag(name = "Problems", description = "Explanations of the problem types the API returns.")
public class ProblemTypeResource {

    @GET
    @Path("/{slug}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Explain a problem type",
            description = "Returns what a problem type means and what the client can do about it.")
    @APIResponse(responseCode = "200", description = "The explanation, as plain text.",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "article-too-long",
                    value = "Article too long (HTTP 413)\n\nThe article is longer than this service accepts, or longer"
                            + " than the configured model can handle.\n")))
    @APIResponse(responseCode = "404", description = "No such problem type.")
    public String describe(@Parameter(description = "The last segment of a problem's type.",
            example = "article-too-long") @PathParam("slug") String slug) {
        ProblemType type = ProblemType.fromSlug(slug);
        if (type == null) {
            throw new ServiceException(Failure.NOT_FOUND, "There is no problem type named '" + slug + "'.");
        }
        return type.title() + " (HTTP " + type.status() + ")\n\n" + type.description() + "\n";
    }
}
