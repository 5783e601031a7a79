package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program with only the two packaged jars on its class path (no test classes, no build directories) loads
 * the bundled libzmq, and no other libzmq (such as a system one) is mapped into the process.
 */
class PackagedJarsIT {

    private static final String PROBE = """
            import io.github.zmqffm.*;
            import java.nio.file.*;
            public class Probe {
                public static void main(String[] args) throws Exception {
                    System.out.println("source=" + Zmq.library().source());
                    System.out.println("path=" + Zmq.libraryPath());
                    try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
                         Socket push = context.socket(SocketType.PUSH)) {
                        push.connect(pull.bind("tcp://127.0.0.1:*"));
                        push.send("through the jars");
                        pull.set(SocketOption.RCVTIMEO, 5000);
                        System.out.println("received=" + pull.recvString());
                    }
                    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                        if (line.contains("libzmq")) {
                            System.out.println("mapped=" + line.substring(line.indexOf('/')));
                        }
                    }
                }
            }
            """;

    @Test
    void theTwoJarsAloneLoadTheBundledLibrary(@TempDir Path dir) throws Exception {
        Path mainJar = Path.of(System.getProperty("zmqffm.test.mainJar"));
        Path nativeJar = Path.of(System.getProperty("zmqffm.test.nativeJar"));
        assertTrue(Files.isRegularFile(mainJar), mainJar + " missing");
        assertTrue(Files.isRegularFile(nativeJar), nativeJar + " missing");
        Path probe = Files.writeString(dir.resolve("Probe.java"), PROBE);

        Process process = ChildJvm.start(mainJar + File.pathSeparator + nativeJar,
                List.of("-Dzmqffm.extract.dir=" + dir.resolve("extracted")), probe.toString());
        ChildJvm.Result result = ChildJvm.finish(process);

        assertEquals(0, result.exitCode(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertTrue(lines.contains("source=BUNDLED"), result.stdout());
        assertTrue(lines.contains("received=through the jars"), result.stdout());
        String path = lines.stream().filter(l -> l.startsWith("path=")).findFirst().orElseThrow().substring(5);
        assertTrue(path.startsWith(dir.resolve("extracted").toString()), path);
        List<String> mapped = lines.stream().filter(l -> l.startsWith("mapped=")).map(l -> l.substring(7)).distinct().toList();
        assertEquals(List.of(path), mapped, "only the bundled libzmq may be mapped");
    }
}
