package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The cross-built platforms ({@code mvn -Pcross}): each classifier jar holds its library with a matching SHA-256,
 * and native/smoke-test runs a C program linked against that library (under qemu-aarch64 or wine) that checks the
 * version, CURVE, drafts, a key pair and round trips over inproc and tcp 127.0.0.1, and prints the platform's
 * struct layouts, which must be the ones zmq-ffm declares for that platform ({@link NativeAbi}).
 */
class CrossPlatformSmokeIT {

    private static final String CLASSIFIERS = System.getProperty("zmqffm.test.crossClassifiers", "");
    private static final Path TARGET = Path.of(System.getProperty("zmqffm.test.mainJar")).getParent();

    @TestFactory
    Stream<DynamicTest> eachCrossBuiltPlatform() {
        Assumptions.assumeFalse(CLASSIFIERS.isBlank(), "no cross-built platforms: build with -Pcross");
        return Stream.of(CLASSIFIERS.split(",")).map(String::strip)
                .map(classifier -> DynamicTest.dynamicTest(classifier, () -> check(classifier)));
    }

    private static void check(String classifier) throws Exception {
        String[] parts = classifier.split("-", 2);
        Platform platform = new Platform(parts[0], parts[1]);
        checkJar(classifier, platform.bundledFileName());

        Process process = new ProcessBuilder("bash", "native/smoke-test", classifier,
                TARGET.resolve("libzmq-" + classifier).toString(), TARGET.resolve("smoke-" + classifier).toString())
                .start();
        ChildJvm.Result result = ChildJvm.finish(process, java.time.Duration.ofSeconds(360));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        List<String> lines = result.stdout().lines().toList();
        String report = classifier + ": " + result.stdout() + result.stderr();
        assertEquals("ok", lines.getLast(), report);
        List<String> expected = new ArrayList<>(List.of("version " + pinnedVersion()));
        for (String capability : List.of("curve", "draft", "ipc")) {
            expected.add(capability + " " + (platform.bundledCapabilities().contains(capability) ? 1 : 0));
        }
        expected.addAll(List.of("keypair ok", "inproc ok", "tcp ok", "curve tcp ok", "draft tcp ok"));
        assertEquals(expected, lines.stream().filter(line -> !line.startsWith("layout ") && !line.equals("ok")).toList(),
                report);

        NativeAbi abi = NativeAbi.of(platform);
        List<String> layouts = lines.stream().filter(line -> line.startsWith("layout ")).toList();
        assertEquals(List.of(
                "layout long=" + abi.cLong().byteSize() + " msg=64",
                "layout pollitem size=" + abi.pollItem().byteSize() + " fd=" + NativeAbi.offset(abi.pollItem(), "fd")
                        + " fdsize=" + abi.fd().byteSize() + " events=" + NativeAbi.offset(abi.pollItem(), "events")
                        + " revents=" + NativeAbi.offset(abi.pollItem(), "revents"),
                "layout poller_event size=" + abi.pollerEvent().byteSize()
                        + " fd=" + NativeAbi.offset(abi.pollerEvent(), "fd")
                        + " user_data=" + NativeAbi.offset(abi.pollerEvent(), "user_data")
                        + " events=" + NativeAbi.offset(abi.pollerEvent(), "events")), layouts, report);
    }

    /** The classifier jar holds the library at its resource path, with the SHA-256 its .sha256 file states. */
    private static void checkJar(String classifier, String fileName) throws Exception {
        Path jar = TARGET.resolve(Path.of(System.getProperty("zmqffm.test.mainJar")).getFileName().toString()
                .replace(".jar", "-" + classifier + ".jar"));
        String resource = "META-INF/native/" + classifier + "/" + fileName;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry library = zip.getEntry(resource);
            ZipEntry sha = zip.getEntry(resource + ".sha256");
            assertNotNull(library, jar + " lacks " + resource);
            assertNotNull(sha, jar + " lacks " + resource + ".sha256");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = zip.getInputStream(library)) {
                digest.update(in.readAllBytes());
            }
            try (InputStream in = zip.getInputStream(sha)) {
                assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(),
                        HexFormat.of().formatHex(digest.digest()), jar + ": " + resource);
            }
        }
    }

    private static String pinnedVersion() throws Exception {
        return Files.readAllLines(Path.of("native/VERSIONS")).stream()
                .filter(line -> line.startsWith("LIBZMQ_VERSION=")).findFirst().orElseThrow()
                .substring("LIBZMQ_VERSION=".length());
    }
}
