package io.precis.article;

import io.precis.core.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An HTML fragment to translate (a CMS body), as the model gets it and as it comes back. The model never writes
 * markup: it gets the fragment's text, one paragraph per run of text between block boundaries and one per {@code alt}
 * or {@code title} attribute, with each inline element's place held by numbered markers ({@code ⟦1⟧le président⟦/1⟧},
 * {@code ⟦2/⟧} for an empty one). The translation is put back into the fragment's own tree, each marker by the element
 * it stands for, so tags, attributes and links come back exactly as they were; an answer whose markers do not match is
 * refused ({@link Markers#problem}).
 */
public final class Fragment {

    /** Elements whose content flows as text: they are held by markers inside a paragraph. */
    private static final Set<String> INLINE = Set.of("a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite",
            "data", "del", "dfn", "em", "font", "i", "img", "input", "ins", "label", "mark", "nobr", "q", "s",
            "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "wbr");
    /**
     * Elements never translated, whose content is code, data or media: kept whole. Inside a paragraph, each is one
     * empty marker, put back as it was.
     */
    private static final Set<String> VERBATIM = Set.of("script", "style", "code", "kbd", "samp", "var", "pre",
            "template", "svg", "math", "iframe", "object", "embed", "noscript", "textarea", "video", "audio",
            "canvas", "picture", "button", "select");
    /** The verbatim elements that stand in a line of text rather than between blocks. */
    private static final Set<String> INLINE_VERBATIM = Set.of("code", "kbd", "samp", "var", "svg", "button",
            "select", "picture", "iframe", "embed", "math");
    private static final List<String> ATTRIBUTES = List.of("alt", "title");
    /** As the page extractor bounds pages: a CMS body is far below both. */
    private static final int MAX_DEPTH = PageExtractor.MAX_DEPTH;
    private static final int MAX_ELEMENTS = PageExtractor.MAX_ELEMENTS;

    private final String html;
    private final String markedText;
    private final List<Unit> units;

    private Fragment(String html, String markedText, List<Unit> units) {
        this.html = html;
        this.markedText = markedText;
        this.units = units;
    }

    /** A run of text to translate: inline nodes of one element, or one attribute of one element. */
    private sealed interface Unit permits Run, Attribute {
    }

    /**
     * Inline nodes, side by side under one parent.
     *
     * @param parent  their parent
     * @param nodes   the nodes, in order
     * @param markers the element each marker number stands for
     */
    private record Run(Element parent, List<Node> nodes, Map<Integer, Element> markers) implements Unit {
    }

    /**
     * An attribute to translate.
     *
     * @param element its element
     * @param name    its name
     */
    private record Attribute(Element element, String name) implements Unit {
    }

    /**
     * Parses a fragment. The tree is not kept: {@link #rebuild} parses the same text again, which gives the same units.
     *
     * @throws ServiceException 400 when its text holds the markers' own characters, 422 when it holds no text to
     *                          translate or is deeper or larger than any CMS body
     */
    public static Fragment parse(String html) {
        if (html.indexOf('⟦') >= 0 || html.indexOf('⟧') >= 0) {
            throw ServiceException.invalidField("text", "cannot hold ⟦ or ⟧ with format html: they mark its"
                    + " elements for the model");
        }
        Document tree = tree(html);
        int[] elements = {0};
        int[] deepest = {0};
        org.jsoup.select.NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element) {
                elements[0]++;
                deepest[0] = Math.max(deepest[0], depth);
            }
        }, tree);
        if (deepest[0] > MAX_DEPTH || elements[0] > MAX_ELEMENTS) {
            throw new ServiceException(io.precis.core.Failure.NO_ARTICLE_TEXT, "The HTML fragment has "
                    + elements[0] + " elements nested " + deepest[0] + " deep; the limits are " + MAX_ELEMENTS
                    + " and " + MAX_DEPTH + ".");
        }
        List<Unit> units = units(tree);
        if (units.isEmpty()) {
            throw new ServiceException(io.precis.core.Failure.NO_ARTICLE_TEXT, "The HTML fragment holds no text to"
                    + " translate.");
        }
        String marked = marked(units);
        if (Markers.paragraphs(marked).size() != units.size()) {
            throw new IllegalStateException("A fragment's units and paragraphs differ");
        }
        return new Fragment(html, marked, List.copyOf(units));
    }

    /** The text the model translates: a paragraph per unit, with markers where the inline elements are. */
    public String markedText() {
        return markedText;
    }

    private static Document tree(String html) {
        Document tree = Jsoup.parseBodyFragment(html);
        tree.outputSettings().prettyPrint(false);
        return tree;
    }

    private static List<Unit> units(Document tree) {
        List<Unit> units = new ArrayList<>();
        collect(tree.body(), units, new int[] {0});
        return units;
    }

    private static String marked(List<Unit> units) {
        List<String> paragraphs = new ArrayList<>(units.size());
        for (Unit unit : units) {
            if (unit instanceof Run run) {
                StringBuilder text = new StringBuilder();
                Map<Element, Integer> numbers = new HashMap<>();
                run.markers().forEach((number, element) -> numbers.put(element, number));
                for (Node node : run.nodes()) {
                    write(node, numbers, text);
                }
                paragraphs.add(text.toString().replaceAll("\\s+", " ").strip());
            } else {
                Attribute attribute = (Attribute) unit;
                paragraphs.add(attribute.element().attr(attribute.name()).replaceAll("\\s+", " ").strip());
            }
        }
        return String.join("\n\n", paragraphs);
    }

    /**
     * The fragment with the translation in place of its text: the same elements, attributes and links, in the same
     * structure. The translation must have passed {@link Markers#problem} against {@link #markedText()}.
     */
    public String rebuild(String translation) {
        String problem = Markers.problem(markedText, translation);
        if (problem != null) {
            // Stored text always passed this check when written; a stored value that does not is not served.
            throw new ServiceException(io.precis.core.Failure.MODEL_BAD_OUTPUT, "The translation cannot be put back"
                    + " into the HTML fragment: " + problem + ".");
        }
        Document tree = tree(html);
        List<Unit> targetUnits = units(tree);
        List<String> paragraphs = Markers.paragraphs(translation);
        // Attributes first: a run's elements are put back as copies of the originals, attributes included.
        for (int i = 0; i < paragraphs.size(); i++) {
            if (targetUnits.get(i) instanceof Attribute attribute) {
                attribute.element().attr(attribute.name(), Markers.strip(paragraphs.get(i)).strip());
            }
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            if (targetUnits.get(i) instanceof Run run) {
                replace(run, paragraphs.get(i));
            }
        }
        return tree.body().html();
    }

    /** Walks an element: verbatim ones are kept, blocks are walked, runs of inline nodes become units. */
    private static void collect(Element element, List<Unit> units, int[] counter) {
        List<Node> run = new ArrayList<>();
        for (Node child : new ArrayList<>(element.childNodes())) {
            if (child instanceof Element inner && !INLINE.contains(inner.normalName())
                    && !(VERBATIM.contains(inner.normalName()) && inline(inner))) {
                flush(element, run, units, counter);
                attributes(inner, units);
                if (!VERBATIM.contains(inner.normalName())) {
                    collect(inner, units, counter);
                }
            } else {
                run.add(child);
            }
        }
        flush(element, run, units, counter);
    }

    private static void flush(Element parent, List<Node> run, List<Unit> units, int[] counter) {
        boolean hasText = run.stream().anyMatch(node -> node instanceof TextNode text && hasText(text.getWholeText())
                || node instanceof Element inline && !VERBATIM.contains(inline.normalName())
                && hasText(inline.text()));
        if (hasText) {
            Map<Integer, Element> markers = new HashMap<>();
            for (Node node : run) {
                number(node, markers, counter);
            }
            units.add(new Run(parent, List.copyOf(run), markers));
        }
        // An image alone between blocks has no text to translate, but its alt text has.
        for (Node node : run) {
            node.traverse((descendant, depth) -> {
                if (descendant instanceof Element inline) {
                    attributes(inline, units);
                }
            });
        }
        run.clear();
    }

    private static void number(Node node, Map<Integer, Element> markers, int[] counter) {
        if (node instanceof Element element) {
            markers.put(++counter[0], element);
            if (VERBATIM.contains(element.normalName())) {
                return;
            }
            for (Node child : element.childNodes()) {
                number(child, markers, counter);
            }
        }
    }

    private static void attributes(Element element, List<Unit> units) {
        for (String name : ATTRIBUTES) {
            if (hasText(element.attr(name))) {
                units.add(new Attribute(element, name));
            }
        }
    }

    /**
     * Whether there is anything to translate: a letter or a digit. Spaces of any kind (a {@code <p>&nbsp;</p>}
     * spacer) are not, and a unit without them would be a paragraph the model drops.
     */
    private static boolean hasText(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** Whether a verbatim element stands in a line of text (an icon, a code span) rather than between blocks. */
    private static boolean inline(Element element) {
        return INLINE_VERBATIM.contains(element.normalName());
    }

    private static void write(Node node, Map<Element, Integer> numbers, StringBuilder text) {
        if (node instanceof TextNode plain) {
            text.append(plain.getWholeText());
        } else if (node instanceof Element element) {
            int number = numbers.get(element);
            if (element.childNodeSize() == 0 || VERBATIM.contains(element.normalName())) {
                text.append('⟦').append(number).append("/⟧");
                return;
            }
            text.append('⟦').append(number).append('⟧');
            for (Node child : element.childNodes()) {
                write(child, numbers, text);
            }
            text.append("⟦/").append(number).append('⟧');
        }
    }

    /** Puts a translated paragraph in place of a run: text nodes, and each marker's element, emptied and refilled. */
    private static void replace(Run run, String paragraph) {
        Node anchor = run.nodes().get(0);
        List<Node> built = new ArrayList<>();
        List<Element> open = new ArrayList<>();
        Matcher marker = Markers.MARKER.matcher(paragraph);
        int at = 0;
        while (marker.find()) {
            add(paragraph.substring(at, marker.start()), open, built);
            Element original = run.markers().get(Integer.parseInt(marker.group(2)));
            if (marker.group(1).isEmpty()) {
                // A verbatim element comes back whole, its content untouched; others are refilled.
                Element element = VERBATIM.contains(original.normalName()) ? original.clone()
                        : original.shallowClone();
                if (open.isEmpty()) {
                    built.add(element);
                } else {
                    open.get(open.size() - 1).appendChild(element);
                }
                if (marker.group(3).isEmpty()) {
                    open.add(element);
                }
            } else {
                open.remove(open.size() - 1);
            }
            at = marker.end();
        }
        add(paragraph.substring(at), open, built);
        for (Node node : built) {
            anchor.before(node);
        }
        run.nodes().forEach(Node::remove);
    }

    private static void add(String text, List<Element> open, List<Node> built) {
        if (text.isEmpty()) {
            return;
        }
        TextNode node = new TextNode(text);
        if (open.isEmpty()) {
            built.add(node);
        } else {
            open.get(open.size() - 1).appendChild(node);
        }
    }
}
