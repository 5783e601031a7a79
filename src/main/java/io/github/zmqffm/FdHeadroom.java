package io.github.zmqffm;

import io.github.zmqffm.internal.Descriptors;
import io.github.zmqffm.internal.NativeLoader;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.github.zmqffm.lib.zmq_h.ZMQ_IO_THREADS;

/**
 * Checks, before a libzmq call that needs new file descriptors, that the process still has them, so that an
 * unpatched libzmq fails with EMFILE instead of aborting or hanging: libzmq 4.3.4 aborts when {@code epoll_create}
 * fails in the first {@code zmq_socket} of a context, and its tweetnacl build retries opening {@code /dev/urandom}
 * forever in the first {@code zmq_ctx_new} of the process.
 *
 * <p>The bundled library is built with {@code native/patches}, which make those calls fail with EMFILE
 * themselves, so it is not checked (no cost). A library from {@code zmqffm.library.path} or the system is.
 * Best effort: another thread can take descriptors between the check and the call. On platforms without
 * {@link Descriptors} (Windows) nothing is checked.
 */
final class FdHeadroom {

    /** {@code zmq_ctx_new}: the context's mailbox (an eventfd) and tweetnacl's {@code /dev/urandom}. */
    static final int CONTEXT = 2;

    private static final boolean CHECKED =
            Descriptors.checkable() && NativeLoader.ensureLoaded().source() != LoadedLibrary.Source.BUNDLED;
    private static final int EMFILE = Errno.EMFILE.code();
    private static final int ENFILE = 23; // the same on Linux and macOS

    private FdHeadroom() {}

    /** Whether the loaded library is checked (it is not the bundled, patched one). */
    static boolean checked() {
        return CHECKED;
    }

    /** Before {@code zmq_ctx_new}: throws its EMFILE when too few descriptors are free. */
    static void beforeContext() {
        if (CHECKED) {
            probe(CONTEXT, "zmq_ctx_new", null);
        }
    }

    /**
     * Before the first {@code zmq_socket} of {@code context}, which starts the reaper and the I/O threads (a mailbox
     * and an epoll descriptor each) besides the socket's own mailbox: throws its EMFILE when too few are free.
     */
    static void beforeFirstSocket(MemorySegment context, Object type) {
        if (CHECKED) {
            try (Arena arena = Arena.ofConfined()) {
                int ioThreads = LibZmqControl.ctxGet(arena.allocate(LibZmq.CAPTURE_LAYOUT), context, ZMQ_IO_THREADS());
                probe(firstSocket(Math.max(ioThreads, 1)), "zmq_socket", type);
            }
        }
    }

    /** The descriptors the first socket of a context with {@code ioThreads} I/O threads needs. */
    static int firstSocket(int ioThreads) {
        return 2 * (1 + ioThreads) + 1;
    }

    /** Throws the EMFILE (or ENFILE) {@code call(argument)} would fail with when {@code count} cannot be opened. */
    static void probe(int count, String call, Object argument) {
        int failure = Descriptors.tryOpen(count);
        // Any other failure (no /dev/null in a chroot) says nothing about descriptors: let libzmq try.
        if (failure == EMFILE || failure == ENFILE) {
            throw Errors.exception(call, argument, failure,
                    "checked before calling libzmq, which would abort or hang without " + count + " free descriptors");
        }
    }
}
