package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The virtual-thread scenarios of issue 13 in child JVMs whose scheduler has 1 or 2 carriers
 * ({@link VirtualThreadScenarios}): 100 receivers blocked in recv() and 100 senders deliver all 1,000 messages, and
 * JFR records no {@code jdk.VirtualThreadPinned} event with a zmq-ffm frame; the same with
 * {@link WaitStrategy#NATIVE} (the control) pins the carriers and delivers nothing; 10,000 virtual threads with a
 * socket each complete their round trips with a ROUTER echo.
 */
class VirtualThreadSchedulerTest {

    private static List<String> carriers(int carriers) {
        return List.of("-Djdk.virtualThreadScheduler.parallelism=" + carriers,
                "-Djdk.virtualThreadScheduler.maxPoolSize=" + carriers);
    }

    private static Map<String, String> run(List<String> options, String... args) throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(options, VirtualThreadScenarios.class, args),
                Duration.ofSeconds(120));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        System.out.println(String.join(" ", args) + " " + options + ":\n" + result.stdout());
        return result.stdout().lines().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (a, b) -> b));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aHundredBlockedReceiversGetAllTheirMessagesWithFewCarriersAndNothingPins(int carriers) throws Exception {
        Map<String, String> out = run(carriers(carriers), "pull-push");
        assertEquals("null", out.get("failure"));
        assertEquals("1000", out.get("arrived"));
        assertEquals("true", out.get("finished"));
        assertEquals("0", out.get("pinnedZmqFfmEvents"), out.get("pinnedExample"));
    }

    @Test
    void theNativeStrategyPinsTheCarriersWhichIsWhatTheDefaultAvoids() throws Exception {
        Map<String, String> out = run(carriers(2), "pull-push", "NATIVE");
        assertEquals("false", out.get("finished"));
        assertTrue(Integer.parseInt(out.get("arrived")) < 1000, out.toString());
    }

    @Test
    void tenThousandVirtualThreadsWithASocketEachDoTheirRoundTrips() throws Exception {
        Map<String, String> out = run(List.of(), "many-sockets", "10000");
        assertEquals("null", out.get("failure"));
        assertEquals("true", out.get("connected"));
        assertEquals("10000", out.get("completed"));
        assertEquals("true", out.get("finished"));
        assertEquals("0", out.get("pinnedZmqFfmEvents"), out.get("pinnedExample"));
        assertTrue(Double.parseDouble(out.get("fdsPerSocket")) <= 2.0, "fds per socket: " + out.get("fdsPerSocket"));
    }
}
