package io.precis.task;

import io.precis.article.Article;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical form of a task: every component, by name, walked through records, lists, sets and maps, written so that
 * two different values never read the same (strings carry their length, every value its type). An article stands for
 * itself by its hash. A type this does not know is refused rather than skipped, so that nothing that can change a text
 * is left out of its key.
 */
final class Canonical {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    /**
     * The canonical forms of the records nested in tasks (an author, its model and settings), which every request
     * repeats: a task's key is computed on the event loop for a cache hit, and most of its form is its author's.
     * Keyed by identity (weak keys), not by a record's {@code equals}, which a record may override more loosely than
     * its form: providers hand every task the same author instance. Bounded, though a service has one author or two.
     */
    private static final Cache<Record, String> NESTED = Caffeine.newBuilder().weakKeys().maximumSize(64).build();

    private Canonical() {
    }

    /** The canonical form of a value. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder(512);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append('~');
        } else if (value instanceof Article article) {
            out.append("article:").append(article.hash());
        } else if (value instanceof CharSequence text) {
            out.append('s').append(text.length()).append(':').append(text);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.append('i').append(value);
        } else if (value instanceof Double || value instanceof Float) {
            out.append('d').append(Double.toString(((Number) value).doubleValue()));
        } else if (value instanceof Boolean flag) {
            out.append(flag ? 'T' : 'F');
        } else if (value instanceof Enum<?> constant) {
            out.append('e').append(constant.getDeclaringClass().getSimpleName()).append('.').append(constant.name());
        } else if (value instanceof Task task) {
            writeRecord(out, (Record) task);
        } else if (value instanceof Record record) {
            out.append(NESTED.get(record, nested -> {
                StringBuilder form = new StringBuilder(256);
                writeRecord(form, nested);
                return form.toString();
            }));
        } else if (value instanceof List<?> items) {
            out.append('[');
            items.forEach(item -> {
                write(out, item);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof Set<?> items) {
            // A set's iteration order may differ between processes (a HashSet of enums): its members are written in
            // the order of their own canonical forms, so every replica writes the same.
            out.append('<');
            items.stream().map(Canonical::of).sorted().forEach(item -> out.append(item).append(','));
            out.append('>');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            map.entrySet().stream().map(entry -> of(entry.getKey()) + '=' + of(entry.getValue())).sorted()
                    .forEach(entry -> out.append(entry).append(','));
            out.append('}');
        } else {
            throw new IllegalArgumentException("A " + value.getClass().getName() + " cannot be part of a task key;"
                    + " teach Canonical its canonical form");
        }
    }

    private static void writeRecord(StringBuilder out, Record record) {
        out.append(record.getClass().getSimpleName()).append('(');
        for (RecordComponent component : COMPONENTS.get(record.getClass())) {
            out.append(component.getName()).append('=');
            try {
                write(out, component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component + " of a task", e);
            }
            out.append(';');
        }
        out.append(')');
    }
}
