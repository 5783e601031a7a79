package io.github.zmqffm.fuzz;

import io.github.zmqffm.fuzz.World.MsgBox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Dropping references, collecting garbage, sleeping and lining threads up. */
final class LifetimeActions {

    private LifetimeActions() {}

    /** What {@link Forget} drops. */
    enum Kind { CONTEXT, SOCKET, MSG, VIEW, POLLER, SOCKET_POLLER, MONITOR, ARENA }

    /** Drops the slot's reference without closing, for the GC and the cleaners to find. */
    record Forget(Kind kind, int slot) implements Action {
        public void run(World w) {
            AtomicReferenceArray<?> slots = switch (kind) {
                case CONTEXT -> w.contexts;
                case SOCKET -> w.sockets;
                case MSG -> w.msgs;
                case VIEW -> w.views;
                case POLLER -> w.pollers;
                case SOCKET_POLLER -> w.socketPollers;
                case MONITOR -> w.monitors;
                case ARENA -> w.arenas;
            };
            Object dropped = slots.getAndSet(Math.floorMod(slot, slots.length()), null);
            if (dropped instanceof MsgBox box) {
                box.unknown(); // its views may outlive it: whether they must throw depends on the GC
            }
        }

        public String java() {
            String array = switch (kind) {
                case CONTEXT -> "ctx";
                case SOCKET -> "sock";
                case MSG -> "msg";
                case VIEW -> "view";
                case POLLER -> "poller";
                case SOCKET_POLLER -> "sp";
                case MONITOR -> "mon";
                case ARENA -> "arena";
            };
            return array + "[" + slot + "] = null; /* forgotten, not closed */";
        }
    }

    record Gc() implements Action {
        public void run(World w) {
            System.gc();
        }

        public String java() {
            return "System.gc();";
        }
    }

    record Sleep(int ms) implements Action {
        public void run(World w) throws InterruptedException {
            Thread.sleep(ms);
        }

        public String java() {
            return "Thread.sleep(" + ms + ");";
        }
    }

    /** Waits (at most 1 s) for the sequence's other threads to reach a barrier too, to line up a race. */
    record Barrier() implements Action {
        public void run(World w) throws Exception {
            w.barrier();
        }

        public String java() {
            return "barrier.await(1, TimeUnit.SECONDS);";
        }
    }
}
