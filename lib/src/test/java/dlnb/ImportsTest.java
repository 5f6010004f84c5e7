package dlnb;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notebooks import the helper with one wildcard line per package ({@code import dlnb.*; import dlnb.plot.*; ...}):
 * that is only safe while no two of its public classes share a simple name, and none hides a class a Java
 * notebook sees by default (java.lang, and the packages JShell imports: java.util, java.io, java.math, java.net,
 * java.nio.file, java.util.concurrent, java.util.function, java.util.prefs, java.util.regex, java.util.stream).
 */
class ImportsTest {
    private static final List<String> DEFAULT_PACKAGES = List.of("java.lang", "java.util", "java.io", "java.math", "java.net",
            "java.nio.file", "java.util.concurrent", "java.util.function", "java.util.prefs", "java.util.regex", "java.util.stream");

    @Test
    void helperPackagesCanBeWildcardImportedTogether() throws IOException {
        Path classes = Path.of("target", "classes", "dlnb");
        Map<String, String> seen = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))::iterator) {
                String name = "dlnb." + classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c;
                try {
                    c = Class.forName(name, false, getClass().getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (!Modifier.isPublic(c.getModifiers())) {
                    continue;
                }
                String other = seen.put(c.getSimpleName(), name);
                if (other != null) {
                    clashes.add(name + " and " + other);
                }
                for (String pkg : DEFAULT_PACKAGES) {
                    try {
                        Class.forName(pkg + "." + c.getSimpleName(), false, ClassLoader.getPlatformClassLoader());
                        clashes.add(name + " and " + pkg + "." + c.getSimpleName());
                    } catch (ClassNotFoundException absent) {
                        // no clash
                    }
                }
            }
        }
        assertTrue(seen.size() > 20, "found the helper's classes: " + seen.keySet());
        assertTrue(clashes.isEmpty(), "simple names that wildcard imports would make ambiguous: " + clashes);
    }
}
