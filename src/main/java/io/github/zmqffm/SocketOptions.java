package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Converts option values between Java and their C representation, through the socket's scratch memory. */
final class SocketOptions {

    /** {@code sizeof(zmq_fd_t)}: an {@code int} file descriptor, or a 64-bit {@code SOCKET} on Windows. */
    /** A Z85-encoded CURVE key and its terminating NUL. */
    private static final long Z85_KEY_SIZE = 41;
    private static final long FD_SIZE = Platform.current().os().equals("windows") ? 8 : 4;

    private SocketOptions() {}

    static <T> void set(Socket socket, SocketScratch scratch, SocketOption<T> option, T value) {
        if (!option.writable()) {
            throw new IllegalArgumentException(option + " is read-only");
        }
        MemorySegment buffer = scratch.option;
        switch (option.kind()) {
            case INT, FD -> buffer.set(ValueLayout.JAVA_INT, 0, (Integer) value);
            case BOOL -> buffer.set(ValueLayout.JAVA_INT, 0, ((Boolean) value) ? 1 : 0);
            case INT64, UINT64 -> buffer.set(ValueLayout.JAVA_LONG, 0, (Long) value);
            case BYTES, STRING -> {
                byte[] bytes = value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
                setBytes(socket, scratch, option, bytes);
                return;
            }
        }
        long size = option.kind() == SocketOption.Kind.INT64 || option.kind() == SocketOption.Kind.UINT64 ? 8 : 4;
        check(LibZmq.setsockopt(scratch.errno, socket.handle(), option.code(), buffer, size), scratch, "setsockopt",
                option + "=" + value);
    }

    private static void setBytes(Socket socket, SocketScratch scratch, SocketOption<?> option, byte[] bytes) {
        if (bytes.length <= SocketScratch.OPTION_CAPACITY) {
            MemorySegment.copy(bytes, 0, scratch.option, ValueLayout.JAVA_BYTE, 0, bytes.length);
            check(LibZmq.setsockopt(scratch.errno, socket.handle(), option.code(), scratch.option, bytes.length),
                    scratch, "setsockopt", option);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            check(LibZmq.setsockopt(scratch.errno, socket.handle(), option.code(), buffer, bytes.length),
                    scratch, "setsockopt", option);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T get(Socket socket, SocketScratch scratch, SocketOption<T> option) {
        if (!option.readable()) {
            throw new IllegalArgumentException(option + " is write-only");
        }
        MemorySegment buffer = scratch.option;
        // libzmq wants the exact size for numbers and the capacity for bytes and strings.
        long capacity = switch (option.kind()) {
            case INT, BOOL -> 4;
            case INT64, UINT64 -> 8;
            case FD -> FD_SIZE;
            case BYTES, STRING -> isCurveKey(option) ? Z85_KEY_SIZE : SocketScratch.OPTION_CAPACITY;
        };
        scratch.size.set(ValueLayout.JAVA_LONG, 0, capacity);
        check(LibZmq.getsockopt(scratch.errno, socket.handle(), option.code(), buffer, scratch.size), scratch,
                "getsockopt", option);
        long size = scratch.size.get(ValueLayout.JAVA_LONG, 0);
        Object value = switch (option.kind()) {
            case INT -> buffer.get(ValueLayout.JAVA_INT, 0);
            case BOOL -> buffer.get(ValueLayout.JAVA_INT, 0) != 0;
            case INT64, UINT64 -> buffer.get(ValueLayout.JAVA_LONG, 0);
            // A Windows SOCKET is 64 bits wide but its values fit in 32 (they are kernel handles).
            case FD -> FD_SIZE == 8 ? (int) buffer.get(ValueLayout.JAVA_LONG, 0) : buffer.get(ValueLayout.JAVA_INT, 0);
            case BYTES -> buffer.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE);
            case STRING -> size == 0 ? "" : buffer.asSlice(0, size).getString(0);
        };
        return (T) value;
    }

    /** CURVE keys are read with exactly the size of their Z85 text and its NUL (32 would give binary). */
    private static boolean isCurveKey(SocketOption<?> option) {
        return option == SocketOption.CURVE_PUBLICKEY || option == SocketOption.CURVE_SECRETKEY
                || option == SocketOption.CURVE_SERVERKEY;
    }

    private static void check(int rc, SocketScratch scratch, String call, Object argument) {
        if (rc != 0) {
            throw Errors.exception(call, argument, LibZmq.errno(scratch.errno));
        }
    }
}
