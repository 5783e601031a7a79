package io.github.zmqffm.tools.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each {@code zmqffm perf} tool paired with its libzmq twin, both ways, with small counts: the pair must
 * complete and the measuring side must print libzmq's lines (format and counts; never speeds). Where Java
 * binds, it binds {@code tcp://127.0.0.1:*} and reports the port on stderr; where C binds, it binds an ipc
 * endpoint in a temporary directory (libzmq's tools cannot report a wildcard port).
 */
class PerfToolsPairingTest {

    private static final int MESSAGES = 20_000;
    private static final int ROUND_TRIPS = 2_000;
    private static final String SIZE = "64";
    private static final List<Pattern> THROUGHPUT = patterns(
            "message size: 64 \\[B\\]", "message count: " + MESSAGES,
            "mean throughput: \\d+ \\[msg/s\\]", "mean throughput: \\d+\\.\\d{3} \\[Mb/s\\]");
    private static final List<Pattern> LATENCY = patterns(
            "message size: 64 \\[B\\]", "roundtrip count: " + ROUND_TRIPS, "average latency: \\d+\\.\\d{3} \\[us\\]");

    @TempDir
    Path temp;

    @Test
    void cRemoteThrIntoJavaLocalThr() throws Exception {
        try (ToolProcess local = ToolProcess.java("local_thr", "tcp://127.0.0.1:*", SIZE, "" + MESSAGES)) {
            String endpoint = local.boundEndpoint();
            try (ToolProcess remote = ToolProcess.c("remote_thr", endpoint, SIZE, "" + MESSAGES)) {
                assertPrinted(List.of(), remote.finish());
            }
            assertPrinted(THROUGHPUT, local.finish());
        }
    }

    @Test
    void javaRemoteThrIntoCLocalThr() throws Exception {
        String endpoint = ipc("thr");
        try (ToolProcess local = ToolProcess.c("local_thr", endpoint, SIZE, "" + MESSAGES);
             ToolProcess remote = ToolProcess.java("remote_thr", endpoint, SIZE, "" + MESSAGES)) {
            assertPrinted(List.of(), remote.finish());
            assertPrinted(THROUGHPUT, local.finish());
        }
    }

    @Test
    void cRemoteLatAgainstJavaLocalLat() throws Exception {
        try (ToolProcess local = ToolProcess.java("local_lat", "tcp://127.0.0.1:*", SIZE, "" + ROUND_TRIPS)) {
            String endpoint = local.boundEndpoint();
            try (ToolProcess remote = ToolProcess.c("remote_lat", endpoint, SIZE, "" + ROUND_TRIPS)) {
                assertPrinted(LATENCY, remote.finish());
            }
            assertPrinted(List.of(), local.finish());
        }
    }

    @Test
    void javaRemoteLatAgainstCLocalLat() throws Exception {
        String endpoint = ipc("lat");
        Path roundTrips = temp.resolve("round-trips.txt");
        try (ToolProcess local = ToolProcess.c("local_lat", endpoint, SIZE, "" + ROUND_TRIPS);
             ToolProcess remote = ToolProcess.java("remote_lat", endpoint, SIZE, "" + ROUND_TRIPS,
                     "--round-trips-to", roundTrips.toString())) {
            assertPrinted(LATENCY, remote.finish());
            assertPrinted(List.of(), local.finish());
        }
        List<String> times = Files.readAllLines(roundTrips);
        assertEquals(ROUND_TRIPS, times.size(), "one time per round trip");
        assertTrue(times.stream().mapToLong(Long::parseLong).allMatch(nanos -> nanos > 0), "positive times");
    }

    @Test
    void inprocToolsPrintWhatLibzmqsPrint() throws Exception {
        for (String tool : List.of("inproc_thr", "inproc_lat")) {
            String count = "" + (tool.endsWith("thr") ? MESSAGES : ROUND_TRIPS);
            List<Pattern> expected = tool.endsWith("thr") ? THROUGHPUT : LATENCY;
            try (ToolProcess c = ToolProcess.c(tool, SIZE, count)) {
                assertPrinted(expected, c.finish());
            }
            try (ToolProcess java = ToolProcess.java(tool, SIZE, count)) {
                assertPrinted(expected, java.finish());
            }
        }
    }

    @Test
    void wrongSizeFailsAsInLibzmq() throws Exception {
        String endpoint = ipc("size");
        try (ToolProcess local = ToolProcess.java("local_thr", endpoint, "10", "100");
             ToolProcess remote = ToolProcess.c("remote_thr", endpoint, "11", "100")) {
            assertPrinted(List.of(), remote.finish());
            ToolProcess.Output output = local.finish();
            assertEquals(255, output.exitCode(), output.toString());
            assertEquals(List.of("message of incorrect size received"), output.lines());
        }
    }

    private String ipc(String name) {
        return "ipc://" + temp.resolve(name + ".ipc");
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }

    private static void assertPrinted(List<Pattern> expected, ToolProcess.Output output) {
        assertEquals(0, output.exitCode(), () -> "exit code; " + output);
        assertEquals(expected.size(), output.lines().size(), () -> "lines printed: " + output);
        for (int i = 0; i < expected.size(); i++) {
            String line = output.lines().get(i);
            assertTrue(expected.get(i).matcher(line).matches(), "line " + i + " '" + line + "' should match " + expected.get(i));
        }
    }
}
