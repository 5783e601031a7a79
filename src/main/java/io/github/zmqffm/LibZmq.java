package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libzmq functions the idiomatic layer calls, linked by hand with the options jextract cannot add:
 * every call that can fail captures {@code errno} into a caller-owned segment (so nothing the JVM does between
 * two downcalls can clobber it), and the trivial accessors are {@code critical}. Java heap data is copied
 * into or out of a message's content by raw address (see {@code docs/design-decisions.md} for why this beats
 * passing heap segments to a {@code critical(true)} {@code zmq_send}).
 *
 * <p>Draft functions live in {@link LibZmqDraft}.
 *
 * <p>All handles are {@code static final} and called with {@code invokeExact}.
 */
final class LibZmq {

    static {
        NativeLoader.ensureLoaded();
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup SYMBOLS = SymbolLookup.loaderLookup();
    static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    static final Linker.Option CRITICAL = Linker.Option.critical(false);
    /** {@code long} is 64-bit on LP64 platforms and 32-bit on Windows. */
    static final MemoryLayout C_LONG = NativeAbi.CURRENT.cLong();

    /** The layout of the segment that errno is captured into. */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle CAPTURED_ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final FunctionDescriptor IO = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final FunctionDescriptor MSG_IO = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    static final FunctionDescriptor INT_OF_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor INT_OF_2PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    // The hot path.
    private static final MethodHandle SEND = link("zmq_send", IO, ERRNO);
    private static final MethodHandle MSG_SEND = link("zmq_msg_send", MSG_IO, ERRNO);
    private static final MethodHandle MSG_RECV = link("zmq_msg_recv", MSG_IO, ERRNO);
    private static final MethodHandle MSG_INIT = link("zmq_msg_init", INT_OF_PTR, CRITICAL);
    private static final MethodHandle MSG_INIT_SIZE =
            link("zmq_msg_init_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), ERRNO, CRITICAL);
    private static final MethodHandle MSG_CLOSE = link("zmq_msg_close", INT_OF_PTR, ERRNO);
    /** {@code zmq_msg_data} returning the pointer as a {@code long} (64-bit platforms): no segment object at all. */
    private static final MethodHandle MSG_DATA_ADDRESS =
            link("zmq_msg_data", FunctionDescriptor.of(JAVA_LONG, ADDRESS), CRITICAL);
    /** All of memory, to copy to or from a raw address without making a segment per message. */
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final MethodHandle MSG_SIZE = link("zmq_msg_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS), CRITICAL);
    private static final MethodHandle MSG_MORE = link("zmq_msg_more", INT_OF_PTR, CRITICAL);
    private static final MethodHandle GETSOCKOPT =
            link("zmq_getsockopt", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle SETSOCKOPT =
            link("zmq_setsockopt", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle POLL =
            link("zmq_poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, C_LONG), ERRNO);

    /*
     * The fast path: critical attempts that never block (ZMQ_DONTWAIT is always added), so the JVM skips the
     * thread-state transition a blocking call needs. They capture no errno, which would need a segment slice
     * per call outside compiled code: a failure is simply tried again through the capturing, non-critical
     * handle above, which reports it. SEND_NOW and RECV_NOW may read or write a Java array in place.
     */
    static final int DONTWAIT = 1;
    private static final int ZMQ_EVENTS = io.github.zmqffm.lib.zmq_h.ZMQ_EVENTS();
    private static final int ZMQ_RCVMORE = io.github.zmqffm.lib.zmq_h.ZMQ_RCVMORE();
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);
    /*
     * The socket handle and the zmq_msg_t are passed as plain 64-bit addresses (JAVA_LONG), not segments: both are
     * the binding's own memory, kept alive by the caller's CallGuard, so the linker's per-argument segment checks
     * (class, session, liveness of a global session that never closes) protected nothing and cost about 10
     * instructions per argument. Callers' buffers stay segments, which the linker checks.
     */
    private static final FunctionDescriptor IO_NOW =
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final FunctionDescriptor MSG_IO_NOW = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SEND_NOW = link("zmq_send", IO_NOW, CRITICAL_HEAP);
    private static final MethodHandle RECV_NOW = link("zmq_recv", IO_NOW, CRITICAL_HEAP);
    private static final MethodHandle MSG_SEND_NOW = link("zmq_msg_send", MSG_IO_NOW, CRITICAL);
    private static final MethodHandle MSG_RECV_NOW = link("zmq_msg_recv", MSG_IO_NOW, CRITICAL);
    private static final MethodHandle GETSOCKOPT_NOW =
            link("zmq_getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), CRITICAL);
    private static final MethodHandle MSG_INIT_SIZE_NOW =
            link("zmq_msg_init_size", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), CRITICAL);

    static {
        if (ADDRESS.byteSize() != Long.BYTES) {
            throw new ExceptionInInitializerError("zmq-ffm needs a 64-bit platform (pointers passed as longs)");
        }
    }

    private LibZmq() {}

    /** Whether the loaded libzmq exports {@code function} (drafts may be missing from a system libzmq). */
    static boolean exports(String function) {
        return SYMBOLS.find(function).isPresent();
    }

    /** Reads the errno that a call captured into {@code capture}. */
    static int errno(MemorySegment capture) {
        return (int) CAPTURED_ERRNO.get(capture, 0L);
    }

    static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Optional<MemorySegment> address = SYMBOLS.find(name);
        if (address.isPresent()) {
            return LINKER.downcallHandle(address.get(), descriptor, options);
        }
        boolean capturesErrno = options.length > 0 && options[0] == ERRNO;
        MethodType type = descriptor.toMethodType();
        if (capturesErrno) {
            type = type.insertParameterTypes(0, MemorySegment.class);
        }
        MethodHandle thrower = MethodHandles.throwException(type.returnType(), UnsupportedOperationException.class)
                .bindTo(new UnsupportedOperationException(name + " is a draft API that the loaded libzmq ("
                        + NativeLoader.ensureLoaded().path() + ") was built without"));
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }

    static AssertionError unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new AssertionError(t);
    }

    // ---- hot path ----

    /** {@code zmq_send}. */
    static int send(MemorySegment errno, MemorySegment socket, MemorySegment buffer, long size, int flags) {
        try {
            return (int) SEND.invokeExact(errno, socket, buffer, size, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Copies {@code length} bytes of a message's content into {@code target} at {@code offset}. */
    static void copyFromMsg(MemorySegment msg, MemorySegment target, long offset, long length) {
        MemorySegment.copy(EVERYTHING, msgDataAddress(msg), target, offset, length);
    }

    /** Copies {@code length} bytes of {@code source} from {@code offset} into a message's content. */
    static void copyToMsg(MemorySegment source, long offset, MemorySegment msg, long length) {
        MemorySegment.copy(source, offset, EVERYTHING, msgDataAddress(msg), length);
    }

    /** Copies {@code length} bytes of a message's content into an array at {@code offset}. */
    static void copyFromMsg(MemorySegment msg, byte[] target, int offset, int length) {
        MemorySegment.copy(EVERYTHING, ValueLayout.JAVA_BYTE, msgDataAddress(msg), target, offset, length);
    }

    /** Copies {@code length} bytes of an array from {@code offset} into a message's content. */
    static void copyToMsg(byte[] source, int offset, MemorySegment msg, int length) {
        MemorySegment.copy(source, offset, EVERYTHING, ValueLayout.JAVA_BYTE, msgDataAddress(msg), length);
    }

    /** {@code zmq_msg_send}. */
    static int msgSend(MemorySegment errno, MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_SEND.invokeExact(errno, msg, socket, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_recv}. */
    static int msgRecv(MemorySegment errno, MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_RECV.invokeExact(errno, msg, socket, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A critical {@code zmq_send} with ZMQ_DONTWAIT from native or heap memory; -1 on any failure (errno not kept). */
    static int sendNow(long socket, MemorySegment buffer, long size, int flags) {
        try {
            return (int) SEND_NOW.invokeExact(socket, buffer, size, flags | DONTWAIT);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A critical {@code zmq_recv} with ZMQ_DONTWAIT into native or heap memory; -1 on any failure. */
    static int recvNow(long socket, MemorySegment buffer, long size, int flags) {
        try {
            return (int) RECV_NOW.invokeExact(socket, buffer, size, flags | DONTWAIT);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A critical {@code zmq_msg_send} with ZMQ_DONTWAIT; -1 on any failure. */
    static int msgSendNow(long msg, long socket, int flags) {
        try {
            return (int) MSG_SEND_NOW.invokeExact(msg, socket, flags | DONTWAIT);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A critical {@code zmq_msg_recv} with ZMQ_DONTWAIT; -1 on any failure. */
    static int msgRecvNow(long msg, long socket, int flags) {
        try {
            return (int) MSG_RECV_NOW.invokeExact(msg, socket, flags | DONTWAIT);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * A critical {@code zmq_getsockopt(ZMQ_EVENTS)}, into {@code value} (an int) with {@code size} (a size_t) as
     * scratch: it makes libzmq process the socket's pending commands at once, which its non-blocking send and
     * receive do only now and then; -1 on failure.
     */
    static int eventsNow(long socket, MemorySegment value, MemorySegment size) {
        return intOptionNow(socket, ZMQ_EVENTS, value, size);
    }

    /** A critical {@code zmq_getsockopt(ZMQ_RCVMORE)} (1 or 0), with the same scratch; -1 on failure. */
    static int receiveMoreNow(long socket, MemorySegment value, MemorySegment size) {
        return intOptionNow(socket, ZMQ_RCVMORE, value, size);
    }

    private static int intOptionNow(long socket, int option, MemorySegment value, MemorySegment size) {
        size.set(JAVA_LONG, 0, 4);
        try {
            return (int) GETSOCKOPT_NOW.invokeExact(socket, option, value.address(), size.address()) == 0
                    ? value.get(JAVA_INT, 0) : -1;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_init_size} without errno capture; -1 on failure (only ENOMEM). */
    static int msgInitSizeNow(long msg, long size) {
        try {
            return (int) MSG_INIT_SIZE_NOW.invokeExact(msg, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_init}. */
    static void msgInit(MemorySegment msg) {
        try {
            int rc = (int) MSG_INIT.invokeExact(msg);
            assert rc == 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_init_size}. */
    static int msgInitSize(MemorySegment errno, MemorySegment msg, long size) {
        try {
            return (int) MSG_INIT_SIZE.invokeExact(errno, msg, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_close}. */
    static int msgClose(MemorySegment errno, MemorySegment msg) {
        try {
            return (int) MSG_CLOSE.invokeExact(errno, msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Copies the first {@code length} bytes of one message's content into another's. */
    static void copyMsgContent(MemorySegment from, MemorySegment to, long length) {
        MemorySegment.copy(EVERYTHING, msgDataAddress(from), EVERYTHING, msgDataAddress(to), length);
    }

    /** The address of a message's content ({@code zmq_msg_data}). */
    static long msgDataAddress(MemorySegment msg) {
        try {
            return (long) MSG_DATA_ADDRESS.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_size}. */
    static long msgSize(MemorySegment msg) {
        try {
            return (long) MSG_SIZE.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_more}. */
    static boolean msgMore(MemorySegment msg) {
        try {
            return (int) MSG_MORE.invokeExact(msg) != 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_getsockopt}. */
    static int getsockopt(MemorySegment errno, MemorySegment socket, int option, MemorySegment value,
                                 MemorySegment size) {
        try {
            return (int) GETSOCKOPT.invokeExact(errno, socket, option, value, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_setsockopt}. */
    static int setsockopt(MemorySegment errno, MemorySegment socket, int option, MemorySegment value, long size) {
        try {
            return (int) SETSOCKOPT.invokeExact(errno, socket, option, value, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_poll}; {@code timeoutMillis} -1 waits forever. */
    static int poll(MemorySegment errno, MemorySegment items, int count, long timeoutMillis) {
        try {
            return C_LONG.byteSize() == 8
                    ? (int) POLL.invokeExact(errno, items, count, timeoutMillis)
                    : (int) POLL.invokeExact(errno, items, count, (int) timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
