package io.github.zmqffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.github.zmqffm.LibZmq.C_LONG;
import static io.github.zmqffm.LibZmq.CRITICAL;
import static io.github.zmqffm.LibZmq.ERRNO;
import static io.github.zmqffm.LibZmq.INT_OF_2PTR;
import static io.github.zmqffm.LibZmq.INT_OF_PTR;
import static io.github.zmqffm.LibZmq.link;
import static io.github.zmqffm.LibZmq.unexpected;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * libzmq's draft API (groups, routing ids, the {@code zmq_poller} family), linked like {@link LibZmq}.
 * A libzmq built without drafts links these to handles that throw {@link UnsupportedOperationException}.
 */
final class LibZmqDraft {

    private static final MethodHandle JOIN = link("zmq_join", INT_OF_2PTR, ERRNO);
    private static final MethodHandle LEAVE = link("zmq_leave", INT_OF_2PTR, ERRNO);
    private static final MethodHandle MSG_SET_ROUTING_ID =
            link("zmq_msg_set_routing_id", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle MSG_ROUTING_ID = link("zmq_msg_routing_id", INT_OF_PTR, CRITICAL);
    private static final MethodHandle MSG_SET_GROUP = link("zmq_msg_set_group", INT_OF_2PTR, ERRNO);
    private static final MethodHandle MSG_GROUP = link("zmq_msg_group", FunctionDescriptor.of(ADDRESS, ADDRESS), CRITICAL);
    private static final MethodHandle POLLER_NEW = link("zmq_poller_new", FunctionDescriptor.of(ADDRESS), ERRNO);
    private static final MethodHandle POLLER_DESTROY = link("zmq_poller_destroy", INT_OF_PTR, ERRNO);
    private static final MethodHandle POLLER_ADD = link("zmq_poller_add",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_SHORT), ERRNO);
    private static final MethodHandle POLLER_MODIFY = link("zmq_poller_modify",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_SHORT), ERRNO);
    private static final MethodHandle POLLER_REMOVE = link("zmq_poller_remove", INT_OF_2PTR, ERRNO);
    private static final MethodHandle POLLER_ADD_FD = link("zmq_poller_add_fd",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_SHORT), ERRNO);
    private static final MethodHandle POLLER_MODIFY_FD = link("zmq_poller_modify_fd",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_SHORT), ERRNO);
    private static final MethodHandle POLLER_REMOVE_FD =
            link("zmq_poller_remove_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle POLLER_WAIT_ALL = link("zmq_poller_wait_all",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, C_LONG), ERRNO);

    private LibZmqDraft() {}


    static int join(MemorySegment errno, MemorySegment socket, MemorySegment group) {
        try {
            return (int) JOIN.invokeExact(errno, socket, group);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int leave(MemorySegment errno, MemorySegment socket, MemorySegment group) {
        try {
            return (int) LEAVE.invokeExact(errno, socket, group);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int msgSetRoutingId(MemorySegment errno, MemorySegment msg, int routingId) {
        try {
            return (int) MSG_SET_ROUTING_ID.invokeExact(errno, msg, routingId);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int msgRoutingId(MemorySegment msg) {
        try {
            return (int) MSG_ROUTING_ID.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int msgSetGroup(MemorySegment errno, MemorySegment msg, MemorySegment group) {
        try {
            return (int) MSG_SET_GROUP.invokeExact(errno, msg, group);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static MemorySegment msgGroup(MemorySegment msg) {
        try {
            return (MemorySegment) MSG_GROUP.invokeExact(msg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static MemorySegment pollerNew(MemorySegment errno) {
        try {
            return (MemorySegment) POLLER_NEW.invokeExact(errno);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_poller_destroy} takes a pointer to the poller pointer. */
    static int pollerDestroy(MemorySegment errno, MemorySegment pollerPointer) {
        try {
            return (int) POLLER_DESTROY.invokeExact(errno, pollerPointer);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int pollerAdd(MemorySegment errno, MemorySegment poller, MemorySegment socket, MemorySegment userData,
                                short events) {
        try {
            return (int) POLLER_ADD.invokeExact(errno, poller, socket, userData, events);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int pollerModify(MemorySegment errno, MemorySegment poller, MemorySegment socket, short events) {
        try {
            return (int) POLLER_MODIFY.invokeExact(errno, poller, socket, events);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int pollerRemove(MemorySegment errno, MemorySegment poller, MemorySegment socket) {
        try {
            return (int) POLLER_REMOVE.invokeExact(errno, poller, socket);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int pollerAddFd(MemorySegment errno, MemorySegment poller, int fd, MemorySegment userData,
                                  short events) {
        try {
            return (int) POLLER_ADD_FD.invokeExact(errno, poller, fd, userData, events);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int pollerModifyFd(MemorySegment errno, MemorySegment poller, int fd, short events) {
        try {
            return (int) POLLER_MODIFY_FD.invokeExact(errno, poller, fd, events);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int pollerRemoveFd(MemorySegment errno, MemorySegment poller, int fd) {
        try {
            return (int) POLLER_REMOVE_FD.invokeExact(errno, poller, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code zmq_poller_wait_all}; {@code timeoutMillis} -1 waits forever. */
    static int pollerWaitAll(MemorySegment errno, MemorySegment poller, MemorySegment events, int count,
                                    long timeoutMillis) {
        try {
            return C_LONG.byteSize() == 8
                    ? (int) POLLER_WAIT_ALL.invokeExact(errno, poller, events, count, timeoutMillis)
                    : (int) POLLER_WAIT_ALL.invokeExact(errno, poller, events, count, (int) timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
