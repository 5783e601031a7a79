package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A libzmq message ({@code zmq_msg_t}) in native memory: the zero-copy way to send and receive.
 *
 * <ul>
 *   <li>Receive: {@code socket.recv(msg)}; then read the content in place with {@link #copyTo}, {@link #toArray()}
 *       or through {@link #data()}, a view of it.</li>
 *   <li>Send: {@link #allocate(long)} (or {@link #reset(long)} to reuse one), fill it with {@link #copyFrom} or
 *       through {@link #data()}, {@code socket.send(msg)}; libzmq takes the content and the message is empty again.
 *       This is also the zero-copy path for content you build: its memory belongs to libzmq, so nothing you
 *       close early can pull it from under libzmq's I/O thread.</li>
 *   <li>Send memory you already have, in place: {@link #wrap(MemorySegment, Runnable)}.</li>
 * </ul>
 *
 * <p><b>Views.</b> {@link #data()} returns a view of the current content that stays valid until the content moves
 * on: this message's next receive, {@link #reset}, send (even one that returns false) or {@link #close()}. Using a
 * view after that throws {@link IllegalStateException}; it never reads memory libzmq has freed or taken over, and a
 * write through it cannot change what was sent. A view belongs to the thread that asked for it: used on any
 * other thread it throws {@link WrongThreadException} (the JDK's check of a confined segment, made before the
 * staleness check, so a stale view throws that there too). If the message moves to another thread, {@code data()}
 * there views the same content, and each thread's views throw once that thread moves the content on. If another
 * thread moved it on, the old views keep seeing the old content on their thread (kept allocated for them until
 * they are unreachable) rather than throwing: writes through them no longer reach the message. A view keeps no
 * {@code Msg} alive, and collecting the {@code Msg} frees nothing a view still sees. The first {@code data()} of
 * each content on each thread costs a confined arena and the view (about 150 bytes of garbage); {@link #copyTo},
 * {@link #copyFrom}, {@link #size()} and forwarding a {@code Msg} to another socket cost nothing.
 *
 * <p><b>Threads.</b> One thread at a time, as for a {@link Socket}: a message may move to another thread, and a
 * {@link #close()} from another thread while a call on the message is still running there throws
 * {@link IllegalStateException}. Reuse a {@code Msg} across messages: that allocates nothing per message.
 */
public final class Msg implements AutoCloseable {

    private static final long MSG_SIZE = zmq_msg_t.layout().byteSize();
    private static final long ERRNO_OFFSET = MSG_SIZE;
    private static final long BLOCK_SIZE = MSG_SIZE + LibZmq.CAPTURE_LAYOUT.byteSize();

    private final Native resource;
    private final CallGuard guard;
    private final Cleaner.Cleanable cleanable;
    /**
     * True only while the {@code zmq_msg_t} is known to hold no content (just initialised, or just sent: libzmq
     * leaves a sent message empty), so that {@link #reset} can skip a {@code zmq_msg_close} downcall that would
     * do nothing. Any other use makes it false, which merely costs that downcall again.
     */
    private boolean empty;

    /** An empty message, ready to receive into. */
    public Msg() {
        this.resource = new Native();
        this.guard = resource.guard;
        this.empty = true;
        this.cleanable = Leaks.CLEANER.register(this, resource);
    }

    /** A message of {@code size} bytes for the caller to fill. Errors: ENOMEM. */
    public static Msg allocate(long size) {
        Msg message = new Msg();
        message.reset(size);
        return message;
    }

    /** A message holding a copy of {@code data}. */
    public static Msg copyOf(byte[] data) {
        Msg message = allocate(data.length);
        message.copyFrom(MemorySegment.ofArray(data));
        return message;
    }

    /**
     * A message whose content is the caller's native memory, read in place (no copy). {@code release} runs once
     * libzmq is done with it, on a thread of its own (a slow or blocked callback delays no other); until then the
     * memory must stay unchanged, and this message keeps {@code data} reachable, so memory of an automatic arena
     * ({@link Arena#ofAuto()}) or a direct buffer is not collected under libzmq.
     *
     * <p>Refused with {@link IllegalArgumentException}: heap memory; a read-only segment (a receiver over
     * {@code inproc://} gets this very memory, writable); a memory-mapped file (a truncation would fault inside
     * libzmq's I/O thread, beyond Java's reach); and memory of an arena that can be closed, confined or shared,
     * because nothing can stop its owner from closing it while libzmq's I/O thread still reads it. For such memory
     * send a copy ({@link Socket#send(MemorySegment)}), or build the content in a {@link #allocate(long) Msg}
     * in the first place. Global-scope memory (from {@link MemorySegment#reinterpret(long)}, a restricted method)
     * is accepted: its caller vouches for its lifetime.
     *
     * <p>Worth it only for large messages: each wrap costs a {@code Msg}, a release registration (a few hundred
     * bytes of garbage) and an upcall, against a memcpy for a copy. Measured with {@code WrapThresholdBenchmark}
     * (AMD EPYC, 2 cores, JDK 25): sending the segment (libzmq copies) wins up to 64 KiB (inproc: 10.9 vs 1.4
     * msg/us at 1 KiB; even at 64 KiB), wrap wins from 256 KiB (inproc 6.9x, tcp 1.5x) and at 1 MiB (inproc 51x,
     * tcp 2x).
     */
    public static Msg wrap(MemorySegment data, Runnable release) {
        Objects.requireNonNull(release, "release");
        WrapCheck.check(data);
        Msg message = new Msg();
        Native resource = message.resource;
        MemorySegment hint = ReleaseQueue.register(release, data);
        LibZmq.msgClose(resource.errno, resource.msg);
        if (LibZmqControl.msgInitData(resource.errno, resource.msg, data, data.byteSize(), ReleaseQueue.FREE_FUNCTION,
                hint) != 0) {
            int e = LibZmq.errno(resource.errno);
            ReleaseQueue.cancel(hint);
            LibZmq.msgInit(resource.msg);
            message.close();
            throw Errors.exception("zmq_msg_init_data", data.byteSize(), e);
        }
        message.empty = false;
        return message;
    }

    /** Replaces the content with {@code size} fresh bytes to fill. Errors: ENOMEM. */
    public void reset(long size) {
        CallGuard.Owner token = guard.enter();
        try {
            resource.retireViews();
            MemorySegment msg = resource.msg;
            if (!empty) {
                LibZmq.msgClose(resource.errno, msg);
            }
            empty = false;
            if (LibZmq.msgInitSizeNow(msg.address(), size) != 0 && LibZmq.msgInitSize(resource.errno, msg, size) != 0) {
                int e = LibZmq.errno(resource.errno);
                LibZmq.msgInit(msg);
                throw Errors.exception("zmq_msg_init_size", size, e);
            }
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The content's size in bytes. */
    public long size() {
        CallGuard.Owner token = guard.enter();
        try {
            return LibZmq.msgSize(resource.msg);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * A writable view of the content, valid until the content moves on and only on the calling thread (elsewhere
     * it throws {@link WrongThreadException}; see the class comment).
     */
    public MemorySegment data() {
        CallGuard.Owner token = guard.enter();
        try {
            return resource.view();
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Copies the content, from its start, into {@code target} (native or heap) and returns the content's size;
     * a target smaller than the content gets its first {@code target.byteSize()} bytes.
     */
    public long copyTo(MemorySegment target) {
        if (target.isReadOnly()) {
            throw new IllegalArgumentException("cannot copy into a read-only segment");
        }
        CallGuard.Owner token = guard.enter();
        try {
            long size = LibZmq.msgSize(resource.msg);
            ContentCopy.fromMsg(resource.msg, target, Math.min(size, target.byteSize()));
            return size;
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Copies {@code source} (native or heap) to the start of the content, which must be at least as large. */
    public void copyFrom(MemorySegment source) {
        CallGuard.Owner token = guard.enter();
        try {
            long size = LibZmq.msgSize(resource.msg);
            if (source.byteSize() > size) {
                throw new IndexOutOfBoundsException("a source of " + source.byteSize() + " bytes does not fit the "
                        + size + " bytes of content; reset(size) first");
            }
            ContentCopy.toMsg(source, resource.msg, source.byteSize());
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** A copy of the content. */
    public byte[] toArray() {
        CallGuard.Owner token = guard.enter();
        try {
            long size = LibZmq.msgSize(resource.msg);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a message of " + size + " bytes does not fit a Java array");
            }
            byte[] copy = new byte[(int) size];
            LibZmq.copyFromMsg(resource.msg, copy, 0, copy.length);
            return copy;
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The content decoded as UTF-8 (the one word for text: {@code Socket.recvString}, {@code Frames.getString}). */
    public String getString() {
        return new String(toArray(), StandardCharsets.UTF_8);
    }

    /** Whether more frames of the same message follow this one (after a receive). */
    public boolean hasMore() {
        CallGuard.Owner token = guard.enter();
        try {
            return LibZmq.msgMore(resource.msg);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * A metadata property of a received message, or {@code null} if absent. What libzmq 4.3.4 provides
     * ({@code MsgPropertiesTest}): {@code "Socket-Type"} (the peer's, e.g. {@code "DEALER"}); {@code "Identity"}
     * (the routing id of a REQ, DEALER or ROUTER peer; {@code "Routing-Id"}, the name in zmq.h, is always
     * {@code null} in 4.3.4); {@code "Peer-Address"} (tcp: the peer's IP; ipc: {@code localhost:uid:gid:pid});
     * {@code "User-Id"} and other properties from a ZAP handler; {@code X-...} names a peer set with
     * {@link SocketOption#METADATA}. They come from the connection handshake: over {@code inproc://} there are none.
     */
    public String gets(String property) {
        CStrings.requireNoNul("gets", property);
        CallGuard.Owner token = guard.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = LibZmqControl.msgGets(resource.errno, resource.msg, arena.allocateFrom(property));
            return value.equals(MemorySegment.NULL) ? null : CStrings.read(value);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The routing id of a message received on a draft SERVER socket (0 if none). */
    public int routingId() {
        CallGuard.Owner token = guard.enter();
        try {
            return LibZmqDraft.msgRoutingId(resource.msg);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Sets the routing id that a draft SERVER socket sends this message to. Errors: EINVAL (0). */
    public void setRoutingId(int routingId) {
        CallGuard.Owner token = guard.enter();
        try {
            if (LibZmqDraft.msgSetRoutingId(resource.errno, resource.msg, routingId) != 0) {
                throw Errors.exception("zmq_msg_set_routing_id", routingId, LibZmq.errno(resource.errno));
            }
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The group of a message received on a draft DISH socket ("" if none). */
    public String group() {
        CallGuard.Owner token = guard.enter();
        try {
            MemorySegment group = LibZmqDraft.msgGroup(resource.msg);
            return group.equals(MemorySegment.NULL) ? "" : CStrings.read(group);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Sets the group a draft RADIO socket publishes this message to. Errors: EINVAL (too long). */
    public void setGroup(String group) {
        CStrings.requireNoNul("setGroup", group);
        CallGuard.Owner token = guard.enter();
        try (Arena arena = Arena.ofConfined()) {
            if (LibZmqDraft.msgSetGroup(resource.errno, resource.msg, arena.allocateFrom(group)) != 0) {
                throw Errors.exception("zmq_msg_set_group", group, LibZmq.errno(resource.errno));
            }
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Releases the content (running a wrap callback once libzmq is done) and the message. Idempotent. From another
     * thread than the one using the message, it throws {@link IllegalStateException} if a call on it is running.
     */
    @Override
    public void close() {
        resource.close();
        cleanable.clean(); // now only unregisters
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return guard.isClosed();
    }

    /** Sends the message through a socket's I/O (the socket's guard is held by the caller). */
    boolean sendThrough(SocketIo io, SendFlag flags) {
        CallGuard.Owner token = guard.enter();
        try {
            resource.retireViewsKeepingContent();
            empty = false;
            if (!io.sendMessage(resource.msg, flags)) {
                return false;
            }
            empty = true; // libzmq took the content and left the message empty
            return true;
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Receives into the message through a socket's I/O (the socket's guard is held by the caller). */
    int recvThrough(SocketIo io, RecvFlag flags) {
        CallGuard.Owner token = guard.enter();
        try {
            resource.retireViews();
            empty = false;
            return io.recvMessage(resource.msg, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public String toString() {
        if (guard.isClosed()) {
            return "Msg[closed]";
        }
        try {
            return "Msg[" + size() + " B]";
        } catch (IllegalStateException e) {
            return "Msg[in use]";
        }
    }

    /**
     * The native part: the {@code zmq_msg_t} with its errno capture (one block), the views of its content, and the
     * guard. Closed by {@link #close()} or, if the {@code Msg} leaks, by the cleaner.
     */
    private static final class Native implements Runnable {
        final CallGuard guard = new CallGuard(false, false, "Msg", () -> "this Msg is closed");
        MemorySegment block;
        MemorySegment msg;
        MemorySegment errno;
        /** The views of the current content (the latest thread's first, then the others'), or null if none. */
        private ContentViews views;

        Native() {
            useNewBlock();
        }

        private void useNewBlock() {
            block = NativeMemory.allocate(BLOCK_SIZE);
            msg = block.asSlice(0, MSG_SIZE);
            errno = block.asSlice(ERRNO_OFFSET, LibZmq.CAPTURE_LAYOUT.byteSize());
            LibZmq.msgInit(msg);
        }

        MemorySegment view() {
            for (ContentViews each = views; each != null; each = each.next()) {
                if (each.usableHere()) {
                    return each.segment();
                }
            }
            views = new ContentViews(LibZmq.msgDataAddress(msg), LibZmq.msgSize(msg), views);
            return views.segment();
        }

        /** Forgets the current content's views, closing this thread's; returns the other threads' (often none). */
        private List<ContentViews> closeViewsHere() {
            if (views == null) {
                return List.of();
            }
            List<ContentViews> elsewhere = ContentViews.closeThoseHere(views);
            views = null;
            return elsewhere;
        }

        /** The content is about to move on: its views must stop seeing it. */
        void retireViews() {
            List<ContentViews> elsewhere = closeViewsHere();
            if (!elsewhere.isEmpty()) {
                // Views on other threads, whose arenas only those threads can close: leave them this block, freed
                // once they are unreachable, and carry on in a new one.
                ContentViews.keepAliveWhileVisible(elsewhere, block, msg, errno);
                useNewBlock();
            }
        }

        /** Like {@link #retireViews}, but the content stays (to be sent): views elsewhere keep a copy. */
        void retireViewsKeepingContent() {
            List<ContentViews> elsewhere = closeViewsHere();
            if (!elsewhere.isEmpty()) {
                MemorySegment oldBlock = block;
                MemorySegment oldMsg = msg;
                MemorySegment oldErrno = errno;
                useNewBlock();
                try {
                    ContentViews.copyContent(oldMsg, msg, errno); // before the hand-over, which may free the old block
                } finally {
                    ContentViews.keepAliveWhileVisible(elsewhere, oldBlock, oldMsg, oldErrno);
                }
            }
        }

        void close() {
            guard.close(this::free);
        }

        private void free() {
            List<ContentViews> elsewhere = closeViewsHere();
            if (!elsewhere.isEmpty()) {
                ContentViews.keepAliveWhileVisible(elsewhere, block, msg, errno);
                return;
            }
            LibZmq.msgClose(errno, msg);
            NativeMemory.free(block);
        }

        @Override
        public void run() {
            try {
                close();
            } catch (IllegalStateException e) {
                // Only a call still running on another thread refuses a close; leave the memory to it.
            }
        }
    }
}
