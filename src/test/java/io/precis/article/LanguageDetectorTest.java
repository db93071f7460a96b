package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.testing.Corpus;
import io.precis.testing.Texts;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    private static final LanguageDetector DETECTOR = new LanguageDetector();

    @ParameterizedTest
    @CsvSource({
        "seeds/anchorage-summit-1.txt, fr, true",
        "seeds/anchorage-summit-2-scraped.txt, fr, true",
        "readability/lemonde-1.txt, fr, true",
        "readability/liberation-1.txt, fr, true",
        "readability/bbc-1.txt, en, true",
        "readability/heise.txt, de, false",
        "readability/folha.txt, pt, false"
    })
    void namesTheLanguageOfRealArticles(String file, String code, boolean supported) {
        DetectedLanguage detected = DETECTOR.detect(Corpus.text(file));

        assertThat(detected.code()).isEqualTo(code);
        assertThat(detected.supported().isPresent()).isEqualTo(supported);
    }

    /** Two sentences of news in each language the detector knows, written for this test. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "es | El presidente del Gobierno se reunió ayer con los líderes de la oposición para hablar de la crisis. La"
            + " reunión, que duró tres horas, terminó sin acuerdo y con la promesa de volver a verse en enero.",
        "it | Il presidente del Consiglio ha incontrato ieri i leader dell'opposizione per discutere della crisi."
            + " La riunione, che è durata tre ore, si è conclusa senza un accordo ma con la promessa di rivedersi.",
        "pt | O presidente da República recebeu ontem os líderes da oposição para discutir a crise. A reunião, que"
            + " durou três horas, terminou sem acordo, mas com a promessa de um novo encontro em janeiro.",
        "nl | De premier heeft gisteren de leiders van de oppositie ontvangen om over de crisis te praten. Het"
            + " overleg duurde drie uur en eindigde zonder akkoord, maar met de belofte om in januari verder te praten.",
        "ca | El president del Govern es va reunir ahir amb els líders de l'oposició per parlar de la crisi. La"
            + " reunió, que va durar tres hores, va acabar sense acord però amb la promesa de tornar-s'hi a trobar.",
        "ro | Președintele s-a întâlnit ieri cu liderii opoziției pentru a discuta despre criză. Întâlnirea, care a"
            + " durat trei ore, s-a încheiat fără un acord, dar cu promisiunea unei noi discuții în ianuarie.",
        "pl | Premier spotkał się wczoraj z przywódcami opozycji, aby rozmawiać o kryzysie. Spotkanie trwało trzy"
            + " godziny i zakończyło się bez porozumienia, ale z obietnicą kolejnej rozmowy w styczniu.",
        "sv | Statsministern träffade i går oppositionens ledare för att diskutera krisen. Mötet varade i tre timmar"
            + " och slutade utan en överenskommelse, men med ett löfte om att ses igen i januari.",
        "da | Statsministeren mødtes i går med oppositionens ledere for at drøfte krisen. Mødet varede tre timer og"
            + " sluttede uden en aftale, men med et løfte om at mødes igen i januar.",
        "tr | Cumhurbaşkanı dün muhalefet liderleriyle bir araya gelerek krizi görüştü. Üç saat süren toplantı bir"
            + " anlaşma olmadan sona erdi, ancak ocak ayında yeniden görüşme sözü verildi.",
        "de | Der Bundeskanzler hat sich gestern mit den Vertretern der Opposition getroffen, um über die Krise zu"
            + " sprechen. Das Treffen dauerte drei Stunden und endete ohne eine Einigung.",
        "ru | Президент вчера встретился с лидерами оппозиции, чтобы обсудить кризис. Встреча длилась три часа и"
            + " закончилась без соглашения.",
        "uk | Президент учора зустрівся з лідерами опозиції, щоб обговорити кризу. Зустріч тривала три години і"
            + " завершилася без угоди, але з обіцянкою нової розмови в січні.",
        "ar | التقى الرئيس أمس بقادة المعارضة لمناقشة الأزمة. واستمر الاجتماع ثلاث ساعات وانتهى دون اتفاق.",
        "zh | 总统昨天会见了反对派领导人，讨论这场危机。会议持续了三个小时，没有达成协议。",
        "ja | 大統領は昨日、野党の指導者たちと会談し、危機について話し合った。会談は三時間続いたが、合意には至らなかった。",
        "el | Ο πρόεδρος συναντήθηκε χθες με τους ηγέτες της αντιπολίτευσης για να συζητήσουν την κρίση.",
        "he | הנשיא נפגש אתמול עם מנהיגי האופוזיציה כדי לדון במשבר. הפגישה נמשכה שלוש שעות."
    })
    void namesEachLanguageItKnows(String code, String text) {
        assertThat(DETECTOR.detect(text).code()).isEqualTo(code);
        assertThat(DETECTOR.detect(text).supported()).isEmpty();
        // Long enough for the first reading, which leaves each of them to Lingua.
        assertThat(DETECTOR.detect(text + " " + text).code()).isEqualTo(code);
        assertThat(FunctionWords.plainly(text + " " + text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Le couple Macron a rendu visite aux Chirac le 21 juillet dernier.| fr",
        "Cinq lignes de métro seront fermées jeudi en raison de la saturation du réseau.| fr",
        "The two leaders met on Friday in Alaska.| en",
        "Les intempéries ont particulièrement touché le sud-ouest.| fr"
    })
    void namesTheLanguageOfASingleSentence(String text, String code) {
        assertThat(DETECTOR.detect(text).code()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        Texts.ENGLISH_SUMMARY + "| EN",
        Texts.FRENCH_SUMMARY + "| FR"
    })
    void recognizesShortModelAnswers(String text, Language language) {
        assertThat(DETECTOR.findOtherLanguage(text, language)).isEmpty();
    }

    @Test
    void findsALongTextThatSlipsIntoAnotherLanguageHalfway() {
        String english = (Texts.ENGLISH_TRANSLATION + "\n\n").repeat(12);
        String french = Corpus.text(Corpus.SEED_CLEAN);

        assertThat(DETECTOR.findOtherLanguage(english, Language.EN)).isEmpty();
        assertThat(DETECTOR.findOtherLanguage(english + french + french, Language.EN))
                .hasValueSatisfying(other -> assertThat(other.code()).isEqualTo("fr"));
    }

    /** The first reading of function words names only what Lingua would, on the pages and a share of OrangeSum. */
    @Test
    void theFirstReadingAgreesWithLinguaOnTheCorpusPagesTheirParagraphsAndOrangeSum() throws java.io.IOException {
        List<LanguageDetectionBenchmark.Labelled> texts = LanguageDetectionBenchmark.corpus().stream()
                .filter(text -> text.set().startsWith("pages") || Math.floorMod(text.text().hashCode(), 15) == 0)
                .toList();

        assertThat(texts).hasSizeGreaterThan(500);
        assertThat(texts).allSatisfy(text -> assertThat(DETECTOR.detect(text.text()).code())
                .as(text.text()).isEqualTo(DETECTOR.detectWithLinguaAlone(text.text()).code()));
        assertThat(texts).filteredOn(text -> FunctionWords.plainly(text.text()).isPresent())
                .hasSizeGreaterThan(texts.size() / 2);
    }

    @Test
    void theFirstReadingNamesOnlyTextsPlainlyFrenchOrEnglish() {
        String french = Corpus.text(Corpus.SEED_CLEAN);
        String english = Corpus.text("seeds/anchorage-summit-1.en.txt");

        assertThat(FunctionWords.plainly(french)).contains(Language.FR);
        assertThat(FunctionWords.plainly(english)).contains(Language.EN);
        assertThat(FunctionWords.plainly(Corpus.text("readability/heise.txt"))).isEmpty();
        assertThat(FunctionWords.plainly(Corpus.text("readability/folha.txt"))).isEmpty();
        // Half and half, and too short to be sure: Lingua's to tell.
        assertThat(FunctionWords.plainly(french.substring(0, 600) + " " + english.substring(0, 600))).isEmpty();
        assertThat(FunctionWords.plainly("Les deux dirigeants se sont retrouvés ce vendredi à Anchorage.")).isEmpty();
    }

    @Test
    @Timeout(60)
    void namesAPlainlyFrenchArticleWhileLinguasModelsAreStillLoading() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LanguageDetector loading = new LanguageDetector(() -> {
            awaitQuietly(release);
            return com.github.pemistahl.lingua.api.LanguageDetectorBuilder
                    .fromLanguages(com.github.pemistahl.lingua.api.Language.GERMAN,
                            com.github.pemistahl.lingua.api.Language.FRENCH)
                    .withLowAccuracyMode().build();
        });

        assertThat(loading.detect(Corpus.text(Corpus.SEED_CLEAN)).code()).isEqualTo("fr");
        assertThat(loading.models()).isEqualTo(LanguageDetector.Models.LOADING);
        CompletableFuture<DetectedLanguage> german = CompletableFuture.supplyAsync(
                () -> loading.detect(Corpus.text("readability/heise.txt")));
        assertThatThrownBy(() -> german.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        release.countDown();
        assertThat(german.get(30, TimeUnit.SECONDS).code()).isEqualTo("de");
        assertThat(loading.models()).isEqualTo(LanguageDetector.Models.LOADED);
    }

    @Test
    void saysWhenLinguasModelsCouldNotBeLoaded() {
        LanguageDetector failed = Detectors.failed();

        assertThatThrownBy(() -> failed.detect(Corpus.text("readability/heise.txt")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be loaded");
        assertThat(failed.models()).isEqualTo(LanguageDetector.Models.FAILED);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @CsvSource({"12 345 678", "''", "!!! ???"})
    void cannotTellTheLanguageOfTextWithoutWords(String text) {
        assertThat(DETECTOR.detect(text).code()).isEqualTo(DetectedLanguage.UNDETERMINED);
    }
}
