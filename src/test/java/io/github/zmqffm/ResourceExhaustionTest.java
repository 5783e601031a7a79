package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, class 8: with file descriptors exhausted, {@code new Context()} and {@code socket()} fail with EMFILE
 * within a bounded time, never abort or hang the JVM, leak no descriptor, and everything works again once
 * descriptors are free. Runs {@link FdExhaustionProbe} in a child JVM that lowers its own RLIMIT_NOFILE.
 */
@EnabledOnOs(OS.LINUX)
class ResourceExhaustionTest {

    /** The slowest any single call may be (they take milliseconds; a retry loop would take forever). */
    private static final long MAX_MILLIS = 5_000;

    @Test
    void theBundledLibraryFailsWithEmfileAndRecovers() throws Exception {
        Map<String, String> outcomes = run(List.of());
        // native/patches/0001: the first context of the process needs no /dev/urandom descriptor (getrandom).
        assertEquals("EMFILE", outcomes.get("onlyContextWith0Free"));
        assertEquals("ok", outcomes.get("onlyContextWith1Free"));
        assertEquals("EMFILE", outcomes.get("newContext"));
        // 0002: the first socket starts the reaper and I/O thread; epoll_create failing no longer aborts.
        assertEquals("EMFILE", outcomes.get("firstSocket"));
        assertEach(outcomes, "firstSocketWith", 1, 4, "EMFILE");
        assertEach(outcomes, "firstSocketWith", 5, 7, "ok");
        assertEquals("EMFILE", outcomes.get("socket"));
        // 0004: a tcp or udp bind resolves its host with getifaddrs, which needs a descriptor (it aborted).
        assertEquals("EMFILE", outcomes.get("bindTcp"));
        assertEquals("EMFILE", outcomes.get("bindUdp"));
        assertEquals("EMFILE", outcomes.get("bindIpc"));
        assertEquals("ok", outcomes.get("connectTcp"), "connect is asynchronous: the I/O thread retries");
        // 0005: a udp connect opens its socket in the I/O thread after connect() returned, which asserted it could.
        assertEquals("ok", outcomes.get("connectUdp"));
        // PendingInprocBinder: a pending inproc connect needs its context's binder, made at the connect (without it,
        // zmq_ctx_term made a socket per pending connect, asserting it could: ctx.cpp:169).
        assertEquals("EMFILE", outcomes.get("connectInprocPending"));
        assertEquals("ok", outcomes.get("closeWithInprocPending"));
        // 0003: a thread-safe socket takes its reaper signaler when made, so closing it needs no descriptor.
        assertEquals("EMFILE", outcomes.get("threadSafeSocket"));
        assertEquals("ok", outcomes.get("closeThreadSafe"));
        assertEach(outcomes, "newContextWith", 1, 7, "ok");
        assertFalse(outcomes.containsValue("EMFILE+guard"), "the bundled library needs no Java-side check");
    }

    @Test
    void anotherLibraryIsGuardedInJava() throws Exception {
        // Loaded through zmqffm.library.path the library is not trusted to be patched: FdHeadroom checks first.
        Path library = Path.of(System.getProperty("zmqffm.test.prefix"), "lib", "libzmq.so");
        Map<String, String> outcomes = run(List.of("-Dzmqffm.library.path=" + library));
        assertEquals("EMFILE+guard", outcomes.get("onlyContextWith0Free"));
        assertEquals("EMFILE+guard", outcomes.get("onlyContextWith1Free"));
        assertEquals("ok", outcomes.get("onlyContextWith2Free"));
        assertEquals("EMFILE+guard", outcomes.get("newContextWith1Free"));
        assertEquals("ok", outcomes.get("newContextWith2Free"));
        assertEach(outcomes, "firstSocketWith", 1, 4, "EMFILE+guard");
        assertEquals("ok", outcomes.get("firstSocketWith5Free"));
        assertEquals("EMFILE", outcomes.get("socket"), "later sockets are left to libzmq, which fails cleanly");
    }

    /** The outcome of {@code step} with each number of free descriptors from {@code from} to {@code to}. */
    private static void assertEach(Map<String, String> outcomes, String step, int from, int to, String expected) {
        for (int free = from; free <= to; free++) {
            assertEquals(expected, outcomes.get(step + free + "Free"), step + " with " + free + " free");
        }
    }

    /** Runs the probe; checks what every run must show; returns each step's outcome without its duration. */
    private static Map<String, String> run(List<String> jvmOptions) throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(jvmOptions, FdExhaustionProbe.class));
        String log = "exit " + result.exitCode() + "\n" + result.stdout() + result.stderr();
        assertEquals(0, result.exitCode(), log);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            String[] parts = line.split("=", 2);
            if (parts.length < 2) {
                continue;
            }
            String[] value = parts[1].split(" ");
            outcomes.put(parts[0], value[0]);
            if (value.length > 1 && value[1].endsWith("ms")) {
                long millis = Long.parseLong(value[1].substring(0, value[1].length() - 2));
                assertTrue(millis < MAX_MILLIS, parts[0] + " took " + millis + " ms\n" + log);
            }
        }
        assertEquals("0", outcomes.get("leakedFds"), "descriptors still open after every context closed\n" + log);
        assertEquals("ok", outcomes.get("recovered"), log);
        assertEquals("ok", outcomes.get("done"), log);
        return outcomes;
    }
}
