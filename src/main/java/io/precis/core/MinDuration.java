package io.precis.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shortest a {@code Duration} setting may be, checked at start-up by {@link SettingsValidator}: written as the
 * setting itself is ({@code 1ms}, {@code 1s}, {@code 0s}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE_USE})
public @interface MinDuration {

    /** The shortest allowed, such as {@code 100ms}. */
    String value();
}
