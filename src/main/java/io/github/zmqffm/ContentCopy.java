package io.github.zmqffm;

import java.lang.foreign.MemorySegment;

/**
 * Copies between Java-side memory (heap, native, a mapped file) and a message's content. The copy runs in Java,
 * where the JVM turns the fault of a memory-mapped file truncated underneath into an exception; in libzmq the
 * same fault (SIGBUS) would kill the process.
 */
final class ContentCopy {

    private ContentCopy() {}

    /**
     * Throws what an access to {@code segment} would: {@link IllegalStateException} once its arena is closed (a
     * {@link Msg#data()} view whose message moved on), {@link WrongThreadException} off a confined arena's thread.
     */
    static void requireUsable(MemorySegment segment) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("the segment's arena is closed (a Msg.data() view whose message moved on?)");
        }
        if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException("the segment belongs to a confined arena of another thread");
        }
    }

    /** Copies the first {@code length} bytes of a message's content into {@code target}. */
    static void fromMsg(MemorySegment msg, MemorySegment target, long length) {
        try {
            LibZmq.copyFromMsg(msg, target, 0, length);
        } catch (InternalError e) {
            throw truncated(e);
        }
    }

    /** Copies the first {@code length} bytes of {@code source} into a message's content. */
    static void toMsg(MemorySegment source, MemorySegment msg, long length) {
        try {
            LibZmq.copyToMsg(source, 0, msg, length);
        } catch (InternalError e) {
            throw truncated(e);
        }
    }

    private static IllegalStateException truncated(InternalError fault) {
        return new IllegalStateException("a memory fault copying the data: a memory-mapped file behind the segment"
                + " was truncated", fault);
    }
}
