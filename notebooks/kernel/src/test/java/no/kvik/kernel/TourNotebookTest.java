package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * notebooks/tour.ipynb calls every public method of the notebook API (the public classes of no.kvik.notebook, read
 * from the package's sources so a new class is included): a method added to the API without a place in the tour
 * fails here. That the tour runs is NotebooksHeadlessIT's part.
 */
class TourNotebookTest {
    static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
    /** What every object has; not the API's own. */
    static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    @Test
    void theTourCallsEveryPublicMethodOfTheNotebookApi() throws Exception {
        String code = tourCode();
        List<String> missing = new ArrayList<>();
        List<Class<?>> api = apiClasses();
        assertTrue(api.stream().anyMatch(c -> c.getSimpleName().equals("Kvik")), api.toString());
        int methods = 0;
        for (Class<?> c : api) {
            Set<String> names = new TreeSet<>();
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !OBJECT_METHODS.contains(m.getName())) {
                    names.add(m.getName());
                }
            }
            for (String name : names) {
                methods++;
                if (!code.contains("." + name + "(")) missing.add(c.getSimpleName() + "." + name);
            }
        }
        assertEquals(List.of(), missing, "public methods the tour does not call");
        System.out.println("the tour calls all " + methods + " public methods of " + api.size() + " classes");
    }

    /** The public classes of no.kvik.notebook, by the sources' file names. */
    static List<Class<?>> apiClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("engine/src/main/java/no/kvik/notebook"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".java") || name.equals("package-info.java")) continue;
                Class<?> c = Class.forName("no.kvik.notebook." + name.substring(0, name.length() - ".java".length()));
                if (Modifier.isPublic(c.getModifiers())) out.add(c);
            }
        }
        return out;
    }

    /** The code cells of the tour, joined. */
    static String tourCode() throws IOException {
        JsonObject nb = new Gson().fromJson(Files.readString(REPO.resolve("notebooks/tour.ipynb")), JsonObject.class);
        StringBuilder code = new StringBuilder();
        for (JsonElement cell : nb.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if (!c.get("cell_type").getAsString().equals("code")) continue;
            for (JsonElement line : c.getAsJsonArray("source")) code.append(line.getAsString());
            code.append('\n');
        }
        return code.toString();
    }
}
