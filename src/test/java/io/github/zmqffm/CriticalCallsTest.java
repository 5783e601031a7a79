package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK behaviour {@link CriticalCalls#stop()} relies on: closing a shared arena waits for a thread that is inside
 * a critical downcall to return from it (the close runs a handshake with every thread, and a thread in a critical
 * call is still in Java's state, so it cannot take part until the call returns).
 */
class CriticalCallsTest {

    private static final int SLEEP_MICROS = 700_000;
    private static final long SLEEP_NANOS = SLEEP_MICROS * 1_000L;
    /** Attempts before giving up on catching the thread inside its call (a loaded machine may delay it). */
    private static final int ATTEMPTS = 5;

    @Test
    void closingASharedArenaWaitsForACriticalCallInProgress() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle usleep = linker.downcallHandle(linker.defaultLookup().findOrThrow("usleep"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.critical(false));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long[] times = closeDuringCall(usleep);
            long closeStartedAt = times[0];
            long closedAt = times[1];
            long returnedAt = times[2];
            // The call began at returnedAt - SLEEP_NANOS or earlier; a close that started before then may have
            // come before the call (the thread was descheduled between the latch and the call): try again.
            if (closeStartedAt >= returnedAt - SLEEP_NANOS && closeStartedAt < returnedAt) {
                assertTrue(returnedAt <= closedAt, "the arena closed before the critical call returned");
                return;
            }
        }
        throw new AssertionError("the close never started while the critical call certainly ran (" + ATTEMPTS
                + " attempts)");
    }

    /** Starts a thread in a critical {@code usleep}, closes a shared arena; returns close start, close end, return. */
    private static long[] closeDuringCall(MethodHandle usleep) throws InterruptedException {
        CountDownLatch entering = new CountDownLatch(1);
        long[] returnedAt = new long[1];
        Thread sleeper = Thread.ofPlatform().start(() -> {
            entering.countDown();
            try {
                int rc = (int) usleep.invokeExact(SLEEP_MICROS);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            returnedAt[0] = System.nanoTime();
        });
        entering.await();
        Thread.sleep(SLEEP_MICROS / 2_000); // halfway through the critical call, unless the machine delayed it
        long closeStartedAt = System.nanoTime();
        Arena.ofShared().close();
        long closedAt = System.nanoTime();
        sleeper.join();
        return new long[] {closeStartedAt, closedAt, returnedAt[0]};
    }
}
