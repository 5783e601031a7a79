package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One context's readiness thread: a platform daemon thread in {@code epoll_wait} over the ZMQ_FDs (and raw
 * descriptors) that parked threads wait on, which unparks each waiter when its descriptor becomes readable. A
 * waiter {@linkplain #arm arms} its descriptor itself ({@code epoll_ctl} is safe while another thread waits), one
 * shot ({@code EPOLLONESHOT}: reported once, then disabled until armed again), so the thread never sees an event
 * nobody waits for twice; an eventfd wakes it to stop.
 *
 * <p>The protocol that loses no wake-up, with libzmq's rule that ZMQ_FD only signals "look at ZMQ_EVENTS again"
 * (and that reading ZMQ_EVENTS consumes the signal): try the operation without blocking; arm; read ZMQ_EVENTS; park
 * only if it still says not ready. A signal that arrives after the arm makes the descriptor readable, so epoll
 * reports it even if the ZMQ_EVENTS read consumed it meanwhile (then the park returns at once: a spurious wake-up,
 * and the waiter just tries again). The waiter table is indexed by descriptor, so arming allocates nothing.
 */
final class ReadinessPoller {

    private static final System.Logger LOG = System.getLogger(ReadinessPoller.class.getName());
    private static final long WAKE = -1L;
    private static final int MAX_EVENTS = 256;
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Descriptors below this can be waited on (Linux's default hard limit, {@code fs.nr_open}, is 2^20). */
    static final int MAX_FD = CHUNK * CHUNK;

    private final AtomicReferenceArray<AtomicReferenceArray<Thread>> waiters = new AtomicReferenceArray<>(CHUNK);
    /** Arms are calls; {@link #close} waits for them before it closes the epoll descriptor. */
    private final CallGuard guard = new CallGuard(true, false, "readiness poller", () -> "the context is closed");
    private final int epfd;
    private final int wakeFd;
    /** The poller thread's own memory: errno, events, eventfd buffer. */
    private final MemorySegment memory;
    private final Thread thread;
    private volatile boolean stopping;

    private ReadinessPoller(int epfd, int wakeFd, String name) {
        this.epfd = epfd;
        this.wakeFd = wakeFd;
        this.memory = NativeMemory.allocate(64 + MAX_EVENTS * Epoll.EVENT_SIZE);
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /** A started poller, or null where epoll is missing or the OS refuses a descriptor. */
    static ReadinessPoller start(String name) {
        if (!Epoll.AVAILABLE) {
            return null;
        }
        MemorySegment scratch = NativeMemory.allocate(64);
        try {
            MemorySegment errno = scratch.asSlice(0, 16);
            int epfd = Epoll.create(errno);
            if (epfd < 0) {
                LOG.log(System.Logger.Level.WARNING, "epoll_create1 failed, errno " + LibZmq.errno(errno)
                        + ": parked waits fall back to a bounded back-off");
                return null;
            }
            int wakeFd = Epoll.eventFd(errno);
            if (wakeFd < 0 || Epoll.ctl(errno, epfd, Epoll.ADD, wakeFd, Epoll.EPOLLIN, WAKE, scratch.asSlice(32, 16)) != 0) {
                LOG.log(System.Logger.Level.WARNING, "eventfd failed, errno " + LibZmq.errno(errno)
                        + ": parked waits fall back to a bounded back-off");
                if (wakeFd >= 0) {
                    Epoll.close(wakeFd);
                }
                Epoll.close(epfd);
                return null;
            }
            ReadinessPoller poller = new ReadinessPoller(epfd, wakeFd, name);
            poller.thread.start();
            return poller;
        } finally {
            NativeMemory.free(scratch);
        }
    }

    /**
     * Makes {@code waiter} the thread to unpark when {@code fd} reports {@code epollEvents} (one shot), using
     * {@code event} ({@link Epoll#EVENT_SIZE} bytes) and {@code errno} as scratch. False if it cannot (poller closed,
     * descriptor out of range, or one epoll refuses, such as a regular file): the caller then waits another way.
     */
    boolean arm(int fd, int epollEvents, Thread waiter, MemorySegment event, MemorySegment errno) {
        if (fd < 0 || fd >= MAX_FD) {
            return false;
        }
        CallGuard.Owner token;
        try {
            token = guard.enter();
        } catch (IllegalStateException closed) {
            return false;
        }
        try {
            chunk(fd).set(fd & (CHUNK - 1), waiter);
            int events = epollEvents | Epoll.EPOLLONESHOT;
            // MOD re-arms a descriptor added before; a new (or closed and reused) one is not there yet: ADD.
            if (Epoll.ctl(errno, epfd, Epoll.MOD, fd, events, fd, event) == 0
                    || (LibZmq.errno(errno) == Epoll.ENOENT && Epoll.ctl(errno, epfd, Epoll.ADD, fd, events, fd, event) == 0)) {
                return true;
            }
            chunk(fd).compareAndSet(fd & (CHUNK - 1), waiter, null);
            return false;
        } finally {
            guard.exit(token);
        }
    }

    /** After the wait: {@code fd} no longer wakes {@code waiter} (its one shot may still fire, to nobody). */
    void disarm(int fd, Thread waiter) {
        if (fd >= 0 && fd < MAX_FD) {
            chunk(fd).compareAndSet(fd & (CHUNK - 1), waiter, null);
        }
    }

    private AtomicReferenceArray<Thread> chunk(int fd) {
        int index = fd >>> CHUNK_BITS;
        AtomicReferenceArray<Thread> chunk = waiters.get(index);
        if (chunk == null) {
            waiters.compareAndSet(index, null, new AtomicReferenceArray<>(CHUNK));
            chunk = waiters.get(index);
        }
        return chunk;
    }

    private void run() {
        MemorySegment errno = memory.asSlice(0, 16);
        MemorySegment buffer = memory.asSlice(32, 8);
        MemorySegment events = memory.asSlice(64);
        while (!stopping) {
            int n = Epoll.await(errno, epfd, events, MAX_EVENTS, -1);
            if (n < 0) {
                if (LibZmq.errno(errno) == Errors.EINTR) {
                    continue;
                }
                LOG.log(System.Logger.Level.ERROR, "epoll_wait failed, errno " + LibZmq.errno(errno)
                        + "; parked waits on this context now wake only by timeout, interrupt or close");
                return;
            }
            for (int i = 0; i < n; i++) {
                long data = Epoll.data(events, i);
                if (data == WAKE) {
                    Epoll.drain(errno, wakeFd, buffer);
                    continue;
                }
                int fd = (int) data;
                AtomicReferenceArray<Thread> chunk = waiters.get(fd >>> CHUNK_BITS);
                Thread waiter = chunk == null ? null : chunk.get(fd & (CHUNK - 1));
                if (waiter != null) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }

    /** Stops the thread and closes the descriptors; waits for arms in progress. Idempotent. */
    void close() {
        guard.close(() -> {
            stopping = true;
            MemorySegment scratch = NativeMemory.allocate(32);
            try {
                Epoll.signal(scratch.asSlice(0, 16), wakeFd, scratch.asSlice(16, 8));
            } finally {
                NativeMemory.free(scratch);
            }
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, thread.getName() + " did not stop; its descriptors stay open");
                return; // it may still be in epoll_wait: closing epfd under it could hit a reused number
            }
            Epoll.close(wakeFd);
            Epoll.close(epfd);
            NativeMemory.free(memory);
        });
    }
}
