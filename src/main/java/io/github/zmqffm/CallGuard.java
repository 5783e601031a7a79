package io.github.zmqffm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Keeps one object's native memory (a socket, a message, a poller) from being freed, or used by a second thread,
 * while a thread is inside a libzmq call on it; at about a nanosecond per call and no fence instruction.
 *
 * <p><b>Owned mode</b> (everything but the thread-safe draft sockets). The memory belongs to one thread at a time,
 * the {@linkplain Owner owner}. Its calls take the fast path: count the call in the owner record with a plain
 * store, then re-read which owner is current; there is no atomic instruction or fence. Any other thread takes the
 * slow path under this guard's lock: it installs itself (or the closing marker) as the owner, runs a
 * {@link ProcessBarrier} so that every thread's counted calls are visible and every later fast path sees the new
 * owner, then waits, briefly, for the old owner's calls to reach zero. A hand-over or close that finds a call still
 * running (a blocking receive, say) puts the old owner back and throws {@link IllegalStateException} naming that
 * thread: libzmq itself gives no way to stop a call from outside. Each owner record is written only by its own
 * thread, so a thread that lost ownership while entering can undo its count without touching the new owner's.
 *
 * <p><b>Shared mode</b> (CLIENT, SERVER, RADIO, DISH, ...: libzmq makes those thread-safe). Any number of threads
 * may be inside calls; each call is counted with an atomic add, and close waits for the count to reach zero.
 *
 * <p>Where no process barrier exists ({@link ProcessBarrier#AVAILABLE} false) the owned fast path adds a full
 * fence after its count, which makes the same protocol correct at the cost of the fence.
 */
final class CallGuard {

    /** How long a close or hand-over waits for calls already running on the other thread to end. */
    static final long QUIET_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How long {@link #borrow} waits: it is best effort, and may run for many objects in a row. */
    private static final long BORROW_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final boolean FENCE_FREE = ProcessBarrier.AVAILABLE;

    /** The thread allowed on the fast path, with its count of calls in progress (written by that thread only). */
    static final class Owner {
        final Thread thread;
        int calls;

        Owner(Thread thread) {
            this.thread = thread;
        }
    }

    /** Marks: no fast path succeeds while one of these is the owner. */
    private static final Owner CLOSING = new Owner(null);
    private static final Owner CLOSED = new Owner(null);
    private static final Owner SHARED = new Owner(null);
    private static final Owner LENT = new Owner(null);

    private static final VarHandle OWNER;
    private static final VarHandle CALLS;
    private static final VarHandle SHARED_CALLS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(CallGuard.class, "owner", Owner.class);
            SHARED_CALLS = lookup.findVarHandle(CallGuard.class, "sharedCalls", int.class);
            CALLS = lookup.findVarHandle(Owner.class, "calls", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean shared;
    private final boolean strict;
    /** What the memory is, for messages: "PUSH socket", "Msg", ... */
    private final String name;
    private final Supplier<String> closedMessage;
    private Owner owner;
    private int sharedCalls;

    /**
     * A guard owned by the calling thread. {@code shared}: thread-safe object, any thread at any time.
     * {@code strict}: refuse hand-over to another thread ({@code -Dzmqffm.checkThreads=true}). {@code name}: what
     * the object is, for messages ("PUSH socket"). {@code closedMessage}: the text of the exception for a call
     * after close.
     */
    CallGuard(boolean shared, boolean strict, String name, Supplier<String> closedMessage) {
        this.shared = shared;
        this.strict = strict;
        this.name = name;
        this.closedMessage = closedMessage;
        OWNER.setVolatile(this, shared ? SHARED : new Owner(Thread.currentThread()));
    }

    /** Starts a call; pass the result to {@link #exit}. Throws {@link IllegalStateException} when closed or busy. */
    Owner enter() {
        Owner current = owner;
        if (current.thread != Thread.currentThread()) {
            // SHARED (like every mark) has no thread, so shared mode is asked about only off the owner's fast path.
            return shared ? enterShared() : slowEnter();
        }
        CALLS.setOpaque(current, current.calls + 1);
        if (!FENCE_FREE) {
            VarHandle.fullFence();
        }
        if (OWNER.getOpaque(this) != current) {
            CALLS.setRelease(current, current.calls - 1); // lost ownership while entering: undo, then wait our turn
            return slowEnter();
        }
        return current;
    }

    /** Ends a call started by {@link #enter}. */
    void exit(Owner token) {
        if (token == SHARED) {
            SHARED_CALLS.getAndAdd(this, -1);
        } else {
            CALLS.setRelease(token, token.calls - 1);
        }
    }

    /** Whether the guard is closed (a hint: it may change right after). */
    boolean isClosed() {
        Owner current = (Owner) OWNER.getVolatile(this);
        return current == CLOSED || current == CLOSING;
    }

    /** The thread that owns the memory now (null once closed, or in shared mode). */
    Thread ownerThread() {
        return ((Owner) OWNER.getVolatile(this)).thread;
    }

    /**
     * Runs {@code free} once no call is in progress, and marks the guard closed; false if it was closed already.
     * Throws {@link IllegalStateException} (and stays open) if another thread's call does not end within a moment.
     */
    synchronized boolean close(Runnable free) {
        return close(free, QUIET_WAIT_NANOS);
    }

    /** {@link #close(Runnable)}, waiting up to {@code waitNanos} for another thread's call to end. */
    synchronized boolean close(Runnable free, long waitNanos) {
        Owner current = owner;
        if (current == CLOSED) {
            return false;
        }
        Thread me = Thread.currentThread();
        if (current.thread == me && current.calls != 0) {
            throw new IllegalStateException("cannot close this " + name + " inside a call on it");
        }
        if (current.thread != me) {
            OWNER.setVolatile(this, CLOSING);
            if (!awaitQuiet(current, waitNanos)) {
                OWNER.setVolatile(this, current);
                throw busy(current, "closed");
            }
        }
        OWNER.setVolatile(this, CLOSED);
        free.run();
        return true;
    }

    /**
     * Runs {@code action} on the calling thread if the object is open and no other thread is in a call on it,
     * without taking ownership; false (and {@code action} not run) otherwise.
     */
    synchronized boolean borrow(Runnable action) {
        Owner current = owner;
        if (current == CLOSED) {
            return false;
        }
        if (shared || current.thread == Thread.currentThread()) {
            Owner token = enter();
            try {
                action.run();
            } finally {
                exit(token);
            }
            return true;
        }
        OWNER.setVolatile(this, LENT);
        try {
            boolean quiet = awaitQuiet(current, BORROW_WAIT_NANOS);
            if (quiet) {
                action.run();
            }
            return quiet;
        } finally {
            OWNER.setVolatile(this, current);
        }
    }

    private Owner enterShared() {
        SHARED_CALLS.getAndAdd(this, 1);
        if (OWNER.getVolatile(this) != SHARED) {
            SHARED_CALLS.getAndAdd(this, -1);
            throw new IllegalStateException(closedMessage.get());
        }
        return SHARED;
    }

    private synchronized Owner slowEnter() {
        Owner current = owner;
        Thread me = Thread.currentThread();
        if (current == CLOSED || current == CLOSING) {
            throw new IllegalStateException(closedMessage.get());
        }
        if (current.thread == me) {
            // Our ownership was restored after a refused hand-over; under the lock nobody else changes it.
            CALLS.setRelease(current, current.calls + 1);
            return current;
        }
        if (strict) {
            throw new IllegalStateException("this " + name + " belongs to thread '" + current.thread.getName()
                    + "' and is used from thread '" + me.getName() + "' (zmqffm.checkThreads is on)");
        }
        Owner mine = new Owner(me);
        OWNER.setVolatile(this, mine);
        if (!awaitQuiet(current, QUIET_WAIT_NANOS)) {
            OWNER.setVolatile(this, current);
            throw busy(current, "used from thread '" + me.getName() + "'");
        }
        CALLS.setRelease(mine, 1);
        return mine;
    }

    /** After a new owner (or CLOSING) is installed: waits a moment for {@code previous}'s calls to end. */
    private boolean awaitQuiet(Owner previous, long waitNanos) {
        if (shared) {
            return awaitZero(() -> (int) SHARED_CALLS.getVolatile(this), waitNanos);
        }
        if (FENCE_FREE) {
            ProcessBarrier.run();
        }
        return awaitZero(() -> (int) CALLS.getVolatile(previous), waitNanos);
    }

    private static boolean awaitZero(IntSupplier calls, long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        for (int spins = 0; calls.getAsInt() != 0; spins++) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return true;
    }

    private IllegalStateException busy(Owner previous, String attempt) {
        String thread = previous.thread == null ? "another thread" : "thread '" + previous.thread.getName() + "'";
        return new IllegalStateException("this " + name + " is in a call on " + thread + ", so it cannot be " + attempt
                + " now: that call must return first (a blocked call returns on a message, its timeout, or"
                + " Context.shutdown())");
    }
}
