package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A libzmq socket. Create one with {@link Context#socket(SocketType)}.
 *
 * <p><b>Threads.</b> A socket is used by one thread at a time (libzmq's rule), except the thread-safe draft types
 * ({@link SocketType#isThreadSafe()}: CLIENT, SERVER, RADIO, DISH, SCATTER, GATHER, PEER, CHANNEL), which any
 * number of threads may use at once. A socket may move to another thread: the first call from the new thread
 * takes it over, with the memory barrier libzmq asks for. If the previous thread is still inside a call on it
 * (a blocking receive, say), the call from the new thread, or a {@link #close()} from it, throws
 * {@link IllegalStateException} naming both threads instead of corrupting the socket. With
 * {@code -Dzmqffm.checkThreads=true} a socket never moves: every call from another thread than the creating one
 * throws.
 *
 * <p><b>Waiting.</b> A call that has to wait (no message yet, a full queue) waits by the socket's
 * {@link WaitStrategy}: by default a virtual thread parks, freeing its carrier, and a platform thread waits in native
 * code; either way {@link Thread#interrupt()} wakes it with {@link ZmqInterruptedException} (socket unchanged),
 * {@link Context#shutdown()} with {@link ContextTerminatedException}, and a {@link #close()} from another thread
 * with {@link IllegalStateException} (then the close goes ahead).
 *
 * <p><b>Results.</b> Sends return {@code false} and receives return {@code -1} or {@code null} when the
 * call would block under {@link SendFlag#DONTWAIT}/{@link RecvFlag#DONTWAIT} or a timeout expires (EAGAIN).
 * Other failures raise {@link ZmqException}; ETERM raises {@link ContextTerminatedException}; a signal's EINTR is
 * retried, an interrupt raises {@link ZmqInterruptedException}. A closed socket raises {@link IllegalStateException}.
 *
 * <p><b>Copies.</b> {@code byte[]} and other heap data are copied once, straight into (or out of) the content of
 * the socket's own reused {@code zmq_msg_t}: the one copy {@code zmq_send}/{@code zmq_recv} would make inside
 * libzmq anyway. Native {@link MemorySegment}s and direct {@link ByteBuffer}s go straight to
 * {@code zmq_send}/{@code zmq_recv}. {@link Msg} avoids even that copy. None of these allocate per message.
 */
public final class Socket implements AutoCloseable {

    private static final Cleaner CLEANER = Leaks.CLEANER;
    private static final boolean CHECK_THREADS = Boolean.getBoolean("zmqffm.checkThreads");

    private final Context context;
    private final SocketType type;
    private final MemorySegment handle;
    final SocketResource resource;
    final CallGuard guard;
    /** The I/O state of the owning thread; null for a thread-safe type, which keeps one per thread. */
    private final SocketIo io;
    private final ThreadLocal<SocketIo> threadIo;
    private final Cleaner.Cleanable cleanable;

    Socket(Context context, SocketType type, MemorySegment handle, SocketScratch scratch) {
        this.context = context;
        this.type = type;
        this.handle = handle;
        this.resource = new SocketResource(handle, context, type, CHECK_THREADS);
        this.guard = resource.guard;
        resource.adopt(scratch);
        if (type.isThreadSafe()) {
            // The first scratch serves close and the context; each calling thread gets its own.
            this.io = null;
            this.threadIo = ThreadLocal.withInitial(() -> new SocketIo(type, handle, resource.adopt(new SocketScratch()), resource));
        } else {
            this.io = new SocketIo(type, handle, scratch, resource);
            this.threadIo = null;
        }
        this.cleanable = CLEANER.register(this, resource);
        context.track(resource);
    }

    /** This socket's type. */
    public SocketType type() {
        return type;
    }

    /** The context this socket belongs to. */
    public Context context() {
        return context;
    }

    /**
     * The native {@code void*} socket, for passing to native code, which must follow libzmq's rules for it (one
     * thread at a time); valid until {@link #close()}.
     */
    public MemorySegment handle() {
        if (resource.isClosed()) {
            guard.enter(); // throws the "closed" exception
        }
        return handle;
    }

    /** Whether {@link #close()} (or the context's close) has run. */
    public boolean isClosed() {
        return resource.isClosed();
    }

    /**
     * Closes the socket with its own ZMQ_LINGER. Idempotent. From a thread other than the one using the socket,
     * it throws {@link IllegalStateException} (and the socket stays open) if that thread is inside a call on it,
     * such as a blocking receive, that does not return within a moment.
     */
    @Override
    public void close() {
        resource.markExplicitClose();
        context.inprocPeers().close(() -> resource.close(SocketResource.OWN_LINGER));
        cleanable.clean(); // now only unregisters
    }

    /**
     * Binds to an endpoint and returns the endpoint actually bound: {@code bind("tcp://127.0.0.1:*")} returns
     * {@code "tcp://127.0.0.1:41234"}. Errors: EINVAL, EPROTONOSUPPORT, ENOCOMPATPROTO (also a STREAM socket over
     * inproc, which libzmq would abort on, and an inproc endpoint that a socket of a type libzmq's handshake would
     * refuse as a peer has connected to), EADDRINUSE, EADDRNOTAVAIL, ENODEV, EMTHREAD, ETERM, EMFILE (no file
     * descriptor left for a tcp, ipc or udp endpoint). {@link IllegalStateException} if {@link SocketOption#USE_FD}
     * no longer names a listening socket.
     */
    public String bind(String endpoint) {
        ZapRules.check(this, endpoint, true);
        TransportRules.check(this, "bind", endpoint);
        UseFdCheck.beforeBind(this, endpoint);
        if (TransportRules.isInproc(endpoint)) {
            context.inprocPeers().bind(this, endpoint, () -> call("bind", endpoint, LibZmqControl::bind));
        } else {
            call("bind", endpoint, LibZmqControl::bind);
        }
        return get(SocketOption.LAST_ENDPOINT);
    }

    /**
     * Connects to an endpoint. Errors: EINVAL, EPROTONOSUPPORT, ENOCOMPATPROTO (also an inproc endpoint bound by a
     * socket type libzmq's handshake would refuse as a peer), EMTHREAD, ETERM, EMFILE (the context's first connect to
     * an inproc endpoint nothing has bound makes it one more socket, with which its termination binds such
     * endpoints: ZMQ_MAX_SOCKETS reached, or no file descriptor left).
     */
    public void connect(String endpoint) {
        ZapRules.check(this, endpoint, false);
        TransportRules.check(this, "connect", endpoint);
        if (TransportRules.isInproc(endpoint)) {
            context.inprocPeers().connect(this, endpoint, () -> call("connect", endpoint, LibZmqControl::connect));
        } else {
            call("connect", endpoint, LibZmqControl::connect);
        }
    }

    /** Stops listening on an endpoint (use the string {@link #bind} returned). Errors: EINVAL, ENOENT, ETERM. */
    public void unbind(String endpoint) {
        if (TransportRules.isInproc(endpoint)) {
            context.inprocPeers().detach(this, endpoint, () -> call("unbind", endpoint, LibZmqControl::unbind));
        } else {
            call("unbind", endpoint, LibZmqControl::unbind);
        }
    }

    /** Disconnects from an endpoint. Errors: EINVAL, ENOENT, ETERM. */
    public void disconnect(String endpoint) {
        if (TransportRules.isInproc(endpoint)) {
            context.inprocPeers().detach(this, endpoint, () -> call("disconnect", endpoint, LibZmqControl::disconnect));
        } else {
            call("disconnect", endpoint, LibZmqControl::disconnect);
        }
    }

    /**
     * Joins a group: DISH sockets only (draft). Errors: ENOTSUP (any other type, RADIO included: a RADIO names the
     * group of each message it sends), EINVAL (longer than 255 bytes, or already joined), ETERM.
     */
    public void join(String group) {
        call("join", group, LibZmqDraft::join);
    }

    /** Leaves a group: DISH sockets only (draft). Errors: ENOTSUP (any other type), EINVAL (not joined), ETERM. */
    public void leave(String group) {
        call("leave", group, LibZmqDraft::leave);
    }

    /** A libzmq call taking the socket and a C string: bind, connect, join, ... */
    private interface StringCall {
        int invoke(MemorySegment errno, MemorySegment socket, MemorySegment text);
    }

    private void call(String name, String argument, StringCall function) {
        EndpointCheck.check(name, argument); // before entering: a refused argument must not leave the guard held
        CallGuard.Owner token = guard.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = io().scratch.errno;
            if (function.invoke(errno, handle, arena.allocateFrom(argument)) != 0) {
                throw Errors.exception(name, argument, LibZmq.errno(errno));
            }
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Sets an option. Errors: EINVAL (bad value, or not for this socket type), ETERM. */
    public <T> void set(SocketOption<T> option, T value) {
        CallGuard.Owner token = guard.enter();
        try {
            SocketOptions.set(this, io().scratch, option, value);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Reads an option. Errors: EINVAL (not for this socket type), ETERM. */
    public <T> T get(SocketOption<T> option) {
        CallGuard.Owner token = guard.enter();
        try {
            return SocketOptions.get(this, io().scratch, option);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * How this socket's blocking calls wait (see {@link WaitStrategy}); null goes back to the context's
     * ({@link Context#setWaitStrategy}, by default {@link WaitStrategy#AUTO}: virtual threads park, platform threads
     * wait interruptibly). Takes effect at the next call.
     */
    public void setWaitStrategy(WaitStrategy strategy) {
        resource.waitStrategy = strategy;
    }

    /** The wait strategy in force for this socket: its own, else its context's. */
    public WaitStrategy waitStrategy() {
        return resource.waitStrategy();
    }

    /** Subscribes a SUB socket to messages starting with {@code prefix} (empty: everything). */
    public void subscribe(byte[] prefix) {
        set(SocketOption.SUBSCRIBE, prefix);
    }

    /** Subscribes to a UTF-8 topic prefix. */
    public void subscribe(String prefix) {
        subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes a subscription. */
    public void unsubscribe(byte[] prefix) {
        set(SocketOption.UNSUBSCRIBE, prefix);
    }

    /** Removes a UTF-8 subscription. */
    public void unsubscribe(String prefix) {
        unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether more frames of the message being received follow (ZMQ_RCVMORE). */
    public boolean hasReceiveMore() {
        CallGuard.Owner token = guard.enter();
        try {
            SocketIo io = io();
            int more = io.receiveMoreNow();
            return more >= 0 ? more != 0 : SocketOptions.get(this, io.scratch, SocketOption.RCVMORE);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The endpoint last bound or connected (ZMQ_LAST_ENDPOINT). */
    public String lastEndpoint() {
        return get(SocketOption.LAST_ENDPOINT);
    }

    /** Sends a whole array, blocking. Returns false only if ZMQ_SNDTIMEO expired. */
    public boolean send(byte[] data) {
        return send(data, 0, data.length, SendFlag.NONE);
    }

    /** Sends a whole array. Returns false if the send would block (EAGAIN). */
    public boolean send(byte[] data, SendFlag flags) {
        return send(data, 0, data.length, flags);
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset}. Returns false on EAGAIN. */
    public boolean send(byte[] data, int offset, int length, SendFlag flags) {
        Objects.checkFromIndexSize(offset, length, data.length);
        CallGuard.Owner token = guard.enter();
        try {
            return io().sendArray(data, offset, length, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Sends a string as UTF-8, blocking. */
    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8), SendFlag.NONE);
    }

    /** Sends a string as UTF-8. Returns false on EAGAIN. */
    public boolean send(String text, SendFlag flags) {
        return send(text.getBytes(StandardCharsets.UTF_8), flags);
    }

    /** Sends a frame with ZMQ_SNDMORE: more frames of this message follow. */
    public boolean sendMore(byte[] data) {
        return send(data, SendFlag.SNDMORE);
    }

    /** Sends a UTF-8 frame with ZMQ_SNDMORE. */
    public boolean sendMore(String text) {
        return send(text, SendFlag.SNDMORE);
    }

    /** Sends the contents of a segment (native or heap), blocking. */
    public boolean send(MemorySegment data) {
        return send(data, SendFlag.NONE);
    }

    /** Sends the contents of a segment (native or heap). Returns false on EAGAIN. */
    public boolean send(MemorySegment data, SendFlag flags) {
        CallGuard.Owner token = guard.enter();
        try {
            return io().sendSegment(data, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Sends the buffer's remaining bytes (direct or heap) and moves its position to its limit. */
    public boolean send(ByteBuffer data) {
        return send(data, SendFlag.NONE);
    }

    /** Sends the buffer's remaining bytes; on success its position moves to its limit. False on EAGAIN. */
    public boolean send(ByteBuffer data, SendFlag flags) {
        boolean sent;
        CallGuard.Owner token = guard.enter();
        try {
            sent = io().sendBuffer(data, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
        if (sent) {
            data.position(data.limit());
        }
        return sent;
    }

    /**
     * Sends a {@link Msg} without copying its content. On success libzmq owns the content and the message
     * is empty again (reuse it); on EAGAIN it is unchanged.
     */
    public boolean send(Msg msg) {
        return send(msg, SendFlag.NONE);
    }

    /** Sends a {@link Msg}; see {@link #send(Msg)}. False on EAGAIN. */
    public boolean send(Msg msg, SendFlag flags) {
        CallGuard.Owner token = guard.enter();
        try {
            return msg.sendThrough(io(), flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sends the frames as one multipart message, blocking. Returns false if ZMQ_SNDTIMEO expired before the
     * first frame was queued (libzmq then queues none); later frames of a message are never refused.
     */
    public boolean sendMultipart(Iterable<byte[]> frames) {
        List<byte[]> list = new ArrayList<>();
        frames.forEach(list::add);
        for (int i = 0; i < list.size(); i++) {
            boolean sent = send(list.get(i), i < list.size() - 1 ? SendFlag.SNDMORE : SendFlag.NONE);
            if (!sent) {
                return false;
            }
        }
        return true;
    }

    /** Receives into the array, blocking; returns the message's full size (larger than the array: truncated). */
    public int recv(byte[] buffer) {
        return recv(buffer, 0, buffer.length, RecvFlag.NONE);
    }

    /** Receives into the array; returns the full size, or -1 on EAGAIN. */
    public int recv(byte[] buffer, RecvFlag flags) {
        return recv(buffer, 0, buffer.length, flags);
    }

    /** Receives into {@code buffer[offset, offset+length)}; returns the full size, or -1 on EAGAIN. */
    public int recv(byte[] buffer, int offset, int length, RecvFlag flags) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        CallGuard.Owner token = guard.enter();
        try {
            return io().recvArray(buffer, offset, length, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Receives into a writable segment, blocking; returns the full size (truncated if larger than it). */
    public int recv(MemorySegment buffer) {
        return recv(buffer, RecvFlag.NONE);
    }

    /** Receives into a writable segment; returns the full size, or -1 on EAGAIN. */
    public int recv(MemorySegment buffer, RecvFlag flags) {
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only segment");
        }
        CallGuard.Owner token = guard.enter();
        try {
            return io().recvSegment(buffer, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Receives into the buffer's remaining space, blocking; see {@link #recv(ByteBuffer, RecvFlag)}. */
    public int recv(ByteBuffer buffer) {
        return recv(buffer, RecvFlag.NONE);
    }

    /**
     * Receives into the buffer from its position; the position advances by the bytes written. Returns the
     * message's full size (more than the remaining space: truncated), or -1 on EAGAIN.
     */
    public int recv(ByteBuffer buffer, RecvFlag flags) {
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        int size;
        CallGuard.Owner token = guard.enter();
        try {
            size = io().recvBuffer(buffer, flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
        if (size > 0) {
            buffer.position(buffer.position() + Math.min(size, buffer.remaining()));
        }
        return size;
    }

    /**
     * Receives into a {@link Msg} without copying; {@link Msg#data()} is then a view of the content, valid
     * until the message's next receive or close. Returns the size, or -1 on EAGAIN.
     */
    public int recv(Msg msg) {
        return recv(msg, RecvFlag.NONE);
    }

    /** Receives into a {@link Msg}; see {@link #recv(Msg)}. */
    public int recv(Msg msg, RecvFlag flags) {
        CallGuard.Owner token = guard.enter();
        try {
            return msg.recvThrough(io(), flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Receives a message as a new array, blocking; null only if ZMQ_RCVTIMEO expired. */
    public byte[] recv() {
        return recv(RecvFlag.NONE);
    }

    /** Receives a message as a new array, or null on EAGAIN. */
    public byte[] recv(RecvFlag flags) {
        CallGuard.Owner token = guard.enter();
        try {
            return io().recvNewArray(flags);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Receives a message as UTF-8 text, blocking; null only if ZMQ_RCVTIMEO expired. */
    public String recvString() {
        return recvString(RecvFlag.NONE);
    }

    /** Receives a message as UTF-8 text, or null on EAGAIN. */
    public String recvString(RecvFlag flags) {
        byte[] data = recv(flags);
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** Receives all frames of the next message, blocking; null only if ZMQ_RCVTIMEO expired. */
    public Frames recvMultipart() {
        CallGuard.Owner token = guard.enter();
        try {
            SocketIo io = io();
            List<byte[]> frames = new ArrayList<>();
            do {
                byte[] frame = io.recvNewArray(RecvFlag.NONE);
                if (frame == null && frames.isEmpty()) {
                    return null;
                } else if (frame == null) {
                    throw new IllegalStateException("timed out inside a multipart message, which libzmq delivers whole");
                }
                frames.add(frame);
            } while (io.lastFrameHasMore());
            return new Frames(frames);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The I/O state for the calling thread. */
    private SocketIo io() {
        return io != null ? io : threadIo.get();
    }

    @Override
    public String toString() {
        return "Socket[" + type + (resource.isClosed() ? ", closed" : "") + "]";
    }
}
