package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** What the scenarios share: bounded sockets, unique endpoints, waits with a deadline, expected failures. */
final class Scenarios {

    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    private Scenarios() {}

    /** A socket with linger 0 and the given receive/send timeout, so nothing in a scenario blocks forever. */
    static Socket socket(Context context, SocketType type, Duration timeout) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.RCVTIMEO, (int) timeout.toMillis());
        socket.set(SocketOption.SNDTIMEO, (int) timeout.toMillis());
        return socket;
    }

    static String inproc(String name) {
        return "inproc://" + name + "-" + ENDPOINTS.incrementAndGet();
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits until {@code thread} is inside a libzmq call (a frame of zmq-ffm's downcall wrappers). */
    static void awaitBlockedInCall(Thread thread) throws InterruptedException {
        await(thread.getName() + " to block in libzmq", Duration.ofSeconds(10), () -> {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().startsWith("io.github.zmqffm.LibZmq")) {
                    return true;
                }
            }
            return false;
        });
        Thread.sleep(50); // well inside the call
    }

    /** Runs {@code call}, which must throw {@code type}; returns the exception. */
    static <T extends Throwable> T expect(Class<T> type, ThrowingRunnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + t, t);
        }
        throw new AssertionError("expected " + type.getSimpleName() + " but nothing was thrown");
    }

    /** Asserts {@code condition}, with a message. */
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** Requests collections for a while, so that anything unreachable is collected and cleaned. */
    static void collectGarbage(Duration during) throws InterruptedException {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
    }

    /** {@link #collectGarbage} for a moment, for lambdas that cannot throw. */
    static void collectGarbageSilently() {
        try {
            collectGarbage(Duration.ofMillis(300));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A {@link Runnable} that may throw. */
    interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
