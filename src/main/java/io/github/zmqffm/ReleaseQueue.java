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
 * only enqueues the callback's id; a daemon thread runs the callbacks.
 */
final class ReleaseQueue {

    private static final System.Logger LOG = System.getLogger(ReleaseQueue.class.getName());
    private static final Map<Long, Runnable> PENDING = new ConcurrentHashMap<>();
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

    private ReleaseQueue() {}

    /** Registers a callback and returns the hint to pass to {@code zmq_msg_init_data}. */
    static MemorySegment register(Runnable release) {
        long id = IDS.incrementAndGet();
        PENDING.put(id, release);
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
                Runnable release = PENDING.remove(RELEASED.take());
                if (release != null) {
                    release.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "a Msg.wrap release callback failed", t);
            }
        }
    }
}
