package io.precis.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Article;
import io.precis.article.Language;
import io.precis.article.LanguageDetector;
import io.precis.task.Author;
import io.precis.task.GenerationSettings;
import io.precis.task.Glossary;
import io.precis.task.ModelIdentity;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.TranslationTask;
import io.precis.task.Warning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputChecksTest {

    private static final OutputChecks CHECKS = new OutputChecks(new LanguageDetector());
    private static final Author AUTHOR = new Author(new ModelIdentity("openai", "test-model", "fake"),
            GenerationSettings.NONE, "prompts", "code");

    @Test
    void acceptsAFaithfulTranslationWhoseNamesAreSpelledTheEnglishWay() {
        String article = resource("corpus/seeds/anchorage-summit-1.txt");
        String english = resource("corpus/seeds/anchorage-summit-1.en.txt");

        assertThat(CHECKS.check(translation(article), english)).isEmpty();
    }

    @Test
    void acceptsNumbersWrittenTheOtherLanguagesWay() {
        String article = "Le budget atteint 1,5 million d'euros, soit 3 000 emplois et une hausse de 20 %. La réunion"
                + " du 15 août 2025 a commencé à 14h30. Deux millions de visiteurs, 12,5 € le billet.";
        String english = "The budget reaches €1.5 million, or 3,000 jobs and a 20% rise. The meeting of August 15,"
                + " 2025 began at 2:30 pm. 2 million visitors, €12.50 a ticket.";

        assertThat(CHECKS.check(summary(article, SummaryLength.LONG), english)).isEmpty();
    }

    @Test
    void readsFrenchNumbersInWordsAndAmountsWithTheirUnits() {
        String article = "Quatre-vingt-dix élus, deux cents manifestants et trois cent mille euros ; il a vingt et un"
                + " ans et l'entreprise vaut 12 M€, soit 1,5 Md€ pour le groupe. La hausse est de 3 points de"
                + " pourcentage. La réunion commence à 14h30.";
        String english = "Ninety elected officials: 90 of them, 200 protesters and €300,000; he is 21 years old and the"
                + " company is worth €12 million, or €1.5 billion for the group. The rise is 3 percentage points."
                + " The meeting starts at 2.30pm.";

        assertThat(CHECKS.check(summary(article, SummaryLength.LONG), english)).isEmpty();
    }

    @Test
    void anAmountChangedInMagnitudeOrUnitIsCaught() {
        String article = "Le projet coûte 1,2 million d'euros, soit 15 % du budget de 3 millions d'euros.";

        assertThat(CHECKS.check(summary(article, SummaryLength.SHORT), "The project costs €1.2 billion."))
                .extracting(Warning::code).containsExactly("number-not-in-source");
        assertThat(CHECKS.check(summary(article, SummaryLength.SHORT), "The budget is €3 billion."))
                .extracting(Warning::code).containsExactly("number-not-in-source");
        assertThat(CHECKS.check(summary(article, SummaryLength.SHORT), "It is 15 million of the budget."))
                .extracting(Warning::code).containsExactly("number-not-in-source");
        assertThat(CHECKS.check(summary(article, SummaryLength.SHORT), "The project costs €1.2 million, 15%."))
                .isEmpty();
    }

    @Test
    void hostileTextsAreCheckedInBoundedTime() {
        String numbers = "12 ".repeat(5_000);
        String hyphens = "a-".repeat(10_000) + "a";
        String quote = "«" + " ".repeat(20_000);
        String oneLine = "mot Nom ".repeat(15_000);
        String paragraphs = "Un paragraphe assez court.\n\n".repeat(1_600);
        long started = System.nanoTime();

        CHECKS.check(summary(numbers + hyphens, SummaryLength.SHORT), numbers + quote);
        CHECKS.check(translation(paragraphs), "A short paragraph.\n\n".repeat(800) + oneLine);
        CHECKS.check(translation(oneLine), oneLine.replace("Nom", "Autre"));

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void flagsANumberOrMonthTheArticleDoesNotHave() {
        String article = "La réunion du 15 août 2025 a réuni 3 000 personnes, soit 1,5 million d'euros de recettes.";
        String english = "The meeting of July 16, 2025 brought together 3,500 people, or €1.5 million in takings.";

        List<Warning> warnings = CHECKS.check(summary(article, SummaryLength.SHORT), english);

        assertThat(warnings).extracting(Warning::code).containsOnly("number-not-in-source");
        assertThat(warnings).extracting(Warning::detail).containsExactlyInAnyOrder(
                "The number '16' is not in the article.", "The number '3,500' is not in the article.",
                "The month 'July' is not in the article.");
        assertThat(warnings).extracting(Warning::excerpt).allMatch(excerpt -> excerpt.contains("July 16"));
    }

    @Test
    void flagsANumberChangedInWordsCopiedFromTheArticleEvenWhenTheArticleHasItElsewhere() {
        String article = "L'incendie a fait 12 morts et 40 blessés selon la préfecture. En 2013, un incendie dans le"
                + " même quartier avait fait 13 morts.";
        String changed = "L'incendie a fait 13 morts et 40 blessés selon la préfecture.";

        List<Warning> warnings = CHECKS.check(frenchSummary(article), changed);

        assertThat(warnings).extracting(Warning::code, Warning::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("number-not-in-source", "The number '13' is not the article's:"
                        + " in the same words, the article has '12'."));
        assertThat(warnings.get(0).excerpt()).contains("a fait 13 morts");
    }

    @Test
    void acceptsNumbersCopiedWithTheirWordsOrRewordedAndNumbersTheArticleGivesTwiceInTheSameWords() {
        String article = "Le bilan a été porté à 12 morts et 40 blessés selon la préfecture. Le premier bilan avait"
                + " été porté à 10 morts et 40 blessés selon la préfecture.";

        assertThat(CHECKS.check(frenchSummary(article), "Le bilan a été porté à 12 morts et 40 blessés selon la"
                + " préfecture.")).isEmpty();
        assertThat(CHECKS.check(frenchSummary(article), "Le premier bilan avait été porté à 10 morts.")).isEmpty();
        assertThat(CHECKS.check(frenchSummary(article), "Douze personnes sont mortes : le dernier bilan fait état de"
                + " 12 morts, contre 10 auparavant.")).isEmpty();
    }

    @Test
    void acceptsEitherNumberTheArticleGivesInTheSameWordsAndReportsAnotherOnce() {
        String article = "Selon la préfecture, le bilan fait état de 8 morts dans la nuit de samedi. Dimanche, le"
                + " bilan fait état de 9 morts dans la nuit de samedi.";

        assertThat(CHECKS.check(frenchSummary(article), "Au matin, le bilan fait état de 8 morts dans la nuit de"
                + " samedi.")).isEmpty();
        assertThat(CHECKS.check(frenchSummary(article), "Au matin, le bilan fait état de 9 morts dans la nuit de"
                + " samedi.")).isEmpty();
        assertThat(CHECKS.check(frenchSummary(article), "Au matin, le bilan fait état de 10 morts dans la nuit de"
                + " samedi.")).extracting(Warning::detail).containsExactly("The number '10' is not in the article.");
    }

    @Test
    void flagsAChangedOrInventedNameButNotATransliteration() {
        String article = "Le ministre Sergueï Lavrov a rencontré Vladimir Poutine au Kremlin.";
        String english = "Minister Sergei Lavrov met Vladimir Putin and Jean Dupont at the Kremlin.";

        List<Warning> warnings = CHECKS.check(summary(article, SummaryLength.SHORT), english);

        assertThat(warnings).extracting(Warning::code, Warning::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("name-not-in-source", "The name 'Jean Dupont' is not in the"
                        + " article."));
        assertThat(warnings.get(0).excerpt()).contains("Putin and Jean Dupont at the");
    }

    @Test
    void namesTheParagraphATranslationLeftOut() {
        String article = resource("corpus/seeds/anchorage-summit-1.txt");
        List<String> english = OutputChecks.paragraphsOf(resource("corpus/seeds/anchorage-summit-1.en.txt"));
        String withoutFifth = String.join("\n\n", english.subList(0, 4)) + "\n\n"
                + String.join("\n\n", english.subList(5, english.size()));

        List<Warning> warnings = CHECKS.check(translation(article), withoutFifth);

        assertThat(warnings).extracting(Warning::code).containsExactly("paragraph-missing");
        assertThat(warnings.get(0).excerpt()).startsWith("Les discussions se déroulent à huis clos");
    }

    @Test
    void flagsAParagraphLeftInFrenchAndAQuotationLost() {
        String article = "Le ministre a parlé devant la presse réunie à Paris ce matin.\n\n"
                + "« Nous ne céderons rien », a-t-il déclaré, avant d'ajouter que la réforme serait votée.";
        String english = "Le ministre a parlé devant la presse réunie à Paris ce matin.\n\n"
                + "He said they would give up nothing, before adding that the reform would be passed.";

        List<Warning> warnings = CHECKS.check(translation(article), english);

        assertThat(warnings).extracting(Warning::code)
                .containsExactlyInAnyOrder("untranslated-paragraph", "quotation-missing");
    }

    @Test
    void flagsASummaryFarLongerThanAsked() {
        String article = "Le président a parlé. Il a annoncé une réforme. Elle sera votée. Le débat commence.";
        String long_ = "The president spoke. He announced a reform. It will be voted on. The debate begins now.";

        assertThat(CHECKS.check(summary(article, SummaryLength.SHORT), long_)).extracting(Warning::code)
                .containsExactly("summary-too-long");
        assertThat(CHECKS.check(summary(article, SummaryLength.MEDIUM), long_)).isEmpty();
    }

    @Test
    void flagsAGlossaryTermNotRenderedAndATermNotKeptButNotTheTermsTheArticleLacks() {
        String article = "Vladimir Poutine a lu Le Monde à Anchorage.";
        Glossary glossary = new Glossary(List.of(new Glossary.Term("Poutine", "Putin"),
                new Glossary.Term("Kremlin", "the Kremlin")), List.of("Le Monde"));
        TranslationTask task = new TranslationTask(Article.of(article), null, Language.FR, Language.EN, glossary,
                AUTHOR);

        assertThat(CHECKS.check(task, "Vladimir Putin read Le Monde in Anchorage.")).isEmpty();
        assertThat(CHECKS.check(task, "Vladimir Poutine read The World in Anchorage."))
                .extracting(Warning::code, Warning::excerpt).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("glossary-miss", "Poutine → Putin"),
                        org.assertj.core.groups.Tuple.tuple("glossary-miss", "Le Monde"));
    }

    @Test
    void aSummaryMayLeaveATermOutButNotUseItUnrendered() {
        String article = "Vladimir Poutine a rencontré Donald Trump à Anchorage. Les deux dirigeants ont parlé.";
        Glossary glossary = new Glossary(List.of(new Glossary.Term("Poutine", "Putin")), List.of());
        SummaryTask task = new SummaryTask(Article.of(article), null, Language.FR, Language.EN, SummaryLength.SHORT,
                glossary, AUTHOR);

        assertThat(CHECKS.check(task, "The two leaders met in Anchorage.")).isEmpty();
        assertThat(CHECKS.check(task, "Poutine met Donald Trump in Anchorage.")).extracting(Warning::code)
                .containsExactly("glossary-miss");
    }

    @Test
    void everyKindOfDefectTellsTheModelHowToAvoidItInTheCorrectivePrompt() throws IOException {
        io.precis.prompt.PromptTemplate correct = io.precis.prompt.PromptTemplate.parse("correct",
                java.nio.file.Files.readString(java.nio.file.Path.of("prompts/correct.txt")));

        for (Defect defect : Defect.values()) {
            assertThat(correct.hasSection("fix-" + defect.code())).as(defect.code()).isTrue();
        }
    }

    private static TranslationTask translation(String article) {
        return new TranslationTask(Article.of(article), null, Language.FR, Language.EN, AUTHOR);
    }

    private static SummaryTask summary(String article, SummaryLength length) {
        return new SummaryTask(Article.of(article), null, Language.FR, Language.EN, length, AUTHOR);
    }

    private static SummaryTask frenchSummary(String article) {
        return new SummaryTask(Article.of(article), null, Language.FR, Language.FR, SummaryLength.LONG, AUTHOR);
    }

    private static String resource(String name) {
        try (InputStream in = OutputChecksTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
