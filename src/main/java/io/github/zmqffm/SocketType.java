package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;

/**
 * The socket types of libzmq, with their C values. The draft types (SERVER and after) exist only when libzmq
 * was built with drafts ({@code Zmq.has("draft")}); creating one otherwise fails with EINVAL.
 */
public enum SocketType {
    /** ZMQ_PAIR: exclusive pair, one peer, both directions. */
    PAIR(zmq_h.ZMQ_PAIR(), false, false),
    /** ZMQ_PUB: publish to every subscriber whose filter matches; drops when a subscriber is at its HWM. */
    PUB(zmq_h.ZMQ_PUB(), false, false),
    /** ZMQ_SUB: receive what publishers send, filtered by {@code subscribe} prefixes. */
    SUB(zmq_h.ZMQ_SUB(), false, false),
    /** ZMQ_REQ: client of request-reply, strictly send then receive. */
    REQ(zmq_h.ZMQ_REQ(), false, false),
    /** ZMQ_REP: server of request-reply, strictly receive then send. */
    REP(zmq_h.ZMQ_REP(), false, false),
    /** ZMQ_DEALER: asynchronous REQ, round-robin out, fair-queued in. */
    DEALER(zmq_h.ZMQ_DEALER(), false, false),
    /** ZMQ_ROUTER: asynchronous REP, addresses peers by routing id (the first frame). */
    ROUTER(zmq_h.ZMQ_ROUTER(), false, false),
    /** ZMQ_PULL: fair-queued receive side of a pipeline. */
    PULL(zmq_h.ZMQ_PULL(), false, false),
    /** ZMQ_PUSH: round-robin send side of a pipeline. */
    PUSH(zmq_h.ZMQ_PUSH(), false, false),
    /** ZMQ_XPUB: PUB that also receives the subscription messages. */
    XPUB(zmq_h.ZMQ_XPUB(), false, false),
    /** ZMQ_XSUB: SUB that sends its subscriptions as messages. */
    XSUB(zmq_h.ZMQ_XSUB(), false, false),
    /** ZMQ_STREAM: raw TCP peers, addressed by routing id. */
    STREAM(zmq_h.ZMQ_STREAM(), false, false),
    /** ZMQ_SERVER (draft, thread-safe): replies to CLIENTs by routing id, single-part messages. */
    SERVER(zmq_h.ZMQ_SERVER(), true, true),
    /** ZMQ_CLIENT (draft, thread-safe): talks to SERVERs, single-part messages. */
    CLIENT(zmq_h.ZMQ_CLIENT(), true, true),
    /** ZMQ_RADIO (draft, thread-safe): publishes to groups. */
    RADIO(zmq_h.ZMQ_RADIO(), true, true),
    /** ZMQ_DISH (draft, thread-safe): receives the groups it has joined. */
    DISH(zmq_h.ZMQ_DISH(), true, true),
    /** ZMQ_GATHER (draft, thread-safe): fair-queued receive, single-part messages. */
    GATHER(zmq_h.ZMQ_GATHER(), true, true),
    /** ZMQ_SCATTER (draft, thread-safe): round-robin send, single-part messages. */
    SCATTER(zmq_h.ZMQ_SCATTER(), true, true),
    /** ZMQ_DGRAM (draft): UDP datagrams with their address. */
    DGRAM(zmq_h.ZMQ_DGRAM(), true, false),
    /** ZMQ_PEER (draft, thread-safe): connects to and addresses peers by routing id. */
    PEER(zmq_h.ZMQ_PEER(), true, true),
    /** ZMQ_CHANNEL (draft, thread-safe): a thread-safe PAIR. */
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
