package io.precis.task;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.precis.article.Article;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
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

    /** A record component: its name, and its accessor as a handle typed {@code (Record) -> Object}. */
    private record Component(String name, MethodHandle accessor) {
    }

    /**
     * The components of each record type, with their accessors as method handles: reflective calls through
     * {@code Method.invoke} cost several times more on a cache hit, where every request computes its tasks' keys.
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] handles = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                try {
                    handles[i] = new Component(components[i].getName(), MethodHandles.lookup().unreflect(accessor)
                            .asType(MethodType.methodType(Object.class, Record.class)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read " + components[i] + " of a task", e);
                }
            }
            return handles;
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
        } else if (value instanceof Glossary || value instanceof Glossary.Term) {
            // A request's own: memoizing it would push the shared author's form out of the cache.
            writeRecord(out, (Record) value);
        } else if (value instanceof Record record) {
            out.append(nested(record));
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

    /**
     * A nested record's form, memoized. Not through the cache's compute: a record's form holds the forms of the records
     * inside it, and a cache may not be updated from inside its own computation.
     */
    private static String nested(Record record) {
        String form = NESTED.getIfPresent(record);
        if (form == null) {
            StringBuilder out = new StringBuilder(256);
            writeRecord(out, record);
            form = out.toString();
            NESTED.put(record, form);
        }
        return form;
    }

    private static Object read(Component component, Record record) {
        try {
            return (Object) component.accessor().invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read " + component.name() + " of a " + record.getClass(), e);
        }
    }

    private static void writeRecord(StringBuilder out, Record record) {
        out.append(record.getClass().getSimpleName()).append('(');
        for (Component component : COMPONENTS.get(record.getClass())) {
            out.append(component.name()).append('=');
            write(out, read(component, record));
            out.append(';');
        }
        out.append(')');
    }
}
