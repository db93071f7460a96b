package io.precis.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Prepares submitted articles for the models: finds the article in a page sent as HTML, normalizes the text,
 * enforces the length limits, and detects its language.
 *
 * <p>Everything that makes an article unusable is found here, before any model is called: no text (422), no article
 * in a page (422), too long (413), an unsupported language (422). A page's article goes through the same
 * normalization as text, so that a page and the text extracted from it have the same hash. Recently prepared
 * articles are remembered by their submitted text (pages by their HTML), and detection results by article hash, so
 * that a repeat request, served from the cache, pays for none of it again: a cache hit costs a lookup, not a
 * normalization (a quarter of a millisecond for a 2 000-character article) or a page's parsing (milliseconds).
 */
@ApplicationScoped
public class ArticleService {

    /** Raw text this many times longer than the limit is refused before normalization even starts. */
    private static final int RAW_SLACK = 4;
    /** Longest accepted title, in characters after normalization. */
    static final int MAX_TITLE_CHARS = 500;

    /**
     * Characters remembered per memo, submitted and normalized text together (pages and their articles in the
     * other): about 16 MB at most each, a few thousand articles or a few dozen pages.
     */
    private static final long REMEMBERED_CHARS = 8_000_000;
    /** What an entry costs besides its two texts (cache node, article, hash), in characters' worth of memory. */
    private static final int ENTRY_OVERHEAD_CHARS = 300;

    private final ArticleNormalizer normalizer;
    private final PageExtractor extractor;
    private final LanguageDetector detector;
    private final ArticleConfig config;
    private final Cache<String, DetectedLanguage> detected = Caffeine.newBuilder().maximumSize(50_000).build();
    private final Cache<String, Article> normalized = Caffeine.newBuilder()
            .maximumWeight(REMEMBERED_CHARS)
            .<String, Article>weigher((raw, article) -> raw.length() + article.text().length()
                    + ENTRY_OVERHEAD_CHARS)
            .build();
    /** Articles found in recently submitted pages, by the page's HTML: a repeat is not parsed again. */
    private final Cache<String, ExtractedPage> extracted = Caffeine.newBuilder()
            .maximumWeight(REMEMBERED_CHARS)
            .<String, ExtractedPage>weigher((html, page) -> html.length() + page.text().length()
                    + ENTRY_OVERHEAD_CHARS)
            .build();

    /** Turns to parse a page: a burst of large pages must not hold all their trees in memory at once. */
    private final Semaphore pageTurns;

    public ArticleService(ArticleNormalizer normalizer, PageExtractor extractor, LanguageDetector detector,
            ArticleConfig config) {
        this.normalizer = normalizer;
        this.extractor = extractor;
        this.detector = detector;
        this.config = config;
        this.pageTurns = new Semaphore(config.maxConcurrentPages(), true);
    }

    /**
     * Prepares a submission: its text, or the article found in its page. A page's own title is used when the
     * client gave none.
     *
     * @throws ServiceException as {@link #prepare(String, String)} does, and 413 for a page over
     *                          {@code ARTICLE_MAX_PAGE_CHARS}, 422 for a page without an article
     */
    public PreparedArticle prepare(Submission submission) {
        if (submission instanceof Submission.TextBytes bytes) {
            return prepare(bytes.decoded());
        }
        if (submission instanceof Submission.Markup markup) {
            return prepareFragment(markup);
        }
        if (submission instanceof Submission.Text text) {
            return prepare(text.text(), text.title());
        }
        Submission.Page page = submission instanceof Submission.PageBytes bytes ? bytes.decoded()
                : (Submission.Page) submission;
        if (page.html().length() > config.maxPageChars()) {
            throw new ServiceException(Failure.ARTICLE_TOO_LONG, "The page has " + page.html().length()
                    + " characters; the limit is " + config.maxPageChars() + " (ARTICLE_MAX_PAGE_CHARS).");
        }
        ExtractedPage found = extracted.getIfPresent(page.html());
        if (found == null) {
            Unicode.requireValid("html", page.html());
            found = extractInTurn(page.html());
        }
        PreparedArticle prepared = prepare(found.text(), titleOf(page, found)).fromPage(found.metadata());
        extracted.put(page.html(), found);
        return prepared;
    }

    /**
     * Prepares an HTML fragment to translate with its markup: its text, with markers for its inline elements, is the
     * article; it is not normalized as text is (no line is furniture in a CMS body, and every paragraph must come
     * back to its element).
     */
    private PreparedArticle prepareFragment(Submission.Markup markup) {
        if (markup.html() == null) {
            throw ServiceException.invalidField("text", "is required");
        }
        if (markup.html().length() > config.maxPageChars()) {
            throw new ServiceException(Failure.ARTICLE_TOO_LONG, "The HTML fragment has " + markup.html().length()
                    + " characters; the limit is " + config.maxPageChars() + " (ARTICLE_MAX_PAGE_CHARS).");
        }
        Unicode.requireValid("text", markup.html());
        Fragment fragment = Fragment.parse(markup.html());
        String marked = java.text.Normalizer.normalize(fragment.markedText(), java.text.Normalizer.Form.NFC);
        Article article = Article.of(marked);
        if (article.text().length() > config.maxChars()) {
            throw tooLong(article.text().length());
        }
        String cleanTitle = cleanTitle(markup.title());
        DetectedLanguage language = detected.get(article.hash(), hash -> detector.detect(Markers.strip(marked)));
        return new PreparedArticle(article, cleanTitle, language.supported().orElseThrow(() -> unsupported(language)),
                null).fromFragment(fragment);
    }

    /**
     * Prepares a submission at once when it was prepared lately, and on {@code worker} otherwise, as
     * {@link #prepare(String, String, Executor)} does.
     *
     * @return the prepared article, or the problem that refuses it
     */
    public CompletableFuture<PreparedArticle> prepare(Submission submission, Executor worker) {
        if (submission instanceof Submission.TextBytes bytes) {
            // Decoding is a pass over bytes the HTTP limit bounds: cheap enough for the event loop.
            try {
                return prepare(bytes.decoded(), worker);
            } catch (ServiceException refused) {
                return CompletableFuture.failedFuture(refused);
            }
        }
        if (submission instanceof Submission.Text text) {
            return prepare(text.text(), text.title(), worker);
        }
        if (submission instanceof Submission.Page page) {
            ExtractedPage found = extracted.getIfPresent(page.html());
            if (found != null) {
                return prepare(found.text(), titleOf(page, found), worker)
                        .thenApply(prepared -> prepared.fromPage(found.metadata()));
            }
        }
        return CompletableFuture.supplyAsync(() -> prepare(submission), worker);
    }

    private ExtractedPage extractInTurn(String html) {
        boolean turn;
        try {
            turn = pageTurns.tryAcquire(config.pageWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            throw new ServiceException(Failure.OVERLOADED, "Too many pages are being read at once; retry shortly"
                    + " (ARTICLE_MAX_CONCURRENT_PAGES).", Duration.ofSeconds(1));
        }
        try {
            return extractor.extract(html);
        } finally {
            pageTurns.release();
        }
    }

    /** The client's title, else the page's, cut to the longest accepted title: the client did not send it. */
    private static String titleOf(Submission.Page page, ExtractedPage found) {
        if (page.title() != null) {
            return page.title();
        }
        String title = found.metadata().title();
        if (title == null || title.length() <= MAX_TITLE_CHARS) {
            return title;
        }
        int cut = title.lastIndexOf(' ', MAX_TITLE_CHARS);
        return title.substring(0, cut > 0 ? cut : MAX_TITLE_CHARS);
    }

    /**
     * Prepares an article and its optional title. The title is cleaned like the text, but it is not part of the
     * hash: it only gives the model context.
     *
     * @throws ServiceException 400 when the text is missing or the title too long, 413 when the text is too long,
     *                          422 when nothing is left of it after cleaning or it is not in a supported language
     */
    public PreparedArticle prepare(String text, String title) {
        if (text == null) {
            throw ServiceException.invalidField("text", "is required");
        }
        if (text.length() > (long) config.maxChars() * RAW_SLACK) {
            throw tooLong(text.length());
        }
        Article remembered = normalized.getIfPresent(text);
        if (remembered != null) {
            return prepare(remembered, title);
        }
        Unicode.requireValid("text", text);
        Article article = normalizer.normalize(text);
        PreparedArticle prepared = prepare(article, title);
        // Only articles that can be served are remembered: junk must not push them out.
        normalized.put(text, article);
        return prepared;
    }

    /**
     * Prepares an article at once when its text was prepared lately, and on {@code worker} otherwise: normalizing
     * and detecting take too long for the event loop the caller may be on (milliseconds for a long article).
     *
     * @return the prepared article, or the problem that refuses it
     */
    public CompletableFuture<PreparedArticle> prepare(String text, String title, Executor worker) {
        Article remembered = text == null ? null : normalized.getIfPresent(text);
        // Detection results are remembered apart, and may have gone: detecting again is work for the worker.
        if (remembered == null || detected.getIfPresent(remembered.hash()) == null) {
            return CompletableFuture.supplyAsync(() -> prepare(text, title), worker);
        }
        try {
            return CompletableFuture.completedFuture(prepare(remembered, title));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static ServiceException titleTooLong() {
        return ServiceException.invalidField("title", "is longer than " + MAX_TITLE_CHARS + " characters");
    }

    private PreparedArticle prepare(Article article, String title) {
        if (article.text().isEmpty()) {
            throw new ServiceException(Failure.NO_ARTICLE_TEXT, "No article text is left after cleaning: the"
                    + " text was empty, whitespace or page furniture only.");
        }
        if (article.text().length() > config.maxChars()) {
            throw tooLong(article.text().length());
        }
        String cleanTitle = cleanTitle(title);
        DetectedLanguage language = detected.get(article.hash(), hash -> detector.detect(article.text()));
        return new PreparedArticle(article, cleanTitle, language.supported().orElseThrow(() -> unsupported(language)),
                null);
    }

    /**
     * A title cleaned like an article's text, as the models are given it: null when there is none or nothing is left.
     *
     * @throws ServiceException 400 when it is too long
     */
    public String cleanTitle(String title) {
        if (title == null) {
            return null;
        }
        if (title.length() > MAX_TITLE_CHARS * RAW_SLACK) {
            throw titleTooLong();
        }
        Unicode.requireValid("title", title);
        String clean = normalizer.normalizeLine(title);
        if (clean.length() > MAX_TITLE_CHARS) {
            throw titleTooLong();
        }
        return clean.isEmpty() ? null : clean;
    }

    private ServiceException tooLong(int length) {
        return new ServiceException(Failure.ARTICLE_TOO_LONG, "The article has " + length
                + " characters; the limit is " + config.maxChars() + " (ARTICLE_MAX_CHARS).");
    }

    private static ServiceException unsupported(DetectedLanguage language) {
        String supported = Arrays.stream(Language.values()).map(Language::code).collect(Collectors.joining(", "));
        String found = DetectedLanguage.UNDETERMINED.equals(language.code())
                ? "The article's language could not be determined"
                : "The article appears to be written in '" + language.code() + "'";
        return new ServiceException(Failure.UNSUPPORTED_LANGUAGE, found + "; supported source languages are "
                + supported + ".");
    }
}
