package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * How bytes cross between Java and one libzmq socket: the hot path behind {@link Socket}'s send and receive
 * methods, which check their arguments and the socket's state first.
 *
 * <p>Each send or receive first makes one critical attempt with ZMQ_DONTWAIT ({@link CriticalCalls}): native
 * segments and Java arrays of up to {@link #IN_PLACE_LIMIT} bytes go to {@code zmq_send}/{@code zmq_recv} in
 * place, a {@code zmq_msg_t} to {@code zmq_msg_send}/{@code zmq_msg_recv}, so a message that can move at once
 * costs one call, as in C. Only if that attempt fails does the call go the slow way: non-critical, with errno
 * captured, blocking if the caller asked to wait. Larger arrays, heap segments and memory-mapped files are copied
 * once, in Java, into (or out of) the content of the socket's reused {@code zmq_msg_t}. EINTR is retried; EAGAIN
 * is a result ({@code false} / {@code -1}); anything else goes through {@link Errors}. None of this allocates per
 * message, in compiled code or not (see {@code docs/design-decisions.md}).
 */
final class SocketIo {

    /**
     * Data up to this size (an array, a heap or native segment) is handed to libzmq in place by a critical call,
     * which holds off safepoints (garbage collection) while libzmq copies; larger data is copied in Java, which
     * lets a safepoint in, and moves by the socket's own message.
     */
    static final int IN_PLACE_LIMIT = 64 * 1024;
    private static final int EAGAIN = Errors.EAGAIN;
    private static final int EINTR = Errors.EINTR;

    private final SocketType type;
    private final MemorySegment handle;
    /** The handle's address, as the critical attempts take it ({@link LibZmq}). */
    private final long handleAddress;
    /** The memory these calls use; also lends option scratch to {@link SocketOptions}. */
    final SocketScratch scratch;
    private final MemorySegment errno;
    private final MemorySegment recvMsg;
    private final MemorySegment sendMsg;
    /** The last arrays sent from and received into, with their heap segments: reused, so nothing is allocated. */
    private byte[] sendArray;
    private MemorySegment sendArraySegment;
    private byte[] recvArray;
    private MemorySegment recvArraySegment;
    /** The same for ByteBuffers without an accessible array (direct, read-only). */
    private final BufferWindow sendWindow = new BufferWindow();
    private final BufferWindow recvWindow = new BufferWindow();

    /** How a blocking call waits once the non-blocking attempts failed. */
    private final SocketWait wait;

    SocketIo(SocketType type, MemorySegment handle, SocketScratch scratch, SocketResource resource) {
        this.type = type;
        this.wait = new SocketWait(resource, handle, type, scratch);
        this.handle = handle;
        this.handleAddress = handle.address();
        this.scratch = scratch;
        this.errno = scratch.errno;
        this.recvMsg = scratch.recvMsg;
        this.sendMsg = scratch.sendMsg;
    }

    boolean sendArray(byte[] data, int offset, int length, SendFlag flags) {
        boolean inPlace = offset == 0 && length <= IN_PLACE_LIMIT;
        if (inPlace && CriticalCalls.allowed()) {
            MemorySegment segment = sendSegmentOf(data);
            if (LibZmq.sendNow(handleAddress, segment, length, flags.bits()) >= 0
                    || (caughtUp() && LibZmq.sendNow(handleAddress, segment, length, flags.bits()) >= 0)) {
                return true;
            }
        }
        // Larger arrays, and data at an offset (whose heap segment would be a new slice per call), are copied in
        // Java into the socket's own message, which then goes by its own critical attempt unless one was made.
        initSendMsg(length);
        LibZmq.copyToMsg(data, offset, sendMsg, length);
        return inPlace ? sendMessageSlowly(sendMsg, flags) : sendMessage(sendMsg, flags);
    }

    boolean sendSegment(MemorySegment data, SendFlag flags) {
        long length = data.byteSize();
        boolean inPlace = length <= IN_PLACE_LIMIT && !data.isMapped();
        if (inPlace && CriticalCalls.allowed() && (LibZmq.sendNow(handleAddress, data, length, flags.bits()) >= 0
                || (caughtUp() && LibZmq.sendNow(handleAddress, data, length, flags.bits()) >= 0))) {
            return true;
        }
        // Copied in Java into our own message: the JVM turns the fault of a mapped file truncated underneath into an
        // exception, and the blocking call goes by zmq_msg_send, which allocates nothing (zmq_send's errno capture
        // made a segment per call here; zmq_send copies the data into a message just the same). The message takes
        // its own critical attempt unless one was made.
        initSendMsg(length);
        try {
            ContentCopy.toMsg(data, sendMsg, length);
        } catch (RuntimeException e) {
            dropUnsent(sendMsg);
            throw e;
        }
        return inPlace ? sendMessageSlowly(sendMsg, flags) : sendMessage(sendMsg, flags);
    }

    /** Sends a buffer's remaining bytes: a heap buffer's array as one, any other buffer as its segment. */
    boolean sendBuffer(ByteBuffer data, SendFlag flags) {
        return data.hasArray() ? sendArray(data.array(), data.arrayOffset() + data.position(), data.remaining(), flags)
                : sendSegment(sendWindow.segmentOf(data), flags);
    }

    boolean sendMessage(MemorySegment msg, SendFlag flags) {
        if (CriticalCalls.allowed() && (LibZmq.msgSendNow(msg.address(), handleAddress, flags.bits()) >= 0
                || (caughtUp() && LibZmq.msgSendNow(msg.address(), handleAddress, flags.bits()) >= 0))) {
            return true;
        }
        return sendMessageSlowly(msg, flags);
    }

    private boolean sendMessageSlowly(MemorySegment msg, SendFlag flags) {
        int bits = wait.start(flags.bits());
        for (;;) {
            if (LibZmq.msgSend(errno, msg, handle, bits) >= 0) {
                return true;
            }
            int e = LibZmq.errno(errno);
            if (e == EINTR || (e == EAGAIN && awaitKeeping(msg))) {
                continue;
            }
            dropUnsent(msg);
            return sendFailed(e);
        }
    }

    int recvArray(byte[] buffer, int offset, int length, RecvFlag flags) {
        boolean inPlace = offset == 0 && length <= IN_PLACE_LIMIT;
        if (inPlace && CriticalCalls.allowed()) {
            int size = LibZmq.recvNow(handleAddress, recvSegmentOf(buffer), length, flags.bits());
            if (size >= 0) {
                return size;
            }
        }
        // As in sendArray: by the socket's own message, with its own critical attempt unless one was made.
        int size = inPlace ? recvMessageSlowly(recvMsg, flags) : recvMessage(recvMsg, flags);
        if (size > 0) {
            LibZmq.copyFromMsg(recvMsg, buffer, offset, Math.min(size, length));
        }
        return size;
    }

    int recvSegment(MemorySegment buffer, RecvFlag flags) {
        long capacity = buffer.byteSize();
        boolean inPlace = capacity <= IN_PLACE_LIMIT && !buffer.isMapped();
        if (inPlace && CriticalCalls.allowed()) {
            int size = LibZmq.recvNow(handleAddress, buffer, capacity, flags.bits());
            if (size >= 0) {
                return size;
            }
        }
        // By our own message and a copy in Java, as sendSegment does (zmq_recv copies out of a message just the same).
        // The buffer is checked first: else a stale view would get EAGAIN without a word, or lose a message at the copy.
        ContentCopy.requireUsable(buffer);
        int size = inPlace ? recvMessageSlowly(recvMsg, flags) : recvMessage(recvMsg, flags);
        if (size > 0) {
            ContentCopy.fromMsg(recvMsg, buffer, Math.min(size, capacity));
        }
        return size;
    }

    /** Receives into a buffer's remaining space (writable: the caller checked), the way {@link #sendBuffer} sends. */
    int recvBuffer(ByteBuffer buffer, RecvFlag flags) {
        return buffer.hasArray()
                ? recvArray(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), flags)
                : recvSegment(recvWindow.segmentOf(buffer), flags);
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

    /**
     * ZMQ_RCVMORE by one critical call (it neither blocks nor processes commands): 1 or 0, or -1 if critical
     * calls are off or it failed, in which case the caller asks the ordinary way, which reports errors.
     */
    int receiveMoreNow() {
        return CriticalCalls.allowed() ? LibZmq.receiveMoreNow(handleAddress, scratch.option, scratch.size) : -1;
    }

    /** Whether the frame last received through {@link #recvNewArray} has more frames after it. */
    boolean lastFrameHasMore() {
        return LibZmq.msgMore(recvMsg);
    }

    int recvMessage(MemorySegment msg, RecvFlag flags) {
        if (CriticalCalls.allowed()) {
            int size = LibZmq.msgRecvNow(msg.address(), handleAddress, flags.bits());
            if (size >= 0) {
                return size;
            }
        }
        return recvMessageSlowly(msg, flags);
    }

    private int recvMessageSlowly(MemorySegment msg, RecvFlag flags) {
        int bits = wait.start(flags.bits());
        for (;;) {
            int size = LibZmq.msgRecv(errno, msg, handle, bits);
            if (size >= 0) {
                return size;
            }
            int e = LibZmq.errno(errno);
            if (e != EINTR && !(e == EAGAIN && wait.await(false, "recv"))) {
                return recvFailed(e);
            }
        }
    }

    /** {@link SocketWait#await} for a send of {@code msg}; if the wait throws, our own unsent copy is dropped. */
    private boolean awaitKeeping(MemorySegment msg) {
        try {
            return wait.await(true, "send");
        } catch (RuntimeException e) {
            dropUnsent(msg);
            throw e;
        }
    }

    /** If {@code msg} is the socket's own message, drops its unsent copy so that the next send starts clean. */
    private void dropUnsent(MemorySegment msg) {
        if (msg == sendMsg) {
            LibZmq.msgClose(errno, sendMsg);
            LibZmq.msgInit(sendMsg);
        }
    }

    private void initSendMsg(long length) {
        if (LibZmq.msgInitSizeNow(sendMsg.address(), length) != 0 && LibZmq.msgInitSize(errno, sendMsg, length) != 0) {
            throw Errors.exception("zmq_msg_init_size", length, LibZmq.errno(errno));
        }
    }

    /**
     * After a failed critical send: makes libzmq process the socket's pending commands (a non-blocking send does
     * so only every millisecond or so, and may fail just because the reader's progress is still in a command), so
     * that one more critical attempt can tell a real "would block" from a stale one; false if that failed too.
     * Without it, such a rare failure would send the call down the slow path, whose branch the JIT then compiles
     * as a trap: deoptimization, and allocation, in the middle of a steady stream. Receives need no such step: a
     * non-blocking zmq_recv that finds nothing processes the commands and tries again itself (and each extra
     * attempt there costs a poll(2) of the socket's mailbox).
     */
    private boolean caughtUp() {
        return LibZmq.eventsNow(handleAddress, scratch.option, scratch.size) >= 0;
    }

    /** The heap segment of {@code data}, kept for the next send of the same array. */
    private MemorySegment sendSegmentOf(byte[] data) {
        if (data != sendArray) {
            sendArray = data;
            sendArraySegment = MemorySegment.ofArray(data);
        }
        return sendArraySegment;
    }

    /** Like {@link #sendSegmentOf}, for receives. */
    private MemorySegment recvSegmentOf(byte[] buffer) {
        if (buffer != recvArray) {
            recvArray = buffer;
            recvArraySegment = MemorySegment.ofArray(buffer);
        }
        return recvArraySegment;
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
