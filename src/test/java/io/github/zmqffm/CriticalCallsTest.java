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

    @Test
    void closingASharedArenaWaitsForACriticalCallInProgress() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle usleep = linker.downcallHandle(linker.defaultLookup().findOrThrow("usleep"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.critical(false));
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
        Thread.sleep(100); // well inside the critical call
        Arena.ofShared().close();
        long closedAt = System.nanoTime();
        sleeper.join();
        assertTrue(returnedAt[0] != 0 && returnedAt[0] <= closedAt,
                "the arena closed before the critical call returned");
    }
}
