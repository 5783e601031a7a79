package io.github.zmqffm;


import java.lang.foreign.MemorySegment;

/**
 * How bytes cross between Java and one libzmq socket: the hot path behind {@link Socket}'s send and receive
 * methods, which check their arguments and the socket's state first.
 *
 * <p>Native segments go straight to {@code zmq_send}/{@code zmq_recv}. Heap data and memory-mapped files are
 * copied once, in Java, into (or out of)
 * the content of the socket's reused {@code zmq_msg_t}, by raw address: no segment object and no allocation per
 * message, whatever the JIT's inlining decisions (see {@code docs/design-decisions.md}). EINTR is retried;
 * EAGAIN is a result ({@code false} / {@code -1}); anything else goes through {@link Errors}.
 */
final class SocketIo {

    private static final int EAGAIN = Errors.EAGAIN;
    private static final int EINTR = Errors.EINTR;

    private final SocketType type;
    private final MemorySegment handle;
    /** The memory these calls use; also lends option scratch to {@link SocketOptions}. */
    final SocketScratch scratch;
    private final MemorySegment errno;
    private final MemorySegment recvMsg;
    private final MemorySegment sendMsg;

    SocketIo(SocketType type, MemorySegment handle, SocketScratch scratch) {
        this.type = type;
        this.handle = handle;
        this.scratch = scratch;
        this.errno = scratch.errno;
        this.recvMsg = scratch.recvMsg;
        this.sendMsg = scratch.sendMsg;
    }

    boolean sendArray(byte[] data, int offset, int length, SendFlag flags) {
        initSendMsg(length);
        LibZmq.copyToMsg(data, offset, sendMsg, length);
        return sendMessage(sendMsg, flags);
    }

    boolean sendSegment(MemorySegment data, SendFlag flags) {
        long length = data.byteSize();
        if (!data.isNative() || data.isMapped()) {
            // Heap data, or a mapped file that libzmq must not read itself: copied in Java.
            initSendMsg(length);
            try {
                ContentCopy.toMsg(data, sendMsg, length);
            } catch (IllegalStateException e) {
                LibZmq.msgClose(errno, sendMsg);
                LibZmq.msgInit(sendMsg);
                throw e;
            }
            return sendMessage(sendMsg, flags);
        }
        for (;;) {
            if (LibZmq.send(errno, handle, data, length, flags.bits()) >= 0) {
                return true;
            }
            int e = LibZmq.errno(errno);
            if (e != EINTR) {
                return sendFailed(e);
            }
        }
    }

    boolean sendMessage(MemorySegment msg, SendFlag flags) {
        for (;;) {
            if (LibZmq.msgSend(errno, msg, handle, flags.bits()) >= 0) {
                return true;
            }
            int e = LibZmq.errno(errno);
            if (e == EINTR) {
                continue;
            }
            if (msg == sendMsg) {
                // Our own message: drop the unsent copy so the next send starts clean.
                LibZmq.msgClose(errno, sendMsg);
                LibZmq.msgInit(sendMsg);
            }
            return sendFailed(e);
        }
    }

    int recvArray(byte[] buffer, int offset, int length, RecvFlag flags) {
        int size = recvMessage(recvMsg, flags);
        if (size > 0) {
            LibZmq.copyFromMsg(recvMsg, buffer, offset, Math.min(size, length));
        }
        return size;
    }

    int recvSegment(MemorySegment buffer, RecvFlag flags) {
        if (!buffer.isNative() || buffer.isMapped()) {
            int size = recvMessage(recvMsg, flags);
            if (size > 0) {
                ContentCopy.fromMsg(recvMsg, buffer, Math.min(size, buffer.byteSize()));
            }
            return size;
        }
        for (;;) {
            int size = LibZmq.recv(errno, handle, buffer, buffer.byteSize(), flags.bits());
            if (size >= 0) {
                return size;
            }
            int e = LibZmq.errno(errno);
            if (e != EINTR) {
                return recvFailed(e);
            }
        }
    }

    /** Receives into the socket's own message and returns a copy of its content, or null on EAGAIN. */
    byte[] recvNewArray(RecvFlag flags) {
        int size = recvMessage(recvMsg, flags);
        if (size < 0) {
            return null;
        }
        byte[] data = new byte[size];
        LibZmq.copyFromMsg(recvMsg, data, 0, size);
        return data;
    }

    /** Whether the frame last received through {@link #recvNewArray} has more frames after it. */
    boolean lastFrameHasMore() {
        return LibZmq.msgMore(recvMsg);
    }

    int recvMessage(MemorySegment msg, RecvFlag flags) {
        for (;;) {
            int size = LibZmq.msgRecv(errno, msg, handle, flags.bits());
            if (size >= 0) {
                return size;
            }
            int e = LibZmq.errno(errno);
            if (e != EINTR) {
                return recvFailed(e);
            }
        }
    }

    private void initSendMsg(long length) {
        if (LibZmq.msgInitSize(errno, sendMsg, length) != 0) {
            throw Errors.exception("zmq_msg_init_size", length, LibZmq.errno(errno));
        }
    }

    private boolean sendFailed(int e) {
        if (e == EAGAIN) {
            return false;
        }
        throw Errors.exception("send", type, e);
    }

    private int recvFailed(int e) {
        if (e == EAGAIN) {
            return -1;
        }
        throw Errors.exception("recv", type, e);
    }
}
