package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;
import io.github.zmqffm.lib.zmq_h;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** PUSH/PULL through the jextract bindings alone, with no help from the idiomatic layer. */
class GeneratedBindingsTest {

    private static final int MESSAGES = 100;

    @Test
    void pushPullOverTcp() {
        roundTrip("tcp://127.0.0.1:*");
    }

    @Test
    void pushPullOverInproc() {
        roundTrip("inproc://generated-bindings-test");
    }

    private static void roundTrip(String bindEndpoint) {
        NativeLoader.ensureLoaded();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment context = zmq_h.zmq_ctx_new();
            MemorySegment pull = zmq_h.zmq_socket(context, zmq_h.ZMQ_PULL());
            MemorySegment push = zmq_h.zmq_socket(context, zmq_h.ZMQ_PUSH());
            try {
                setInt(arena, pull, zmq_h.ZMQ_RCVTIMEO(), 5000);
                setInt(arena, push, zmq_h.ZMQ_SNDTIMEO(), 5000);
                setInt(arena, pull, zmq_h.ZMQ_LINGER(), 0);
                setInt(arena, push, zmq_h.ZMQ_LINGER(), 0);
                check(zmq_h.zmq_bind(pull, arena.allocateFrom(bindEndpoint)), "bind");
                MemorySegment endpoint = arena.allocate(256);
                MemorySegment size = arena.allocateFrom(ValueLayout.JAVA_LONG, 256);
                check(zmq_h.zmq_getsockopt(pull, zmq_h.ZMQ_LAST_ENDPOINT(), endpoint, size), "getsockopt");
                check(zmq_h.zmq_connect(push, endpoint), "connect");

                MemorySegment received = arena.allocate(64);
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] text = ("message " + i).getBytes(StandardCharsets.UTF_8);
                    MemorySegment out = arena.allocateFrom(ValueLayout.JAVA_BYTE, text);
                    assertEquals(text.length, zmq_h.zmq_send(push, out, text.length, 0));
                    int n = zmq_h.zmq_recv(pull, received, received.byteSize(), 0);
                    assertEquals(text.length, n, "zmq_recv errno " + zmq_h.zmq_errno());
                    assertEquals("message " + i, new String(received.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
                            StandardCharsets.UTF_8));
                }
            } finally {
                zmq_h.zmq_close(push);
                zmq_h.zmq_close(pull);
                assertEquals(0, zmq_h.zmq_ctx_term(context));
            }
        }
    }

    private static void setInt(Arena arena, MemorySegment socket, int option, int value) {
        check(zmq_h.zmq_setsockopt(socket, option, arena.allocateFrom(ValueLayout.JAVA_INT, value), 4), "setsockopt");
    }

    private static void check(int rc, String call) {
        assertNotEquals(-1, rc, () -> call + " failed: errno " + zmq_h.zmq_errno());
    }
}
