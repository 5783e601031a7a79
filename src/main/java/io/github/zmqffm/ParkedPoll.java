package io.github.zmqffm;

import java.util.concurrent.locks.LockSupport;

/**
 * The {@link WaitStrategy#PARK} wait of {@link Poller} and {@link SocketPoller}: look without waiting (which reads
 * every socket's ZMQ_EVENTS); if nothing is ready, arm every item's descriptor (a socket's ZMQ_FD, or the raw fd)
 * with the context's {@link ReadinessPoller}, look again, and park until one fires, the timeout or an interrupt.
 * Where not everything can be armed (a thread-safe draft socket has no ZMQ_FD, epoll refuses a descriptor, no
 * socket tells the context) it backs off instead: parks growing from 1 us to 1 ms between looks.
 */
final class ParkedPoll {

    private static final long MAX_BACK_OFF_NANOS = 1_000_000;

    /** What a poller lends the wait. */
    interface Items {
        /** Polls without waiting; the number of ready items. */
        int lookNow();

        /** Arms the items' descriptors in order; returns how far it got. */
        int arm(ReadinessPoller readiness, Thread waiter);

        /** Whether {@link #arm} got through all of them. */
        boolean allArmed(int armed);

        /** Undoes the first {@code armed} arms. */
        void disarm(ReadinessPoller readiness, Thread waiter, int armed);

        /** The argument an interrupt's exception names (made only then). */
        String argument();
    }

    private ParkedPoll() {}

    /** Waits up to {@code timeoutMillis} (negative: no limit); the number of ready items, 0 on timeout. */
    static int poll(Items items, ReadinessPoller readiness, long timeoutMillis, String call) {
        Thread me = Thread.currentThread();
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
        long backOff = 0;
        for (;;) {
            int ready = items.lookNow();
            if (ready != 0) {
                return ready;
            }
            if (me.isInterrupted()) {
                throw new ZmqInterruptedException(call, items.argument());
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return 0;
            }
            int armed = readiness == null ? -1 : items.arm(readiness, me);
            try {
                if (items.allArmed(armed)) {
                    ready = items.lookNow(); // after the arm: a change from now on wakes the park
                    if (ready != 0) {
                        return ready;
                    }
                    if (timeoutMillis < 0) {
                        LockSupport.park(items);
                    } else {
                        LockSupport.parkNanos(items, remaining);
                    }
                } else {
                    backOff = backOff == 0 ? 1000 : Math.min(MAX_BACK_OFF_NANOS, backOff * 2);
                    LockSupport.parkNanos(items, Math.min(backOff, remaining));
                }
            } finally {
                if (armed > 0) {
                    items.disarm(readiness, me, armed);
                }
            }
        }
    }
}
