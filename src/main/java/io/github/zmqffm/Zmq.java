package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;
import io.github.zmqffm.internal.Platform;
import io.github.zmqffm.lib.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * Facts about the native libzmq in use: its version, its optional capabilities and which file was loaded.
 * Any method here loads libzmq on first use (see {@link LoadedLibrary} for the order).
 */
public final class Zmq {

    /** Capabilities {@link #has(String)} knows how to ask about, as libzmq's {@code zmq_has} names them. */
    public static final List<String> CAPABILITIES =
            List.of("ipc", "pgm", "tipc", "vmci", "norm", "curve", "gssapi", "draft", "ws", "wss");

    private Zmq() {}

    /** The version of the loaded libzmq. */
    public static ZmqVersion version() {
        NativeLoader.ensureLoaded();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parts = arena.allocate(ValueLayout.JAVA_INT, 3);
            zmq_h.zmq_version(parts, parts.asSlice(4), parts.asSlice(8));
            return new ZmqVersion(parts.getAtIndex(ValueLayout.JAVA_INT, 0), parts.getAtIndex(ValueLayout.JAVA_INT, 1),
                    parts.getAtIndex(ValueLayout.JAVA_INT, 2));
        }
    }

    /**
     * Whether libzmq was built with a capability: {@code "ipc"}, {@code "curve"}, {@code "draft"}, {@code "ws"},
     * ... (see {@link #CAPABILITIES}). Unknown names answer false, as {@code zmq_has} does.
     */
    public static boolean has(String capability) {
        NativeLoader.ensureLoaded();
        try (Arena arena = Arena.ofConfined()) {
            return zmq_h.zmq_has(arena.allocateFrom(capability)) != 0;
        }
    }

    /** The loaded library: its file, and why the loader chose it. */
    public static LoadedLibrary library() {
        return NativeLoader.ensureLoaded();
    }

    /**
     * This JVM's platform as the native classifier jars name it ({@code linux-x86_64}, {@code linux-aarch_64},
     * {@code windows-x86_64}, ...): the classifier of the jar that carries its libzmq. Loads nothing.
     */
    public static String platform() {
        return Platform.current().classifier();
    }

    /** The file libzmq was loaded from. */
    public static Path libraryPath() {
        return library().path();
    }

    /**
     * {@code zmq_proxy} over sockets the caller made (JeroMQ's {@code ZMQ.proxy}): messages from {@code frontend} go
     * to {@code backend} and back, each frame copied to {@code capture} (may be null). It blocks the calling
     * thread, which must be the one that uses these sockets, until their context is shut down or closed (then it
     * throws {@link ContextTerminatedException}) or the thread is interrupted (then it stops the proxy and returns
     * with the interrupt status set). See {@link #proxySteerable} for how it runs.
     */
    public static void proxy(Socket frontend, Socket backend, Socket capture) {
        proxySteerable(frontend, backend, capture, null);
    }

    /**
     * {@code zmq_proxy_steerable}: {@link #proxy} that also obeys one-frame commands on {@code control} (may be
     * null): PAUSE, RESUME, TERMINATE (returns normally) and STATISTICS (answered on {@code control} with libzmq's
     * eight counters). Each command is checked before libzmq sees it, since libzmq 4.3.4 aborts the process on one
     * it does not know: a REP control socket, which must answer every request, gets "OK" (for PAUSE and RESUME once
     * libzmq has acted on them) or "ERROR reason"; on other types an unknown message is dropped and logged.
     *
     * <p>libzmq's forwarding loop runs on a helper thread while this thread relays the control socket and watches
     * for interrupts; the proxied sockets stay counted as in use by this thread (no other thread can close or take
     * them over) and are handed back only once libzmq's loop has ended, so a loop blocked sending to a peer or
     * capture socket that never reads ends only with the context's shutdown. The capture socket sees every command,
     * as libzmq copies them, including the TERMINATE sent after an interrupt. A signal that interrupts libzmq's loop
     * restarts it (its statistics then restart from zero and a pause is lifted). Errors: ETERM as
     * {@link ContextTerminatedException}; other {@link ZmqException}s from libzmq.
     */
    public static void proxySteerable(Socket frontend, Socket backend, Socket capture, Socket control) {
        ProxyLoop.run(frontend, backend, capture, control);
    }
}
