package io.precis.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.precis.core.ServiceException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the wire names of API enums, which are declared once with {@link JsonProperty} on each constant, so that
 * JSON bodies and query parameters accept and report the same values.
 */
public final class ApiEnums {

    private ApiEnums() {
    }

    /** Wire names per enum type, read once: requests and error messages use them all the time. */
    private static final ClassValue<Map<Enum<?>, String>> CODES = new ClassValue<>() {
        @Override
        protected Map<Enum<?>, String> computeValue(Class<?> type) {
            Map<Enum<?>, String> codes = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                Enum<?> value = (Enum<?>) constant;
                try {
                    JsonProperty property = type.getField(value.name()).getAnnotation(JsonProperty.class);
                    codes.put(value, property != null ? property.value() : value.name().toLowerCase(Locale.ROOT));
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Map.copyOf(codes);
        }
    };

    /** The wire name of an enum constant. */
    public static String code(Enum<?> constant) {
        return CODES.get(constant.getDeclaringClass()).get(constant);
    }

    /** The wire names of all constants, comma-separated, for error messages. */
    public static String codes(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> code((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }

    /**
     * Parses a query parameter or other free-text value into an enum constant, case-insensitively.
     *
     * @return the constant, or {@code fallback} when the value is null or blank
     * @throws ServiceException an invalid request naming the field and the accepted values
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String wanted = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (code(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw ServiceException.invalidField(field, "'" + value + "' is not one of " + codes(type));
    }
}
