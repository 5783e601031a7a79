package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketTypeTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void everyTypeIncludingDraftsCanBeCreated() {
        assertTrue(Zmq.has("draft"));
        for (SocketType type : SocketType.values()) {
            try (Socket socket = zmq.socket(type)) {
                assertEquals(type.value(), socket.get(SocketOption.TYPE), type.name());
                assertEquals(type, SocketType.of(socket.get(SocketOption.TYPE)));
            }
        }
    }

    @Test
    void valuesMatchZmqH() {
        assertEquals(0, SocketType.PAIR.value());
        assertEquals(8, SocketType.PUSH.value());
        assertEquals(11, SocketType.STREAM.value());
        assertEquals(12, SocketType.SERVER.value());
        assertEquals(20, SocketType.CHANNEL.value());
        assertTrue(SocketType.SERVER.isThreadSafe() && SocketType.SERVER.isDraft());
        assertTrue(!SocketType.ROUTER.isThreadSafe() && !SocketType.ROUTER.isDraft());
    }

    @Test
    void flagsCombineWithoutAllocating() {
        assertEquals(SendFlag.DONTWAIT_SNDMORE, SendFlag.DONTWAIT.and(SendFlag.SNDMORE));
        assertEquals(SendFlag.SNDMORE, SendFlag.NONE.and(SendFlag.SNDMORE));
        assertEquals(3, SendFlag.DONTWAIT_SNDMORE.bits());
        assertTrue(SendFlag.DONTWAIT_SNDMORE.dontWait());
    }

    @Test
    void serverClientUseRoutingIds() {
        try (Socket server = zmq.socket(SocketType.SERVER); Socket client = zmq.socket(SocketType.CLIENT);
             Msg msg = new Msg()) {
            TestContext.connectTcp(server, client);
            client.send("hi");
            assertEquals(2, server.recv(msg));
            int routingId = msg.routingId();
            assertTrue(routingId != 0);
            try (Msg reply = Msg.copyOf("back".getBytes())) {
                reply.setRoutingId(routingId);
                server.send(reply);
            }
            assertEquals("back", client.recvString());
        }
    }

    @Test
    void radioDishDeliversOnlyJoinedGroups() throws InterruptedException {
        try (Socket radio = zmq.socket(SocketType.RADIO); Socket dish = zmq.socket(SocketType.DISH);
             Msg out = new Msg(); Msg in = new Msg()) {
            dish.join("news");
            dish.connect(radio.bind(TestContext.inproc()));
            Thread.sleep(100); // the join travels to the radio asynchronously
            for (String group : new String[] {"sports", "news"}) {
                out.reset(group.length());
                out.data().copyFrom(java.lang.foreign.MemorySegment.ofArray(group.getBytes()));
                out.setGroup(group);
                radio.send(out);
            }
            assertEquals(4, dish.recv(in));
            assertEquals("news", in.group());
            assertEquals("news", in.getString());
            dish.leave("news");
        }
    }

    /** Fuzzer finding: only a DISH joins and leaves groups; every other type says ENOTSUP (their javadoc says so). */
    @Test
    void joinAndLeaveAreForDishOnly() {
        for (SocketType type : SocketType.values()) {
            if (type == SocketType.DISH) {
                continue;
            }
            try (Socket socket = zmq.socket(type)) {
                TestContext.assertErrno(Errno.ENOTSUP, () -> socket.join("news"));
                TestContext.assertErrno(Errno.ENOTSUP, () -> socket.leave("news"));
            }
        }
        try (Socket dish = zmq.socket(SocketType.DISH)) {
            TestContext.assertErrno(Errno.EINVAL, () -> dish.leave("news")); // not joined
            dish.join("x".repeat(255));
            TestContext.assertErrno(Errno.EINVAL, () -> dish.join("x".repeat(255))); // already joined
            TestContext.assertErrno(Errno.EINVAL, () -> dish.join("x".repeat(256))); // too long
            dish.leave("x".repeat(255));
        }
    }

    /**
     * Fuzzer finding (seed 1202, index 33682): a REQ connected to a STREAM socket bound on inproc, and its first
     * send aborted libzmq (stream.cpp:201). STREAM over inproc is refused with ENOCOMPATPROTO; tcp still works.
     */
    @Test
    void streamOverInprocIsRefusedBecauseLibzmqWouldAbort() {
        try (Socket stream = zmq.socket(SocketType.STREAM)) {
            ZmqException bind = assertThrows(ZmqException.class, () -> stream.bind("inproc://stream-abort"));
            assertEquals(Errno.ENOCOMPATPROTO, bind.error());
            assertTrue(bind.getMessage().contains("STREAM"), bind.getMessage());
            ZmqException connect = assertThrows(ZmqException.class, () -> stream.connect("inproc://stream-abort"));
            assertEquals(Errno.ENOCOMPATPROTO, connect.error());
            assertTrue(stream.bind("tcp://127.0.0.1:*").startsWith("tcp://127.0.0.1:"));
        }
    }

    /** Fuzzer finding: a send on a DGRAM socket without a peer aborted libzmq; native/patches/0006 drops it. */
    @Test
    void dgramWithoutAPeerDropsWhatItSends() throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(java.util.List.of(), DgramProbe.class),
                java.time.Duration.ofMinutes(2));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals("dropped", result.stdout().strip(), result.stderr());
    }
}
