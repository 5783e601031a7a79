package io.github.zmqffm.internal;

/**
 * Whether the hot path may use {@code critical} downcalls. A critical call runs without leaving the Java thread
 * state, so a Java upcall from inside it is a fatal JVM error ({@code wrong thread state for upcall}). The only
 * upcall libzmq makes is a message's free function, which it runs on whatever thread drops the message: with
 * {@link ReleaseQueue}'s free function (Msg.wrap) that can be a Java thread inside any send or receive (e.g. the
 * receiver of a wrapped message sent over inproc). So critical calls are allowed until the first free function
 * is registered, and never after.
 */
public final class CriticalCalls {

    private static volatile boolean upcallsPossible;

    private CriticalCalls() {}

    /** True while no Java free function exists; one volatile read (a plain load on x86). */
    public static boolean allowed() {
        return !upcallsPossible;
    }

    /** Called before the first Java free function reaches libzmq; returns once no critical call is running. */
    static void upcallsFromNowOn() {
        if (upcallsPossible) {
            return;
        }
        synchronized (CriticalCalls.class) {
            if (upcallsPossible) {
                return;
            }
            upcallsPossible = true;
            // A call that read allowed() == true just before may still be inside a critical call. A thread-dump
            // handshake waits for every thread to leave it (a thread in a critical call cannot acknowledge a
            // handshake), so after this no critical call can see the free function.
            Thread.getAllStackTraces();
        }
    }
}
