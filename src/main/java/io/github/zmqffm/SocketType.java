package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;

/**
 * The socket types of libzmq, with their C values. The draft types (SERVER and after) exist only when libzmq
 * was built with drafts ({@code Zmq.has("draft")}); creating one otherwise fails with EINVAL.
 */
public enum SocketType {
    PAIR(zmq_h.ZMQ_PAIR(), false, false),
    PUB(zmq_h.ZMQ_PUB(), false, false),
    SUB(zmq_h.ZMQ_SUB(), false, false),
    REQ(zmq_h.ZMQ_REQ(), false, false),
    REP(zmq_h.ZMQ_REP(), false, false),
    DEALER(zmq_h.ZMQ_DEALER(), false, false),
    ROUTER(zmq_h.ZMQ_ROUTER(), false, false),
    PULL(zmq_h.ZMQ_PULL(), false, false),
    PUSH(zmq_h.ZMQ_PUSH(), false, false),
    XPUB(zmq_h.ZMQ_XPUB(), false, false),
    XSUB(zmq_h.ZMQ_XSUB(), false, false),
    STREAM(zmq_h.ZMQ_STREAM(), false, false),
    SERVER(zmq_h.ZMQ_SERVER(), true, true),
    CLIENT(zmq_h.ZMQ_CLIENT(), true, true),
    RADIO(zmq_h.ZMQ_RADIO(), true, true),
    DISH(zmq_h.ZMQ_DISH(), true, true),
    GATHER(zmq_h.ZMQ_GATHER(), true, true),
    SCATTER(zmq_h.ZMQ_SCATTER(), true, true),
    DGRAM(zmq_h.ZMQ_DGRAM(), true, false),
    PEER(zmq_h.ZMQ_PEER(), true, true),
    CHANNEL(zmq_h.ZMQ_CHANNEL(), true, true);

    private final int value;
    private final boolean draft;
    private final boolean threadSafe;

    SocketType(int value, boolean draft, boolean threadSafe) {
        this.value = value;
        this.draft = draft;
        this.threadSafe = threadSafe;
    }

    /** The C value ({@code ZMQ_PUSH} is 8, ...). */
    public int value() {
        return value;
    }

    /** Whether this is a draft type. */
    public boolean isDraft() {
        return draft;
    }

    /** Whether libzmq, and so a {@link Socket} of this type, may be used from several threads at once. */
    public boolean isThreadSafe() {
        return threadSafe;
    }

    /** The type with the given C value. */
    public static SocketType of(int value) {
        for (SocketType type : values()) {
            if (type.value == value) {
                return type;
            }
        }
        throw new IllegalArgumentException("no socket type " + value);
    }
}
