package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;

import static io.github.zmqffm.libzmq.Scenario.MAX_SENDS;
import static io.github.zmqffm.libzmq.Scenario.drain;
import static io.github.zmqffm.libzmq.Scenario.sendUntilBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_hwm.cpp}: send and receive high-water marks of PUSH/PULL over inproc, bound first and
 * connected first; inproc queues exactly SNDHWM + RCVHWM (0 = no limit). Added: the same count for every blocking
 * socket pair, and over tcp a connect-first sender that queues exactly SNDHWM before its peer exists.
 */
class TestHwm {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private enum Order { BIND_FIRST, CONNECT_FIRST }

    @Test
    void testDefaults() {
        try (Socket bind = zmq.socket(SocketType.PULL); Socket connect = zmq.socket(SocketType.PUSH)) {
            String endpoint = TestContext.inproc();
            bind.bind(endpoint);
            connect.connect(endpoint);
            int sent = sendUntilBlocked(connect, MAX_SENDS);
            Scenario.settle();
            assertEquals(sent, drain(bind));
            assertEquals(2000, sent, "the default HWMs are 1000 on send and 1000 on receive");
        }
    }

    /** libzmq's count_msg: how many messages queue from a PUSH to a PULL that does not read. */
    private int countMsg(int sendHwm, int recvHwm, Order order) {
        return countMsg(SocketType.PUSH, SocketType.PULL, sendHwm, recvHwm, order);
    }

    private int countMsg(SocketType sender, SocketType receiver, int sendHwm, int recvHwm, Order order) {
        String endpoint = TestContext.inproc();
        try (Socket bind = zmq.socket(receiver); Socket connect = zmq.socket(sender)) {
            bind.set(SocketOption.RCVHWM, recvHwm);
            connect.set(SocketOption.SNDHWM, sendHwm);
            if (order == Order.BIND_FIRST) {
                bind.bind(endpoint);
                connect.connect(endpoint);
                Scenario.settle(); // no monitor events for inproc: libzmq's tests wait too
            } else {
                connect.connect(endpoint);
                bind.bind(endpoint);
            }
            int sent = sendUntilBlocked(connect, MAX_SENDS);
            assertEquals(sent, drainFrames(bind, receiver), "every message queued arrives");
            // Blocking, as libzmq's test does: a DONTWAIT send may not yet have seen the reader's "room again" command.
            assertTrue(connect.send(new byte[0]), "after draining, one more can be sent");
            assertEquals(1, drainFrames(bind, receiver));
            return sent;
        }
    }

    /** Like drain, counting messages: a ROUTER delivers each as a routing id frame plus the message. */
    private static int drainFrames(Socket socket, SocketType type) {
        int frames = drain(socket);
        return type == SocketType.ROUTER ? frames / 2 : frames;
    }

    @Test
    void testInfiniteBothInprocBindFirst() {
        assertEquals(MAX_SENDS, countMsg(0, 0, Order.BIND_FIRST));
    }

    @Test
    void testInfiniteBothInprocConnectFirst() {
        assertEquals(MAX_SENDS, countMsg(0, 0, Order.CONNECT_FIRST));
    }

    @Test
    void testInfiniteReceiveInprocBindFirst() {
        assertEquals(MAX_SENDS, countMsg(1, 0, Order.BIND_FIRST));
    }

    @Test
    void testInfiniteReceiveInprocConnectFirst() {
        assertEquals(MAX_SENDS, countMsg(1, 0, Order.CONNECT_FIRST));
    }

    @Test
    void testInfiniteSendInprocBindFirst() {
        assertEquals(MAX_SENDS, countMsg(0, 1, Order.BIND_FIRST));
    }

    @Test
    void testInfiniteSendInprocConnectFirst() {
        assertEquals(MAX_SENDS, countMsg(0, 1, Order.CONNECT_FIRST));
    }

    @Test
    void testFiniteBothBindFirst() {
        assertEquals(2, countMsg(1, 1, Order.BIND_FIRST), "send and receive HWM 1: two can be queued");
    }

    @Test
    void testFiniteBothConnectFirst() {
        assertEquals(2, countMsg(1, 1, Order.CONNECT_FIRST), "send and receive HWM 1: two can be queued");
    }

    @Test
    void testInfiniteRecvConnectAndCloseFirst() {
        String endpoint = TestContext.inproc();
        int sent;
        try (Socket connect = zmq.socket(SocketType.PUSH)) {
            connect.set(SocketOption.SNDHWM, 1);
            connect.set(SocketOption.LINGER, 1000); // what was queued outlives the socket, for the peer to come
            connect.connect(endpoint);
            sent = sendUntilBlocked(connect, MAX_SENDS);
        }
        try (Socket bind = zmq.socket(SocketType.PULL)) {
            bind.set(SocketOption.RCVHWM, 0);
            bind.bind(endpoint);
            assertEquals(sent, drain(bind));
        }
        assertEquals(1, sent, "send HWM 1 before the bind: one can be queued");
    }

    /** Added: inproc queues exactly SNDHWM + RCVHWM for every socket pair that blocks at its HWM. */
    @ParameterizedTest(name = "{0} to {1}, {2}")
    @CsvSource({
        "PUSH, PULL, BIND_FIRST", "PUSH, PULL, CONNECT_FIRST",
        "DEALER, DEALER, BIND_FIRST", "DEALER, DEALER, CONNECT_FIRST",
        "DEALER, ROUTER, BIND_FIRST", "DEALER, ROUTER, CONNECT_FIRST",
        "PAIR, PAIR, BIND_FIRST", "PAIR, PAIR, CONNECT_FIRST",
    })
    void finiteBothPerSocketType(SocketType sender, SocketType receiver, Order order) {
        assertEquals(3 + 4, countMsg(sender, receiver, 3, 4, order));
    }

    /**
     * Added, over tcp: a socket that connects before its peer binds has its pipe at once, so exactly SNDHWM
     * messages queue with nobody there; they are all delivered, in order, once the peer binds.
     */
    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"PUSH, PULL", "DEALER, DEALER", "PAIR, PAIR"})
    void connectFirstOverTcpQueuesSendHwmBeforeThePeerExists(SocketType sender, SocketType receiver) {
        String endpoint = Scenario.unusedTcpEndpoint();
        try (Socket connect = zmq.socket(sender); Socket bind = zmq.socket(receiver)) {
            connect.set(SocketOption.SNDHWM, 5);
            connect.set(SocketOption.RECONNECT_IVL, 20);
            connect.connect(endpoint);
            int sent = 0;
            while (sent < MAX_SENDS && connect.send(sequence(sent), SendFlag.DONTWAIT)) {
                sent++;
            }
            assertEquals(5, sent);
            bind.bind(endpoint);
            for (int i = 0; i < sent; i++) {
                byte[] message = bind.recv();
                assertEquals(i, ByteBuffer.wrap(message).getInt(), "order kept");
            }
            assertEquals(-1, bind.recv(new byte[4], RecvFlag.DONTWAIT), "nothing more");
        }
    }

    /**
     * Added, over tcp bound first: at least SNDHWM + RCVHWM messages queue (the kernel's buffers hold more), the
     * sender then blocks, and every message arrives in order.
     */
    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"PUSH, PULL", "DEALER, DEALER", "PAIR, PAIR"})
    void bindFirstOverTcpQueuesAtLeastBothHwmsThenBlocks(SocketType sender, SocketType receiver) {
        try (Socket bind = zmq.socket(receiver); Socket connect = zmq.socket(sender)) {
            bind.set(SocketOption.RCVHWM, 10);
            connect.set(SocketOption.SNDHWM, 10);
            TestContext.connectTcp(bind, connect);
            assertTrue(connect.send(sequence(0)));
            assertEquals(0, ByteBuffer.wrap(bind.recv()).getInt(), "connected");
            int sent = 1;
            int idleRounds = 0;
            // 64 KiB messages fill the kernel's buffers in a few hundred; the I/O threads move them on as we go, so
            // retry after short pauses until three rounds in a row queue nothing more.
            for (int round = 0; round < 500 && idleRounds < 3; round++) {
                int before = sent;
                while (sent < 100_000 && connect.send(sequence(sent), SendFlag.DONTWAIT)) {
                    sent++;
                }
                idleRounds = sent == before ? idleRounds + 1 : 0;
                Scenario.sleep(java.time.Duration.ofMillis(20));
            }
            assertTrue(sent > 20, "at least both HWMs queue; sent " + sent);
            assertEquals(3, idleRounds, "the sender blocks once every queue and buffer is full; sent " + sent);
            for (int i = 1; i < sent; i++) {
                byte[] message = bind.recv();
                assertEquals(i, ByteBuffer.wrap(message).getInt(), "order kept");
            }
        }
    }

    /** A 64 KiB message that starts with its sequence number. */
    private static byte[] sequence(int n) {
        return ByteBuffer.allocate(65536).putInt(n).array();
    }
}
