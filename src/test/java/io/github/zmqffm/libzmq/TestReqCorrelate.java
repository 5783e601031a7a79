package io.github.zmqffm.libzmq;

import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_req_correlate.cpp}: a REQ with ZMQ_REQ_CORRELATE prefixes each request with a 4-byte
 * request id and drops replies that do not carry the id of its last request.
 */
class TestReqCorrelate {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testReqCorrelate() {
        try (Socket req = zmq.socket(SocketType.REQ); Socket router = zmq.socket(SocketType.ROUTER)) {
            req.set(SocketOption.REQ_CORRELATE, true);
            req.connect(router.bind("tcp://127.0.0.1:*"));
            Scenario.sendSeq(req, "ABC", "DEF");

            Frames request = router.recvMultipart();
            assertEquals(5, request.size(), "routing id, request id, delimiter, ABC, DEF: " + request);
            byte[] peer = request.get(0);
            assertTrue(peer.length > 0);
            byte[] requestId = request.get(1);
            assertEquals(4, requestId.length, "a uint32 request id");
            assertEquals(0, request.get(2).length);
            assertEquals("ABC", request.getString(3));
            assertEquals("DEF", request.getString(4));

            int id = ByteBuffer.wrap(requestId).order(ByteOrder.nativeOrder()).getInt();
            byte[] badId = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(id + 1).array();
            assertTrue(router.sendMultipart(Frames.of(peer, badId, new byte[0], "DATA".getBytes())));
            assertTrue(router.sendMultipart(Frames.of(peer, requestId, new byte[0], "GHI".getBytes())));

            assertArrayEquals("GHI".getBytes(), req.recv(), "the reply with the wrong id was dropped");
        }
    }
}
