package io.precis.api;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the {@code uri} tag of the HTTP server metrics to the service's own routes. A request refused before routing
 * (a wrong API key, the rate limit) is tagged with its raw path; Micrometer keeps at most 100 such values, so requests
 * to random paths would push the API's own routes out of {@code http_server_requests}. Any value that is not a route
 * of the service, nor one of Quarkus's own ({@code /q/...}, {@code NOT_FOUND}, ...), becomes {@value #UNMATCHED}.
 */
@Singleton
public class UriTags {

    /** The tag value every path that is not a route shares. */
    static final String UNMATCHED = "UNMATCHED";
    private static final Set<String> QUARKUS_VALUES = Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN");

    private final Set<String> routes;

    public UriTags(BeanManager beans) {
        this.routes = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(Path.class)).flatMap(type -> routesOf(type).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The route templates of the service, such as {@code /api/v1/digests/{articleHash}}. */
    Set<String> routes() {
        return routes;
    }

    @Produces
    @Singleton
    MeterFilter boundedUriTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (!id.getName().startsWith("http.server") || uri == null || isKnown(uri)) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream()
                        .map(tag -> tag.getKey().equals("uri") ? Tag.of("uri", UNMATCHED) : tag).toList();
                return id.replaceTags(tags);
            }
        };
    }

    private boolean isKnown(String uri) {
        return routes.contains(uri) || uri.startsWith("/q/") || uri.equals("/q") || QUARKUS_VALUES.contains(uri);
    }

    private static Set<String> routesOf(Class<?> resource) {
        String base = join("", resource.getAnnotation(Path.class).value());
        Set<String> found = new HashSet<>();
        found.add(base);
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            if (path != null) {
                found.add(join(base, path.value()));
            }
        }
        return found;
    }

    private static String join(String base, String path) {
        String joined = (base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
