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
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data",
            "del", "dfn", "em", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
            "sup", "time", "u", "var", "wbr");
    /** Elements that are never translated: their content is code or data, kept as is. */
    private static final Set<String> VERBATIM = Set.of("script", "style", "code", "pre", "template", "svg", "math",
            "iframe", "object", "noscript", "textarea");
    private static final List<String> ATTRIBUTES = List.of("alt", "title");

    private final Document tree;
    private final List<Unit> units;

    private Fragment(Document tree, List<Unit> units) {
        this.tree = tree;
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
     * Parses a fragment.
     *
     * @throws ServiceException 422 when it holds no text to translate
     */
    public static Fragment parse(String html) {
        Document tree = Jsoup.parseBodyFragment(html);
        tree.outputSettings().prettyPrint(false);
        List<Unit> units = new ArrayList<>();
        collect(tree.body(), units, new int[] {0});
        if (units.isEmpty()) {
            throw new ServiceException(io.precis.core.Failure.NO_ARTICLE_TEXT, "The HTML fragment holds no text to"
                    + " translate.");
        }
        return new Fragment(tree, List.copyOf(units));
    }

    /** The text the model translates: a paragraph per unit, with markers where the inline elements are. */
    public String markedText() {
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
        // A fresh tree for each answer: the parsed one is shared by every request that sends this fragment.
        Fragment target = parse(tree.body().html());
        List<String> paragraphs = Markers.paragraphs(translation);
        if (paragraphs.size() != target.units.size()) {
            throw new IllegalStateException("A translation of " + paragraphs.size() + " paragraphs for "
                    + target.units.size() + " units");
        }
        // Attributes first: a run's elements are put back as copies of the originals, attributes included.
        for (int i = 0; i < paragraphs.size(); i++) {
            if (target.units.get(i) instanceof Attribute attribute) {
                attribute.element().attr(attribute.name(), Markers.strip(paragraphs.get(i)));
            }
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            if (target.units.get(i) instanceof Run run) {
                replace(run, paragraphs.get(i));
            }
        }
        return target.tree.body().html();
    }

    /** Walks an element: verbatim ones are kept, blocks are walked, runs of inline nodes become units. */
    private static void collect(Element element, List<Unit> units, int[] counter) {
        List<Node> run = new ArrayList<>();
        for (Node child : new ArrayList<>(element.childNodes())) {
            if (child instanceof Element inner && !INLINE.contains(inner.normalName())) {
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
        boolean hasText = run.stream().anyMatch(node -> node instanceof TextNode text && !text.isBlank()
                || node instanceof Element inline && !inline.text().isBlank());
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
            for (Node child : element.childNodes()) {
                number(child, markers, counter);
            }
        }
    }

    private static void attributes(Element element, List<Unit> units) {
        for (String name : ATTRIBUTES) {
            if (!element.attr(name).isBlank()) {
                units.add(new Attribute(element, name));
            }
        }
    }

    private static void write(Node node, Map<Element, Integer> numbers, StringBuilder text) {
        if (node instanceof TextNode plain) {
            text.append(plain.getWholeText());
        } else if (node instanceof Element element) {
            int number = numbers.get(element);
            if (element.childNodeSize() == 0) {
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
                Element element = original.shallowClone();
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
