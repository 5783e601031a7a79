package io.github.zmqffm.proxy;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture, PAUSE/RESUME, STATISTICS, the remote control endpoint, and the three ways a proxy stops. */
class ProxyControlTest {

    private static final Duration STOP_BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private RunningProxy streamer(Proxy proxy) {
        return proxy.start();
    }

    private Proxy pushPull() {
        return Proxy.of(zmq.context(), SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*"),
                SocketSpec.of(SocketType.PUSH, "@tcp://127.0.0.1:*"));
    }

    @Test
    void captureGetsACopyOfEveryMessage() {
        String capture = TestContext.inproc();
        // The proxy is closed first: a PUSH capture socket without its reader would block it.
        try (Socket captured = zmq.socket(SocketType.PULL);
             Socket push = zmq.socket(SocketType.PUSH);
             Socket pull = zmq.socket(SocketType.PULL);
             RunningProxy proxy = streamer(pushPull().withCapture(SocketSpec.of(SocketType.PUSH, "@" + capture)))) {
            captured.connect(capture);
            push.connect(proxy.frontendEndpoint());
            pull.connect(proxy.backendEndpoint());
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sent.add("message " + i);
                push.send("message " + i);
            }
            push.sendMultipart(Frames.ofStrings("part one", "part two").asList());
            List<String> delivered = new ArrayList<>();
            List<String> copies = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                delivered.add(pull.recvString());
                copies.add(captured.recvString());
            }
            assertEquals(sent, delivered);
            assertEquals(sent, copies);
            assertEquals(List.of("part one", "part two"), strings(pull.recvMultipart()));
            assertEquals(List.of("part one", "part two"), strings(captured.recvMultipart()),
                    "capture keeps the frames of a multipart message together");
            proxy.terminate();
            assertEquals(List.of("PAUSE", "STATISTICS", "TERMINATE"),
                    List.of(captured.recvString(), captured.recvString(), captured.recvString()),
                    "libzmq also copies the control commands that stop() sends to the capture socket");
        }
    }

    @Test
    void pauseHoldsMessagesAndResumeDeliversAllOfThemInOrder() {
        try (RunningProxy proxy = streamer(pushPull());
             Socket push = zmq.socket(SocketType.PUSH);
             Socket pull = zmq.socket(SocketType.PULL)) {
            push.connect(proxy.frontendEndpoint());
            pull.connect(proxy.backendEndpoint());
            push.send("before");
            assertEquals("before", pull.recvString());
            proxy.pause();
            for (int i = 0; i < 500; i++) {
                push.send("held " + i);
            }
            pull.set(SocketOption.RCVTIMEO, 300);
            assertNull(pull.recvString(), "a paused proxy forwarded a message");
            proxy.resume();
            pull.set(SocketOption.RCVTIMEO, 5000);
            for (int i = 0; i < 500; i++) {
                assertEquals("held " + i, pull.recvString());
            }
            Statistics stats = proxy.statistics();
            assertEquals(501, stats.frontendMessagesIn());
            assertEquals(501, stats.backendMessagesOut());
        }
    }

    @Test
    void statisticsCountWhatWasSentBothWays() {
        try (RunningProxy proxy = Proxy.of(zmq.context(), SocketSpec.of(SocketType.DEALER, "@tcp://127.0.0.1:*"),
                SocketSpec.of(SocketType.DEALER, "@tcp://127.0.0.1:*")).start();
             Socket client = zmq.socket(SocketType.DEALER);
             Socket worker = zmq.socket(SocketType.DEALER)) {
            assertEquals(new Statistics(0, 0, 0, 0, 0, 0, 0, 0), proxy.statistics());
            client.connect(proxy.frontendEndpoint());
            worker.connect(proxy.backendEndpoint());
            long bytesIn = 0;
            for (int i = 0; i < 100; i++) {
                byte[] message = new byte[i];
                bytesIn += i;
                client.send(message);
                assertEquals(i, worker.recv().length);
            }
            client.sendMultipart(List.of(new byte[3], new byte[4]));  // one message of 7 bytes
            assertEquals(2, worker.recvMultipart().size());
            for (int i = 0; i < 10; i++) {
                worker.send(new byte[1000]);
                assertEquals(1000, client.recv().length);
            }
            assertEquals(new Statistics(101, bytesIn + 7, 10, 10_000, 10, 10_000, 101, bytesIn + 7),
                    proxy.statistics());
        }
    }

    @Test
    void terminateStopsTheProxyAndKeepsItsFinalCounters() throws Exception {
        RunningProxy proxy = streamer(pushPull());
        try (proxy; Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            push.connect(proxy.frontendEndpoint());
            pull.connect(proxy.backendEndpoint());
            push.send("one");
            assertEquals("one", pull.recvString());
            proxy.terminate();
            assertFalse(proxy.isRunning());
            assertTrue(proxy.failure().isEmpty());
            assertEquals(1, proxy.statistics().frontendMessagesIn(), "the counters at the moment it stopped");
            assertThrows(IllegalStateException.class, proxy::pause);
        }
        assertEquals(0, zmq.context().openSockets());
    }

    @Test
    void closeStopsTheProxyWithinABoundedTime() {
        RunningProxy proxy = streamer(pushPull());
        long start = System.nanoTime();
        proxy.close();
        assertTrue(System.nanoTime() - start < STOP_BOUND.toNanos(), "close took too long");
        assertFalse(proxy.isRunning());
        assertEquals(0, zmq.context().openSockets());
        proxy.close();  // idempotent
    }

    @Test
    void contextShutdownStopsTheProxyWithEterm() throws Exception {
        RunningProxy proxy = streamer(pushPull().withControl(Endpoint.bind("tcp://127.0.0.1:*")));
        proxy.statistics();  // the control pair exists now on both ends
        zmq.context().shutdown();
        assertTrue(proxy.await(STOP_BOUND), "the proxy did not stop on ETERM");
        assertTrue(proxy.failure().orElseThrow() instanceof ContextTerminatedException);
        proxy.close();
        assertEquals(0, zmq.context().openSockets());
    }

    @Test
    void remoteControlEndpointSteersTheProxyAndRefusesUnknownCommands() throws Exception {
        RunningProxy proxy = streamer(pushPull().withControl(Endpoint.bind("tcp://127.0.0.1:*")));
        try (Socket req = zmq.socket(SocketType.REQ)) {
            req.connect(proxy.controlEndpoint());
            req.send("HELLO");
            assertTrue(req.recvString().startsWith("ERROR unknown command 'HELLO'"));
            req.send("PAUSE");
            assertEquals("OK", req.recvString());
            req.send("STATISTICS");
            Frames stats = req.recvMultipart();
            assertEquals(new Statistics(0, 0, 0, 0, 0, 0, 0, 0), Statistics.fromFrames(stats.asList()));
            req.send("RESUME");
            assertEquals("OK", req.recvString());
            req.send("TERMINATE");
            assertEquals("OK", req.recvString());
        }
        assertTrue(proxy.await(STOP_BOUND));
        proxy.close();
        assertEquals(0, zmq.context().openSockets());
    }

    @Test
    void aBindThatFailsIsReportedByStartWithNothingLeftOpen() {
        try (Socket squatter = zmq.socket(SocketType.PULL)) {
            String taken = squatter.bind("tcp://127.0.0.1:*");
            Proxy proxy = Proxy.of(zmq.context(), SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*"),
                    SocketSpec.of(SocketType.PUSH, "@" + taken));
            io.github.zmqffm.ZmqException e = assertThrows(io.github.zmqffm.ZmqException.class, proxy::start);
            assertEquals("EADDRINUSE", e.error().name(), e.getMessage());
            assertTrue(e.getMessage().contains(taken), e.getMessage());
            assertEquals(1, zmq.context().openSockets(), "only the test's own socket is open");
        }
    }

    @Test
    void statisticsFramesRoundTrip() {
        Statistics stats = new Statistics(1, 2, 3, 4, 5, 6, 7, -1);
        assertEquals(stats, Statistics.fromFrames(stats.toFrames()));
        assertTrue(stats.toJson().endsWith("\"bytes_out\":18446744073709551615}}"), stats.toJson());
        assertArrayEquals("PAUSE".getBytes(StandardCharsets.US_ASCII), ControlCommand.PAUSE.wire());
    }

    private static List<String> strings(Frames frames) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            list.add(frames.getString(i));
        }
        return list;
    }
}
