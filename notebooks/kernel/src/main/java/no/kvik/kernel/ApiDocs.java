package no.kvik.kernel;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The Javadoc of the kvik notebook API for the kernel's inspect (Shift-Tab): JShell finds Javadoc only in the
 * JDK's own sources, so the build copies the API's sources ({@code no.kvik.notebook}) into the kernel jar under
 * {@value #SOURCES}, and this reads a class's doc comments from them with javac's parser when first asked.
 */
final class ApiDocs {
    static final String SOURCES = "kvik-api-sources/";
    /** The package whose sources are shipped (imported in every cell, see {@link KvikKernel#STARTUP}). */
    static final String API_PACKAGE = "no.kvik.notebook";
    /** How much of a doc comment inspect shows: whole sentences up to this many characters (at least one). */
    static final int MAX_CHARS = 500;

    /** Per class (binary name): member key ({@code ""} for the class, {@code name(Type,Type)} for a method) to doc. */
    private final Map<String, Map<String, String>> docs = new ConcurrentHashMap<>();

    /**
     * The opening sentences of the Javadoc of what a JShell signature names (e.g.
     * {@code no.kvik.notebook.Kvik no.kvik.notebook.Kvik.open(java.nio.file.Path store)}, in a cell that imports the
     * package {@code Kvik Kvik.open(Path store)}, or a class name), or null
     * when it is not in the shipped sources or has no doc comment.
     */
    String forSignature(String signature) {
        int paren = signature.indexOf('(');
        String qualified = paren < 0 ? signature.trim() : lastToken(signature.substring(0, paren));
        String className = paren < 0 ? qualified : qualified.substring(0, Math.max(0, qualified.lastIndexOf('.')));
        // JShell names imported classes by their simple names: every cell imports the API's package
        if (!className.contains(".")) className = API_PACKAGE + "." + className;
        Map<String, String> members = docs.computeIfAbsent(className, ApiDocs::read);
        if (members.isEmpty()) return null;
        if (paren < 0) return summary(members.get(""));
        String method = qualified.substring(qualified.lastIndexOf('.') + 1);
        String params = signature.substring(paren + 1, signature.lastIndexOf(')'));
        List<String> types = new ArrayList<>();
        for (String p : splitTopLevel(params)) {
            String t = p.trim();
            if (t.isEmpty()) continue;
            int space = lastSpaceOutsideGenerics(t);
            types.add(simpleType(space < 0 ? t : t.substring(0, space)));
        }
        return summary(members.get(method + "(" + String.join(",", types) + ")"));
    }

    private static String lastToken(String s) {
        String t = s.trim();
        int space = t.lastIndexOf(' ');
        return space < 0 ? t : t.substring(space + 1);
    }

    /** The doc comments of one class's source, read from the jar; empty when the class is not shipped. */
    private static Map<String, String> read(String className) {
        String resource = SOURCES + className.replace('.', '/') + ".java";
        String source;
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return Map.of();
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        return parse(className.substring(className.lastIndexOf('.') + 1), source);
    }

    /** Doc comments of the top-level class {@code simpleName} and of its own methods (not of nested types'). */
    static Map<String, String> parse(String simpleName, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + simpleName + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null, List.of(file));
        DocTrees trees = DocTrees.instance(task);
        Map<String, String> out = new HashMap<>();
        try {
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Integer>() {
                    @Override
                    public Void visitClass(ClassTree node, Integer depth) {
                        if (depth == 0 && node.getSimpleName().contentEquals(simpleName)) {
                            String doc = trees.getDocComment(getCurrentPath());
                            if (doc != null) out.put("", doc);
                        }
                        return super.visitClass(node, depth + 1);
                    }

                    @Override
                    public Void visitMethod(MethodTree node, Integer depth) {
                        String doc = trees.getDocComment(getCurrentPath());
                        if (depth == 1 && doc != null) {
                            List<String> types = new ArrayList<>();
                            for (VariableTree p : node.getParameters()) types.add(simpleType(p.getType().toString()));
                            out.put(node.getName() + "(" + String.join(",", types) + ")", doc);
                        }
                        return null; // nothing documented inside a method body
                    }
                }.scan(unit, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code java.util.Map<java.lang.String, ?>} → {@code Map}; {@code String...} → {@code String[]}. */
    static String simpleType(String type) {
        StringBuilder erased = new StringBuilder();
        int depth = 0;
        for (char c : type.toCharArray()) {
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (depth == 0 && !Character.isWhitespace(c)) erased.append(c);
        }
        String t = erased.toString().replace("...", "[]");
        return t.substring(t.lastIndexOf('.', t.contains("[") ? t.indexOf('[') : t.length()) + 1);
    }

    private static List<String> splitTopLevel(String params) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == ',' && depth == 0) {
                out.add(params.substring(start, i));
                start = i + 1;
            }
        }
        out.add(params.substring(start));
        return out;
    }

    private static int lastSpaceOutsideGenerics(String p) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == ' ' && depth == 0) last = i;
        }
        return last;
    }

    /**
     * The main description (before the block tags) as plain text: inline tags by their text, HTML tags dropped,
     * whitespace collapsed, cut after the last whole sentence within {@link #MAX_CHARS}; null for no comment.
     */
    static String summary(String doc) {
        if (doc == null) return null;
        String main = doc.split("(?m)^\\s*@")[0];
        String text = main.replaceAll("\\{@(?:link|linkplain)\\s+([^}\\s]+)\\s+([^}]+)}", "$2")
                .replaceAll("\\{@(?:link|linkplain)\\s+#?([^}]+)}", "$1").replace('#', '.')
                .replaceAll("\\{@(?:code|literal|value)\\s*([^}]*)}", "$1")
                .replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) return null;
        if (text.length() <= MAX_CHARS) return text;
        int cut = -1;
        for (int i = text.indexOf(". "); i >= 0 && i < MAX_CHARS; i = text.indexOf(". ", i + 1)) cut = i + 1;
        return cut > 0 ? text.substring(0, cut) : text.substring(0, MAX_CHARS) + "…";
    }
}
