package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * The parts of libzmq's C interface whose layout depends on the platform, which the generated bindings (made on
 * linux-x86_64) cannot carry: C {@code long} (64-bit on LP64 Linux and macOS, 32-bit on Windows), and the socket
 * descriptor {@code fd_t} of {@code zmq_pollitem_t}, {@code zmq_poller_event_t}, {@code zmq_poller_add_fd} and
 * {@code ZMQ_FD} ({@code int}, but {@code SOCKET}, a 64-bit {@code UINT_PTR}, on Windows). All five classifiers are
 * 64-bit. {@code NativeAbiTest} checks each platform's table; the cross-build smoke test checks them against the
 * C compiler of each platform.
 *
 * @param cLong       C {@code long}
 * @param fd          {@code fd_t}
 * @param pollItem    {@code zmq_pollitem_t}: socket, fd, events, revents
 * @param pollerEvent {@code zmq_poller_event_t}: socket, fd, user_data, events
 */
record NativeAbi(ValueLayout cLong, ValueLayout fd, StructLayout pollItem, StructLayout pollerEvent) {

    /** This JVM's platform. */
    static final NativeAbi CURRENT = of(Platform.current());

    /** The layouts of {@code platform}. */
    static NativeAbi of(Platform platform) {
        boolean windows = platform.os().equals("windows");
        ValueLayout fd = windows ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT;
        ValueLayout cLong = windows ? ValueLayout.JAVA_INT : ValueLayout.JAVA_LONG;
        return new NativeAbi(cLong, fd, padded(
                ValueLayout.ADDRESS.withName("socket"), fd.withName("fd"),
                ValueLayout.JAVA_SHORT.withName("events"), ValueLayout.JAVA_SHORT.withName("revents")),
                padded(ValueLayout.ADDRESS.withName("socket"), fd.withName("fd"),
                        ValueLayout.ADDRESS.withName("user_data"), ValueLayout.JAVA_SHORT.withName("events")));
    }

    /** Whether {@code fd_t} is 64-bit (Windows' {@code SOCKET}). */
    boolean wideFd() {
        return fd.byteSize() == 8;
    }

    /** The byte offset of {@code member} in {@code struct}. */
    static long offset(StructLayout struct, String member) {
        return struct.byteOffset(groupElement(member));
    }

    // C's rules: each member at a multiple of its alignment, the size a multiple of the largest alignment.
    private static StructLayout padded(ValueLayout... members) {
        MemoryLayout[] laidOut = new MemoryLayout[members.length * 2];
        int count = 0;
        long offset = 0;
        long alignment = 1;
        for (ValueLayout member : members) {
            long gap = (member.byteAlignment() - offset % member.byteAlignment()) % member.byteAlignment();
            if (gap > 0) {
                laidOut[count++] = MemoryLayout.paddingLayout(gap);
            }
            laidOut[count++] = member;
            offset += gap + member.byteSize();
            alignment = Math.max(alignment, member.byteAlignment());
        }
        long tail = (alignment - offset % alignment) % alignment;
        if (tail > 0) {
            laidOut[count++] = MemoryLayout.paddingLayout(tail);
        }
        return MemoryLayout.structLayout(java.util.Arrays.copyOf(laidOut, count));
    }
}
