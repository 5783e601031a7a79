package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Class 11 of the safety issue: outside the API packages and the generated bindings, no public method hands a
 * class-path caller raw memory or a raw libzmq call. Such methods take or return a {@link MemorySegment}; the
 * classes that have them (LibZmq, NativeMemory, ReleaseQueue, ...) are package-private in {@code io.github.zmqffm}.
 */
class InternalsTest {

    private static final List<String> API_PACKAGES = List.of("io.github.zmqffm", "io.github.zmqffm.proxy",
            "io.github.zmqffm.auth");

    @Test
    void noPublicMethodOutsideTheApiTakesOrReturnsRawMemory() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            String pkg = type.getPackageName();
            boolean api = API_PACKAGES.contains(pkg) || pkg.equals("io.github.zmqffm.lib"); // jextract: decision 19
            if (api || !Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                boolean raw = method.getReturnType() == MemorySegment.class
                        || Arrays.asList(method.getParameterTypes()).contains(MemorySegment.class);
                if (Modifier.isPublic(method.getModifiers()) && raw) {
                    offenders.add(type.getName() + "." + method.getName());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theHotPathAndMemoryHelpersAreNotPublic() throws Exception {
        for (String name : List.of("LibZmq", "LibZmqControl", "LibZmqDraft", "NativeMemory", "ReleaseQueue",
                "SocketScratch", "Errors", "CallGuard", "ProcessBarrier")) {
            Class<?> type = Class.forName("io.github.zmqffm." + name);
            assertEquals(false, Modifier.isPublic(type.getModifiers()), name + " is public");
        }
    }

    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Socket.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.contains("$") && !name.endsWith("module-info") && !name.endsWith("package-info")) {
                    types.add(Class.forName(name, false, InternalsTest.class.getClassLoader()));
                }
            }
        }
        return types;
    }
}
