package io.github.zmqffm;


import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * libzmq's draft {@code zmq_poller}: a registration set kept by libzmq between waits, which also polls the
 * thread-safe draft socket types (SERVER, CLIENT, RADIO, DISH, ...). {@link #poll} writes the ready events into
 * an off-heap {@code zmq_poller_event_t[]} allocated once and reused; read them with {@link #socket(int)},
 * {@link #fd(int)} and {@link #events(int)} for {@code i} below the count {@code poll} returned, until the next
 * {@code poll}, add or remove.
 *
 * <pre>{@code
 * try (SocketPoller poller = new SocketPoller()) {
 *     poller.add(server, Poller.POLLIN);
 *     for (int i = 0, n = poller.poll(1000); i < n; i++) {
 *         poller.socket(i).recv(msg);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> one thread at a time, the one using the registered sockets (for the classic types).
 * Remove a socket before closing it: a registered socket found closed is dropped from the poller, which means
 * building a new native poller and leaving the old one allocated, since it still points at the freed socket.
 *
 * <p>Errors are {@link ZmqException}s: EINVAL (a socket added twice, not registered, bad events), ENOTSOCK,
 * EBADF; ETERM as {@link ContextTerminatedException}. A libzmq built without drafts makes the constructor throw
 * {@link UnsupportedOperationException}; {@link #isAvailable()} says so in advance.
 */
public final class SocketPoller implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SocketPoller.class.getName());
    // zmq_poller_event_t of this platform (its fd is a 64-bit SOCKET on Windows): NativeAbi.
    private static final long EVENT = NativeAbi.CURRENT.pollerEvent().byteSize();
    private static final long EVENT_FD = NativeAbi.offset(NativeAbi.CURRENT.pollerEvent(), "fd");
    private static final boolean WIDE_FD = NativeAbi.CURRENT.wideFd();
    private static final long EVENT_USER_DATA = NativeAbi.offset(NativeAbi.CURRENT.pollerEvent(), "user_data");
    private static final long EVENT_EVENTS = NativeAbi.offset(NativeAbi.CURRENT.pollerEvent(), "events");
    private static final int INITIAL_CAPACITY = 8;

    /**
     * The native poller and everything registered in it. Apart from the {@code SocketPoller} so that a
     * {@link Cleaner} can free it; it holds the registered sockets, which therefore cannot be collected (and
     * closed by their own cleaners) before it.
     */
    private static final class State implements Runnable {
        final MemorySegment errno = NativeMemory.allocate(LibZmq.CAPTURE_LAYOUT.byteSize());
        /** The {@code void*} poller, in memory because {@code zmq_poller_destroy} takes its address. */
        final MemorySegment pointer = NativeMemory.allocate(ValueLayout.ADDRESS.byteSize());
        /** The same pointer as a segment, kept so that a poll does not make one by reading {@link #pointer}. */
        MemorySegment poller = MemorySegment.NULL;
        MemorySegment events = NativeMemory.allocate(INITIAL_CAPACITY * EVENT);
        /** Registrations by slot: a socket, or null and an fd; user_data is the slot + 1. */
        Socket[] sockets = new Socket[INITIAL_CAPACITY];
        int[] fds = filled(INITIAL_CAPACITY);
        short[] interest = new short[INITIAL_CAPACITY];
        boolean freed;

        void setPoller(MemorySegment poller) {
            this.poller = poller;
            pointer.set(ValueLayout.ADDRESS, 0, poller);
        }

        boolean anySocketClosed() {
            for (Socket socket : sockets) {
                if (socket != null && socket.isClosed()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public synchronized void run() {
            if (freed) {
                return;
            }
            freed = true;
            if (anySocketClosed()) {
                LOG.log(System.Logger.Level.WARNING, "a SocketPoller was closed with a closed socket still added;"
                        + " its native poller is left allocated because destroying it would touch the freed socket");
            } else {
                LibZmqDraft.pollerDestroy(errno, pointer);
            }
            NativeMemory.free(events);
            NativeMemory.free(pointer);
            NativeMemory.free(errno);
        }
    }

    private final State state = new State();
    private final Cleaner.Cleanable cleanable;
    private int ready;

    /** Whether the loaded libzmq has the draft poller. */
    public static boolean isAvailable() {
        return LibZmq.exports("zmq_poller_new");
    }

    /** A new poller. Errors: {@link UnsupportedOperationException} if libzmq was built without drafts. */
    public SocketPoller() {
        cleanable = Leaks.CLEANER.register(this, state);
        state.setPoller(newPoller());
    }

    private MemorySegment newPoller() {
        MemorySegment poller = LibZmqDraft.pollerNew(state.errno);
        if (poller.equals(MemorySegment.NULL)) {
            throw Errors.exception("zmq_poller_new", null, LibZmq.errno(state.errno));
        }
        return poller;
    }

    private static int[] filled(int length) {
        int[] fds = new int[length];
        Arrays.fill(fds, -1);
        return fds;
    }

    /** Adds a socket, polled for {@code events} ({@link Poller#POLLIN}, {@link Poller#POLLOUT}). */
    public void add(Socket socket, int events) {
        int slot = freeSlot();
        check(LibZmqDraft.pollerAdd(state.errno, poller(), socket.handle(), userData(slot), (short) events),
                "zmq_poller_add", socket);
        register(slot, socket, -1, events);
    }

    /** Changes the events a socket is polled for. */
    public void modify(Socket socket, int events) {
        int slot = slotOf(socket);
        check(LibZmqDraft.pollerModify(state.errno, poller(), socket.handle(), (short) events), "zmq_poller_modify",
                socket);
        state.interest[slot] = (short) events;
    }

    /** Removes a socket; one that was closed meanwhile is just forgotten. */
    public void remove(Socket socket) {
        if (socket.isClosed()) {
            poller(); // which drops closed sockets
            return;
        }
        int slot = slotOf(socket);
        check(LibZmqDraft.pollerRemove(state.errno, poller(), socket.handle()), "zmq_poller_remove", socket);
        register(slot, null, -1, 0);
    }

    /** Adds a raw file descriptor, polled for {@link Poller#POLLIN}, {@link Poller#POLLOUT}, POLLPRI, POLLERR. */
    public void add(int fd, int events) {
        int slot = freeSlot();
        check(LibZmqDraft.pollerAddFd(state.errno, poller(), fd, userData(slot), (short) events), "zmq_poller_add_fd",
                fd);
        register(slot, null, fd, events);
    }

    /** Changes the events a file descriptor is polled for. */
    public void modify(int fd, int events) {
        int slot = slotOf(fd);
        check(LibZmqDraft.pollerModifyFd(state.errno, poller(), fd, (short) events), "zmq_poller_modify_fd", fd);
        state.interest[slot] = (short) events;
    }

    /** Removes a file descriptor. */
    public void remove(int fd) {
        int slot = slotOf(fd);
        check(LibZmqDraft.pollerRemoveFd(state.errno, poller(), fd), "zmq_poller_remove_fd", fd);
        register(slot, null, -1, 0);
    }

    /** The number of sockets and file descriptors added. */
    public int size() {
        int size = 0;
        for (int slot = 0; slot < state.sockets.length; slot++) {
            size += state.sockets[slot] != null || state.fds[slot] >= 0 ? 1 : 0;
        }
        return size;
    }

    /**
     * Waits until something is ready or {@code timeoutMillis} passes (-1: no limit, 0: just look) and returns how
     * many ready events {@link #socket(int)}, {@link #fd(int)} and {@link #events(int)} now describe (0 on
     * timeout). Signals (EINTR) are retried for the rest of the timeout. Allocates nothing. Errors: ETERM as
     * {@link ContextTerminatedException}; {@link IllegalStateException} if nothing is added and the timeout is -1.
     */
    public int poll(long timeoutMillis) {
        MemorySegment poller = poller();
        ready = 0;
        if (size() == 0 && timeoutMillis < 0) {
            throw new IllegalStateException("nothing is added: poll(-1) would wait forever");
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long timeout = timeoutMillis;
        for (;;) {
            int n = LibZmqDraft.pollerWaitAll(state.errno, poller, state.events, state.sockets.length, timeout);
            if (n >= 0) {
                ready = n;
                return n;
            }
            int errno = LibZmq.errno(state.errno);
            if (errno == Errors.EAGAIN) {
                return 0;
            }
            if (errno != Errors.EINTR) {
                throw Errors.exception("zmq_poller_wait_all", null, errno);
            }
            if (timeoutMillis > 0) {
                timeout = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            }
        }
    }

    /** The socket of ready event {@code i}, or null if it is for a file descriptor. */
    public Socket socket(int i) {
        long offset = event(i, EVENT_USER_DATA);
        long userData = ValueLayout.ADDRESS.byteSize() == 8
                ? state.events.get(ValueLayout.JAVA_LONG, offset) : state.events.get(ValueLayout.JAVA_INT, offset);
        return state.sockets[(int) userData - 1];
    }

    /** The file descriptor of ready event {@code i}, or -1 if it is for a socket. */
    public int fd(int i) {
        long offset = event(i, EVENT_FD);
        // Windows' INVALID_SOCKET (all ones) for a socket's event becomes -1, as POSIX's retired fd is.
        return WIDE_FD ? (int) state.events.get(ValueLayout.JAVA_LONG, offset)
                : state.events.get(ValueLayout.JAVA_INT, offset);
    }

    /** The events ready at event {@code i}: {@link Poller#POLLIN}, {@link Poller#POLLOUT}, ... */
    public int events(int i) {
        return state.events.get(ValueLayout.JAVA_SHORT, event(i, EVENT_EVENTS));
    }

    /** Whether ready event {@code i} includes {@link Poller#POLLIN}. */
    public boolean isReadable(int i) {
        return (events(i) & Poller.POLLIN) != 0;
    }

    /** Whether ready event {@code i} includes {@link Poller#POLLOUT}. */
    public boolean isWritable(int i) {
        return (events(i) & Poller.POLLOUT) != 0;
    }

    /** Whether ready event {@code i} includes {@link Poller#POLLERR}. */
    public boolean hasError(int i) {
        return (events(i) & Poller.POLLERR) != 0;
    }

    /** Destroys the native poller; the sockets stay open. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** The offset of ready event {@code i}'s {@code field}. */
    private long event(int i, long field) {
        if (i < 0 || i >= ready) {
            throw new IndexOutOfBoundsException("event " + i + " of " + ready + " ready");
        }
        return i * EVENT + field;
    }

    /** The native poller, first rebuilt without any registered socket that was closed meanwhile. */
    private MemorySegment poller() {
        if (state.freed) {
            throw new IllegalStateException("this poller is closed");
        }
        if (state.anySocketClosed()) {
            rebuild();
        }
        return state.poller;
    }

    private void rebuild() {
        LOG.log(System.Logger.Level.WARNING, "a socket added to a SocketPoller was closed before being removed;"
                + " dropping it (the old native poller is left allocated: it still points at the freed socket)");
        state.setPoller(newPoller());
        MemorySegment poller = state.poller;
        for (int slot = 0; slot < state.sockets.length; slot++) {
            Socket socket = state.sockets[slot];
            if (socket != null && socket.isClosed()) {
                register(slot, null, -1, 0);
            } else if (socket != null) {
                check(LibZmqDraft.pollerAdd(state.errno, poller, socket.handle(), userData(slot), state.interest[slot]),
                        "zmq_poller_add", socket);
            } else if (state.fds[slot] >= 0) {
                check(LibZmqDraft.pollerAddFd(state.errno, poller, state.fds[slot], userData(slot),
                        state.interest[slot]), "zmq_poller_add_fd", state.fds[slot]);
            }
        }
    }

    private int freeSlot() {
        poller();
        for (int slot = 0; slot < state.sockets.length; slot++) {
            if (state.sockets[slot] == null && state.fds[slot] < 0) {
                return slot;
            }
        }
        int slot = state.sockets.length;
        int capacity = slot * 2;
        MemorySegment events = NativeMemory.allocate(capacity * EVENT);
        NativeMemory.free(state.events);
        state.events = events;
        state.sockets = Arrays.copyOf(state.sockets, capacity);
        state.fds = Arrays.copyOf(state.fds, capacity);
        Arrays.fill(state.fds, slot, capacity, -1);
        state.interest = Arrays.copyOf(state.interest, capacity);
        ready = 0;
        return slot;
    }

    private void register(int slot, Socket socket, int fd, int events) {
        state.sockets[slot] = socket;
        state.fds[slot] = fd;
        state.interest[slot] = (short) events;
    }

    private int slotOf(Socket socket) {
        poller();
        for (int slot = 0; slot < state.sockets.length; slot++) {
            if (state.sockets[slot] == socket) {
                return slot;
            }
        }
        throw new IllegalArgumentException(socket + " was not added");
    }

    private int slotOf(int fd) {
        poller();
        for (int slot = 0; slot < state.fds.length; slot++) {
            if (fd >= 0 && state.fds[slot] == fd) {
                return slot;
            }
        }
        throw new IllegalArgumentException("fd " + fd + " was not added");
    }

    private static MemorySegment userData(int slot) {
        return MemorySegment.ofAddress(slot + 1L);
    }

    private void check(int rc, String call, Object argument) {
        if (rc != 0) {
            throw Errors.exception(call, argument, LibZmq.errno(state.errno));
        }
    }
}
