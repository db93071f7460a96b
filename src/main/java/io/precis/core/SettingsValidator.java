package io.precis.core;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping.NamingStrategy;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the service's settings against the Jakarta constraints written on their {@code @ConfigMapping} keys
 * ({@code @Min}, {@code @Max}, {@code @DecimalMin}, {@code @DecimalMax}, {@code @Positive}, {@code @PositiveOrZero},
 * {@code @Pattern}, and the service's own {@link MinDuration}, on a key or on an {@code Optional}'s value), when the configuration is built: a service started
 * with a setting out of range stops at once, naming every such setting, with Hibernate Validator's messages.
 *
 * <p>Hibernate Validator did this, and cost about a second of every start-up and tens of megabytes of memory for
 * these few checks (docs/benchmarks.md). A constraint this class does not know is refused at start-up rather than
 * silently not checked.
 */
public final class SettingsValidator implements ConfigValidator, SmallRyeConfigBuilderCustomizer {

    private static final List<Class<? extends Annotation>> NUMERIC = List.of(Min.class, Max.class, DecimalMin.class,
            DecimalMax.class, Positive.class, PositiveOrZero.class);

    /** Registered with the configuration's builder through {@code META-INF/services}. */
    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mapping) {
        if (!mappingClass.getName().startsWith("io.precis.")) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        ConfigMappingInterface type = ConfigMappingInterface.getConfigurationInterface(mappingClass);
        validate(type, type.getNamingStrategy(), prefix, mapping, problems);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems.toArray(Problem.NO_PROBLEMS));
        }
    }

    private static void validate(ConfigMappingInterface type, NamingStrategy naming, String path, Object mapping,
            List<Problem> problems) {
        for (ConfigMappingInterface superType : type.getSuperTypes()) {
            for (Property property : superType.getProperties()) {
                validate(property, naming, path, mapping, problems);
            }
        }
        for (Property property : type.getProperties()) {
            validate(property, naming, path, mapping, problems);
        }
    }

    private static void validate(Property property, NamingStrategy naming, String path, Object mapping,
            List<Problem> problems) {
        Method method = property.getMethod();
        String own = property.getPropertyName(naming);
        String name = own.isEmpty() ? path : path.isEmpty() ? own : path + "." + own;
        Object value = read(method, mapping);
        Property inner = property.isOptional() ? property.asOptional().getNestedProperty() : property;
        if (value instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                return;
            }
            value = optional.get();
        }
        if (inner.isGroup()) {
            refuseConstraints(method.getAnnotations(), name);
            validate(inner.asGroup().getGroupType(), naming, name, value, problems);
            return;
        }
        List<Annotation> constraints = new ArrayList<>(Arrays.asList(method.getAnnotations()));
        AnnotatedType returned = method.getAnnotatedReturnType();
        if (property.isOptional() && returned instanceof AnnotatedParameterizedType generic) {
            constraints.addAll(Arrays.asList(generic.getAnnotatedActualTypeArguments()[0].getAnnotations()));
        }
        for (Annotation constraint : constraints) {
            check(constraint, value, name).ifPresent(message -> problems.add(new Problem(name + " " + message)));
        }
    }

    /** The message when a value breaks a constraint, as Hibernate Validator words it. */
    private static Optional<String> check(Annotation constraint, Object value, String name) {
        if (constraint instanceof MinDuration min) {
            if (!(value instanceof Duration duration)) {
                throw new IllegalStateException("@MinDuration on " + name + " needs a Duration");
            }
            return duration.compareTo(DurationConverter.parseDuration(min.value())) >= 0 ? Optional.empty()
                    : Optional.of("must be at least " + min.value());
        }
        if (constraint instanceof Pattern pattern) {
            boolean matches = java.util.regex.Pattern.compile(pattern.regexp()).matcher(value.toString()).matches();
            return matches ? Optional.empty() : Optional.of(pattern.message().startsWith("{")
                    ? "must match \"" + pattern.regexp() + "\"" : pattern.message());
        }
        if (!isConstraint(constraint)) {
            return Optional.empty();
        }
        if (!NUMERIC.contains(constraint.annotationType())) {
            throw new IllegalStateException("@" + constraint.annotationType().getName() + " on " + name
                    + " is not checked: teach SettingsValidator it, or use one it knows");
        }
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("@" + constraint.annotationType().getSimpleName() + " on " + name
                    + " needs a number");
        }
        BigDecimal decimal = new BigDecimal(number.toString());
        if (constraint instanceof Min min) {
            return atLeast(decimal, BigDecimal.valueOf(min.value()), true);
        } else if (constraint instanceof Max max) {
            return atMost(decimal, BigDecimal.valueOf(max.value()), true);
        } else if (constraint instanceof DecimalMin min) {
            return atLeast(decimal, new BigDecimal(min.value()), min.inclusive());
        } else if (constraint instanceof DecimalMax max) {
            return atMost(decimal, new BigDecimal(max.value()), max.inclusive());
        } else if (constraint instanceof Positive) {
            return atLeast(decimal, BigDecimal.ZERO, false);
        }
        return atLeast(decimal, BigDecimal.ZERO, true);
    }

    private static Optional<String> atLeast(BigDecimal value, BigDecimal bound, boolean inclusive) {
        int compared = value.compareTo(bound);
        if (inclusive ? compared >= 0 : compared > 0) {
            return Optional.empty();
        }
        return Optional.of("must be greater than " + (inclusive ? "or equal to " : "") + bound.toPlainString());
    }

    private static Optional<String> atMost(BigDecimal value, BigDecimal bound, boolean inclusive) {
        int compared = value.compareTo(bound);
        if (inclusive ? compared <= 0 : compared < 0) {
            return Optional.empty();
        }
        return Optional.of("must be less than " + (inclusive ? "or equal to " : "") + bound.toPlainString());
    }

    private static boolean isConstraint(Annotation annotation) {
        return annotation.annotationType().getPackageName().equals("jakarta.validation.constraints");
    }

    private static void refuseConstraints(Annotation[] annotations, String name) {
        Arrays.stream(annotations).filter(SettingsValidator::isConstraint).findAny().ifPresent(constraint -> {
            throw new IllegalStateException("@" + constraint.annotationType().getSimpleName() + " on the group " + name
                    + " is not checked");
        });
    }

    private static Object read(Method method, Object mapping) {
        try {
            method.setAccessible(true);
            return method.invoke(mapping);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the setting " + method, e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Cannot read the setting " + method, e.getCause());
        }
    }
}
