package io.github.zmqffm;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** ZeroMQ's Base-85 text encoding (RFC 32), as libzmq implements it: how CURVE keys are usually written. */
public final class Z85 {

    private Z85() {}

    /** Encodes {@code data}, whose length must be a multiple of 4, as {@code length * 5 / 4} characters. */
    public static String encode(byte[] data) {
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85 encodes multiples of 4 bytes, not " + data.length);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment text = arena.allocate(data.length * 5L / 4 + 1);
            MemorySegment result = LibZmqControl.z85Encode(errno, text, arena.allocateFrom(ValueLayout.JAVA_BYTE, data), data.length);
            if (result.equals(MemorySegment.NULL)) {
                throw Errors.exception("zmq_z85_encode", data.length + " bytes", LibZmq.errno(errno));
            }
            return text.getString(0);
        }
    }

    /** Decodes Z85 text, whose length must be a multiple of 5. */
    public static byte[] decode(String text) {
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException("Z85 text is a multiple of 5 characters, not " + text.length());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment data = arena.allocate(text.length() * 4L / 5);
            if (LibZmqControl.z85Decode(errno, data, arena.allocateFrom(text)).equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("not valid Z85: " + text);
            }
            return data.toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
