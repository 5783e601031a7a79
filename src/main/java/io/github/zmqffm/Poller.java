package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;
import io.github.zmqffm.lib.zmq_pollitem_t;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code zmq_poll} over sockets and raw file descriptors, with an off-heap {@code zmq_pollitem_t[]} that is
 * allocated once (grown when more items are registered) and reused, so that {@link #poll} allocates nothing.
 *
 * <pre>{@code
 * try (Poller poller = new Poller()) {
 *     int in = poller.register(pull, Poller.POLLIN);
 *     if (poller.poll(Duration.ofSeconds(1)) > 0 && poller.isReadable(in)) {
 *         pull.recv(buffer);
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #register} returns an index that stays valid until {@link #unregister(int)}; a freed index is given
 * to a later registration. <b>Threads:</b> {@code zmq_poll} reads the registered sockets, so a poller is used
 * by the thread that uses its sockets, one at a time. Closing a registered socket and then polling raises
 * {@link IllegalStateException}: unregister it first. For the thread-safe draft socket types libzmq polls through
 * its draft poller, which allocates natively per call; {@link SocketPoller} keeps that state instead.
 *
 * <p><b>Which poller.</b> Use {@code Poller} ({@code zmq_poll}) for the classic socket types (REQ, REP, DEALER,
 * ROUTER, PUB, SUB, PUSH, PULL, PAIR, XPUB, XSUB, STREAM) and raw file descriptors: it works with any libzmq, asks
 * about every item on each call and reports readiness by item. Use {@link SocketPoller} (the draft
 * {@code zmq_poller}) for the thread-safe draft types (SERVER, CLIENT, RADIO, DISH, SCATTER, GATHER, ...): libzmq
 * keeps its registrations between waits and it reports only the ready items, but it needs a libzmq built with drafts
 * (the bundled one is). For handlers and timers rather than a loop of your own, use {@link ZLoop}, built on this.
 */
public final class Poller implements AutoCloseable {

    /** ZMQ_POLLIN: a message can be received (socket) or data read (fd). */
    public static final int POLLIN = zmq_h.ZMQ_POLLIN();
    /** ZMQ_POLLOUT: a message can be sent (socket) or data written (fd). */
    public static final int POLLOUT = zmq_h.ZMQ_POLLOUT();
    /** ZMQ_POLLERR: an error condition on a raw fd ({@code POLLERR}, {@code POLLHUP}, {@code POLLNVAL}). */
    public static final int POLLERR = zmq_h.ZMQ_POLLERR();
    /** ZMQ_POLLPRI: urgent data on a raw fd. */
    public static final int POLLPRI = zmq_h.ZMQ_POLLPRI();

    private static final int ALL_EVENTS = POLLIN | POLLOUT | POLLERR | POLLPRI;
    private static final long ITEM = zmq_pollitem_t.layout().byteSize();
    private static final long SOCKET = zmq_pollitem_t.socket$offset();
    private static final long FD = zmq_pollitem_t.fd$offset();
    private static final long EVENTS = zmq_pollitem_t.events$offset();
    private static final long REVENTS = zmq_pollitem_t.revents$offset();

    /** The native memory, apart from the poller so that a {@link Cleaner} can free it if the poller leaks. */
    private static final class Memory implements Runnable {
        final CallGuard guard = new CallGuard(false, false, "poller", () -> "this poller is closed");
        final MemorySegment errno = NativeMemory.allocate(LibZmq.CAPTURE_LAYOUT.byteSize());
        MemorySegment items;

        void close() {
            guard.close(() -> {
                NativeMemory.free(items);
                NativeMemory.free(errno);
            });
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

    private final Memory memory = new Memory();
    private final CallGuard guard = memory.guard;
    private final Cleaner.Cleanable cleanable;
    /** The items are kept dense in native memory; these map public indexes to positions and back. */
    private int[] positionOf;
    private int[] indexAt;
    private Socket[] socketAt;
    /** The guard tokens of the registered sockets during a poll. */
    private CallGuard.Owner[] tokenAt;
    private int count;

    /** A poller with room for 16 items before it grows. */
    public Poller() {
        this(zmq_h.ZMQ_POLLITEMS_DFLT());
    }

    /** A poller with room for {@code capacity} items before it grows. */
    public Poller(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        memory.items = NativeMemory.allocate(capacity * ITEM);
        positionOf = new int[capacity];
        Arrays.fill(positionOf, -1);
        indexAt = new int[capacity];
        socketAt = new Socket[capacity];
        tokenAt = new CallGuard.Owner[capacity];
        cleanable = Leaks.CLEANER.register(this, memory);
    }

    /**
     * Polls {@code socket} for {@code events} ({@link #POLLIN} and/or {@link #POLLOUT}) and returns its index.
     * The same socket may be registered more than once. Errors: {@link IllegalStateException} if the socket is
     * closed.
     */
    public int register(Socket socket, int events) {
        checkEvents(events);
        return add(socket.handle(), -1, events, socket);
    }

    /**
     * Polls a raw file descriptor (a socket or pipe of the OS, e.g. ZMQ_FD of another socket) for {@code events}
     * (any of {@link #POLLIN}, {@link #POLLOUT}, {@link #POLLPRI}, {@link #POLLERR}) and returns its index.
     */
    public int register(int fd, int events) {
        checkEvents(events);
        if (fd < 0) {
            throw new IllegalArgumentException("fd " + fd);
        }
        return add(MemorySegment.NULL, fd, events, null);
    }

    private int add(MemorySegment socket, int fd, int events, Socket owner) {
        CallGuard.Owner token = guard.enter();
        try {
            return addItem(socket, fd, events, owner);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    private int addItem(MemorySegment socket, int fd, int events, Socket owner) {
        if (count == positionOf.length) {
            grow();
        }
        int index = 0;
        while (positionOf[index] >= 0) {
            index++;
        }
        int position = count++;
        positionOf[index] = position;
        indexAt[position] = index;
        socketAt[position] = owner;
        MemorySegment item = item(position);
        item.set(ValueLayout.ADDRESS, SOCKET, socket);
        item.set(ValueLayout.JAVA_INT, FD, fd);
        item.set(ValueLayout.JAVA_SHORT, EVENTS, (short) events);
        item.set(ValueLayout.JAVA_SHORT, REVENTS, (short) 0);
        return index;
    }

    private void grow() {
        int capacity = positionOf.length * 2;
        MemorySegment items = NativeMemory.allocate(capacity * ITEM);
        items.copyFrom(memory.items);
        NativeMemory.free(memory.items);
        memory.items = items;
        positionOf = Arrays.copyOf(positionOf, capacity);
        Arrays.fill(positionOf, capacity / 2, capacity, -1);
        indexAt = Arrays.copyOf(indexAt, capacity);
        socketAt = Arrays.copyOf(socketAt, capacity);
        tokenAt = Arrays.copyOf(tokenAt, capacity);
    }

    /** Changes the events polled for at {@code index}. */
    public void setEvents(int index, int events) {
        checkEvents(events);
        CallGuard.Owner token = guard.enter();
        try {
            memory.items.set(ValueLayout.JAVA_SHORT, position(index) * ITEM + EVENTS, (short) events);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Stops polling the item at {@code index}; the index may be handed out again. */
    public void unregister(int index) {
        CallGuard.Owner token = guard.enter();
        try {
            unregisterItem(index);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    private void unregisterItem(int index) {
        int position = position(index);
        int last = --count;
        if (position != last) {
            // Keep the native array dense: the last item moves into the hole.
            item(position).copyFrom(item(last));
            indexAt[position] = indexAt[last];
            socketAt[position] = socketAt[last];
            positionOf[indexAt[position]] = position;
        }
        socketAt[last] = null;
        positionOf[index] = -1;
    }

    /** Unregisters every item of {@code socket}; returns whether there was one. */
    public boolean unregister(Socket socket) {
        CallGuard.Owner token = guard.enter();
        try {
            boolean found = false;
            for (int position = count - 1; position >= 0; position--) {
                if (socketAt[position] == socket) {
                    unregisterItem(indexAt[position]);
                    found = true;
                }
            }
            return found;
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The number of registered items. */
    public int size() {
        return count;
    }

    /** The socket registered at {@code index}, or null for a raw file descriptor. */
    public Socket socket(int index) {
        return socketAt[position(index)];
    }

    /**
     * Waits until an item is ready or {@code maxWait} passes (negative: no limit, zero: just look; rounded up to
     * whole milliseconds) and returns the number of ready items. Signals (EINTR) are retried for the rest of the
     * timeout. Allocates nothing. Errors: {@link ContextTerminatedException} (ETERM) if a registered socket's
     * context was terminated; ENOTSOCK, EFAULT; {@link IllegalStateException} if a registered socket was closed,
     * or nothing is registered and {@code maxWait} is negative.
     */
    public int poll(Duration maxWait) {
        long timeoutMillis = Timeouts.millis(maxWait);
        CallGuard.Owner token = guard.enter();
        int entered = 0;
        try {
            if (count == 0 && timeoutMillis < 0) {
                throw new IllegalStateException("nothing is registered: poll(-1) would wait forever");
            }
            // zmq_poll reads the sockets: each stays open, and on this thread, until it returns.
            for (; entered < count; entered++) {
                tokenAt[entered] = enterSocket(entered);
            }
            return pollItems(timeoutMillis);
        } finally {
            for (int position = 0; position < entered; position++) {
                if (socketAt[position] != null) {
                    socketAt[position].guard.exit(tokenAt[position]);
                }
            }
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    private CallGuard.Owner enterSocket(int position) {
        Socket socket = socketAt[position];
        if (socket == null) {
            return null;
        }
        if (socket.isClosed()) {
            throw new IllegalStateException("the socket at index " + indexAt[position]
                    + " was closed; unregister it before closing it");
        }
        return socket.guard.enter();
    }

    private int pollItems(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long timeout = timeoutMillis;
        for (;;) {
            int ready = LibZmq.poll(memory.errno, memory.items, count, timeout);
            if (ready >= 0) {
                return ready;
            }
            int errno = LibZmq.errno(memory.errno);
            if (errno != Errors.EINTR) {
                throw Errors.exception("zmq_poll", count + " items", errno);
            }
            if (timeoutMillis > 0) {
                timeout = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            }
        }
    }

    /** The events found ready at {@code index} by the last {@link #poll}. */
    public int readyEvents(int index) {
        CallGuard.Owner token = guard.enter();
        try {
            // An offset rather than an item slice: no object on this path, even if the JIT does not inline it.
            return memory.items.get(ValueLayout.JAVA_SHORT, position(index) * ITEM + REVENTS);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** Whether the last {@link #poll} found {@link #POLLIN} at {@code index}. */
    public boolean isReadable(int index) {
        return (readyEvents(index) & POLLIN) != 0;
    }

    /** Whether the last {@link #poll} found {@link #POLLOUT} at {@code index}. */
    public boolean isWritable(int index) {
        return (readyEvents(index) & POLLOUT) != 0;
    }

    /** Whether the last {@link #poll} found {@link #POLLERR} at {@code index} (raw file descriptors only). */
    public boolean hasError(int index) {
        return (readyEvents(index) & POLLERR) != 0;
    }

    /**
     * Frees the native items; the registered sockets stay open. Idempotent. From another thread than the one
     * using the poller, it throws {@link IllegalStateException} if a poll is running there.
     */
    @Override
    public void close() {
        memory.close();
        cleanable.clean(); // now only unregisters
    }

    private MemorySegment item(int position) {
        return memory.items.asSlice(position * ITEM, ITEM);
    }

    private int position(int index) {
        if (index < 0 || index >= positionOf.length || positionOf[index] < 0) {
            throw new IllegalArgumentException("index " + index + " is not registered");
        }
        return positionOf[index];
    }

    private static void checkEvents(int events) {
        if ((events & ~ALL_EVENTS) != 0) {
            throw new IllegalArgumentException("unknown poll events " + events);
        }
    }
}
