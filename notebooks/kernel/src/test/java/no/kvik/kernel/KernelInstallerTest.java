package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInstallerTest {

    @TempDir
    Path tmp;

    private static List<String> argv(Path kernelJson) throws Exception {
        JsonObject spec = new Gson().fromJson(Files.readString(kernelJson), JsonObject.class);
        assertEquals("kvik (Java)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        return argv;
    }

    @Test
    void singleJarIsCopiedAndReferencedThroughResourceDir() throws Exception {
        Path jar = Files.writeString(tmp.resolve("built.jar"), "jar bytes");
        Path json = KernelInstaller.install(tmp.resolve("data"), "kvik", "/opt/java/bin/java", List.of(jar));
        assertEquals(tmp.resolve("data/kernels/kvik/kernel.json"), json);
        assertEquals("jar bytes", Files.readString(tmp.resolve("data/kernels/kvik/kvik-kernel.jar")));
        List<String> expected = new ArrayList<>(List.of("/opt/java/bin/java"));
        expected.addAll(KernelInstaller.JVM_OPTIONS);
        expected.addAll(List.of("-cp", "{resource_dir}/kvik-kernel.jar", "no.kvik.kernel.KernelMain", "{connection_file}"));
        assertEquals(expected, argv(json));
    }

    @Test
    void classPathOfSeveralEntriesIsReferencedAbsolutely() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path lib = Files.writeString(tmp.resolve("lib.jar"), "x");
        Path json = KernelInstaller.install(tmp.resolve("d"), "kvik-dev", "java", List.of(classes, lib));
        List<String> argv = argv(json);
        int cp = argv.indexOf("-cp");
        assertEquals(classes + File.pathSeparator + lib, argv.get(cp + 1));
        assertTrue(Files.notExists(json.resolveSibling("kvik-kernel.jar")));
    }

    @Test
    void kernelNameMustBeAFolderName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelInstaller.install(tmp, "../evil", "java", List.of(tmp)));
        assertTrue(e.getMessage().contains("may contain only"), e.getMessage());
    }
}
