package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A modular application ({@code requires io.github.zmqffm}) compiled and run on the module path with the two
 * packaged jars: it loads the bundled libzmq although no module requires the native jar, and neither javac nor the
 * JVM prints a warning. The module exports the API only: code that imports the internals does not compile.
 */
class ModularApplicationIT {

    private static final Path MAIN_JAR = Path.of(System.getProperty("zmqffm.test.mainJar"));
    private static final Path NATIVE_JAR = Path.of(System.getProperty("zmqffm.test.nativeJar"));
    private static final Path BIN = Path.of(System.getProperty("java.home"), "bin");

    private static final String MODULE_INFO = """
            module com.example.app {
                requires io.github.zmqffm;
            }
            """;

    private static final String APP = """
            package com.example.app;

            import io.github.zmqffm.*;

            public class App {
                public static void main(String[] args) {
                    System.out.println("source=" + Zmq.library().source());
                    System.out.println("draft=" + Zmq.has("draft"));
                    try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
                         Socket push = context.socket(SocketType.PUSH)) {
                        push.connect(pull.bind("tcp://127.0.0.1:*"));
                        push.send("on the module path");
                        pull.set(SocketOption.RCVTIMEO, 5000);
                        System.out.println("received=" + pull.recvString());
                    }
                }
            }
            """;

    @Test
    void theModuleExportsOnlyTheApiAndTheNativeJarHasItsOwnName() {
        ModuleDescriptor library = descriptor(MAIN_JAR);
        assertEquals("io.github.zmqffm", library.name());
        assertEquals(Set.of("io.github.zmqffm", "io.github.zmqffm.proxy", "io.github.zmqffm.auth"),
                library.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(library.packages().containsAll(Set.of("io.github.zmqffm.internal", "io.github.zmqffm.lib")));
        assertEquals(Set.of("java.base"),
                library.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));

        ModuleDescriptor natives = descriptor(NATIVE_JAR);
        assertEquals("io.github.zmqffm.natives." + Zmq.platform().replace('-', '.'), natives.name());
        assertEquals(Set.of(), natives.packages(), "the native jar holds resources only");
    }

    @Test
    void aModularApplicationLoadsTheBundledLibraryWithoutWarnings(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, APP);

        ChildJvm.Result run = run(List.of(BIN.resolve("java").toString(), "--enable-native-access=io.github.zmqffm",
                "-Dzmqffm.extract.dir=" + dir.resolve("extracted"),
                "--module-path", String.join(File.pathSeparator, classes.toString(), MAIN_JAR.toString(),
                        NATIVE_JAR.toString()),
                "--module", "com.example.app/com.example.app.App"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("source=BUNDLED", "draft=true", "received=on the module path"), run.stdout().lines().toList());
        assertEquals("", run.stderr(), "the JVM printed a warning");
    }

    @Test
    void theInternalsAreNotVisibleToApplications(@TempDir Path dir) throws Exception {
        for (String internal : List.of("io.github.zmqffm.internal.NativeLoader", "io.github.zmqffm.lib.zmq_h")) {
            String app = "package com.example.app;\npublic class App { Class<?> c = " + internal + ".class; }\n";
            Path sources = Files.createDirectories(dir.resolve(internal).resolve("src/com/example/app"));
            Files.writeString(sources.getParent().getParent().getParent().resolve("module-info.java"), MODULE_INFO);
            Files.writeString(sources.resolve("App.java"), app);

            ChildJvm.Result javac = javac(sources.getParent().getParent().getParent(), dir.resolve(internal).resolve("out"));

            assertNotEquals(0, javac.exitCode(), internal + " must not be accessible");
            String pkg = internal.substring(0, internal.lastIndexOf('.'));
            assertTrue(javac.stderr().contains("package " + pkg + " is not visible")
                    || javac.stderr().contains("package " + pkg + " is declared in module io.github.zmqffm, which does not export it"),
                    javac.stderr());
        }
    }

    private static Path compile(Path dir, String app) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Path pkg = Files.createDirectories(src.resolve("com/example/app"));
        Files.writeString(pkg.resolve("App.java"), app);
        Path out = dir.resolve("classes");
        ChildJvm.Result javac = javac(src, out);
        assertEquals(0, javac.exitCode(), javac.stderr());
        assertEquals("", javac.stdout() + javac.stderr(), "javac -Xlint:all printed a warning");
        return out;
    }

    private static ChildJvm.Result javac(Path src, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("javac").toString(), "-Xlint:all", "-d", out.toString(),
                "--module-path", MAIN_JAR.toString()));
        try (var files = Files.walk(src)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> command.add(file.toString()));
        }
        return run(command);
    }

    private static ChildJvm.Result run(List<String> command) throws Exception {
        return ChildJvm.finish(new ProcessBuilder(command).start());
    }

    private static ModuleDescriptor descriptor(Path jar) {
        return ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor).findFirst().orElseThrow();
    }
}
