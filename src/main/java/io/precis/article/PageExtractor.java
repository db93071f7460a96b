package io.precis.article;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the article in a news page, the way Mozilla's Readability does: it removes what cannot be the article
 * (scripts, navigation, forms, and blocks whose class or id says comments, sharing, related links, ads or cookie
 * banners), scores the remaining blocks by the paragraphs they hold (their length and commas, less their share of
 * link text), takes the best one with those of its siblings that read like it, and drops from it what is mostly
 * links or media. The text keeps the page's paragraphs: block boundaries and line breaks become paragraph breaks.
 *
 * <p>It also reads what the page says about the article ({@link PageMetadata}). The text it returns is not
 * normalized: it goes through the same {@link ArticleNormalizer} as plain text, furniture patterns included, so that
 * a page and the text extracted from it have the same hash.
 */
@ApplicationScoped
public class PageExtractor {

    /** Less text than this is not an article but an index page, an error page or an empty shell. */
    static final int MIN_ARTICLE_CHARS = 250;
    /**
     * Deeper nesting than this is not a news page but a hostile one: scoring costs grow with depth times size, and
     * the deepest real pages nest a few dozen levels.
     */
    static final int MAX_DEPTH = 256;
    /** More elements than this is not a news page either (real ones have a few thousand). */
    static final int MAX_ELEMENTS = 60_000;
    /** Start and end tags: a page of {@link #MAX_ELEMENTS} elements, each closed, has this many. */
    static final int MAX_TAGS = 2 * MAX_ELEMENTS;

    private static final String REMOVED = "script, style, noscript, template, iframe, object, embed, svg, canvas,"
            + " form, button, input, select, textarea, nav, aside, footer, dialog, menu, link, meta, [hidden],"
            + " [aria-hidden=true], [aria-modal=true], [role~=(?i)^(navigation|menu|menubar|complementary|alert"
            + "|alertdialog|dialog|search|contentinfo)$]";
    /** Class or id words of blocks that are not the article: Readability's list, with sharing and consent words. */
    private static final Pattern UNLIKELY = Pattern.compile("(?i)-ad-|\\bad-(?:slot|banner|container|unit|wrapper)"
            + "|\\bads\\b|advert|ai2html|banner|breadcrumb|combx|comment|commentaire|community|consent|cookie|cover-wrap|disqus|extra|footer|gdpr|legends|menu"
            + "|newsletter|outbrain|pager|pagination|partage|popup|promo|related|remark|replies|rss|share|sharing"
            + "|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|supplemental|taboola|tags|teaser|agegate"
            + "|yom-remote|lire-aussi|a-lire|read-more|most-read|plus-lus|signup|login|modal|toolbar");
    private static final Pattern MAYBE = Pattern.compile("(?i)and|article|body|column|content|main|shadow|story|text"
            + "|entry|post");
    private static final Pattern POSITIVE = Pattern.compile("(?i)article|body|content|entry|hentry|h-entry|main"
            + "|page|pagination|post|text|blog|story|chapo|lead|corps");
    private static final Pattern NEGATIVE = Pattern.compile("(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx"
            + "|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll"
            + "|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|social|newsletter|cookie");
    /** Class or id words of the author and date line, which Readability reports as the byline, not as text. */
    private static final Pattern BYLINE = Pattern.compile("(?i)byline|author|dateline|writtenby|signature|\\bdate\\b"
            + "|publication|published|timestamp");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "caption", "dd",
            "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul");
    /** Block children that keep a div from counting as a paragraph of its own. */
    private static final Set<String> PARAGRAPH_BREAKERS = Set.of("blockquote", "dl", "div", "img", "ol", "p", "pre",
            "table", "ul", "section", "article", "figure", "h1", "h2", "h3", "h4", "h5", "h6");
    /** Separators before a site's name in a title; not the colon, which French headlines put after a space. */
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—»·/\\\\]+\\s+");
    private static final Pattern BRANDING = Pattern.compile("(?i)logo|brand|masthead|site-?name|site-?title");
    private static final Pattern JSON_LD_DATE = Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…»\"”]\\s*$");

    /**
     * Finds the article in a page.
     *
     * @throws ServiceException 422 when the page holds no article: an index page, an empty page, or data that is
     *                          not HTML
     */
    public ExtractedPage extract(String html) {
        if (html == null || html.isBlank()) {
            throw noArticle("The page is empty.");
        }
        if (looksBinary(html)) {
            throw noArticle("The body is not an HTML page: it holds binary data.");
        }
        refuseTagFloods(html);
        Document page = Jsoup.parse(html);
        checkShape(page);
        // Meta tags and JSON-LD go with the scripts and the body's meta elements; the page's own elements are
        // searched after the comments and sidebars are gone, so that no commenter is taken for the author.
        PageMetadata declared = declaredMetadata(page);
        Element body = page.body();
        removeUnlikely(body);
        PageMetadata metadata = withPageElements(declared, body);
        List<Element> content = content(body);
        List<String> paragraphs = new ArrayList<>();
        for (Element part : content) {
            clean(part, metadata.title());
            paragraphs(part, paragraphs);
        }
        String text = String.join("\n\n", paragraphs);
        if (text.length() < MIN_ARTICLE_CHARS) {
            throw noArticle("No article was found in the page: it holds no block of running text (an index page,"
                    + " an error page, or a page whose article is loaded by a script).");
        }
        return new ExtractedPage(text, metadata);
    }

    /**
     * Refuses, before its tree is built, a page with far more tags than any news page: a tree takes tens of times its
     * page's size in memory. The rest of its shape is checked once it is built.
     *
     * @throws ServiceException 422 when the page holds more than {@link #MAX_TAGS} tags
     */
    private static void refuseTagFloods(String html) {
        int tags = tags(html);
        if (tags > MAX_TAGS) {
            throw noArticle("The page is not a news page: it has " + tags + " tags (the limit is " + MAX_TAGS + ").");
        }
    }

    /**
     * An upper bound of the elements a parser makes of the markup: each {@code <} followed by a letter (a start tag)
     * or a slash (an end tag, which a parser turns into an element when nothing is open to close, as in
     * {@code </p></p></p>}).
     */
    static int tags(String html) {
        int count = 0;
        for (int at = html.indexOf('<'); at >= 0 && at + 1 < html.length(); at = html.indexOf('<', at + 1)) {
            char next = html.charAt(at + 1);
            if (next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' || next == '/') {
                count++;
            }
        }
        return count;
    }

    private static void checkShape(Document page) {
        int[] elements = {0};
        int[] deepest = {0};
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element) {
                elements[0]++;
                deepest[0] = Math.max(deepest[0], depth);
            }
        }, page);
        if (deepest[0] > MAX_DEPTH || elements[0] > MAX_ELEMENTS) {
            throw noArticle("The page is not a news page: it has " + elements[0] + " elements nested "
                    + deepest[0] + " deep (the limits are " + MAX_ELEMENTS + " and " + MAX_DEPTH + ").");
        }
    }

    private static ServiceException noArticle(String detail) {
        return new ServiceException(Failure.NO_ARTICLE_IN_PAGE, detail);
    }

    /** NUL bytes, or many control or undecodable characters, in the first kilobytes mean binary data. */
    private static boolean looksBinary(String html) {
        int end = Math.min(html.length(), 8192);
        int suspicious = 0;
        for (int i = 0; i < end; i++) {
            char c = html.charAt(i);
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == '\uFFFD') {
                suspicious++;
            }
        }
        return suspicious * 50 > end;
    }

    // ---- Metadata ----

    /** What the page's meta tags and structured data say; the title and byline may still be missing. */
    private static PageMetadata declaredMetadata(Document page) {
        String site = firstMeta(page, "meta[property=og:site_name]", "meta[name=application-name]");
        String og = firstMeta(page, "meta[property=og:title]", "meta[name=twitter:title]");
        String byline = firstMeta(page, "meta[name=author]", "meta[property=article:author]", "meta[name=byl]",
                "meta[name=dc.creator]");
        return new PageMetadata(og == null ? null : withoutSiteName(og, site),
                byline == null || byline.startsWith("http") ? null : byline, publishedTime(page), site,
                language(page));
    }

    /** Fills in the title and byline from the page's elements, once the comments and sidebars are gone. */
    private static PageMetadata withPageElements(PageMetadata declared, Element body) {
        String title = declared.title() != null ? declared.title() : headline(body);
        if (title == null) {
            title = documentTitle(body.ownerDocument());
        }
        String byline = declared.byline() != null ? declared.byline() : byline(body);
        String published = declared.publishedTime();
        if (published == null) {
            Element time = body.selectFirst("[itemprop=datePublished][datetime], time[datetime]");
            published = time == null || time.attr("datetime").isBlank() ? null : time.attr("datetime").strip();
        }
        return new PageMetadata(title, byline, published, declared.siteName(), declared.language());
    }

    /** The first h1 that is not the site's logo or name. */
    private static String headline(Element body) {
        for (Element h1 : body.select("h1")) {
            boolean branding = h1.parents().stream().anyMatch(PageExtractor::isBranding) || isBranding(h1);
            String text = clean(h1.text());
            if (!branding && !text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    private static boolean isBranding(Element element) {
        return BRANDING.matcher(element.className() + " " + element.id()).find();
    }

    private static String documentTitle(Document page) {
        if (page == null) {
            return null;
        }
        String title = clean(page.title());
        if (title.isEmpty()) {
            return null;
        }
        Matcher separator = TITLE_SEPARATOR.matcher(title);
        int last = -1;
        while (separator.find()) {
            last = separator.start();
        }
        // "Headline - Site": the site's name goes, unless what is left is too short to be a headline.
        if (last > 0 && title.substring(0, last).split("\\s+").length >= 3) {
            return title.substring(0, last).strip();
        }
        return title;
    }

    /** "Headline - Site" becomes "Headline" when the part after the separator is the site's name. */
    private static String withoutSiteName(String title, String site) {
        if (site != null) {
            Matcher separator = TITLE_SEPARATOR.matcher(title);
            while (separator.find()) {
                if (title.substring(separator.end()).equalsIgnoreCase(site) && separator.start() > 0) {
                    return title.substring(0, separator.start()).strip();
                }
            }
        }
        return title;
    }

    private static String byline(Element body) {
        for (Element candidate : body.select("[itemprop=author], [rel=author], .byline, .author, .signature,"
                + " [class*=byline], [class*=author]")) {
            Element name = candidate.selectFirst("[itemprop=name]");
            String text = clean((name == null ? candidate : name).text());
            if (!text.isEmpty() && text.length() <= 100) {
                return text;
            }
        }
        return null;
    }

    private static String publishedTime(Document page) {
        String meta = firstMeta(page, "meta[property=article:published_time]", "meta[itemprop=datePublished]",
                "meta[name=date]", "meta[name=pubdate]", "meta[name=publishdate]", "meta[name=dc.date.issued]",
                "meta[name=dcterms.created]");
        if (meta != null) {
            return meta;
        }
        for (Element script : page.select("script[type=application/ld+json]")) {
            Matcher date = JSON_LD_DATE.matcher(script.data());
            if (date.find()) {
                return date.group(1).strip();
            }
        }
        return null;
    }

    private static String language(Document page) {
        String declared = page.selectFirst("html") == null ? "" : page.selectFirst("html").attr("lang");
        if (declared.isBlank()) {
            declared = page.selectFirst("html") == null ? "" : page.selectFirst("html").attr("xml:lang");
        }
        if (declared.isBlank()) {
            declared = firstMeta(page, "meta[http-equiv=content-language]", "meta[property=og:locale]");
        }
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String primary = declared.strip().split("[-_,\\s]")[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2}") ? primary : null;
    }

    private static String firstMeta(Document page, String... selectors) {
        for (String selector : selectors) {
            for (Element meta : page.select(selector)) {
                String content = clean(meta.attr("content"));
                if (!content.isEmpty()) {
                    return content;
                }
            }
        }
        return null;
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
    }

    // ---- The article ----

    private static void removeUnlikely(Element body) {
        body.select(REMOVED).remove();
        List<Element> doomed = new ArrayList<>();
        for (Element element : body.getAllElements()) {
            if (element == body) {
                continue;
            }
            String tag = element.normalName();
            String names = element.className() + " " + element.id();
            boolean hidden = HIDDEN_STYLE.matcher(element.attr("style")).find();
            boolean unlikely = !tag.equals("article") && !tag.equals("main") && !tag.equals("a")
                    && UNLIKELY.matcher(names).find() && !MAYBE.matcher(names).find();
            if (hidden || unlikely) {
                doomed.add(element);
            }
        }
        doomed.forEach(Element::remove);
    }

    /** The blocks that make up the article, in page order: the best-scored one and its siblings that read like it. */
    private static List<Element> content(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element element : body.getAllElements()) {
            if (!isParagraph(element)) {
                continue;
            }
            String text = element.text();
            if (text.length() < 25) {
                continue;
            }
            double score = 1 + commas(text) + Math.min(3, text.length() / 100);
            Element ancestor = element.parent();
            for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.parent()) {
                if (ancestor.normalName().equals("html")) {
                    break;
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(ancestor, score / divider, Double::sum);
            }
        }
        Element top = null;
        double topScore = 0;
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            double score = (entry.getValue() + initialScore(entry.getKey())) * (1 - linkDensity(entry.getKey()));
            entry.setValue(score);
            if (score > topScore) {
                top = entry.getKey();
                topScore = score;
            }
        }
        if (top == null) {
            return List.of();
        }
        Element parent = top.parent();
        if (parent == null || top == body) {
            return List.of(top);
        }
        double threshold = Math.max(10, topScore * 0.2);
        List<Element> content = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == top || belongs(sibling, top, scores, topScore, threshold)) {
                content.add(sibling);
            }
        }
        return content;
    }

    private static boolean belongs(Element sibling, Element top, Map<Element, Double> scores, double topScore,
            double threshold) {
        double bonus = !top.className().isEmpty() && top.className().equals(sibling.className()) ? topScore * 0.2 : 0;
        Double score = scores.get(sibling);
        if (score != null && score + bonus >= threshold) {
            return true;
        }
        if (!sibling.normalName().equals("p")) {
            return false;
        }
        String text = sibling.text();
        double links = linkDensity(sibling);
        return text.length() > 80 ? links < 0.25
                : !text.isEmpty() && links == 0 && SENTENCE_END.matcher(text).find();
    }

    private static boolean isParagraph(Element element) {
        return switch (element.normalName()) {
            case "p", "pre", "td", "blockquote" -> true;
            case "div", "section", "article" -> element.children().stream()
                    .noneMatch(child -> PARAGRAPH_BREAKERS.contains(child.normalName()));
            default -> false;
        };
    }

    private static double initialScore(Element element) {
        double score = switch (element.normalName()) {
            case "div", "article", "main" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        return score + classWeight(element);
    }

    private static int classWeight(Element element) {
        int weight = 0;
        for (String name : List.of(element.className(), element.id())) {
            if (name.isEmpty()) {
                continue;
            }
            if (NEGATIVE.matcher(name).find()) {
                weight -= 25;
            }
            if (POSITIVE.matcher(name).find()) {
                weight += 25;
            }
        }
        return weight;
    }

    private static int commas(String text) {
        int commas = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、') {
                commas++;
            }
        }
        return commas;
    }

    /** The share of an element's text that is link text, discounting in-page anchors. */
    private static double linkDensity(Element element) {
        int length = element.text().length();
        if (length == 0) {
            return 0;
        }
        double links = 0;
        for (Element link : element.select("a")) {
            String href = link.attr("href");
            links += link.text().length() * (href.startsWith("#") ? 0.3 : 1);
        }
        return links / length;
    }

    /**
     * Removes from the article what is mostly links or media (lists of related stories, galleries, embeds), and a
     * heading that repeats the title, as Readability's conditional cleaning does.
     */
    private static void clean(Element content, String title) {
        Elements headings = content.select("h1, h2");
        for (Element heading : headings) {
            String text = clean(heading.text());
            if (classWeight(heading) < 0 || linkDensity(heading) > 0.33 || text.equals(title)) {
                heading.remove();
            }
        }
        for (Element element : content.select("[class], [id], [rel=author], [itemprop~=author|datePublished]")) {
            boolean byline = BYLINE.matcher(element.className() + " " + element.id()).find()
                    || element.attr("rel").equals("author")
                    || element.attr("itemprop").matches("(?i).*\\b(author|datePublished)\\b.*");
            if (element != content && byline && element.text().length() < 200
                    && BLOCKS.contains(element.normalName())) {
                element.remove();
            }
        }
        Elements blocks = content.select("table, ul, ol, div, section, figure");
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Element block = blocks.get(i);
            if (block != content && isClutter(block)) {
                block.remove();
            }
        }
    }

    private static boolean isClutter(Element block) {
        int weight = classWeight(block);
        if (weight < 0) {
            return true;
        }
        String text = block.text();
        if (commas(text) >= 10) {
            return false;
        }
        int paragraphs = block.select("p").size();
        int images = block.select("img").size();
        // Readability's discount: only a block with over a hundred list items more than paragraphs is a list.
        int items = block.select("li").size() - 100;
        int inputs = block.select("input").size();
        int embeds = block.select("video, audio").size();
        double links = linkDensity(block);
        int length = text.length();
        boolean list = block.normalName().equals("ul") || block.normalName().equals("ol");
        return images > 1 && paragraphs / (double) images < 0.5
                || !list && items > paragraphs
                || inputs > paragraphs / 3
                || !list && length < 25 && (images == 0 || images > 2)
                || weight < 25 && links > 0.2
                || weight >= 25 && links > 0.5
                || embeds == 1 && length < 75 || embeds > 1;
    }

    /** Appends the paragraphs of an element: block boundaries and line breaks end a paragraph. */
    private static void paragraphs(Element root, List<String> paragraphs) {
        StringBuilder current = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    current.append(text.getWholeText());
                } else if (node instanceof Element element
                        && (element.normalName().equals("br") || BLOCKS.contains(element.normalName()))) {
                    flush(current, paragraphs);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    flush(current, paragraphs);
                }
            }
        }, root);
        flush(current, paragraphs);
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        String paragraph = clean(current.toString());
        current.setLength(0);
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
    }
}
