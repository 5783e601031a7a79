package io.github.zmqffm.internal;

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
public final class LibZmq {

    static {
        NativeLoader.ensureLoaded();
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup SYMBOLS = SymbolLookup.loaderLookup();
    static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    static final Linker.Option CRITICAL = Linker.Option.critical(false);
    /** {@code long} is 64-bit on LP64 platforms and 32-bit on Windows. */
    static final MemoryLayout C_LONG = LINKER.canonicalLayouts().get("long");

    /** The layout of the segment that errno is captured into. */
    public static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle CAPTURED_ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final FunctionDescriptor IO = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final FunctionDescriptor MSG_IO = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    static final FunctionDescriptor INT_OF_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor INT_OF_2PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    // The hot path.
    private static final MethodHandle SEND = link("zmq_send", IO, ERRNO);
    private static final MethodHandle RECV = link("zmq_recv", IO, ERRNO);
    private static final MethodHandle MSG_SEND = link("zmq_msg_send", MSG_IO, ERRNO);
    private static final MethodHandle MSG_RECV = link("zmq_msg_recv", MSG_IO, ERRNO);
    private static final MethodHandle MSG_INIT = link("zmq_msg_init", INT_OF_PTR, CRITICAL);
    private static final MethodHandle MSG_INIT_SIZE =
            link("zmq_msg_init_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), ERRNO, CRITICAL);
    private static final MethodHandle MSG_CLOSE = link("zmq_msg_close", INT_OF_PTR, ERRNO);
    private static final MethodHandle MSG_DATA = link("zmq_msg_data", FunctionDescriptor.of(ADDRESS, ADDRESS), CRITICAL);
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

    // Contexts and sockets.
    private static final MethodHandle CTX_NEW = link("zmq_ctx_new", FunctionDescriptor.of(ADDRESS), ERRNO);
    private static final MethodHandle CTX_TERM = link("zmq_ctx_term", INT_OF_PTR, ERRNO);
    private static final MethodHandle CTX_SHUTDOWN = link("zmq_ctx_shutdown", INT_OF_PTR, ERRNO);
    private static final MethodHandle CTX_SET =
            link("zmq_ctx_set", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO);
    private static final MethodHandle CTX_GET = link("zmq_ctx_get", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle SOCKET = link("zmq_socket", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle CLOSE = link("zmq_close", INT_OF_PTR, ERRNO);
    private static final MethodHandle BIND = link("zmq_bind", INT_OF_2PTR, ERRNO);
    private static final MethodHandle CONNECT = link("zmq_connect", INT_OF_2PTR, ERRNO);
    private static final MethodHandle UNBIND = link("zmq_unbind", INT_OF_2PTR, ERRNO);
    private static final MethodHandle DISCONNECT = link("zmq_disconnect", INT_OF_2PTR, ERRNO);
    private static final MethodHandle STRERROR = link("zmq_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle SOCKET_MONITOR =
            link("zmq_socket_monitor", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle PROXY_STEERABLE = link("zmq_proxy_steerable",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS), ERRNO);

    // Messages.
    private static final MethodHandle MSG_INIT_DATA = link("zmq_msg_init_data",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle MSG_COPY = link("zmq_msg_copy", INT_OF_2PTR, ERRNO);
    private static final MethodHandle MSG_GETS = link("zmq_msg_gets", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle MSG_GET = link("zmq_msg_get", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);

    // Security helpers.
    private static final MethodHandle Z85_ENCODE =
            link("zmq_z85_encode", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle Z85_DECODE = link("zmq_z85_decode", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle CURVE_KEYPAIR = link("zmq_curve_keypair", INT_OF_2PTR, ERRNO);
    private static final MethodHandle CURVE_PUBLIC = link("zmq_curve_public", INT_OF_2PTR, ERRNO);

    private LibZmq() {}

    /** Whether the loaded libzmq exports {@code function} (drafts may be missing from a system libzmq). */
    public static boolean exports(String function) {
        return SYMBOLS.find(function).isPresent();
    }

    /** Reads the errno that a call captured into {@code capture}. */
    public static int errno(MemorySegment capture) {
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

    public static int send(MemorySegment errno, MemorySegment socket, MemorySegment buffer, long size, int flags) {
        try {
            return (int) SEND.invokeExact(errno, socket, buffer, size, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int recv(MemorySegment errno, MemorySegment socket, MemorySegment buffer, long size, int flags) {
        try {
            return (int) RECV.invokeExact(errno, socket, buffer, size, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Copies {@code length} bytes of a message's content into {@code target} at {@code offset}. */
    public static void copyFromMsg(MemorySegment msg, MemorySegment target, long offset, long length) {
        MemorySegment.copy(EVERYTHING, msgDataAddress(msg), target, offset, length);
    }

    /** Copies {@code length} bytes of {@code source} from {@code offset} into a message's content. */
    public static void copyToMsg(MemorySegment source, long offset, MemorySegment msg, long length) {
        MemorySegment.copy(source, offset, EVERYTHING, msgDataAddress(msg), length);
    }

    /** Copies {@code length} bytes of a message's content into an array at {@code offset}. */
    public static void copyFromMsg(MemorySegment msg, byte[] target, int offset, int length) {
        MemorySegment.copy(EVERYTHING, ValueLayout.JAVA_BYTE, msgDataAddress(msg), target, offset, length);
    }

    /** Copies {@code length} bytes of an array from {@code offset} into a message's content. */
    public static void copyToMsg(byte[] source, int offset, MemorySegment msg, int length) {
        MemorySegment.copy(source, offset, EVERYTHING, ValueLayout.JAVA_BYTE, msgDataAddress(msg), length);
    }

    public static int msgSend(MemorySegment errno, MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_SEND.invokeExact(errno, msg, socket, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int msgRecv(MemorySegment errno, MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_RECV.invokeExact(errno, msg, socket, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void msgInit(MemorySegment msg) {
        try {
            int rc = (int) MSG_INIT.invokeExact(msg);
            assert rc == 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int msgInitSize(MemorySegment errno, MemorySegment msg, long size) {
        try {
            return (int) MSG_INIT_SIZE.invokeExact(errno, msg, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int msgClose(MemorySegment errno, MemorySegment msg) {
        try {
            return (int) MSG_CLOSE.invokeExact(errno, msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The raw data address of a message (a zero-length segment; see {@link #msgSize}). */
    public static MemorySegment msgData(MemorySegment msg) {
        try {
            return (MemorySegment) MSG_DATA.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static long msgDataAddress(MemorySegment msg) {
        try {
            return (long) MSG_DATA_ADDRESS.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long msgSize(MemorySegment msg) {
        try {
            return (long) MSG_SIZE.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static boolean msgMore(MemorySegment msg) {
        try {
            return (int) MSG_MORE.invokeExact(msg) != 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int getsockopt(MemorySegment errno, MemorySegment socket, int option, MemorySegment value,
                                 MemorySegment size) {
        try {
            return (int) GETSOCKOPT.invokeExact(errno, socket, option, value, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int setsockopt(MemorySegment errno, MemorySegment socket, int option, MemorySegment value, long size) {
        try {
            return (int) SETSOCKOPT.invokeExact(errno, socket, option, value, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_poll}; {@code timeoutMillis} -1 waits forever. */
    public static int poll(MemorySegment errno, MemorySegment items, int count, long timeoutMillis) {
        try {
            return C_LONG.byteSize() == 8
                    ? (int) POLL.invokeExact(errno, items, count, timeoutMillis)
                    : (int) POLL.invokeExact(errno, items, count, (int) timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---- contexts and sockets ----

    public static MemorySegment ctxNew(MemorySegment errno) {
        try {
            return (MemorySegment) CTX_NEW.invokeExact(errno);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ctxTerm(MemorySegment errno, MemorySegment context) {
        try {
            return (int) CTX_TERM.invokeExact(errno, context);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ctxShutdown(MemorySegment errno, MemorySegment context) {
        try {
            return (int) CTX_SHUTDOWN.invokeExact(errno, context);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ctxSet(MemorySegment errno, MemorySegment context, int option, int value) {
        try {
            return (int) CTX_SET.invokeExact(errno, context, option, value);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ctxGet(MemorySegment errno, MemorySegment context, int option) {
        try {
            return (int) CTX_GET.invokeExact(errno, context, option);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static MemorySegment socket(MemorySegment errno, MemorySegment context, int type) {
        try {
            return (MemorySegment) SOCKET.invokeExact(errno, context, type);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int close(MemorySegment errno, MemorySegment socket) {
        try {
            return (int) CLOSE.invokeExact(errno, socket);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int bind(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) BIND.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int connect(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) CONNECT.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int unbind(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) UNBIND.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int disconnect(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) DISCONNECT.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** libzmq's text for an errno value. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int socketMonitor(MemorySegment errno, MemorySegment socket, MemorySegment endpoint, int events) {
        try {
            return (int) SOCKET_MONITOR.invokeExact(errno, socket, endpoint, events);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int proxySteerable(MemorySegment errno, MemorySegment frontend, MemorySegment backend,
                                     MemorySegment capture, MemorySegment control) {
        try {
            return (int) PROXY_STEERABLE.invokeExact(errno, frontend, backend, capture, control);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---- messages ----

    public static int msgInitData(MemorySegment errno, MemorySegment msg, MemorySegment data, long size,
                                  MemorySegment freeFn, MemorySegment hint) {
        try {
            return (int) MSG_INIT_DATA.invokeExact(errno, msg, data, size, freeFn, hint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int msgCopy(MemorySegment errno, MemorySegment destination, MemorySegment source) {
        try {
            return (int) MSG_COPY.invokeExact(errno, destination, source);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_gets}: a C string, or NULL with errno set. */
    public static MemorySegment msgGets(MemorySegment errno, MemorySegment msg, MemorySegment property) {
        try {
            return (MemorySegment) MSG_GETS.invokeExact(errno, msg, property);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int msgGet(MemorySegment errno, MemorySegment msg, int property) {
        try {
            return (int) MSG_GET.invokeExact(errno, msg, property);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---- security helpers ----

    public static MemorySegment z85Encode(MemorySegment errno, MemorySegment destination, MemorySegment data, long size) {
        try {
            return (MemorySegment) Z85_ENCODE.invokeExact(errno, destination, data, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static MemorySegment z85Decode(MemorySegment errno, MemorySegment destination, MemorySegment text) {
        try {
            return (MemorySegment) Z85_DECODE.invokeExact(errno, destination, text);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int curveKeypair(MemorySegment errno, MemorySegment publicKey, MemorySegment secretKey) {
        try {
            return (int) CURVE_KEYPAIR.invokeExact(errno, publicKey, secretKey);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int curvePublic(MemorySegment errno, MemorySegment publicKey, MemorySegment secretKey) {
        try {
            return (int) CURVE_PUBLIC.invokeExact(errno, publicKey, secretKey);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
