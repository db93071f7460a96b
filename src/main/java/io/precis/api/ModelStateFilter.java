package io.precis.api;

import io.precis.llm.Availability;
import io.precis.llm.LlmProvider;
import io.precis.llm.ModelRef;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Says at the top of Swagger UI, each time the document is served, whether this instance's model can write right
 * now, and why not: a user trying the examples sees why those that need the model answer 503 before pressing
 * Execute. Only this sentence is computed per request; the rest of the document is built once
 * ({@link ApiDocumentFilter}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ModelStateFilter implements OASFilter {

    static final String STATE_SENTENCE = "\n\n**Right now:** ";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getInfo() == null || document.getInfo().getDescription() == null) {
            return;
        }
        // Filters are not beans: the provider is looked up, once per document served.
        var provider = Arc.container().instance(LlmProvider.class);
        if (!provider.isAvailable()) {
            return;
        }
        String described = document.getInfo().getDescription();
        int previous = described.indexOf(STATE_SENTENCE);
        String base = previous < 0 ? described : described.substring(0, previous);
        document.getInfo().setDescription(base + STATE_SENTENCE + state(provider.get()));
    }

    static String state(LlmProvider provider) {
        ModelRef model = provider.capabilities().model();
        String named = model.provider() + "/" + model.name();
        Availability availability = provider.availability();
        if (availability.ready()) {
            return named + " can write.";
        }
        return named + " cannot write yet (" + availability.state() + ")"
                + availability.reason().map(reason -> ": " + reason).orElse(".");
    }
}
