package io.github.zmqffm.fuzz;

import io.github.zmqffm.Context;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketPoller;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The objects one fuzz sequence works on, in numbered slots that every thread of the sequence shares (the
 * point is to misuse them across threads). Actions name slots; an action whose slot is empty does nothing.
 */
final class World {

    static final int CONTEXTS = 2;
    static final int SOCKETS = 6;
    static final int MSGS = 4;
    static final int VIEWS = 4;
    static final int ARENAS = 2;
    static final int POLLERS = 2;
    static final int MONITORS = 2;
    static final int ENDPOINTS = 4;

    final AtomicReferenceArray<Context> contexts = new AtomicReferenceArray<>(CONTEXTS);
    /** The raw handle each context slot last held, kept after the close so that adopting a dead one can be tried. */
    final AtomicReferenceArray<MemorySegment> contextHandles = new AtomicReferenceArray<>(CONTEXTS);
    final AtomicReferenceArray<Socket> sockets = new AtomicReferenceArray<>(SOCKETS);
    final AtomicReferenceArray<MsgBox> msgs = new AtomicReferenceArray<>(MSGS);
    final AtomicReferenceArray<View> views = new AtomicReferenceArray<>(VIEWS);
    final AtomicReferenceArray<ArenaBox> arenas = new AtomicReferenceArray<>(ARENAS);
    final AtomicReferenceArray<Poller> pollers = new AtomicReferenceArray<>(POLLERS);
    final AtomicReferenceArray<SocketPoller> socketPollers = new AtomicReferenceArray<>(POLLERS);
    final AtomicReferenceArray<Monitor> monitors = new AtomicReferenceArray<>(MONITORS);
    /** The endpoints that tcp/ws binds returned, by key, for later connects, unbinds and disconnects. */
    final AtomicReferenceArray<String> endpoints = new AtomicReferenceArray<>(ENDPOINTS);
    /** Wrap release callbacks that ran more than once (each must run exactly once). */
    final AtomicInteger doubleReleases = new AtomicInteger();
    /** The first broken promise of the API seen (a stale view that did not throw, a double release...). */
    final List<String> violations = new ArrayList<>();
    /** The directory for this sequence's ipc:// endpoints. */
    final String ipcDirectory;

    /** Lines up the sequence's threads at {@link Action.Barrier}s; each thread leaves it when it finishes. */
    final Phaser phaser;

    World(String ipcDirectory, int threads) {
        this.ipcDirectory = ipcDirectory;
        this.phaser = new Phaser(threads);
    }

    /** Waits at most 1 s for the other threads; a thread that never comes only costs that second. */
    void barrier() throws InterruptedException {
        try {
            phaser.awaitAdvanceInterruptibly(phaser.arrive(), 1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // the others are busy or already done
        }
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    /** A message and the record of its content's moves, which its views share without keeping the message alive. */
    static final class MsgBox {
        final Msg msg;
        final Moves moves = new Moves();

        MsgBox(Msg msg) {
            this.msg = msg;
        }

        void moved() {
            moves.moved();
        }

        void unknown() {
            moves.unknown();
        }
    }

    /**
     * The threads that moved a message's content on (received over, reset, sent, closed), in order, so that a view
     * taken earlier knows whether the API must refuse it. Unknown once that cannot be told (a receive that returned
     * EAGAIN or threw, or the message was forgotten for the GC).
     */
    static final class Moves {
        private final List<Thread> movers = new ArrayList<>();
        private boolean unknown;

        synchronized void moved() {
            movers.add(Thread.currentThread());
        }

        synchronized void unknown() {
            unknown = true;
        }

        synchronized int count() {
            return movers.size();
        }

        /**
         * Whether the content has certainly moved on for a view that {@code owner} took after {@code before} moves:
         * Msg's javadoc promises an exception only when the view's own thread moved the message on (a view whose
         * message moved on in another thread keeps seeing the old content).
         */
        synchronized boolean movedOnFor(Thread owner, int before) {
            return !unknown && movers.size() > before
                    && movers.subList(before, movers.size()).stream().allMatch(t -> t == owner);
        }
    }

    /** A segment {@code Msg.data()} returned on {@code owner}, and how often its message had moved on then. */
    record View(MemorySegment segment, Moves moves, Thread owner, int movesThen) {
        /** Whether using this view must throw: its content certainly moved on, and there is something to read. */
        boolean certainlyStale() {
            return segment.byteSize() > 0 && moves.movedOnFor(owner, movesThen);
        }
    }

    /** A caller's arena for {@code Msg.wrap}, with the number of wrapped segments libzmq has not released yet. */
    static final class ArenaBox {
        final Arena arena;
        final AtomicInteger pending = new AtomicInteger();

        ArenaBox(Arena arena) {
            this.arena = arena;
        }
    }

    /** Closes what the sequence left open, in dependency order, so that the next sequence starts clean. */
    void tearDown(java.util.function.Consumer<Runnable> attempt) {
        for (int i = 0; i < MONITORS; i++) {
            Monitor m = monitors.getAndSet(i, null);
            if (m != null) {
                attempt.accept(m::close);
            }
        }
        for (int i = 0; i < POLLERS; i++) {
            SocketPoller s = socketPollers.getAndSet(i, null);
            if (s != null) {
                attempt.accept(s::close);
            }
            Poller p = pollers.getAndSet(i, null);
            if (p != null) {
                attempt.accept(p::close);
            }
        }
        for (int i = 0; i < MSGS; i++) {
            MsgBox m = msgs.getAndSet(i, null);
            if (m != null) {
                attempt.accept(m.msg::close);
            }
        }
        for (int i = 0; i < SOCKETS; i++) {
            Socket s = sockets.getAndSet(i, null);
            if (s != null) {
                attempt.accept(s::close);
            }
        }
        for (int i = 0; i < CONTEXTS; i++) {
            Context c = contexts.getAndSet(i, null);
            if (c != null) {
                attempt.accept(c::close);
            }
        }
        for (int i = 0; i < ARENAS; i++) {
            ArenaBox a = arenas.getAndSet(i, null);
            // An arena libzmq may still read from is left to leak: closing it is an action of its own.
            if (a != null && a.pending.get() == 0) {
                attempt.accept(a.arena::close);
            }
        }
    }
}
