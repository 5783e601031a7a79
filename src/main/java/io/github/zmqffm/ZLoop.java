package io.github.zmqffm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A reactor (JeroMQ's {@code ZLoop}, czmq's {@code zloop}): one thread waits on sockets, raw file descriptors and
 * timers and calls a handler for each that is ready. Built on a {@link Poller}; it sleeps in {@code zmq_poll} until
 * something is ready or the next timer is due, so it never busy-waits.
 *
 * <pre>{@code
 * try (ZLoop loop = new ZLoop()) {
 *     loop.add(socket, Poller.POLLIN, (s, events) -> handle(s.recvString()));
 *     ZLoop.Timer heartbeat = loop.every(Duration.ofSeconds(1), () -> socket.send("HEARTBEAT"));
 *     loop.once(Duration.ofSeconds(10), loop::stop);
 *     loop.run();                                    // until stop(), an interrupt or ETERM
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #run()} and every method but {@link #stop()} belong to the thread that uses the
 * sockets (handlers run in it, and may add or remove sockets and timers); {@link #stop()} may be called from any
 * thread, and wakes the loop at once through a pipe it polls.
 *
 * <p><b>How it ends.</b> {@link #run()} returns when {@link #stop()} is called (by a handler or another thread;
 * a stop before {@code run} makes the next {@code run} return at once), or when its thread is interrupted: an
 * interrupt seen between two waits, or a wait woken by one ({@link ZmqException} with EINTR), ends the loop with
 * the thread's interrupt status still set. A terminated context ends it with {@link ContextTerminatedException},
 * and an exception thrown by a handler ends it with that exception; either way the loop stays consistent and may
 * be run again. Sockets found closed are dropped from the loop before each wait.
 */
public final class ZLoop implements AutoCloseable {

    /** Called when a socket is ready for the events it was added for. */
    @FunctionalInterface
    public interface SocketHandler {
        /** {@code events}: the ready {@link Poller#POLLIN} and/or {@link Poller#POLLOUT}. */
        void handle(Socket socket, int events);
    }

    /** Called when a raw file descriptor is ready. */
    @FunctionalInterface
    public interface FdHandler {
        /** {@code events}: the ready {@link Poller#POLLIN}, {@link Poller#POLLOUT}, {@link Poller#POLLERR}... */
        void handle(int fd, int events);
    }

    /** A timer made by {@link #timer}, {@link #once} or {@link #every}. */
    public final class Timer {
        private final Duration delay;
        private final long delayNanos;
        private final Runnable handler;
        private final long sequence;
        private int remaining;
        private long due;
        private boolean active = true;

        private Timer(Duration delay, int times, Runnable handler) {
            this.delay = delay;
            this.delayNanos = delay.toNanos();
            this.handler = handler;
            this.sequence = timerSequence++;
            this.remaining = times;
            this.due = System.nanoTime() + delayNanos;
        }

        /** Stops the timer; it will not fire again. Idempotent. From the loop's thread. */
        public void cancel() {
            if (active) {
                active = false;
                timers.remove(this);
            }
        }

        /**
         * Starts the countdown to the next firing again from now (e.g. a timeout pushed back by traffic); does
         * nothing once the timer is done or cancelled.
         */
        public void reset() {
            if (active) {
                timers.remove(this);
                due = System.nanoTime() + delayNanos;
                timers.add(this);
            }
        }

        /** Whether the timer will still fire. */
        public boolean isActive() {
            return active;
        }

        /** The delay between firings. */
        public Duration delay() {
            return delay;
        }

        private void fire() {
            if (remaining > 0 && --remaining == 0) {
                active = false;
            } else {
                long now = System.nanoTime();
                due += delayNanos;
                if (due - now < 0) {
                    due = now + delayNanos; // the loop fell behind: skip the missed firings rather than burst
                }
                timers.add(this);
            }
            handler.run();
        }

        @Override
        public String toString() {
            return "Timer[" + delay + (active ? "" : ", done") + "]";
        }
    }

    /** One socket or fd and its handler; {@code index} is its place in the poller. */
    private static final class Item {
        final Socket socket;
        final int fd;
        final SocketHandler socketHandler;
        final FdHandler fdHandler;
        int index;
        boolean removed;

        Item(Socket socket, int fd, SocketHandler socketHandler, FdHandler fdHandler) {
            this.socket = socket;
            this.fd = fd;
            this.socketHandler = socketHandler;
            this.fdHandler = fdHandler;
        }
    }

    private final Poller poller = new Poller();
    private final WakeupPipe wakeup = new WakeupPipe();
    private final int wakeupIndex;
    private final List<Item> items = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due - b.due, 0) : Long.compare(a.sequence, b.sequence));
    private long timerSequence;
    /** How many times the loop has waited in {@code zmq_poll}: tests check that an idle loop does not spin. */
    private long waits;
    private volatile boolean stopRequested;
    private Thread runner;
    private boolean closed;

    /** A loop with nothing registered yet. */
    public ZLoop() {
        wakeupIndex = poller.register(wakeup.readFd(), Poller.POLLIN);
    }

    /**
     * Calls {@code handler} whenever {@code socket} is ready for {@code events} ({@link Poller#POLLIN} and/or
     * {@link Poller#POLLOUT}). Errors: {@link IllegalArgumentException} if the socket is already in this loop.
     */
    public void add(Socket socket, int events, SocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        ensureOpen();
        for (Item item : items) {
            if (item.socket == socket && !item.removed) {
                throw new IllegalArgumentException(socket + " is already in this loop");
            }
        }
        register(new Item(socket, -1, handler, null), poller.register(socket, events));
    }

    /**
     * Calls {@code handler} whenever the raw file descriptor {@code fd} is ready for {@code events}. Errors:
     * {@link IllegalArgumentException} if it is already in this loop.
     */
    public void add(int fd, int events, FdHandler handler) {
        Objects.requireNonNull(handler, "handler");
        ensureOpen();
        for (Item item : items) {
            if (item.socket == null && item.fd == fd && !item.removed) {
                throw new IllegalArgumentException("fd " + fd + " is already in this loop");
            }
        }
        register(new Item(null, fd, null, handler), poller.register(fd, events));
    }

    /** Stops watching {@code socket}; returns whether it was in the loop. Do this before closing it. */
    public boolean remove(Socket socket) {
        return removeIf(socket, -1);
    }

    /** Stops watching the file descriptor {@code fd}; returns whether it was in the loop. */
    public boolean remove(int fd) {
        return removeIf(null, fd);
    }

    /**
     * Calls {@code handler} after {@code delay}, {@code times} times {@code delay} apart ({@code times} 0: until
     * cancelled). Errors: {@link IllegalArgumentException} for a negative delay or times, or a zero delay that
     * would repeat.
     */
    public Timer timer(Duration delay, int times, Runnable handler) {
        Objects.requireNonNull(handler, "handler");
        if (delay.isNegative() || times < 0 || (delay.isZero() && times != 1)) {
            throw new IllegalArgumentException("delay " + delay + ", times " + times
                    + ": the delay must not be negative, nor zero for a timer that repeats");
        }
        ensureOpen();
        Timer timer = new Timer(delay, times, handler);
        timers.add(timer);
        return timer;
    }

    /** Calls {@code handler} once, after {@code delay}. */
    public Timer once(Duration delay, Runnable handler) {
        return timer(delay, 1, handler);
    }

    /** Calls {@code handler} every {@code interval}, first after one interval, until cancelled. */
    public Timer every(Duration interval, Runnable handler) {
        return timer(interval, 0, handler);
    }

    /**
     * Runs the loop in this thread until {@link #stop()}, an interrupt or ETERM (see the class comment). Errors:
     * {@link IllegalStateException} if it is already running; whatever a handler throws.
     */
    public void run() {
        ensureOpen();
        if (runner != null) {
            throw new IllegalStateException("this loop is already running in " + runner.getName());
        }
        runner = Thread.currentThread();
        try {
            while (!stopRequested && !runner.isInterrupted()) {
                dropClosedSockets();
                if (!waitForEvents()) {
                    return;
                }
                if (poller.isReadable(wakeupIndex)) {
                    wakeup.drain();
                }
                dispatch();
                fireDueTimers();
            }
        } finally {
            runner = null;
            stopRequested = false;
        }
    }

    /** Makes {@link #run()} return (the running loop at once, else the next run). From any thread. */
    public void stop() {
        stopRequested = true;
        wakeup.wake();
    }

    long waits() {
        return waits;
    }

    /** Whether {@link #run()} is running. */
    public boolean isRunning() {
        return runner != null;
    }

    /** Frees the poller and the wake-up pipe; the sockets stay open. Not while running. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (runner != null) {
            throw new IllegalStateException("stop the loop before closing it");
        }
        closed = true;
        timers.clear();
        items.clear();
        poller.close();
        wakeup.close();
    }

    /** Waits for the next event or due timer; false if an interrupt woke the wait. */
    private boolean waitForEvents() {
        Timer next = timers.peek();
        Duration wait = next == null ? Duration.ofMillis(-1) : Duration.ofNanos(Math.max(0, next.due - System.nanoTime()));
        try {
            waits++;
            poller.poll(wait);
            return true;
        } catch (ZmqException e) {
            if (e.error() == Errno.EINTR) {
                return false; // an interrupt woke the wait; the thread keeps its interrupt status
            }
            throw e;
        }
    }

    private void dispatch() {
        // Handlers may add items (not polled yet: they come after this count) or remove them (marked, skipped).
        int count = items.size();
        for (int i = 0; i < count && !stopRequested; i++) {
            Item item = items.get(i);
            if (item.removed) {
                continue;
            }
            int events = poller.readyEvents(item.index);
            if (events == 0) {
                continue;
            }
            if (item.socket != null) {
                item.socketHandler.handle(item.socket, events);
            } else {
                item.fdHandler.handle(item.fd, events);
            }
        }
        items.removeIf(item -> item.removed);
    }

    private void fireDueTimers() {
        long now = System.nanoTime();
        for (Timer timer = timers.peek(); timer != null && timer.due - now <= 0 && !stopRequested; timer = timers.peek()) {
            timers.poll();
            timer.fire();
        }
    }

    private void dropClosedSockets() {
        for (Item item : items) {
            if (item.socket != null && !item.removed && item.socket.isClosed()) {
                poller.unregister(item.index);
                item.removed = true;
            }
        }
        items.removeIf(item -> item.removed);
    }

    private void register(Item item, int index) {
        item.index = index;
        items.add(item);
    }

    private boolean removeIf(Socket socket, int fd) {
        ensureOpen();
        for (Item item : items) {
            if (!item.removed && item.socket == socket && (socket != null || item.fd == fd)) {
                poller.unregister(item.index);
                item.removed = true;
                if (runner == null) {
                    items.remove(item);
                }
                return true;
            }
        }
        return false;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this loop is closed");
        }
    }
}
