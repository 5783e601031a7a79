package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The views {@link Msg#data()} hands out for one content of a message on one thread: segments of one confined
 * arena, closed when the content moves on, so that a stale view throws instead of reading memory libzmq freed or
 * took over. The views of the same content on other threads are chained through {@link #next()}.
 */
final class ContentViews {

    private final Arena arena = Arena.ofConfined();
    private final Thread thread = Thread.currentThread();
    private final MemorySegment segment;
    private final ContentViews next;

    /** Views of {@code size} bytes at {@code address}, for the calling thread, before {@code next} (or null). */
    ContentViews(long address, long size, ContentViews next) {
        this.segment = MemorySegment.ofAddress(address).reinterpret(size, arena, null);
        this.next = next;
    }

    MemorySegment segment() {
        return segment;
    }

    /** The views of the same content on another thread, or null. */
    ContentViews next() {
        return next;
    }

    /** Whether the calling thread may use these views (a confined arena serves one thread). */
    boolean usableHere() {
        return thread == Thread.currentThread();
    }

    /**
     * The content moves on: closes the views of the calling thread in the chain from {@code first} and returns
     * those of other threads, which only their own thread can close (empty, and allocating nothing, if none).
     */
    static List<ContentViews> closeThoseHere(ContentViews first) {
        List<ContentViews> elsewhere = List.of();
        for (ContentViews views = first; views != null; views = views.next) {
            if (views.usableHere()) {
                views.arena.close();
            } else {
                if (elsewhere.isEmpty()) {
                    elsewhere = new ArrayList<>(2);
                }
                elsewhere.add(views);
            }
        }
        return elsewhere;
    }

    /** Frees the message block that {@code views} see once none of their segments is reachable any more. */
    static void keepAliveWhileVisible(List<ContentViews> views, MemorySegment block, MemorySegment msg,
            MemorySegment errno) {
        Runnable lastOneFrees = freeingLast(views.size(), block, msg, errno);
        for (ContentViews each : views) {
            Leaks.CLEANER.register(each.segment.scope(), lastOneFrees);
        }
    }

    // Static, so that the action holds the block but not the views (which would keep them reachable forever).
    private static Runnable freeingLast(int holders, MemorySegment block, MemorySegment msg, MemorySegment errno) {
        AtomicInteger left = new AtomicInteger(holders);
        return () -> {
            if (left.decrementAndGet() == 0) {
                LibZmq.msgClose(errno, msg);
                NativeMemory.free(block);
            }
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
