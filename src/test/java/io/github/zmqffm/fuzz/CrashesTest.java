package io.github.zmqffm.fuzz;

import io.github.zmqffm.ChildJvm;
import io.github.zmqffm.IoThreadFaultProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzzer's reading of a dead child: a fault in libzmq's I/O thread is a crash named by its libzmq function. */
class CrashesTest {

    @Test
    void aFaultInLibzmqIsNamedByItsFunction(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("hs_err.log");
        ChildJvm.Result result = IoThreadFaultProbe.runWritingReportTo(report);
        Outcome outcome = Crashes.describe(result.exitCode(), report, result.stderr().lines().toList());
        assertEquals(Outcome.Kind.CRASH, outcome.kind(), outcome.toString());
        // The encoder copies the 64 bytes into its batch (memcpy), for the engine's out_event in the I/O thread.
        assertTrue(outcome.signature().startsWith("SIGSEGV at C [libc.so.6] in zmq::encoder_base_t<"),
                outcome.signature());
        assertTrue(outcome.detail().contains("zmq::stream_engine_base_t::out_event()"), outcome.detail());
    }
}
