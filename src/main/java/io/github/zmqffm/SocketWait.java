package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How one socket's blocking send or receive waits, once its first non-blocking attempts have failed: the
 * {@link WaitStrategy} behind {@link SocketIo}'s slow path. Per {@link SocketIo} (so per thread for the thread-safe
 * types), used by one thread at a time, allocation-free.
 *
 * <p>Each blocking call does: {@link #start} (the strategy for this call; unless it is {@link WaitStrategy#NATIVE}
 * the call is made with ZMQ_DONTWAIT), then, after each EAGAIN, {@link #await}: false (EAGAIN is the result: the
 * caller asked not to wait, or SNDTIMEO/RCVTIMEO expired), true (try again), or an exception (interrupt, or a
 * close from another thread).
 */
final class SocketWait {

    /** The modes {@link #start} picks. */
    private static final int NO_WAIT = 0;
    private static final int PARK = 1;
    private static final int BACK_OFF = 2;
    private static final int INTERRUPTIBLE = 3;
    /**
     * Platform threads whose sends and receives wait {@link WaitStrategy#INTERRUPTIBLE} under
     * {@link WaitStrategy#AUTO} (others wait {@link WaitStrategy#NATIVE}): {@link ZActor}'s, whose close interrupts a
     * body that may be blocked in a receive. Read only when a call has to wait.
     */
    private static final ThreadLocal<Boolean> INTERRUPTIBLE_HERE = new ThreadLocal<>();
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final long MAX_BACK_OFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int ZMQ_EVENTS = SocketOption.EVENTS.code();
    private static final int ZMQ_SNDTIMEO = SocketOption.SNDTIMEO.code();
    private static final int ZMQ_RCVTIMEO = SocketOption.RCVTIMEO.code();

    private final SocketResource resource;
    private final MemorySegment handle;
    private final SocketType type;
    private final MemorySegment errno;
    private final MemorySegment value;
    private final MemorySegment size;
    /** {@code struct epoll_event} scratch, in the option scratch past what options use during a call. */
    private final MemorySegment event;
    private int mode;
    private boolean deadlineKnown;
    private long deadline;
    private long backOffNanos;

    SocketWait(SocketResource resource, MemorySegment handle, SocketType type, SocketScratch scratch) {
        this.resource = resource;
        this.handle = handle;
        this.type = type;
        this.errno = scratch.errno;
        this.value = scratch.option.asSlice(0, 8);
        this.size = scratch.size;
        this.event = scratch.option.asSlice(SocketScratch.OPTION_CAPACITY - 16, 16);
    }

    /** Picks the wait for a call with these flags; returns the flags to call libzmq with. */
    int start(int bits) {
        if ((bits & LibZmq.DONTWAIT) != 0) {
            mode = NO_WAIT;
            return bits;
        }
        mode = modeOf(resource.waitStrategy());
        if (mode == NO_WAIT) {
            return bits;
        }
        deadlineKnown = false;
        backOffNanos = 0;
        return bits | LibZmq.DONTWAIT;
    }

    /** Makes {@link WaitStrategy#AUTO} sends and receives on the calling platform thread interruptible. */
    static void interruptibleOnThisThread() {
        INTERRUPTIBLE_HERE.set(Boolean.TRUE);
    }

    /** The mode for {@code strategy} on this thread. */
    private static int modeOf(WaitStrategy strategy) {
        if (strategy == WaitStrategy.AUTO) {
            strategy = Thread.currentThread().isVirtual() ? WaitStrategy.PARK
                    : INTERRUPTIBLE_HERE.get() != null ? WaitStrategy.INTERRUPTIBLE : WaitStrategy.NATIVE;
        }
        return switch (strategy) {
            case PARK -> PARK;
            case INTERRUPTIBLE -> InterruptibleWait.AVAILABLE ? INTERRUPTIBLE : NO_WAIT;
            default -> NO_WAIT;
        };
    }

    /**
     * The strategy a poller waits by: the one of {@code resource} (a registered socket; null: none), on this thread.
     * {@link WaitStrategy#AUTO} polls on platform threads are interruptible: loops (reactors, proxies) are built on
     * them and must stop when interrupted, and one more descriptor in {@code zmq_poll} costs next to nothing.
     */
    static WaitStrategy resolve(SocketResource resource) {
        WaitStrategy strategy = resource == null ? WaitStrategy.AUTO : resource.waitStrategy();
        if (strategy == WaitStrategy.AUTO) {
            strategy = Thread.currentThread().isVirtual() ? WaitStrategy.PARK : WaitStrategy.INTERRUPTIBLE;
        }
        if (strategy == WaitStrategy.INTERRUPTIBLE && !InterruptibleWait.AVAILABLE) {
            strategy = WaitStrategy.NATIVE;
        }
        return strategy;
    }

    /**
     * After EAGAIN: waits until the socket may be ready for {@code send} (else receive), and returns true to try
     * again; false if EAGAIN is the answer. Throws {@link ZmqInterruptedException} if the thread is interrupted and
     * {@link IllegalStateException} if another thread is closing the socket.
     */
    boolean await(boolean send, String call) {
        if (mode == NO_WAIT) {
            return false;
        }
        long now = System.nanoTime();
        if (!deadlineKnown) {
            int millis = option(send ? ZMQ_SNDTIMEO : ZMQ_RCVTIMEO);
            deadline = millis < 0 ? NO_DEADLINE : now + TimeUnit.MILLISECONDS.toNanos(millis);
            deadlineKnown = true;
        }
        checkWoken(call);
        long remaining = deadline == NO_DEADLINE ? -1 : deadline - now;
        if (deadline != NO_DEADLINE && remaining <= 0) {
            return false;
        }
        int events = send ? Poller.POLLOUT : Poller.POLLIN;
        switch (mode) {
            case PARK -> park(events, remaining);
            case BACK_OFF -> backOff(remaining);
            default -> {
                InterruptibleWait wait = InterruptibleWait.acquire();
                try {
                    wait.await(resource, handle, events, remaining < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(remaining + 999_999));
                } finally {
                    wait.release();
                }
            }
        }
        checkWoken(call);
        return true;
    }

    private void checkWoken(String call) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ZmqInterruptedException(call, type.toString());
        }
        if (resource.closeRequested) {
            throw new IllegalStateException("this " + type + " socket was closed by another thread while this thread"
                    + " waited in " + call);
        }
    }

    /** Parks until the context's readiness thread sees ZMQ_FD, or a back-off step where that cannot be had. */
    private void park(int events, long remainingNanos) {
        int fd = resource.zmqFd(errno, value, size);
        ReadinessPoller poller = fd < 0 ? null : resource.readiness();
        Thread me = Thread.currentThread();
        if (poller == null || !poller.arm(fd, Epoll.EPOLLIN, me, event, errno)) {
            mode = BACK_OFF; // a thread-safe type (no ZMQ_FD), no epoll, or a descriptor epoll refuses
            backOff(remainingNanos);
            return;
        }
        resource.waiter = me;
        try {
            // Armed first, then ZMQ_EVENTS: a signal after the arm wakes the park, one before shows here.
            if (!resource.closeRequested && (events() & events) == 0) {
                if (remainingNanos < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, remainingNanos);
                }
            }
        } finally {
            resource.waiter = null;
            poller.disarm(fd, me);
        }
    }

    /** One step of the bounded back-off: a park of 1 us, doubling with each step up to 1 ms. */
    private void backOff(long remainingNanos) {
        backOffNanos = backOffNanos == 0 ? 1000 : Math.min(MAX_BACK_OFF_NANOS, backOffNanos * 2);
        LockSupport.parkNanos(this, remainingNanos < 0 ? backOffNanos : Math.min(backOffNanos, remainingNanos));
    }

    /** ZMQ_EVENTS now (processing the socket's pending commands); all bits set on failure (ETERM): try again. */
    private int events() {
        size.set(ValueLayout.JAVA_LONG, 0, 4);
        if (LibZmq.getsockopt(errno, handle, ZMQ_EVENTS, value, size) != 0) {
            return -1;
        }
        return value.get(ValueLayout.JAVA_INT, 0);
    }

    private int option(int option) {
        size.set(ValueLayout.JAVA_LONG, 0, 4);
        if (LibZmq.getsockopt(errno, handle, option, value, size) != 0) {
            return -1; // ETERM: the retry reports it
        }
        return value.get(ValueLayout.JAVA_INT, 0);
    }
}
