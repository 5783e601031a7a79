package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;

/**
 * Options of {@code zmq_ctx_set}/{@code zmq_ctx_get}, with their C values and which of the two libzmq 4.3.4
 * takes for each ({@code ctx_t::set}/{@code get} in its ctx.cpp).
 */
public enum ContextOption {
    /** ZMQ_IO_THREADS: I/O threads (set before the first socket is created). */
    IO_THREADS(zmq_h.ZMQ_IO_THREADS(), true, true),
    /** ZMQ_MAX_SOCKETS: the most sockets the context allows. */
    MAX_SOCKETS(zmq_h.ZMQ_MAX_SOCKETS(), true, true),
    /** ZMQ_SOCKET_LIMIT: the largest MAX_SOCKETS this build allows (read-only). */
    SOCKET_LIMIT(zmq_h.ZMQ_SOCKET_LIMIT(), false, true),
    /** ZMQ_THREAD_PRIORITY: scheduling priority of the I/O threads (write-only). */
    THREAD_PRIORITY(zmq_h.ZMQ_THREAD_PRIORITY(), true, false),
    /** ZMQ_THREAD_SCHED_POLICY: scheduling policy of the I/O threads; -1 (the default) leaves the OS's. */
    THREAD_SCHED_POLICY(zmq_h.ZMQ_THREAD_SCHED_POLICY(), true, true),
    /** ZMQ_MAX_MSGSZ: the largest message size the context allows. */
    MAX_MSGSZ(zmq_h.ZMQ_MAX_MSGSZ(), true, true),
    /** ZMQ_MSG_T_SIZE: {@code sizeof(zmq_msg_t)} (read-only). */
    MSG_T_SIZE(zmq_h.ZMQ_MSG_T_SIZE(), false, true),
    /** ZMQ_THREAD_AFFINITY_CPU_ADD: pin I/O threads to a CPU (write-only). */
    THREAD_AFFINITY_CPU_ADD(zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD(), true, false),
    /** ZMQ_THREAD_AFFINITY_CPU_REMOVE: unpin I/O threads from a CPU (write-only). */
    THREAD_AFFINITY_CPU_REMOVE(zmq_h.ZMQ_THREAD_AFFINITY_CPU_REMOVE(), true, false),
    /** ZMQ_THREAD_NAME_PREFIX: numeric prefix of I/O thread names (read as a number: 0 when none is set). */
    THREAD_NAME_PREFIX(zmq_h.ZMQ_THREAD_NAME_PREFIX(), true, true),
    /** ZMQ_IPV6: new sockets use IPv6. */
    IPV6(zmq_h.ZMQ_IPV6(), true, true),
    /** ZMQ_BLOCKY: whether zmq_ctx_term blocks on lingering sockets (0 also sets new sockets' linger to 0). */
    BLOCKY(zmq_h.ZMQ_BLOCKY(), true, true),
    /** ZMQ_ZERO_COPY_RECV (draft): whether large received messages reference the receive buffer. */
    ZERO_COPY_RECV(zmq_h.ZMQ_ZERO_COPY_RECV(), true, true);

    private final int value;
    private final boolean writable;
    private final boolean readable;

    ContextOption(int value, boolean writable, boolean readable) {
        this.value = value;
        this.writable = writable;
        this.readable = readable;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** Whether {@code zmq_ctx_set} accepts it. */
    public boolean writable() {
        return writable;
    }

    /** Whether {@code zmq_ctx_get} reads it ({@link Context#get} throws for the others). */
    public boolean readable() {
        return readable;
    }
}
