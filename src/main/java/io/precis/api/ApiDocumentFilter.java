package io.precis.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the OpenAPI document with what annotations cannot say once for every operation: the two ways to present
 * an API key, so that Swagger UI's Authorize works (optional, since keys are an operator's choice); the 401 and 429
 * answers of every {@code /api} operation; an {@code operationId} for each operation, derived from its method and
 * path; the server; the article length limit as configured, not as written in an annotation; and a line at the top of
 * Swagger UI naming the provider this instance runs and where to see whether its model is ready. It runs at build and
 * again for each request of the document, not at start-up: preparing the whole document there cost start-up a
 * sixth of its sampled time, for a document few instances are ever asked for.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_PER_REQUEST})
public class ApiDocumentFilter implements OASFilter {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    /** The request schemas whose {@code text} is an article, limited by {@code ARTICLE_MAX_CHARS}. */
    private static final List<String> ARTICLE_REQUESTS = List.of("DigestRequest", "SummaryRequest",
            "TranslationRequest");
    private static final int DEFAULT_MAX_CHARS = 200_000;
    private static final String LIMIT_SENTENCE = " At most ARTICLE_MAX_CHARS (";
    private static final String PROVIDER_SENTENCE = "\n\nThis instance runs ";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        document.setServers(List.of(OASFactory.createServer().url("/").description("This service")));
        document.components(Optional.ofNullable(document.getComponents()).orElseGet(OASFactory::createComponents)
                .securitySchemes(Map.of(
                        BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key as 'Authorization: Bearer <key>', when API_KEYS is set."),
                        API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("An API key as 'X-API-Key: <key>', when API_KEYS is set."))));
        // Either scheme, or none: the API is open when the operator configures no keys.
        document.setSecurity(List.of(requirement(BEARER), requirement(API_KEY),
                OASFactory.createSecurityRequirement()));
        if (document.getPaths() != null) {
            document.getPaths().getPathItems().forEach(this::complete);
        }
        limitArticleLength(document);
        describeProvider(document);
        resultMayBeNull(document);
    }

    /**
     * A job's result is null until it succeeds: its schema is one of the answers, or null, which an annotation's
     * {@code nullable} does not add to an {@code anyOf}.
     */
    private static void resultMayBeNull(OpenAPI document) {
        if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
            return;
        }
        Schema job = document.getComponents().getSchemas().get("Job");
        Schema result = job == null || job.getProperties() == null ? null : job.getProperties().get("result");
        if (result != null && result.getAnyOf() != null && result.getAnyOf().stream()
                .noneMatch(choice -> choice.getType() != null && choice.getType().contains(Schema.SchemaType.NULL))) {
            result.addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        }
    }

    /** Which provider this instance runs: the examples that need a model answer 503 until it is ready. */
    private static void describeProvider(OpenAPI document) {
        if (document.getInfo() == null || document.getInfo().getDescription() == null) {
            return;
        }
        String described = document.getInfo().getDescription();
        int previous = described.indexOf(PROVIDER_SENTENCE);
        String base = previous < 0 ? described : described.substring(0, previous);
        var config = ConfigProvider.getConfig();
        String provider = config.getOptionalValue("llm.provider", String.class).orElse("local");
        String model = config.getOptionalValue("llm.model", String.class).map(name -> ", model " + name).orElse("");
        String readiness = provider.equals("extractive")
                ? " No language model: summaries in the article's own language only, no translations."
                : " Whether its model can write now: GET /api/v1/languages (modelReady, unavailableReason) or"
                        + " /q/health/ready. Until it can, what needs it (English summaries of French articles,"
                        + " translations) answers 503, and summaries in the article's own language come from the"
                        + " extractive summarizer unless LLM_FALLBACK_EXTRACTIVE=false.";
        document.getInfo().setDescription(base + PROVIDER_SENTENCE + "LLM_PROVIDER=" + provider + model + "."
                + readiness);
    }

    private void complete(String path, PathItem item) {
        item.getOperations().forEach((method, operation) -> {
            if (operation.getOperationId() == null) {
                operation.setOperationId(operationId(method, path));
            }
            if (path.startsWith("/api/") && operation.getResponses() != null) {
                if (operation.getResponses().getAPIResponse("401") == null) {
                    operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                            .ref(OpenApiDefinition.UNAUTHORIZED));
                }
                if (operation.getResponses().getAPIResponse("429") == null) {
                    operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                            .ref(OpenApiDefinition.TOO_MANY_REQUESTS));
                }
            }
        });
    }

    /** Such as {@code postDigests}, {@code getDigestsByArticleHash}, {@code postTranslationsStream}. */
    static String operationId(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("api") || segment.matches("v\\d+")) {
                continue;
            }
            boolean parameter = segment.startsWith("{");
            String name = parameter ? segment.substring(1, segment.length() - 1) : segment;
            if (parameter) {
                id.append("By");
            }
            for (String word : name.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return id.toString();
    }

    private static void limitArticleLength(OpenAPI document) {
        if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
            return;
        }
        int maxChars = ConfigProvider.getConfig().getOptionalValue("article.max-chars", Integer.class)
                .orElse(DEFAULT_MAX_CHARS);
        for (String name : ARTICLE_REQUESTS) {
            Schema request = document.getComponents().getSchemas().get(name);
            if (request != null && request.getProperties() != null && request.getProperties().get("text") != null) {
                Schema text = request.getProperties().get("text");
                text.setMaxLength(maxChars);
                // Built once at build time and again at start-up, with the configured limit: the sentence is replaced.
                String described = Optional.ofNullable(text.getDescription()).orElse("");
                int previous = described.indexOf(LIMIT_SENTENCE);
                text.setDescription((previous < 0 ? described : described.substring(0, previous)) + LIMIT_SENTENCE
                        + maxChars + ") characters once whitespace is normalized; raw text may hold more whitespace.");
            }
        }
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }
}
