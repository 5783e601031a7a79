package io.github.zmqffm.tools;

import io.github.zmqffm.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorCommandTest {

    @Test
    void reportsTheBundledLibraryWithoutAWarning() throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), Main.class, "doctor"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("native access:  enabled"), result.stdout());
        assertTrue(result.stdout().contains("chosen because: bundled"), result.stdout());
        assertTrue(result.stdout().contains("curve=yes") && result.stdout().contains("draft=yes"), result.stdout());
        assertTrue(result.stdout().lines().noneMatch(line -> line.startsWith("warning:")), result.stdout());
    }

    @Test
    void onASystemLibzmqSaysWhatTheLoaderLogged() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libzmq.so.5")),
                "Debian's libzmq5 (installed with python3-zmq by scripts/install-deps)");

        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(ChildJvm.classPathWithoutBundledLibrary(), List.of(),
                Main.class.getName(), "doctor"));

        assertEquals(0, result.exitCode(), result.stderr());
        String warning = result.stdout().lines().filter(line -> line.startsWith("warning:"))
                .map(line -> line.substring("warning:".length()).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no warning line in " + result.stdout()));
        assertTrue(warning.contains("lacks draft compared with the bundled libzmq"), warning);
        assertTrue(result.stderr().contains("WARNING: " + warning), "the logged warning: " + result.stderr());
    }
}
