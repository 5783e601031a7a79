package io.github.zmqffm.libzmq;

import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_stream_empty.cpp}: a STREAM answers a DEALER's empty message with [id][empty], sent as a
 * zero-length zero-copy message, and closing that message afterwards is fine (it once failed with EFAULT).
 */
class TestStreamEmpty {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testStreamEmpty() throws Exception {
        AtomicInteger released = new AtomicInteger();
        try (Socket stream = zmq.socket(SocketType.STREAM); Socket dealer = zmq.socket(SocketType.DEALER);
             Msg ident = new Msg()) {
            dealer.connect(stream.bind("tcp://127.0.0.1:*"));
            assertTrue(dealer.send(""));
            assertTrue(stream.recv(ident) > 0);
            try (Msg empty = Msg.wrap(Arena.ofAuto().allocate(0), released::incrementAndGet)) {
                assertTrue(stream.send(ident, io.github.zmqffm.SendFlag.SNDMORE));
                assertTrue(stream.send(empty));
            }
        }
    }
}
