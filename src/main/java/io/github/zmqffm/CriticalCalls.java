package io.github.zmqffm;

import java.lang.foreign.Arena;

/**
 * Whether the hot path may use critical downcalls (no thread-state transition, about 5 ns less per call). A
 * critical call must not run a Java upcall, and the only upcall libzmq can make is the release function of a
 * {@link Msg#wrap} content, which any send or receive may drop (a receive closes the message's previous content;
 * a pipe torn down mid-call frees what it held). So critical calls stop for good, process-wide, once the first
 * wrap exists: {@link #stop()} turns them off and then waits until no thread is still inside one.
 */
final class CriticalCalls {

    private static volatile boolean allowed = true;

    private CriticalCalls() {}

    /** Whether the fast path may make a critical call now. */
    static boolean allowed() {
        return allowed;
    }

    /** Turns critical calls off; returns once every critical call that began before has returned. */
    static void stop() {
        if (!allowed) {
            return;
        }
        synchronized (CriticalCalls.class) {
            if (allowed) {
                allowed = false;
                // Closing a shared arena runs a handshake with every Java thread, which waits for a thread
                // inside a critical downcall to come out of it (CriticalCallsTest checks this JDK behaviour).
                Arena.ofShared().close();
            }
        }
    }
}
