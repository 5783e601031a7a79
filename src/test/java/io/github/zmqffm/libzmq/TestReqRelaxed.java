package io.github.zmqffm.libzmq;

import io.github.zmqffm.Frames;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent.Type;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.EnumSet;

import static io.github.zmqffm.libzmq.Scenario.recvSeq;
import static io.github.zmqffm.libzmq.Scenario.sendSeq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_req_relaxed.cpp}: a REQ with ZMQ_REQ_RELAXED (and ZMQ_REQ_CORRELATE) may send a new
 * request before the reply to the last one; replies to older requests are discarded; the pipe to an unanswered
 * peer stays open (issue 1690); requests piled up before a peer existed get only the last one answered (1695).
 */
class TestReqRelaxed {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final int SERVICES = 5;
    private Socket req;
    private final Socket[] rep = new Socket[SERVICES];

    @BeforeEach
    void setUp() {
        req = zmq.socket(SocketType.REQ);
        req.set(SocketOption.REQ_RELAXED, true);
        req.set(SocketOption.REQ_CORRELATE, true);
        String endpoint = req.bind("tcp://127.0.0.1:*");
        // Strict ordering: each REP must be attached before the next connects (libzmq sleeps SETTLE_TIME instead).
        try (Monitor events = Monitor.of(req, EnumSet.of(Type.HANDSHAKE_SUCCEEDED))) {
            for (int peer = 0; peer < SERVICES; peer++) {
                rep[peer] = zmq.socket(SocketType.REP);
                rep[peer].connect(endpoint);
                Scenario.awaitEvent(events, Type.HANDSHAKE_SUCCEEDED, Duration.ofSeconds(10));
            }
        }
    }

    @AfterEach
    void tearDown() {
        req.close();
        for (Socket socket : rep) {
            socket.close();
        }
    }

    private int events() {
        return req.get(SocketOption.EVENTS);
    }

    @Test
    void testCase1() {
        assertEquals(Poller.POLLOUT, events());
        sendSeq(req, "A", "B");
        recvSeq(rep[0], "A", "B");
        assertEquals(Poller.POLLOUT, events(), "relaxed: may send again without a reply");

        sendSeq(req, "C", "D");
        recvSeq(rep[1], "C", "D");
        assertEquals(Poller.POLLOUT, events());

        sendSeq(rep[0], "WRONG"); // a reply to the first request: discarded
        sendSeq(rep[1], "OK");
        recvSeq(req, "OK");

        sendSeq(req, "E");
        recvSeq(rep[2], "E");
        sendSeq(rep[2], "F", "G");
        recvSeq(req, "F", "G");
    }

    @Test
    void testCase2() {
        testCase1();
        sendSeq(req, "H");
        recvSeq(rep[3], "H");
        sendSeq(rep[3], "BAD");
        Scenario.settle(); // the reply is now in the REQ's pipe
        sendSeq(req, "I");
        recvSeq(rep[4], "I");
        sendSeq(rep[4], "GOOD");
        recvSeq(req, "GOOD");
    }

    @Test
    void testCase3() {
        testCase2();
        sendSeq(req, "J");
        recvSeq(rep[0], "J"); // the pipe to rep[0] survived two sends in a row
    }

    @Test
    void testCase4() {
        String endpoint = Scenario.unusedTcpEndpoint();
        try (Socket client = zmq.socket(SocketType.REQ); Socket router = zmq.socket(SocketType.ROUTER)) {
            client.set(SocketOption.REQ_RELAXED, true);
            client.set(SocketOption.REQ_CORRELATE, true);
            client.connect(endpoint);
            sendSeq(client, "TO_BE_DISCARDED");
            sendSeq(client, "TO_BE_ANSWERED");
            router.bind(endpoint);
            for (int i = 0; i < 2; i++) {
                Frames request = router.recvMultipart();
                assertTrue(router.sendMultipart(request), "echoed as is");
            }
            recvSeq(client, "TO_BE_ANSWERED");
        }
    }
}
