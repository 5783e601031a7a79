package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault in one of libzmq's own threads is reported by the JVM (an hs_err file), not a silent death: libzmq blocks
 * every signal in its threads, and a blocked fault makes the kernel kill the process without running any handler
 * (exit code 139, no report). native/patches/0007 leaves the fault signals unblocked there.
 */
class FaultReportTest {

    @Test
    void aFaultInAnIoThreadLeavesACrashReport(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("hs_err.log");
        ChildJvm.Result result = IoThreadFaultProbe.runWritingReportTo(report);
        assertTrue(result.stdout().contains("connected"), result.stdout() + result.stderr());
        // 139 (signal 11) with no report is the kernel's kill; the JVM's handler writes the report, then exits.
        assertTrue(Files.exists(report), "no crash report; exit code " + result.exitCode() + "\n" + result.stdout()
                + result.stderr());
        assertNotEquals(0, result.exitCode());
        String text = Files.readString(report);
        assertTrue(text.contains("SIGSEGV") && text.contains("si_addr: 0x0000000000000008"), text);
        assertTrue(text.contains("Current thread is native thread"), "the fault was not in libzmq's thread:\n" + text);
    }
}
