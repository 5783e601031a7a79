package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The views {@link Msg#data()} hands out for one content of a message: segments of one confined arena, closed when
 * the content moves on, so that a stale view throws instead of reading memory libzmq freed or took over.
 */
final class ContentViews {

    private final Arena arena = Arena.ofConfined();
    private final Thread thread = Thread.currentThread();
    private final MemorySegment segment;

    /** Views of {@code size} bytes at {@code address}, for the calling thread. */
    ContentViews(long address, long size) {
        this.segment = MemorySegment.ofAddress(address).reinterpret(size, arena, null);
    }

    MemorySegment segment() {
        return segment;
    }

    /** Whether the calling thread may use these views (a confined arena serves one thread). */
    boolean usableHere() {
        return thread == Thread.currentThread();
    }

    /** Invalidates the views if they belong to the calling thread; false if they belong to another. */
    boolean closeHere() {
        if (thread != Thread.currentThread()) {
            return false;
        }
        arena.close();
        return true;
    }

    /** Frees the message block that these views see once no view (of this arena) is reachable any more. */
    void keepAliveWhileVisible(MemorySegment block, MemorySegment msg, MemorySegment errno) {
        Leaks.CLEANER.register(segment.scope(), freeing(block, msg, errno));
    }

    // Static, so that the action holds the block but not the views (which would keep them reachable forever).
    private static Runnable freeing(MemorySegment block, MemorySegment msg, MemorySegment errno) {
        return () -> {
            LibZmq.msgClose(errno, msg);
            NativeMemory.free(block);
        };
    }

    /** Makes {@code to} (initialised, empty) a copy of {@code from}: content, routing id and group. */
    static void copyContent(MemorySegment from, MemorySegment to, MemorySegment errno) {
        long size = LibZmq.msgSize(from);
        if (LibZmq.msgInitSize(errno, to, size) != 0) {
            int e = LibZmq.errno(errno);
            LibZmq.msgInit(to);
            throw Errors.exception("zmq_msg_init_size", size, e);
        }
        LibZmq.copyMsgContent(from, to, size);
        if (LibZmq.exports("zmq_msg_routing_id")) {
            int routingId = LibZmqDraft.msgRoutingId(from);
            if (routingId != 0) {
                LibZmqDraft.msgSetRoutingId(errno, to, routingId);
            }
            MemorySegment group = LibZmqDraft.msgGroup(from);
            if (!group.equals(MemorySegment.NULL)) {
                LibZmqDraft.msgSetGroup(errno, to, group);
            }
        }
    }
}
