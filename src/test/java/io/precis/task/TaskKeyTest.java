package io.precis.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.article.Article;
import io.precis.article.Language;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The key of a task is derived from every component of the task, all the way down: each test changes one value of a
 * task, found by walking its record components, and the key must change. A component added to a task, its author,
 * the model's identity or the settings is walked too, and fails here until it has a changed value of its own: so
 * nothing that decides a text can be left out of the key that serves it.
 */
class TaskKeyTest {

    private static final Author AUTHOR = new Author(new ModelIdentity("openai", "gpt-4o-mini",
            "https://api.openai.com/v1"), new GenerationSettings(0.2, 8192, 32000, 0, 2000), "1c9e4b2a7f30", "chat-1");
    private static final Article ARTICLE = Article.of("Le président a parlé.\n\nIl a dit beaucoup de choses.");
    private static final SummaryTask SUMMARY = new SummaryTask(ARTICLE, "Un titre", Language.FR, Language.EN,
            SummaryLength.MEDIUM, AUTHOR);
    private static final TranslationTask TRANSLATION = new TranslationTask(ARTICLE, "Un titre", Language.FR,
            Language.EN, AUTHOR);

    /** For each type a task holds, another value of it. */
    private static final Map<Class<?>, UnaryOperator<Object>> OTHER = Map.of(
            String.class, value -> value == null ? "something" : value + "!",
            Article.class, value -> Article.of(((Article) value).text() + " Une phrase de plus."),
            Language.class, value -> value == Language.FR ? Language.EN : Language.FR,
            SummaryLength.class, value -> value == SummaryLength.SHORT ? SummaryLength.LONG : SummaryLength.SHORT,
            TextFormat.class, value -> value == TextFormat.TEXT ? TextFormat.HTML : TextFormat.TEXT,
            double.class, value -> (Double) value + 0.1,
            int.class, value -> (Integer) value + 1);

    @Test
    void changingAnyComponentOfASummaryTaskChangesItsKey() {
        List<String> walked = everyVariantChangesTheKey(SUMMARY);

        assertThat(walked).contains("article", "title", "source", "language", "length", "glossary.terms",
                "glossary.keep", "author.model.provider",
                "author.model.name", "author.model.fingerprint", "author.settings.temperature",
                "author.settings.maxOutputTokens", "author.settings.maxInputTokens", "author.settings.contextTokens",
                "author.settings.chunkTokens", "author.promptVersion", "author.codeVersion");
    }

    @Test
    void changingAnyComponentOfATranslationTaskChangesItsKey() {
        List<String> walked = everyVariantChangesTheKey(TRANSLATION);

        // With two languages, a translation's source or target cannot change alone: it would be its own translation.
        assertThat(walked).contains("article", "title", "format", "glossary.terms", "glossary.keep",
                "author.model.fingerprint", "author.settings.temperature")
                .doesNotContain("source", "target");
        TranslationTask reversed = new TranslationTask(ARTICLE, "Un titre", Language.EN, Language.FR, AUTHOR);
        assertThat(reversed.key()).isNotEqualTo(TRANSLATION.key());
    }

    @Test
    void equalTasksShareAKeyAndTheArticleCountsByItsHash() {
        SummaryTask same = new SummaryTask(new Article(ARTICLE.text(), ARTICLE.hash()), "Un titre", Language.FR,
                Language.EN, SummaryLength.MEDIUM, new Author(AUTHOR.model(), AUTHOR.settings(),
                AUTHOR.promptVersion(), AUTHOR.codeVersion()));
        SummaryTask knownByHash = SUMMARY.withArticle(Article.knownBy(ARTICLE.hash()));

        assertThat(same.key()).isEqualTo(SUMMARY.key());
        assertThat(knownByHash.key()).isEqualTo(SUMMARY.key());
        assertThat(SUMMARY.key().value()).matches("summary:[0-9a-f]{64}");
        assertThat(TRANSLATION.key().value()).matches("translation:[0-9a-f]{64}");
    }

    @Test
    void aBlankTitleIsNoTitleAndAnotherTitleIsAnotherTask() {
        SummaryTask untitled = new SummaryTask(ARTICLE, null, Language.FR, Language.EN, SummaryLength.MEDIUM, AUTHOR);
        SummaryTask blank = new SummaryTask(ARTICLE, "  ", Language.FR, Language.EN, SummaryLength.MEDIUM, AUTHOR);
        SummaryTask otherTitle = new SummaryTask(ARTICLE, "Officiel : la réunion est annulée", Language.FR,
                Language.EN, SummaryLength.MEDIUM, AUTHOR);

        assertThat(blank.key()).isEqualTo(untitled.key());
        assertThat(List.of(SUMMARY.key(), untitled.key(), otherTitle.key())).doesNotHaveDuplicates();
    }

    /**
     * The key of a fixed task, written down: a change to the canonical form changes every key, which empties every
     * replica's shared cache at the next deploy. Such a change must be deliberate, and update this value.
     */
    @Test
    void theKeyOfAKnownTaskDoesNotChangeUnnoticed() {
        assertThat(SUMMARY.key().value()).isEqualTo("summary:9fb2e392b25c1fac7428b68d94de49eed215fb837f7e08c27c38f44d5dadb8e7");
    }

    @Test
    void aSummaryAndATranslationNeverShareAKey() {
        SummaryTask summary = new SummaryTask(ARTICLE, null, Language.FR, Language.EN, SummaryLength.MEDIUM, AUTHOR);
        TranslationTask translation = new TranslationTask(ARTICLE, null, Language.FR, Language.EN, AUTHOR);

        assertThat(summary.key()).isNotEqualTo(translation.key());
    }

    @Test
    void aValueTheCanonicalFormDoesNotKnowIsRefusedRatherThanLeftOut() {
        record WithAnUnknownType(Object unknown) {
        }

        assertThatThrownBy(() -> Canonical.of(new WithAnUnknownType(new StringBuilder("x").chars())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be part of a task key");
    }

    @Test
    void setsAndMapsHaveOneCanonicalFormWhateverTheirOrder() {
        assertThat(Canonical.of(new java.util.LinkedHashSet<>(List.of("b", "a"))))
                .isEqualTo(Canonical.of(new java.util.LinkedHashSet<>(List.of("a", "b"))));
        java.util.Map<Object, Object> mixed = new java.util.LinkedHashMap<>();
        mixed.put(2, "two");
        mixed.put("one", 1);
        java.util.Map<Object, Object> reversed = new java.util.LinkedHashMap<>();
        reversed.put("one", 1);
        reversed.put(2, "two");
        assertThat(Canonical.of(mixed)).isEqualTo(Canonical.of(reversed));
    }

    @Test
    void valuesThatPrintAlikeHaveDifferentCanonicalForms() {
        record Pair(String first, String second) {
        }

        assertThat(Canonical.of(new Pair("a,b", "c"))).isNotEqualTo(Canonical.of(new Pair("a", "b,c")));
        assertThat(Canonical.of(new Pair(null, "x"))).isNotEqualTo(Canonical.of(new Pair("~", "x")));
        assertThat(Canonical.of(List.of(1))).isNotEqualTo(Canonical.of(List.of("1")));
    }

    /**
     * Nested records' forms are memoized: many authors at once, from several threads, each with records inside
     * records, still get a key of their own, and an equal author built afresh gets the same key.
     */
    @Test
    void manyAuthorsKeepKeysOfTheirOwnWhenComputedAtOnce() throws Exception {
        int authors = 500;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < authors; i++) {
                int n = i;
                keys.add(pool.submit(() -> summaryBy(author(n)).key().value()));
            }
            List<String> computed = new ArrayList<>();
            for (java.util.concurrent.Future<String> key : keys) {
                computed.add(key.get());
            }

            assertThat(computed).doesNotHaveDuplicates();
            for (int i = 0; i < authors; i++) {
                assertThat(summaryBy(author(i)).key().value()).isEqualTo(computed.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecordThatCallsDifferentValuesEqualStillHasTheirForms() {
        record CaseBlind(String value) {
            @Override
            public boolean equals(Object other) {
                return other instanceof CaseBlind blind && value.equalsIgnoreCase(blind.value);
            }

            @Override
            public int hashCode() {
                return value.toLowerCase(java.util.Locale.ROOT).hashCode();
            }
        }
        record Holder(CaseBlind inside) {
        }

        assertThat(Canonical.of(new Holder(new CaseBlind("Paris"))))
                .isNotEqualTo(Canonical.of(new Holder(new CaseBlind("PARIS"))));
    }

    @Test
    void aKeyFoundForAnEqualTaskIsTheKeyItsOwnFormGives() {
        Glossary glossary = new Glossary(List.of(new Glossary.Term("président", "President")), List.of("Élysée"));
        List<Task> tasks = List.of(SUMMARY, TRANSLATION, SUMMARY.withArticle(Article.of(ARTICLE.text() + " Encore.")),
                new SummaryTask(ARTICLE, "Un autre titre", Language.FR, Language.EN, SummaryLength.MEDIUM, AUTHOR),
                new SummaryTask(ARTICLE, "Un titre", Language.FR, Language.EN, SummaryLength.MEDIUM, glossary, AUTHOR),
                new TranslationTask(ARTICLE, "Un titre", Language.FR, Language.EN, TextFormat.HTML, glossary, AUTHOR),
                SUMMARY.withArticle(Article.knownBy(ARTICLE.hash())));
        for (int round = 0; round < 2; round++) {
            for (Task task : tasks) {
                assertThat(task.key()).as(task.toString()).isEqualTo(TaskKey.computed(task));
            }
        }
        // Another instance of the same task, with another instance of the same text, finds the same key.
        Task again = new SummaryTask(Article.of(new String(ARTICLE.text())), new String("Un titre"), Language.FR,
                Language.EN, SummaryLength.MEDIUM, AUTHOR);
        assertThat(again.key()).isEqualTo(SUMMARY.key()).isEqualTo(TaskKey.computed(again));
    }

    /**
     * Keys are found again by a task's value ({@link TaskKey#of}): that is sound only while every value in a task
     * compares by what its canonical form writes. Records do, component by component, unless their source overrides
     * equals or hashCode (the compiled class declares both either way); strings, primitives, enums and lists do. Any
     * other type (an interface, a set or map that may compare with a comparator of its own) fails here until it is
     * looked at.
     */
    @Test
    void everyValueATaskHoldsComparesByWhatItsKeyReads() throws IOException {
        Set<Class<?>> records = new java.util.LinkedHashSet<>();
        List<String> others = new ArrayList<>();
        walk(SummaryTask.class, "SummaryTask", records, others);
        walk(TranslationTask.class, "TranslationTask", records, others);

        assertThat(others).as("components of a type whose equals may not match its canonical form").isEmpty();
        assertThat(records).contains(SummaryTask.class, Article.class, Glossary.class, Glossary.Term.class,
                Author.class, ModelIdentity.class, GenerationSettings.class);
        for (Class<?> type : records) {
            Class<?> file = type;
            while (file.getEnclosingClass() != null) {
                file = file.getEnclosingClass();
            }
            String source = Files.readString(Path.of("src/main/java", file.getName().replace('.', '/') + ".java"));
            assertThat(source).as(file.getName() + " overrides equals or hashCode")
                    .doesNotContainPattern("boolean\\s+equals\\s*\\(").doesNotContainPattern("int\\s+hashCode\\s*\\(");
        }
    }

    private static void walk(java.lang.reflect.Type type, String where, Set<Class<?>> records, List<String> others) {
        if (type instanceof java.lang.reflect.ParameterizedType generic && generic.getRawType() == List.class) {
            walk(generic.getActualTypeArguments()[0], where + "[]", records, others);
        } else if (type instanceof Class<?> plain && plain.isRecord()) {
            if (records.add(plain)) {
                for (RecordComponent component : plain.getRecordComponents()) {
                    walk(component.getGenericType(), where + "." + component.getName(), records, others);
                }
            }
        } else if (!(type instanceof Class<?> plain
                && (plain == String.class || plain.isPrimitive() || plain.isEnum()))) {
            others.add(where + ": " + type.getTypeName());
        }
    }

    private static SummaryTask summaryBy(Author author) {
        return new SummaryTask(ARTICLE, "Un titre", Language.FR, Language.EN, SummaryLength.MEDIUM, author);
    }

    private static Author author(int n) {
        return new Author(new ModelIdentity("openai", "model-" + n % 7, "http://10.0.0." + n / 7 + "/v1"),
                new GenerationSettings(0.1 * (n % 5), 8192, 32000, 0, 2000), AUTHOR.promptVersion(), "chat-1");
    }

    /**
     * Builds, for every leaf component reachable from the task, a task that differs from it in that value only, and
     * checks that its key differs.
     *
     * @return the paths of the components changed
     */
    private static List<String> everyVariantChangesTheKey(Task task) {
        List<String> walked = new ArrayList<>();
        for (Variant variant : variants("", (Record) task)) {
            if (variant.value() == null) {
                continue;
            }
            assertThat(((Task) variant.value()).key()).as("the key when %s changes", variant.path())
                    .isNotEqualTo(task.key());
            walked.add(variant.path());
        }
        return walked;
    }

    /** A record with one leaf changed, or null when no such record can exist, and the path of that leaf. */
    private record Variant(String path, Object value) {
    }

    private static List<Variant> variants(String prefix, Record record) {
        List<Variant> variants = new ArrayList<>();
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String path = prefix + component.getName();
            Object value = read(component, record);
            if (value instanceof Record nested && !(value instanceof Article)) {
                for (Variant inner : variants(path + ".", nested)) {
                    variants.add(new Variant(inner.path(), inner.value() == null ? null
                            : with(record, i, inner.value())));
                }
                continue;
            }
            if (value instanceof List<?> list) {
                // A glossary's entries or its terms to keep: one more of the element type.
                Object element = ((java.lang.reflect.ParameterizedType) component.getGenericType())
                        .getActualTypeArguments()[0] == String.class ? "Le Monde"
                        : new Glossary.Term("Poutine", "Putin");
                List<Object> longer = new ArrayList<>(list);
                longer.add(element);
                variants.add(new Variant(path, with(record, i, longer)));
                continue;
            }
            UnaryOperator<Object> other = OTHER.get(component.getType());
            assertThat(other).as("a changed value for %s (%s): teach this test one", path, component.getType())
                    .isNotNull();
            variants.add(new Variant(path, with(record, i, other.apply(value))));
        }
        return variants;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record with its component {@code index} replaced, or null when its constructor refuses the value. */
    private static Record with(Record record, int index, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = i == index ? value : read(components[i], record);
            types[i] = components[i].getType();
        }
        try {
            return (Record) record.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                return null;
            }
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
