package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A libzmq message ({@code zmq_msg_t}) in native memory: the zero-copy way to send and receive.
 *
 * <ul>
 *   <li>Receive: {@code socket.recv(msg)}, then {@link #data()} is a <em>borrowed</em> view of the content:
 *       no copy, valid only until this message's next receive, {@link #reset}, send or {@link #close()}.
 *       Do not keep it longer; copy out with {@link #toArray()} if needed.</li>
 *   <li>Send: {@link #allocate(long)} (or {@link #reset(long)} to reuse one), write into {@link #data()},
 *       {@code socket.send(msg)}; libzmq takes the content and the message is empty again.</li>
 *   <li>Send caller-owned memory: {@link #wrap(MemorySegment, Runnable)}; libzmq reads it in place and the
 *       callback runs once libzmq no longer needs it.</li>
 * </ul>
 *
 * <p>One thread at a time. Reuse a {@code Msg} across messages: that allocates nothing per message.
 */
public final class Msg implements AutoCloseable {

    private static final long MSG_SIZE = zmq_msg_t.layout().byteSize();
    private static final long ERRNO_OFFSET = MSG_SIZE;

    private final MemorySegment msg;
    private final MemorySegment errno;
    private final Native resource;
    private final Cleaner.Cleanable cleanable;
    /**
     * True only while the {@code zmq_msg_t} is known to hold no content (just initialised, or just sent: libzmq
     * leaves a sent message empty), so that {@link #reset} can skip a {@code zmq_msg_close} downcall that would
     * do nothing. Any other use makes it false, which merely costs that downcall again.
     */
    private boolean empty;

    /** An empty message, ready to receive into. */
    public Msg() {
        MemorySegment block = NativeMemory.allocate(MSG_SIZE + LibZmq.CAPTURE_LAYOUT.byteSize());
        this.msg = block.asSlice(0, MSG_SIZE);
        this.errno = block.asSlice(ERRNO_OFFSET, LibZmq.CAPTURE_LAYOUT.byteSize());
        LibZmq.msgInit(msg);
        this.empty = true;
        this.resource = new Native(block, msg, errno);
        this.cleanable = Leaks.CLEANER.register(this, resource);
    }

    /** A message of {@code size} bytes for the caller to fill through {@link #data()}. Errors: ENOMEM. */
    public static Msg allocate(long size) {
        Msg message = new Msg();
        message.reset(size);
        return message;
    }

    /** A message holding a copy of {@code data}. */
    public static Msg copyOf(byte[] data) {
        Msg message = allocate(data.length);
        MemorySegment.copy(data, 0, message.data(), ValueLayout.JAVA_BYTE, 0, data.length);
        return message;
    }

    /**
     * A message whose content is the caller's native memory, read in place (no copy). {@code release} runs
     * once libzmq is done with it, on a zmq-ffm thread; until then the memory must stay valid and unchanged.
     * Worth it only for large messages: each wrap costs a {@code Msg}, a release registration (about 340 B of
     * garbage) and an upcall, against a memcpy for a copy. Measured with {@code WrapThresholdBenchmark} (AMD EPYC,
     * 2 cores, JDK 25): sending the segment (libzmq copies) wins up to 64 KiB (inproc: 10.9 vs 1.4 msg/us at
     * 1 KiB; even at 64 KiB), wrap wins from 256 KiB (inproc 6.9x, tcp 1.5x) and at 1 MiB (inproc 51x, tcp 2x).
     */
    public static Msg wrap(MemorySegment data, Runnable release) {
        Objects.requireNonNull(release, "release");
        if (!data.isNative()) {
            throw new IllegalArgumentException("Msg.wrap needs native memory; use copyOf or Socket.send for heap data");
        }
        Msg message = new Msg();
        MemorySegment hint = ReleaseQueue.register(release);
        LibZmq.msgClose(message.errno, message.msg);
        if (LibZmqControl.msgInitData(message.errno, message.msg, data, data.byteSize(), ReleaseQueue.FREE_FUNCTION, hint) != 0) {
            int e = LibZmq.errno(message.errno);
            ReleaseQueue.cancel(hint);
            LibZmq.msgInit(message.msg);
            message.close();
            throw Errors.exception("zmq_msg_init_data", data.byteSize(), e);
        }
        message.empty = false;
        return message;
    }

    /** Replaces the content with {@code size} fresh bytes to fill through {@link #data()}. Errors: ENOMEM. */
    public void reset(long size) {
        ensureOpen();
        if (!empty) {
            LibZmq.msgClose(errno, msg);
        }
        empty = false;
        if (LibZmq.msgInitSize(errno, msg, size) != 0) {
            int e = LibZmq.errno(errno);
            LibZmq.msgInit(msg);
            throw Errors.exception("zmq_msg_init_size", size, e);
        }
    }

    /** The content's size in bytes. */
    public long size() {
        ensureOpen();
        return LibZmq.msgSize(msg);
    }

    /** A borrowed, writable view of the content; see the class comment for how long it stays valid. */
    public MemorySegment data() {
        ensureOpen();
        // A fresh view each call: one that is not stored anywhere is scalar-replaced by the JIT (no garbage).
        return LibZmq.msgContent(msg);
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return data().toArray(ValueLayout.JAVA_BYTE);
    }

    /** The content decoded as UTF-8. */
    public String text() {
        return new String(toArray(), StandardCharsets.UTF_8);
    }

    /** Whether more frames of the same message follow this one (after a receive). */
    public boolean hasMore() {
        ensureOpen();
        return LibZmq.msgMore(msg);
    }

    /**
     * A metadata property of a received message: {@code "Socket-Type"}, {@code "Routing-Id"},
     * {@code "Peer-Address"}, {@code "User-Id"} or one set by a ZAP handler; {@code null} if absent.
     */
    public String gets(String property) {
        CStrings.requireNoNul("gets", property);
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = LibZmqControl.msgGets(errno, msg, arena.allocateFrom(property));
            return value.equals(MemorySegment.NULL) ? null : value.reinterpret(Long.MAX_VALUE).getString(0);
        }
    }

    /** The routing id of a message received on a draft SERVER socket (0 if none). */
    public int routingId() {
        ensureOpen();
        return LibZmqDraft.msgRoutingId(msg);
    }

    /** Sets the routing id that a draft SERVER socket sends this message to. Errors: EINVAL (0). */
    public void setRoutingId(int routingId) {
        ensureOpen();
        if (LibZmqDraft.msgSetRoutingId(errno, msg, routingId) != 0) {
            throw Errors.exception("zmq_msg_set_routing_id", routingId, LibZmq.errno(errno));
        }
    }

    /** The group of a message received on a draft DISH socket ("" if none). */
    public String group() {
        ensureOpen();
        MemorySegment group = LibZmqDraft.msgGroup(msg);
        return group.equals(MemorySegment.NULL) ? "" : group.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Sets the group a draft RADIO socket publishes this message to. Errors: EINVAL (too long). */
    public void setGroup(String group) {
        CStrings.requireNoNul("setGroup", group);
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            if (LibZmqDraft.msgSetGroup(errno, msg, arena.allocateFrom(group)) != 0) {
                throw Errors.exception("zmq_msg_set_group", group, LibZmq.errno(errno));
            }
        }
    }

    /** Releases the content (running a wrap callback once libzmq is done) and the message. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return resource.closed;
    }

    /** The native {@code zmq_msg_t}, for a libzmq call that may change what it holds. */
    MemorySegment segment() {
        ensureOpen();
        empty = false;
        return msg;
    }

    /** Called after a successful {@code zmq_msg_send}: libzmq took the content and left the message empty. */
    void sent() {
        empty = true;
    }

    private void ensureOpen() {
        if (resource.closed) {
            throw new IllegalStateException("this Msg is closed");
        }
    }

    @Override
    public String toString() {
        return resource.closed ? "Msg[closed]" : "Msg[" + LibZmq.msgSize(msg) + " B]";
    }

    /** The native part, closed by {@link #close()} or, if the Msg leaks, by the cleaner. */
    private static final class Native implements Runnable {
        private final MemorySegment block;
        private final MemorySegment msg;
        private final MemorySegment errno;
        private volatile boolean closed;

        Native(MemorySegment block, MemorySegment msg, MemorySegment errno) {
            this.block = block;
            this.msg = msg;
            this.errno = errno;
        }

        @Override
        public void run() {
            closed = true;
            LibZmq.msgClose(errno, msg);
            NativeMemory.free(block);
        }
    }
}
