package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_poller_event_t;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
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
 *     for (int i = 0, n = poller.poll(Duration.ofSeconds(1)); i < n; i++) {
 *         poller.socket(i).recv(msg);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> one thread at a time, the one using the registered sockets (for the classic types). Closing an
 * added socket removes it from the poller first; if the poller is waiting in another thread at that moment, the
 * close throws {@link IllegalStateException} instead.
 *
 * <p><b>Which poller:</b> this one for the thread-safe draft socket types (which {@code zmq_poll} can only poll by
 * building a draft poller per call) or when only the ready items are wanted; {@link Poller} for the classic types
 * and raw file descriptors with any libzmq. See {@link Poller} for the comparison.
 *
 * <p>Errors are {@link ZmqException}s: EINVAL (a socket added twice, not registered, bad events), ENOTSOCK,
 * EBADF; ETERM as {@link ContextTerminatedException}. A libzmq built without drafts makes the constructor throw
 * {@link UnsupportedOperationException}; {@link #isAvailable()} says so in advance.
 */
public final class SocketPoller implements AutoCloseable {

    private static final long EVENT = zmq_poller_event_t.layout().byteSize();
    private static final long EVENT_FD = zmq_poller_event_t.fd$offset();
    private static final long EVENT_USER_DATA = zmq_poller_event_t.user_data$offset();
    private static final long EVENT_EVENTS = zmq_poller_event_t.events$offset();
    private static final int INITIAL_CAPACITY = 8;

    /**
     * The native poller and everything registered in it. Apart from the {@code SocketPoller} so that a
     * {@link Cleaner} can free it; it holds the registered sockets, which therefore cannot be collected (and
     * closed by their own cleaners) before it.
     */
    static final class State implements Runnable {
        final CallGuard guard = new CallGuard(false, false, "socket poller", () -> "this poller is closed");
        final MemorySegment errno = NativeMemory.allocate(LibZmq.CAPTURE_LAYOUT.byteSize());
        /** The {@code void*} poller, in memory because {@code zmq_poller_destroy} takes its address. */
        final MemorySegment pointer = NativeMemory.allocate(ValueLayout.ADDRESS.byteSize());
        /** The same pointer as a segment, kept so that a poll does not make one by reading {@link #pointer}. */
        MemorySegment poller = MemorySegment.NULL;
        MemorySegment events = NativeMemory.allocate(INITIAL_CAPACITY * EVENT);
        /** Registrations by slot: a socket, or null and an fd; user_data is the slot + 1. */
        Socket[] sockets = new Socket[INITIAL_CAPACITY];
        /** The sockets' guard tokens during a poll. */
        CallGuard.Owner[] tokens = new CallGuard.Owner[INITIAL_CAPACITY];
        int[] fds = filled(INITIAL_CAPACITY);
        short[] interest = new short[INITIAL_CAPACITY];

        void setPoller(MemorySegment poller) {
            this.poller = poller;
            pointer.set(ValueLayout.ADDRESS, 0, poller);
        }

        void close() {
            guard.close(() -> {
                // Added sockets are open (closing one removes it), so destroying the poller touches only live ones.
                for (Socket socket : sockets) {
                    if (socket != null) {
                        socket.resource.pollers.remove(this);
                    }
                }
                LibZmqDraft.pollerDestroy(errno, pointer);
                NativeMemory.free(events);
                NativeMemory.free(pointer);
                NativeMemory.free(errno);
            });
        }

        /** Called by a closing socket, on the closing thread: removes it before it is freed, if it was added. */
        void forget(SocketResource resource) {
            CallGuard.Owner token = guard.enter();
            try {
                for (int slot = 0; slot < sockets.length; slot++) {
                    if (sockets[slot] != null && sockets[slot].resource == resource) {
                        remove(slot);
                        return;
                    }
                }
            } finally {
                guard.exit(token);
            }
        }

        void remove(int slot) {
            SocketResource resource = sockets[slot].resource;
            if (LibZmqDraft.pollerRemove(errno, poller, resource.handle) != 0) {
                throw Errors.exception("zmq_poller_remove", sockets[slot], LibZmq.errno(errno));
            }
            sockets[slot] = null;
            fds[slot] = -1;
            interest[slot] = 0;
            resource.pollers.remove(this);
        }

        @Override
        public void run() {
            try {
                close();
            } catch (IllegalStateException e) {
                // A poll still running on another thread refuses the close; the memory stays with it.
            }
        }
    }

    private final State state = new State();
    private final CallGuard guard = state.guard;
    private final Cleaner.Cleanable cleanable;
    private int ready;

    /** Whether the loaded libzmq has the draft poller. */
    public static boolean isAvailable() {
        return LibZmq.exports("zmq_poller_new");
    }

    /** A new poller. Errors: {@link UnsupportedOperationException} if libzmq was built without drafts. */
    public SocketPoller() {
        cleanable = Leaks.CLEANER.register(this, state);
        MemorySegment poller = LibZmqDraft.pollerNew(state.errno);
        if (poller.equals(MemorySegment.NULL)) {
            throw Errors.exception("zmq_poller_new", null, LibZmq.errno(state.errno));
        }
        state.setPoller(poller);
    }

    private static int[] filled(int length) {
        int[] fds = new int[length];
        Arrays.fill(fds, -1);
        return fds;
    }

    /** Adds a socket, polled for {@code events} ({@link Poller#POLLIN}, {@link Poller#POLLOUT}). */
    public void add(Socket socket, int events) {
        CallGuard.Owner token = guard.enter();
        CallGuard.Owner socketToken = enterOrExit(socket, token);
        try {
            int slot = freeSlot();
            check(LibZmqDraft.pollerAdd(state.errno, state.poller, socket.handle(), userData(slot), (short) events),
                    "zmq_poller_add", socket);
            register(slot, socket, -1, events);
            socket.resource.pollers.add(state);
        } finally {
            socket.guard.exit(socketToken);
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Changes the events a socket is polled for. */
    public void modify(Socket socket, int events) {
        CallGuard.Owner token = guard.enter();
        CallGuard.Owner socketToken = enterOrExit(socket, token);
        try {
            int slot = slotOf(socket);
            check(LibZmqDraft.pollerModify(state.errno, state.poller, socket.handle(), (short) events),
                    "zmq_poller_modify", socket);
            state.interest[slot] = (short) events;
        } finally {
            socket.guard.exit(socketToken);
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Removes a socket; one that was closed meanwhile was removed by its close. */
    public void remove(Socket socket) {
        if (socket.isClosed()) {
            return;
        }
        CallGuard.Owner token = guard.enter();
        CallGuard.Owner socketToken = enterOrExit(socket, token);
        try {
            state.remove(slotOf(socket));
        } finally {
            socket.guard.exit(socketToken);
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Enters the socket's guard, or leaves this poller's if that fails. */
    private CallGuard.Owner enterOrExit(Socket socket, CallGuard.Owner token) {
        try {
            return socket.guard.enter();
        } catch (RuntimeException e) {
            guard.exit(token);
            throw e;
        }
    }

    /** Adds a raw file descriptor, polled for {@link Poller#POLLIN}, {@link Poller#POLLOUT}, POLLPRI, POLLERR. */
    public void add(int fd, int events) {
        CallGuard.Owner token = guard.enter();
        try {
            int slot = freeSlot();
            check(LibZmqDraft.pollerAddFd(state.errno, state.poller, fd, userData(slot), (short) events),
                    "zmq_poller_add_fd", fd);
            register(slot, null, fd, events);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Changes the events a file descriptor is polled for. */
    public void modify(int fd, int events) {
        CallGuard.Owner token = guard.enter();
        try {
            int slot = slotOf(fd);
            check(LibZmqDraft.pollerModifyFd(state.errno, state.poller, fd, (short) events), "zmq_poller_modify_fd",
                    fd);
            state.interest[slot] = (short) events;
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Removes a file descriptor. */
    public void remove(int fd) {
        CallGuard.Owner token = guard.enter();
        try {
            int slot = slotOf(fd);
            check(LibZmqDraft.pollerRemoveFd(state.errno, state.poller, fd), "zmq_poller_remove_fd", fd);
            register(slot, null, -1, 0);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
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
     * Waits until something is ready or {@code maxWait} passes (negative: no limit, zero: just look; rounded up to
     * whole milliseconds) and returns how many ready events {@link #socket(int)}, {@link #fd(int)} and
     * {@link #events(int)} now describe (0 on timeout). Signals (EINTR) are retried for the rest of the timeout.
     * Allocates nothing. Errors: ETERM as {@link ContextTerminatedException}; {@link IllegalStateException} if
     * nothing is added and {@code maxWait} is negative.
     */
    public int poll(Duration maxWait) {
        long timeoutMillis = Timeouts.millis(maxWait);
        CallGuard.Owner token = guard.enter();
        int entered = 0;
        try {
            ready = 0;
            if (size() == 0 && timeoutMillis < 0) {
                throw new IllegalStateException("nothing is added: poll(-1) would wait forever");
            }
            // The wait reads the sockets: each stays open, and on this thread, until it returns.
            for (; entered < state.sockets.length; entered++) {
                Socket socket = state.sockets[entered];
                state.tokens[entered] = socket == null ? null : socket.guard.enter();
            }
            ready = waitAll(timeoutMillis);
            return ready;
        } finally {
            for (int slot = 0; slot < entered; slot++) {
                if (state.sockets[slot] != null) {
                    state.sockets[slot].guard.exit(state.tokens[slot]);
                }
            }
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    private int waitAll(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long timeout = timeoutMillis;
        for (;;) {
            int n = LibZmqDraft.pollerWaitAll(state.errno, state.poller, state.events, state.sockets.length, timeout);
            if (n >= 0) {
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
        CallGuard.Owner token = guard.enter();
        try {
            long userData = ValueLayout.ADDRESS.byteSize() == 8
                    ? state.events.get(ValueLayout.JAVA_LONG, offset) : state.events.get(ValueLayout.JAVA_INT, offset);
            return state.sockets[(int) userData - 1];
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The file descriptor of ready event {@code i}, or -1 if it is for a socket. */
    public int fd(int i) {
        return eventInt(event(i, EVENT_FD), false);
    }

    /** The events ready at event {@code i}: {@link Poller#POLLIN}, {@link Poller#POLLOUT}, ... */
    public int events(int i) {
        return eventInt(event(i, EVENT_EVENTS), true);
    }

    private int eventInt(long offset, boolean isShort) {
        CallGuard.Owner token = guard.enter();
        try {
            return isShort ? state.events.get(ValueLayout.JAVA_SHORT, offset) : state.events.get(ValueLayout.JAVA_INT, offset);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
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

    /**
     * Destroys the native poller; the sockets stay open. Idempotent. From another thread than the one using the
     * poller, it throws {@link IllegalStateException} if a poll is running there.
     */
    @Override
    public void close() {
        state.close();
        cleanable.clean(); // now only unregisters
    }

    /** The offset of ready event {@code i}'s {@code field}. */
    private long event(int i, long field) {
        if (i < 0 || i >= ready) {
            throw new IndexOutOfBoundsException("event " + i + " of " + ready + " ready");
        }
        return i * EVENT + field;
    }

    private int freeSlot() {
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
        state.tokens = Arrays.copyOf(state.tokens, capacity);
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
        for (int slot = 0; slot < state.sockets.length; slot++) {
            if (state.sockets[slot] == socket) {
                return slot;
            }
        }
        throw new IllegalArgumentException(socket + " was not added");
    }

    private int slotOf(int fd) {
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
