package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_msg_t;

import java.lang.foreign.MemorySegment;

/**
 * The native memory one socket owns for its whole life, allocated once in one block: a {@code zmq_msg_t} to
 * receive into, one to send from, the errno capture, a {@code size_t} and option scratch. Global scope, so
 * the hot path pays no liveness checks; freed exactly once by {@link #free()}.
 */
final class SocketScratch {

    /** Option values up to this size use the scratch; larger ones take a temporary arena. */
    static final long OPTION_CAPACITY = 512;

    private static final long MSG = zmq_msg_t.layout().byteSize();
    private static final long ERRNO = (LibZmq.CAPTURE_LAYOUT.byteSize() + 15) & ~15L;

    /** The block; the fields below are slices of it. */
    private final MemorySegment block;
    /** Receives messages for {@code recv} into caller buffers and for {@code recv()}. */
    final MemorySegment recvMsg;
    /** Builds messages for blocking sends of heap data. */
    final MemorySegment sendMsg;
    /** Where failing calls capture errno. */
    final MemorySegment errno;
    /** A {@code size_t} for {@code zmq_getsockopt}'s in/out length. */
    final MemorySegment size;
    /** Option values. */
    final MemorySegment option;

    /** Allocates the block and initializes both messages. */
    SocketScratch() {
        block = NativeMemory.allocate(2 * MSG + ERRNO + 16 + OPTION_CAPACITY);
        recvMsg = block.asSlice(0, MSG);
        sendMsg = block.asSlice(MSG, MSG);
        errno = block.asSlice(2 * MSG, ERRNO);
        size = block.asSlice(2 * MSG + ERRNO, 8);
        option = block.asSlice(2 * MSG + ERRNO + 16, OPTION_CAPACITY);
        LibZmq.msgInit(recvMsg);
        LibZmq.msgInit(sendMsg);
    }

    /** Releases both messages and the block. */
    void free() {
        LibZmq.msgClose(errno, recvMsg);
        LibZmq.msgClose(errno, sendMsg);
        NativeMemory.free(block);
    }
}
