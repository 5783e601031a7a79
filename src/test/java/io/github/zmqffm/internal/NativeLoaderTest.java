package io.github.zmqffm.internal;

import io.github.zmqffm.ChildJvm;
import io.github.zmqffm.LoadedLibrary;
import io.github.zmqffm.LoaderProbe;
import io.github.zmqffm.Zmq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLoaderTest {

    private static final Path PREFIX = Path.of(System.getProperty("zmqffm.test.prefix", "target/libzmq/prefix"));

    @Test
    void bundledLibraryIsLoadedWhenNothingOverridesIt() throws IOException {
        LoadedLibrary library = Zmq.library();

        assertEquals(LoadedLibrary.Source.BUNDLED, library.source());
        assertTrue(library.path().startsWith(BundledLibrary.extractionRoot()),
                library.path() + " should be under " + BundledLibrary.extractionRoot());
        String expected;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/native/" + Platform.current().classifier() + "/libzmq.so.sha256")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertEquals(expected, BundledLibrary.sha256(library.path()));
        assertEquals(List.of(), library.missing(), "the bundled library has every capability it is compared on");
        assertTrue(library.warning().isEmpty());
    }


    @Test
    void libraryPathPropertyIsHonoured() throws Exception {
        Path file = PREFIX.resolve("lib/libzmq.so.5").toRealPath();

        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(
                List.of("-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "=" + file), LoaderProbe.class));

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("source=PROPERTY"), result.stdout());
        assertTrue(result.stdout().contains("path=" + file), result.stdout());
    }

    @Test
    void garbageAtLibraryPathIsAnExceptionListingTheAttempt(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("libzmq.so");
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Files.write(garbage, noise);

        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(
                List.of("-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "=" + garbage), LoaderProbe.class));

        assertEquals(3, result.exitCode(), "expected the probe's exit code for LibraryLoadException: " + result);
        assertTrue(result.stderr().contains("could not load libzmq for " + Platform.current().classifier()), result.stderr());
        assertTrue(result.stderr().contains("1. -Dzmqffm.library.path=" + garbage), result.stderr());
        assertTrue(result.stderr().contains("the bundled and system libraries were not tried"), result.stderr());
        assertTrue(result.stderr().contains("suppressed=1"), result.stderr());
    }

    @Test
    void twoJvmsExtractingAtOnceBothSucceed(@TempDir Path dir) throws Exception {
        List<String> options = List.of("-D" + BundledLibrary.EXTRACT_DIR_PROPERTY + "=" + dir);
        Process first = ChildJvm.start(options, LoaderProbe.class);
        Process second = ChildJvm.start(options, LoaderProbe.class);

        ChildJvm.Result a = ChildJvm.finish(first);
        ChildJvm.Result b = ChildJvm.finish(second);

        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        String path = line(a.stdout(), "path=");
        assertEquals(path, line(b.stdout(), "path="));
        assertTrue(Path.of(path).startsWith(dir), path);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> leftovers = files.filter(p -> p.toString().endsWith(".tmp")).collect(Collectors.toList());
            assertEquals(List.of(), leftovers, "temporary files left behind");
        }
    }

    @Test
    void withoutTheClassifierJarASystemLibzmqIsTheFallback() throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(ChildJvm.classPathWithoutBundledLibrary(), List.of(),
                LoaderProbe.class.getName()));

        boolean systemInstalled = Stream.of("/usr/lib/x86_64-linux-gnu/libzmq.so.5", "/usr/lib/aarch64-linux-gnu/libzmq.so.5",
                "/usr/local/lib/libzmq.so.5", "/usr/lib/libzmq.so.5").anyMatch(p -> Files.exists(Path.of(p)));
        if (systemInstalled) {
            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stdout().contains("source=SYSTEM"), result.stdout());
            // Debian's libzmq5 is built without drafts; the fallback says so, once, on the logger.
            assertTrue(result.stdout().contains("missing=[draft]"), result.stdout());
            String warning = line(result.stdout(), "warning=");
            assertTrue(warning.contains("lacks draft compared with the bundled libzmq (curve, draft, ipc)"), warning);
            assertTrue(warning.contains("io.github.zmqffm:zmq-ffm:<version>:" + Platform.current().classifier()), warning);
            assertEquals(1, result.stderr().lines().filter(l -> l.contains(warning)).count(), result.stderr());
        } else {
            assertEquals(3, result.exitCode(), result.toString());
            assertTrue(result.stderr().contains("1. bundled META-INF/native/"), result.stderr());
            assertTrue(result.stderr().contains("2. system libzmq: none of"), result.stderr());
        }
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + output));
    }
}
