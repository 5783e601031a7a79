package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;

/** Options of {@code zmq_ctx_set}/{@code zmq_ctx_get}, with their C values. */
public enum ContextOption {
    /** ZMQ_IO_THREADS: I/O threads (set before the first socket is created). */
    IO_THREADS(zmq_h.ZMQ_IO_THREADS(), true),
    /** ZMQ_MAX_SOCKETS: the most sockets the context allows. */
    MAX_SOCKETS(zmq_h.ZMQ_MAX_SOCKETS(), true),
    /** ZMQ_SOCKET_LIMIT: the largest MAX_SOCKETS this build allows (read-only). */
    SOCKET_LIMIT(zmq_h.ZMQ_SOCKET_LIMIT(), false),
    /** ZMQ_THREAD_PRIORITY: scheduling priority of the I/O threads (write-only). */
    THREAD_PRIORITY(zmq_h.ZMQ_THREAD_PRIORITY(), true),
    /** ZMQ_THREAD_SCHED_POLICY: scheduling policy of the I/O threads (write-only). */
    THREAD_SCHED_POLICY(zmq_h.ZMQ_THREAD_SCHED_POLICY(), true),
    /** ZMQ_MAX_MSGSZ: the largest message size the context allows. */
    MAX_MSGSZ(zmq_h.ZMQ_MAX_MSGSZ(), true),
    /** ZMQ_MSG_T_SIZE: {@code sizeof(zmq_msg_t)} (read-only). */
    MSG_T_SIZE(zmq_h.ZMQ_MSG_T_SIZE(), false),
    /** ZMQ_THREAD_AFFINITY_CPU_ADD: pin I/O threads to a CPU (write-only). */
    THREAD_AFFINITY_CPU_ADD(zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD(), true),
    /** ZMQ_THREAD_AFFINITY_CPU_REMOVE: unpin I/O threads from a CPU (write-only). */
    THREAD_AFFINITY_CPU_REMOVE(zmq_h.ZMQ_THREAD_AFFINITY_CPU_REMOVE(), true),
    /** ZMQ_THREAD_NAME_PREFIX: numeric prefix of I/O thread names (write-only). */
    THREAD_NAME_PREFIX(zmq_h.ZMQ_THREAD_NAME_PREFIX(), true),
    /** ZMQ_IPV6: new sockets use IPv6. */
    IPV6(zmq_h.ZMQ_IPV6(), true),
    /** ZMQ_BLOCKY: whether zmq_ctx_term blocks on lingering sockets (0 also sets new sockets' linger to 0). */
    BLOCKY(zmq_h.ZMQ_BLOCKY(), true),
    /** ZMQ_ZERO_COPY_RECV (draft): whether large received messages reference the receive buffer. */
    ZERO_COPY_RECV(zmq_h.ZMQ_ZERO_COPY_RECV(), true);

    private final int value;
    private final boolean writable;

    ContextOption(int value, boolean writable) {
        this.value = value;
        this.writable = writable;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** Whether {@code zmq_ctx_set} accepts it. */
    public boolean writable() {
        return writable;
    }
}
