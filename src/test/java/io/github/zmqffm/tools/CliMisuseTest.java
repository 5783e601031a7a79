package io.github.zmqffm.tools;

import io.github.zmqffm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, class 12: every CLI option that takes a duration, a file, an endpoint or a number answers a value it
 * cannot use with one line and exit 2 (perf tools: libzmq's "error in ..." line and 255), never a stack trace, a
 * hang or an endless read. Run in this JVM through {@link Main#commandLine()}; two cases also as real processes.
 */
class CliMisuseTest {

    private static final String ANY = "@tcp://127.0.0.1:*";
    private static final String HUGE = "9223372036854775807s";

    /** What one run printed and returned. */
    private record Run(int exitCode, String stdout, String stderr) {
        List<String> errLines() {
            return stderr.lines().toList();
        }
    }

    @Test
    void hugeDurationsAreUsageErrors() {
        assertUsageError("'" + HUGE + "' is too long: at most 2147483647ms",
                "device", "streamer", "--frontend", ANY, "--backend", ANY, "--linger", HUGE);
        assertUsageError("is too long", "device", "streamer", "--frontend", ANY, "--backend", ANY,
                "--linger", "99999999999999999999s");
        assertUsageError("is too long", "device", "streamer", "--frontend", ANY, "--backend", ANY,
                "--linger", "PT9999999999H");
        assertUsageError("is too long", "device", "streamer", "--frontend", ANY, "--backend", ANY,
                "--stats-interval", HUGE);
        assertUsageError("is too long", "proxy-ctl", "stats", "--control", "tcp://127.0.0.1:1", "--timeout", HUGE);
        assertUsageError("is negative", "proxy-ctl", "stats", "--control", "tcp://127.0.0.1:1", "--timeout", "PT-1S");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void keyFilesThatAreNotSmallRegularFilesAreRefusedWithoutReadingThem(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        Path large = Files.write(dir.resolve("large"), new byte[CurveSecretFile.MAX_SIZE + 1]);
        Path garbage = Files.writeString(dir.resolve("garbage"), "not a key");
        // Before: /dev/zero was read until memory ran out and a FIFO blocked the device's start forever.
        assertKeyFileRefused("/dev/zero", "is not a regular file");
        assertKeyFileRefused(fifo.toString(), "is not a regular file");
        assertKeyFileRefused(dir.toString(), "is not a regular file");
        assertKeyFileRefused(dir.resolve("missing").toString(), "does not exist");
        assertKeyFileRefused(large.toString(), "is larger than 65536 bytes");
        assertKeyFileRefused(garbage.toString(), "holds no CURVE secret key");
    }

    @Test
    void proxyCtlRefusesTheBindFormAndBadEndpoints() {
        // Before: a REQ bound there and its send waited forever for a device to connect.
        assertUsageError("--control: '@tcp://127.0.0.1:5557' is in bind form",
                "proxy-ctl", "stats", "--control", "@tcp://127.0.0.1:5557", "--timeout", "1s");
        assertUsageError("--control: connect(ipc:///" + "x".repeat(200) + "): File name too long",
                "proxy-ctl", "stats", "--control", "ipc:///" + "x".repeat(200), "--timeout", "1s");
        assertUsageError("port 99999 is out of range", "proxy-ctl", "stats", "--control", "tcp://127.0.0.1:99999");
    }

    @Test
    void deviceEndpointsAndNumbersOutOfRangeAreUsageErrors() {
        // Before: tcp://127.0.0.1:99999 bound port 34463; ws://...:99999 ended in a stack trace.
        assertUsageError("--frontend: malformed endpoint 'tcp://127.0.0.1:99999': port 99999 is out of range",
                "device", "streamer", "--frontend", "@tcp://127.0.0.1:99999", "--backend", ANY);
        assertUsageError("bind(ws://127.0.0.1:99999): port '99999' is not a number in 0..65535",
                "device", "streamer", "--frontend", "@ws://127.0.0.1:99999", "--backend", ANY);
        assertUsageError("--hwm: -5 is negative", "device", "streamer", "--frontend", ANY, "--backend", ANY,
                "--hwm", "-5");
        assertUsageError("--messages: -1 is negative", "demo", "-n", "-1");
    }

    @Test
    void perfToolsRefuseCountsThatNeverEndAndReportOtherErrorsInOneLine(@TempDir Path dir) {
        // Before: a count of 0 (or one atoi turns into 0) made the receiver wait for 2^32 - 1 messages.
        assertUsageError("'0' is not a count from 1", "perf", "inproc_thr", "10", "0");
        assertUsageError("'99999999999999' is not a count from 1", "perf", "inproc_thr", "10", "99999999999999");
        assertUsageError("'-1' is not a message size from 0", "perf", "inproc_lat", "-1", "10");
        Run port = run("perf", "local_thr", "tcp://127.0.0.1:99999", "10", "10");
        assertEquals(255, port.exitCode(), port.toString());
        assertEquals("error in bind(tcp://127.0.0.1:99999): port '99999' is not a number in 0..65535 (or * for any"
                + " free port when binding)", port.stdout().strip());
        Run file = run("perf", "inproc_lat", "10", "10", "--round-trips-to", dir.toString());
        assertEquals(255, file.exitCode(), file.toString());
        assertTrue(file.stdout().contains("error in cannot write round-trip times to " + dir), file.stdout());
        assertNoStackTrace(file);
    }

    @Test
    void asRealProcessesTheyEndAtOnceWithExit2() throws Exception {
        for (List<String> args : List.of(
                List.of("proxy-ctl", "stats", "--control", "@tcp://127.0.0.1:5557", "--timeout", "1s"),
                List.of("device", "streamer", "--frontend", ANY, "--backend", ANY, "--curve-server-secret", "/dev/zero"),
                List.of("device", "streamer", "--frontend", ANY, "--backend", ANY, "--linger", HUGE))) {
            // ChildJvm.finish fails the test if the process is still running after 60 s.
            ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), Main.class, args.toArray(String[]::new)));
            assertEquals(2, result.exitCode(), args + ": " + result.stderr());
            assertEquals(1, result.stderr().lines().count(), args + ": " + result.stderr());
        }
    }

    private static void assertKeyFileRefused(String file, String why) {
        assertUsageError("--curve-server-secret: " + file + " " + why,
                "device", "streamer", "--frontend", ANY, "--backend", ANY, "--curve-server-secret", file);
    }

    private static void assertUsageError(String expected, String... args) {
        Run result = run(args);
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.errLines().size(), "one line: " + result);
        assertTrue(result.errLines().getFirst().contains(expected), result.errLines().getFirst());
        assertTrue(result.errLines().getFirst().endsWith(" --help')"), result.errLines().getFirst());
        assertNoStackTrace(result);
    }

    private static void assertNoStackTrace(Run result) {
        assertFalse((result.stdout() + result.stderr()).contains("\tat "), "a stack trace: " + result);
    }

    /** Runs the command line in this JVM, capturing what picocli and the commands print. */
    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream rawErr = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(rawErr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err + rawErr.toString(StandardCharsets.UTF_8));
    }
}
