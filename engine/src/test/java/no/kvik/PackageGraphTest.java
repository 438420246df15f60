package no.kvik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages of {@code src/main/java} point one way: the graph of which package's code names a type of which
 * other package (imports, static imports and fully qualified names; comments and string literals do not count)
 * has no cycle, and the layer rules of issue #14 hold (release fills the report model, charts only in report,
 * standard populations in reference, Tablesaw only in notebook). A failure names every cycle with the classes
 * that make each of its arrows.
 */
class PackageGraphTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    /** A reference to a type of a kvik package: the package is the dotted lower-case prefix before a type name or *. */
    private static final Pattern KVIK_TYPE = Pattern.compile("\\bno\\.kvik\\.((?:[a-z_][a-z0-9_]*\\.)*[a-z_][a-z0-9_]*)\\.([A-Z][A-Za-z0-9_]*|\\*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([a-z0-9_.]+)\\s*;", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    /** One arrow of the graph with the classes whose code makes it ("Release -> ReleaseReport"). */
    record Edge(String from, String to, SortedSet<String> because) {
    }

    @Test
    void mainPackagesHaveNoCycle() {
        SortedMap<String, SortedMap<String, SortedSet<String>>> graph = packageGraph(MAIN);
        assertTrue(graph.size() > 15, "read the main packages: " + graph.keySet());
        List<String> cycles = cycles(graph);
        assertEquals(List.of(), cycles, "package cycles in " + MAIN + ":\n" + String.join("\n", cycles));
    }

    @Test
    void layersOfIssue14PointOneWay() {
        SortedMap<String, SortedMap<String, SortedSet<String>>> graph = packageGraph(MAIN);
        // the report renders a model that release fills in; release may use report, never the other way
        assertNoArrow(graph, "no.kvik.report", "no.kvik.release");
        // analysis returns data: its files and charts are written by report (and cli)
        assertNoArrow(graph, "no.kvik.analysis", "no.kvik.report");
        assertNoArrow(graph, "no.kvik.analysis", "no.kvik.report.chart");
        // standard populations are reference data, read without the statistics
        assertNoArrow(graph, "no.kvik.reference", "no.kvik.risk");
        // Tablesaw is the notebook's table type only
        assertEquals(Set.of("no.kvik.notebook"), packagesImporting(MAIN, "tech.tablesaw."));
    }

    @Test
    void aCycleThroughImportsAndQualifiedNamesIsFoundAndNamed() throws IOException {
        write("no/kvik/a/A.java", "package no.kvik.a;\nimport no.kvik.b.B;\nclass A { B b; }\n");
        write("no/kvik/b/B.java", "package no.kvik.b;\nclass B { Object c = new no.kvik.c.C(); }\n");
        write("no/kvik/c/C.java", "package no.kvik.c;\nimport static no.kvik.a.A.helper;\nclass C { }\n");
        // not arrows: a comment, a string literal and a text block naming a type of another package
        write("no/kvik/d/D.java", "package no.kvik.d;\n/** see {@link no.kvik.a.A} */\nclass D {\n"
                + "  // no.kvik.b.B\n  String s = \"no.kvik.c.C\";\n  String t = \"\"\"\n    no.kvik.a.A\n    \"\"\";\n}\n");
        write("no/kvik/a/E.java", "package no.kvik.a;\nimport no.kvik.d.*;\nclass E { }\n");

        SortedMap<String, SortedMap<String, SortedSet<String>>> graph = packageGraph(tmp);
        assertEquals(Map.of(), graph.get("no.kvik.d"));
        assertEquals(Set.of("no.kvik.b", "no.kvik.d"), graph.get("no.kvik.a").keySet());
        assertEquals(new TreeSet<>(Set.of("E -> *")), graph.get("no.kvik.a").get("no.kvik.d"));
        assertEquals(List.of("no.kvik.a -> no.kvik.b -> no.kvik.c -> no.kvik.a"
                + " (A -> B; B -> C; C -> A)"), cycles(graph));
    }

    @Test
    void anAcyclicGraphHasNoCycle() throws IOException {
        write("no/kvik/a/A.java", "package no.kvik.a;\nimport no.kvik.b.B;\nclass A { }\n");
        write("no/kvik/b/B.java", "package no.kvik.b;\nimport no.kvik.c.C;\nclass B { }\n");
        write("no/kvik/a/F.java", "package no.kvik.a;\nimport no.kvik.c.C;\nclass F { }\n");
        write("no/kvik/c/C.java", "package no.kvik.c;\nclass C { }\n");
        assertEquals(List.of(), cycles(packageGraph(tmp)));
    }

    private void write(String path, String text) throws IOException {
        Path file = tmp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void assertNoArrow(SortedMap<String, SortedMap<String, SortedSet<String>>> graph, String from, String to) {
        assertTrue(graph.containsKey(from) && graph.containsKey(to), "packages " + from + " and " + to + " exist");
        SortedSet<String> because = graph.get(from).get(to);
        assertNull(because, from + " must not depend on " + to + ": " + because);
    }

    /** Package → package it names → the classes that do so ("Class -> Type"); only packages under {@code root}. */
    static SortedMap<String, SortedMap<String, SortedSet<String>>> packageGraph(Path root) {
        Map<Path, String> packages = new HashMap<>();
        Map<Path, String> code = new HashMap<>();
        for (Path file : javaFiles(root)) {
            String text = codeOnly(read(file));
            Matcher m = PACKAGE.matcher(text);
            if (!m.find()) throw new IllegalStateException(file + ": no package declaration");
            packages.put(file, m.group(1));
            code.put(file, text);
        }
        Set<String> known = new TreeSet<>(packages.values());
        SortedMap<String, SortedMap<String, SortedSet<String>>> graph = new TreeMap<>();
        known.forEach(p -> graph.put(p, new TreeMap<>()));
        for (Map.Entry<Path, String> e : code.entrySet()) {
            String from = packages.get(e.getKey());
            String className = e.getKey().getFileName().toString().replaceFirst("\\.java$", "");
            Matcher m = KVIK_TYPE.matcher(e.getValue());
            while (m.find()) {
                String to = "no.kvik." + m.group(1);
                if (to.equals(from) || !known.contains(to)) continue;
                graph.get(from).computeIfAbsent(to, k -> new TreeSet<>()).add(className + " -> " + m.group(2));
            }
        }
        return graph;
    }

    /** The packages whose code names anything starting with {@code prefix} (e.g. an import of a library). */
    static Set<String> packagesImporting(Path root, String prefix) {
        Set<String> out = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            String text = codeOnly(read(file));
            if (text.contains(prefix)) {
                Matcher m = PACKAGE.matcher(text);
                if (m.find()) out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * Every strongly connected component of more than one package (Tarjan), each shown as one shortest cycle through
     * its first package, with a class that makes each arrow. Empty when the graph is acyclic.
     */
    static List<String> cycles(SortedMap<String, SortedMap<String, SortedSet<String>>> graph) {
        List<String> out = new ArrayList<>();
        for (SortedSet<String> component : new Tarjan(graph).components()) {
            if (component.size() < 2) continue;
            List<String> cycle = shortestCycle(graph, component.first(), component);
            List<String> why = new ArrayList<>();
            for (int k = 0; k + 1 < cycle.size(); k++) why.add(graph.get(cycle.get(k)).get(cycle.get(k + 1)).first());
            out.add(String.join(" -> ", cycle) + " (" + String.join("; ", why) + ")");
        }
        return out;
    }

    /** Breadth-first from {@code start} back to itself inside one component: the cycle with fewest arrows. */
    private static List<String> shortestCycle(SortedMap<String, SortedMap<String, SortedSet<String>>> graph, String start,
                                              Set<String> component) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.removeFirst();
            for (String q : graph.get(p).keySet()) {
                if (!component.contains(q)) continue;
                if (q.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String r = p; !r.equals(start); r = parent.get(r)) path.add(1, r);
                    path.add(start);
                    return path;
                }
                if (parent.putIfAbsent(q, p) == null && !q.equals(start)) queue.addLast(q);
            }
        }
        throw new IllegalStateException("no cycle through " + start + " in " + component);
    }

    /** Tarjan's strongly connected components (Tarjan 1972, SIAM J. Comput. 1(2)), packages visited in name order. */
    private static final class Tarjan {
        private final SortedMap<String, SortedMap<String, SortedSet<String>>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<SortedSet<String>> components = new ArrayList<>();

        Tarjan(SortedMap<String, SortedMap<String, SortedSet<String>>> graph) {
            this.graph = graph;
            for (String p : graph.keySet()) {
                if (!index.containsKey(p)) visit(p);
            }
        }

        List<SortedSet<String>> components() {
            return components.stream().sorted((a, b) -> a.first().compareTo(b.first())).collect(Collectors.toList());
        }

        private void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            onStack.add(p);
            for (String q : graph.get(p).keySet()) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (onStack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                SortedSet<String> component = new TreeSet<>();
                String q;
                do {
                    q = stack.pop();
                    onStack.remove(q);
                    component.add(q);
                } while (!q.equals(p));
                components.add(component);
            }
        }
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source with comments, string and character literals and text blocks blanked out (line breaks kept), so
     * that only code names types: a Javadoc link or a message mentioning a class is not a dependency.
     */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') end = source.indexOf("\"\"\"", end + 1);
                end = end < 0 ? n : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') j += source.charAt(j) == '\\' ? 2 : 1;
                int end = Math.min(n, j + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) out.append(source.charAt(k) == '\n' ? '\n' : ' ');
    }
}
