package io.github.zmqffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.github.zmqffm.LibZmq.ERRNO;
import static io.github.zmqffm.LibZmq.INT_OF_2PTR;
import static io.github.zmqffm.LibZmq.INT_OF_PTR;
import static io.github.zmqffm.LibZmq.link;
import static io.github.zmqffm.LibZmq.unexpected;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libzmq's control plane, linked like {@link LibZmq} (errno captured): contexts, sockets and endpoints,
 * message metadata and caller-owned content, the proxy, monitoring and the CURVE/Z85 helpers. None of these
 * run per message.
 */
final class LibZmqControl {

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
    private static final MethodHandle MSG_INIT_DATA = link("zmq_msg_init_data",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle MSG_GETS = link("zmq_msg_gets", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle Z85_ENCODE =
            link("zmq_z85_encode", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle Z85_DECODE = link("zmq_z85_decode", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle CURVE_KEYPAIR = link("zmq_curve_keypair", INT_OF_2PTR, ERRNO);
    private static final MethodHandle CURVE_PUBLIC = link("zmq_curve_public", INT_OF_2PTR, ERRNO);

    private LibZmqControl() {}

    // ---- contexts and sockets ----

    /** {@code zmq_ctx_new}. */
    static MemorySegment ctxNew(MemorySegment errno) {
        try {
            return (MemorySegment) CTX_NEW.invokeExact(errno);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_ctx_term}. */
    static int ctxTerm(MemorySegment errno, MemorySegment context) {
        try {
            return (int) CTX_TERM.invokeExact(errno, context);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_ctx_shutdown}. */
    static int ctxShutdown(MemorySegment errno, MemorySegment context) {
        try {
            return (int) CTX_SHUTDOWN.invokeExact(errno, context);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_ctx_set}. */
    static int ctxSet(MemorySegment errno, MemorySegment context, int option, int value) {
        try {
            return (int) CTX_SET.invokeExact(errno, context, option, value);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_ctx_get}. */
    static int ctxGet(MemorySegment errno, MemorySegment context, int option) {
        try {
            return (int) CTX_GET.invokeExact(errno, context, option);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_socket}. */
    static MemorySegment socket(MemorySegment errno, MemorySegment context, int type) {
        try {
            return (MemorySegment) SOCKET.invokeExact(errno, context, type);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_close}. */
    static int close(MemorySegment errno, MemorySegment socket) {
        try {
            return (int) CLOSE.invokeExact(errno, socket);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_bind}. */
    static int bind(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) BIND.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_connect}. */
    static int connect(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) CONNECT.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_unbind}. */
    static int unbind(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) UNBIND.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_disconnect}. */
    static int disconnect(MemorySegment errno, MemorySegment socket, MemorySegment endpoint) {
        try {
            return (int) DISCONNECT.invokeExact(errno, socket, endpoint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** libzmq's text for an errno value. */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return CStrings.read(text);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_socket_monitor}. */
    static int socketMonitor(MemorySegment errno, MemorySegment socket, MemorySegment endpoint, int events) {
        try {
            return (int) SOCKET_MONITOR.invokeExact(errno, socket, endpoint, events);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_proxy_steerable}. */
    static int proxySteerable(MemorySegment errno, MemorySegment frontend, MemorySegment backend,
                                     MemorySegment capture, MemorySegment control) {
        try {
            return (int) PROXY_STEERABLE.invokeExact(errno, frontend, backend, capture, control);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---- messages ----

    /** {@code zmq_msg_init_data}. */
    static int msgInitData(MemorySegment errno, MemorySegment msg, MemorySegment data, long size,
                                  MemorySegment freeFn, MemorySegment hint) {
        try {
            return (int) MSG_INIT_DATA.invokeExact(errno, msg, data, size, freeFn, hint);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_msg_gets}: a C string, or NULL with errno set. */
    static MemorySegment msgGets(MemorySegment errno, MemorySegment msg, MemorySegment property) {
        try {
            return (MemorySegment) MSG_GETS.invokeExact(errno, msg, property);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---- security helpers ----

    /** {@code zmq_z85_encode}. */
    static MemorySegment z85Encode(MemorySegment errno, MemorySegment destination, MemorySegment data, long size) {
        try {
            return (MemorySegment) Z85_ENCODE.invokeExact(errno, destination, data, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_z85_decode}. */
    static MemorySegment z85Decode(MemorySegment errno, MemorySegment destination, MemorySegment text) {
        try {
            return (MemorySegment) Z85_DECODE.invokeExact(errno, destination, text);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_curve_keypair}. */
    static int curveKeypair(MemorySegment errno, MemorySegment publicKey, MemorySegment secretKey) {
        try {
            return (int) CURVE_KEYPAIR.invokeExact(errno, publicKey, secretKey);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_curve_public}. */
    static int curvePublic(MemorySegment errno, MemorySegment publicKey, MemorySegment secretKey) {
        try {
            return (int) CURVE_PUBLIC.invokeExact(errno, publicKey, secretKey);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
