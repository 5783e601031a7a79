package io.github.zmqffm;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Converts option values between Java and their C representation, through the socket's scratch memory. */
final class SocketOptions {

    /** A Z85-encoded CURVE key and its terminating NUL. */
    private static final long Z85_KEY_SIZE = 41;
    /** {@code sizeof(zmq_fd_t)}: an {@code int} file descriptor, or a 64-bit {@code SOCKET} on Windows. */
    private static final long FD_SIZE = NativeAbi.CURRENT.fd().byteSize();
    /** Bytes and string values are read with buffers of up to 2 MiB (an inproc endpoint is as long as its name). */
    private static final long MAX_VALUE_SIZE = 1L << 20;
    private static final int EINVAL = Errno.EINVAL.code();

    private SocketOptions() {}

    static <T> void set(Socket socket, SocketScratch scratch, SocketOption<T> option, T value) {
        if (!option.writable()) {
            throw new IllegalArgumentException(option + " is read-only");
        }
        if (option.kind() == SocketOption.Kind.STRING) {
            CStrings.requireNoNulSecret("setsockopt(" + option + ")", (String) value); // it may be a key
        }
        option.checkValue(value);
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
        int rc = LibZmq.getsockopt(scratch.errno, socket.handle(), option.code(), buffer, scratch.size);
        if (rc != 0 && capacity == SocketScratch.OPTION_CAPACITY && LibZmq.errno(scratch.errno) == EINVAL) {
            return (T) decode(option, getLong(socket, scratch, option));
        }
        check(rc, scratch, "getsockopt", option);
        long size = scratch.size.get(ValueLayout.JAVA_LONG, 0);
        Object value = switch (option.kind()) {
            case INT -> buffer.get(ValueLayout.JAVA_INT, 0);
            case BOOL -> buffer.get(ValueLayout.JAVA_INT, 0) != 0;
            case INT64, UINT64 -> buffer.get(ValueLayout.JAVA_LONG, 0);
            // A Windows SOCKET is 64 bits wide but its values fit in 32 (they are kernel handles).
            case FD -> FD_SIZE == 8 ? (int) buffer.get(ValueLayout.JAVA_LONG, 0) : buffer.get(ValueLayout.JAVA_INT, 0);
            case BYTES, STRING -> decode(option, buffer.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE));
        };
        return (T) value;
    }

    /**
     * A bytes or string value longer than the scratch (libzmq says EINVAL and not how long): an inproc endpoint
     * can be any length. Retried with buffers 16 times larger until one is {@link #MAX_VALUE_SIZE} or more.
     */
    private static byte[] getLong(Socket socket, SocketScratch scratch, SocketOption<?> option) {
        for (long capacity = SocketScratch.OPTION_CAPACITY * 16; ; capacity *= 16) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buffer = arena.allocate(capacity);
                scratch.size.set(ValueLayout.JAVA_LONG, 0, capacity);
                int rc = LibZmq.getsockopt(scratch.errno, socket.handle(), option.code(), buffer, scratch.size);
                if (rc == 0) {
                    return buffer.asSlice(0, scratch.size.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
                }
                if (LibZmq.errno(scratch.errno) != EINVAL || capacity >= MAX_VALUE_SIZE) {
                    check(rc, scratch, "getsockopt", option);
                }
            }
        }
    }

    /** A string ends at its NUL (libzmq counts it in the size). */
    private static Object decode(SocketOption<?> option, byte[] bytes) {
        if (option.kind() == SocketOption.Kind.BYTES) {
            return bytes;
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
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
