package io.github.zmqffm.interop;

import io.github.zmqffm.Socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Test payloads that show a peer passes bytes through unchanged: every byte value, NULs included. */
final class Payloads {

    private Payloads() {}

    /** 256 + i bytes: each byte value once, rotated by {@code i}, then {@code i} more bytes. */
    static byte[] binary(int i) {
        byte[] payload = new byte[256 + i];
        for (int b = 0; b < payload.length; b++) {
            payload[b] = (byte) (b + i);
        }
        return payload;
    }

    /** Sends {@code count} binary payloads, each answered before the next, and asserts each comes back unchanged. */
    static void assertEchoed(Socket socket, int count) {
        for (int i = 0; i < count; i++) {
            byte[] payload = binary(i);
            socket.send(payload);
            assertArrayEquals(payload, socket.recv(), "echo " + i);
        }
    }
}
