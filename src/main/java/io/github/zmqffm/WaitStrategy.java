package io.github.zmqffm;

/**
 * How a blocking send, receive or poll waits until its socket is ready. Chosen per context
 * ({@link Context#setWaitStrategy}) and per socket ({@link Socket#setWaitStrategy}, which wins); the default,
 * {@link #AUTO}, picks by the kind of the calling thread at each call.
 *
 * <p>Whatever the strategy, a message that can move at once moves in one non-blocking call: the strategy only
 * matters when the call has to wait. SNDTIMEO and RCVTIMEO are honoured by all of them, and
 * {@link Context#shutdown()} wakes all of them with {@link ContextTerminatedException}.
 */
public enum WaitStrategy {

    /**
     * Virtual threads {@link #PARK}: a wait inside native code would pin the carrier. Platform threads keep the
     * fastest wait, {@link #NATIVE}, for sends and receives (a blocking receive is what latency and throughput are
     * measured on), and wait {@link #INTERRUPTIBLE} in {@code Poller.poll} (what reactors, proxies and other loops
     * wait in, and must stop from: one more descriptor in {@code zmq_poll} costs next to nothing) and in the sends
     * and receives of a {@link ZActor}'s thread (its close interrupts the body). So {@link Thread#interrupt()} ends
     * a platform thread's poll, but not its plain blocking {@code recv()} or {@code send()}: choose
     * {@link #INTERRUPTIBLE} for the socket or the context to have those end too, at the price of a few syscalls per
     * wait ({@code docs/design-decisions.md}).
     */
    AUTO,

    /**
     * Try without blocking; if the socket is not ready, park the thread ({@link java.util.concurrent.locks.LockSupport})
     * until the context's readiness thread sees the socket's ZMQ_FD become readable (Linux epoll), then try again.
     * A virtual thread so waiting holds no carrier. {@link Thread#interrupt()} wakes it with
     * {@link ZmqInterruptedException}; closing the socket from another thread wakes it with
     * {@link IllegalStateException}. The thread-safe draft types (SERVER, CLIENT, RADIO, DISH, ...) have no ZMQ_FD:
     * for them, and where epoll is missing, this is a bounded back-off instead: non-blocking tries with parks
     * growing from 1 us to 1 ms between them (a reaction time of up to about 1 ms, at no CPU cost to speak of).
     */
    PARK,

    /**
     * Wait in native code ({@code zmq_poll} on the socket and the thread's wake-up pipe), then try again without
     * blocking. {@link Thread#interrupt()} writes to the pipe, which wakes the wait with
     * {@link ZmqInterruptedException}. On a virtual thread this pins the carrier for the wait. POSIX only; on
     * Windows it waits as {@link #NATIVE} does.
     */
    INTERRUPTIBLE,

    /**
     * Block inside libzmq ({@code zmq_recv} without ZMQ_DONTWAIT), as C code does: not interruptible (only a
     * message, the timeout or {@link Context#shutdown()} end it), and on a virtual thread it pins the carrier.
     */
    NATIVE
}
