package io.github.zmqffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * malloc/free for memory whose lifetime the binding controls exactly (a socket's {@code zmq_msg_t}s, errno
 * capture and option scratch): global-scope segments, so the hot path pays no liveness checks, freed
 * explicitly by their single owner's {@code close()}.
 */
final class NativeMemory {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("calloc"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            Linker.Option.critical(false));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("free"),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS),
            Linker.Option.critical(false));

    private NativeMemory() {}

    /** Zeroed native memory of {@code size} bytes, 16-byte aligned, until {@link #free}. */
    static MemorySegment allocate(long size) {
        MemorySegment address;
        try {
            address = (MemorySegment) CALLOC.invokeExact(1L, size);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (address.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("calloc(" + size + ") failed");
        }
        return address.reinterpret(size);
    }

    /** Frees memory from {@link #allocate}; the segment must not be used afterwards. */
    static void free(MemorySegment segment) {
        try {
            FREE.invokeExact(segment);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
