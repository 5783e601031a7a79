package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the release callbacks of memory handed to libzmq with {@code zmq_msg_init_data}.
 *
 * <p>libzmq calls the free function on whatever thread drops the last reference, often its I/O thread, where a
 * Java exception would kill the JVM and a slow callback would stall all traffic. So the one static upcall stub
 * only enqueues the callback's id; a daemon thread takes them and runs each callback in a virtual thread of its
 * own, so that a slow or blocked callback delays no other. Until its callback runs, a registration also keeps the
 * wrapped segment reachable: memory of an automatic arena is not freed under libzmq.
 */
final class ReleaseQueue {

    private static final System.Logger LOG = System.getLogger(ReleaseQueue.class.getName());
    private static final Map<Long, Pending> PENDING = new ConcurrentHashMap<>();
    private static final LinkedBlockingQueue<Long> RELEASED = new LinkedBlockingQueue<>();
    private static final AtomicLong IDS = new AtomicLong();

    /** {@code void free_fn(void *data, void *hint)}: the hint carries the callback's id. */
    static final MemorySegment FREE_FUNCTION;

    static {
        try {
            FREE_FUNCTION = Linker.nativeLinker().upcallStub(
                    MethodHandles.lookup().findStatic(ReleaseQueue.class, "freed",
                            MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class)),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Thread.ofPlatform().daemon().name("zmq-ffm-release").start(ReleaseQueue::runCallbacks);
    }

    /** A callback, and the memory it releases (held so that it stays reachable until then). */
    private record Pending(Runnable release, MemorySegment data) {}

    private ReleaseQueue() {}

    /** Registers a callback for {@code data} and returns the hint to pass to {@code zmq_msg_init_data}. */
    static MemorySegment register(Runnable release, MemorySegment data) {
        CriticalCalls.stop(); // a critical call must never run the release upcall
        long id = IDS.incrementAndGet();
        PENDING.put(id, new Pending(release, data));
        return MemorySegment.ofAddress(id);
    }

    /** Forgets a callback whose message was never built (zmq_msg_init_data failed). */
    static void cancel(MemorySegment hint) {
        PENDING.remove(hint.address());
    }

    /** The number of callbacks registered but not yet run. */
    static int pending() {
        return PENDING.size();
    }

    // The upcall: must never throw, must never block.
    private static void freed(MemorySegment data, MemorySegment hint) {
        try {
            RELEASED.offer(hint.address());
        } catch (Throwable ignored) {
            // Nothing can be reported from a libzmq thread; the callback is lost rather than the JVM.
        }
    }

    private static void runCallbacks() {
        for (;;) {
            try {
                Pending pending = PENDING.remove(RELEASED.take());
                if (pending != null) {
                    Thread.ofVirtual().name("zmq-ffm-release").start(() -> run(pending));
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "could not start a Msg.wrap release callback", t);
            }
        }
    }

    private static void run(Pending pending) {
        try {
            pending.release().run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "a Msg.wrap release callback failed", t);
        }
    }
}
