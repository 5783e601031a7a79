package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_pollitem_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link WaitStrategy#INTERRUPTIBLE} wait of one platform thread: {@code zmq_poll} over the items the caller
 * waits for plus this thread's wake-up pipe. {@link Thread#interrupt()} reaches it the way it reaches a blocked NIO
 * channel: the wait is bracketed by the {@code begin()}/{@code end()} of a private
 * {@link AbstractInterruptibleChannel}, whose close (run by the interrupting thread) writes the pipe. A channel
 * closed that way is replaced; in the steady state nothing is allocated. Lent to one waiting thread at a time from
 * a small pool ({@link #acquire}, {@link #release}), so the descriptor cost is two per thread waiting at once (plus
 * up to 64 idle pairs), not per socket nor per thread that ever waited.
 */
final class InterruptibleWait {

    /** POSIX only: {@code zmq_poll} on Windows polls sockets, not pipes. */
    static final boolean AVAILABLE = !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private static final long ITEM = zmq_pollitem_t.layout().byteSize();
    private static final long SOCKET = zmq_pollitem_t.socket$offset();
    private static final long FD = zmq_pollitem_t.fd$offset();
    private static final long EVENTS = zmq_pollitem_t.events$offset();
    private static final long REVENTS = zmq_pollitem_t.revents$offset();
    /** Idle waits, lent to one waiting thread at a time: descriptors stay bounded however many threads come and go. */
    private static final AtomicReferenceArray<InterruptibleWait> IDLE = new AtomicReferenceArray<>(64);

    /** The channel whose close an interrupt runs: it only writes the pipe. */
    private final class Wakeup extends AbstractInterruptibleChannel {
        void enter() {
            begin();
        }

        void leave() throws AsynchronousCloseException {
            end(true);
        }

        @Override
        protected void implCloseChannel() {
            pipe.wake();
        }
    }

    private final WakeupPipe pipe = new WakeupPipe();
    /** An automatic arena: the thread's memory goes when the thread (and this object) does. */
    private final MemorySegment errno = Arena.ofAuto().allocate(LibZmq.CAPTURE_LAYOUT);
    /** One socket item and the pipe's, for a single socket's wait. */
    private final MemorySegment items = Arena.ofAuto().allocate(2 * ITEM, 8);
    private Wakeup wakeup = new Wakeup();

    private InterruptibleWait() {}

    /** An idle wait for the calling thread (a new one if none is idle); give it back with {@link #release}. */
    static InterruptibleWait acquire() {
        for (int i = 0; i < IDLE.length(); i++) {
            InterruptibleWait idle = IDLE.getPlain(i);
            if (idle != null && IDLE.compareAndSet(i, idle, null)) {
                return idle;
            }
        }
        return new InterruptibleWait();
    }

    /** Gives a wait back after use; closes its pipe if enough are idle already. */
    void release() {
        for (int i = 0; i < IDLE.length(); i++) {
            if (IDLE.getPlain(i) == null && IDLE.compareAndSet(i, null, this)) {
                return;
            }
        }
        pipe.close();
    }

    /**
     * Waits until {@code socket} is ready for {@code events} ({@link Poller#POLLIN} or {@link Poller#POLLOUT}),
     * {@code timeoutMillis} passes (-1: no limit), the thread is interrupted, or {@code resource} is being closed by
     * another thread. The caller tries again and finds out which. Errors from {@code zmq_poll} (ETERM) are left to
     * that retry.
     */
    void await(SocketResource resource, MemorySegment socket, int events, long timeoutMillis) {
        items.set(ValueLayout.ADDRESS, SOCKET, socket);
        items.set(ValueLayout.JAVA_SHORT, EVENTS, (short) events);
        items.set(ValueLayout.JAVA_SHORT, REVENTS, (short) 0);
        resource.waiter = this;
        try {
            if (!resource.closeRequested) {
                poll(errno, items, 1, timeoutMillis);
            }
        } finally {
            resource.waiter = null;
        }
    }

    /**
     * {@code zmq_poll} over {@code count} items with this thread's pipe written into the item after them (the
     * caller leaves room for it): the number of the caller's items that are ready, or -1 (errno in {@code errno}).
     * Returns early if the thread is interrupted: the caller checks its status.
     */
    int poll(MemorySegment errno, MemorySegment items, int count, long timeoutMillis) {
        long pipeItem = count * ITEM;
        items.set(ValueLayout.ADDRESS, pipeItem + SOCKET, MemorySegment.NULL);
        items.set(ValueLayout.JAVA_INT, pipeItem + FD, pipe.readFd());
        items.set(ValueLayout.JAVA_SHORT, pipeItem + EVENTS, (short) Poller.POLLIN);
        items.set(ValueLayout.JAVA_SHORT, pipeItem + REVENTS, (short) 0);
        int ready;
        Wakeup channel = wakeup;
        channel.enter(); // an interrupt from here on closes the channel, which writes the pipe
        try {
            ready = LibZmq.poll(errno, items, count + 1, timeoutMillis);
        } finally {
            try {
                channel.leave();
            } catch (AsynchronousCloseException interrupted) {
                wakeup = new Wakeup(); // a closed channel cannot bracket another wait
            }
            pipe.drain();
        }
        if (ready > 0 && items.get(ValueLayout.JAVA_SHORT, pipeItem + REVENTS) != 0) {
            ready--;
        }
        return ready;
    }

    /** Wakes this thread's wait from another thread (a close of the socket it waits on). */
    void wake() {
        pipe.wake();
    }
}
