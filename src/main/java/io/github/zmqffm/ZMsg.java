package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A multipart message as a mutable list of frames, each a {@link Msg} (JeroMQ's {@code ZMsg}, czmq's
 * {@code zmsg_t}): received and sent as a unit, with envelopes pushed and popped at the front.
 *
 * <pre>{@code
 * try (ZMsg msg = new ZMsg()) {
 *     while (msg.recv(frontend)) {          // [client id, "", request]
 *         msg.wrap(workers.poll());          // [worker id, "", client id, "", request]
 *         msg.send(backend);                 // the frames travel without a copy; msg is empty again
 *     }
 * }
 * }</pre>
 *
 * <p><b>Whole messages only.</b> {@link #recv(Socket, RecvFlag)} returns {@code true} with every frame of one
 * message, or {@code false} (would block, or ZMQ_RCVTIMEO) with none: libzmq delivers a multipart message
 * atomically, so once its first frame is there the rest are too. {@link #send(Socket, SendFlag)} either queues
 * every frame or, if the first is refused (EAGAIN), none, leaving the message as it was.
 *
 * <p><b>No copies, no garbage.</b> Frames are received into and sent from {@code Msg}s, so forwarding a message
 * from one socket to another never copies its content. After a send the frames are empty and kept for the next
 * receive: a loop that reuses one {@code ZMsg} (receive, rewrite the envelope, send) allocates nothing per message.
 *
 * <p><b>Ownership.</b> A {@code Msg} passed to {@link #add(Msg)}, {@link #push(Msg)} or {@link #wrap(Msg)} belongs
 * to this message from then on (do not use or close it yourself); one returned by {@link #pop()},
 * {@link #unwrap()}, {@link #pollFirst()} or {@link #pollLast()} is the caller's, to close or to hand back to a
 * {@code ZMsg}. Frames seen through {@link #peekFirst()}, {@link #peekLast()} or the iterator stay owned here.
 * {@link #close()} frees every frame. One thread at a time, like the sockets.
 */
public final class ZMsg implements Iterable<Msg>, AutoCloseable {

    /** Empty frames kept for reuse beyond this are closed: a one-off huge message must not pin memory forever. */
    private static final int MAX_SPARE = 64;
    private static final String RULE = "--------------------------------------";
    private static final int DUMP_TEXT = 70;
    private static final int DUMP_HEX = 35;

    private final ArrayDeque<Msg> frames = new ArrayDeque<>();
    private final ArrayDeque<Msg> spare = new ArrayDeque<>();
    private boolean closed;

    /** An empty message. */
    public ZMsg() {}

    /** A message of UTF-8 frames, one per string. */
    public static ZMsg ofStrings(String... frames) {
        ZMsg msg = new ZMsg();
        for (String frame : frames) {
            msg.addString(frame);
        }
        return msg;
    }

    /** Receives the next whole message into a new {@code ZMsg}, blocking; null only if ZMQ_RCVTIMEO expired. */
    public static ZMsg recvMsg(Socket socket) {
        ZMsg msg = new ZMsg();
        if (!msg.recv(socket)) {
            msg.close();
            return null;
        }
        return msg;
    }

    /** {@link #recv(Socket, RecvFlag)}, blocking. */
    public boolean recv(Socket socket) {
        return recv(socket, RecvFlag.NONE);
    }

    /**
     * Replaces this message's frames with the next whole message from {@code socket}. Returns {@code false}, with
     * the message left empty, if none was there ({@link RecvFlag#DONTWAIT}) or ZMQ_RCVTIMEO expired; never part of
     * a message. Errors as {@link Socket#recv(Msg, RecvFlag)}; after one the message is empty.
     */
    public boolean recv(Socket socket, RecvFlag flags) {
        ensureOpen();
        clear();
        boolean complete = false;
        try {
            Msg frame = takeSpare();
            frames.addLast(frame);
            if (socket.recv(frame, flags) < 0) {
                return false;
            }
            while (frame.hasMore()) {
                frame = takeSpare();
                frames.addLast(frame);
                // The rest of a message is already here: libzmq delivers messages whole.
                if (socket.recv(frame, RecvFlag.DONTWAIT) < 0) {
                    throw new IllegalStateException("libzmq delivered part of a message (frame " + frames.size() + ")");
                }
            }
            complete = true;
            return true;
        } finally {
            if (!complete) {
                clear();
            }
        }
    }

    /** {@link #send(Socket, SendFlag)}, blocking. */
    public boolean send(Socket socket) {
        return send(socket, SendFlag.NONE);
    }

    /**
     * Sends every frame as one message, without copying, and leaves this message empty (ready to receive into
     * again). {@link SendFlag#DONTWAIT} applies to the first frame: if it is refused, nothing is sent, this message
     * is unchanged and the result is {@code false} (as when ZMQ_SNDTIMEO expires); once the first frame is queued
     * libzmq takes the rest. {@link SendFlag#SNDMORE} sends the last frame with ZMQ_SNDMORE too, so that the
     * message goes on with whatever is sent next. Errors: {@link IllegalStateException} for an empty message;
     * otherwise as {@link Socket#send(Msg, SendFlag)}: if the first frame fails the message is unchanged, if a later
     * one fails (ETERM) the message is left empty.
     */
    public boolean send(Socket socket, SendFlag flags) {
        ensureOpen();
        int count = frames.size();
        if (count == 0) {
            throw new IllegalStateException("cannot send a message without frames");
        }
        SendFlag end = flags.and(SendFlag.SNDMORE) == flags ? SendFlag.SNDMORE : SendFlag.NONE;
        if (!socket.send(frames.peekFirst(), count > 1 ? flags.and(SendFlag.SNDMORE) : flags)) {
            return false;
        }
        recycle(frames.pollFirst());
        try {
            for (int i = 1; i < count; i++) {
                Msg frame = frames.peekFirst();
                // Blocking, but libzmq never blocks inside a message whose first frame it took.
                if (!socket.send(frame, i < count - 1 ? SendFlag.SNDMORE : end)) {
                    throw new IllegalStateException("libzmq refused frame " + (i + 1) + " of " + count
                            + " after taking the first");
                }
                recycle(frames.pollFirst());
            }
        } finally {
            clear(); // empty after an error too: part of the message has gone
        }
        return true;
    }

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /** Whether there are no frames. */
    public boolean isEmpty() {
        return frames.isEmpty();
    }

    /** The total size of the frames' content in bytes. */
    public long contentSize() {
        long size = 0;
        for (Msg frame : frames) {
            size += frame.size();
        }
        return size;
    }

    /** The first frame, still owned by this message, or null if there is none. */
    public Msg peekFirst() {
        return frames.peekFirst();
    }

    /** The last frame, still owned by this message, or null if there is none. */
    public Msg peekLast() {
        return frames.peekLast();
    }

    /** Removes the first frame and gives it to the caller; null if there is none. */
    public Msg pollFirst() {
        return frames.pollFirst();
    }

    /** Removes the last frame and gives it to the caller; null if there is none. */
    public Msg pollLast() {
        return frames.pollLast();
    }

    /** Removes the first frame and gives it to the caller. Errors: {@link NoSuchElementException} if empty. */
    public Msg pop() {
        return frames.removeFirst();
    }

    /** Removes the first frame and returns its content as UTF-8 text; null if there is none. */
    public String popString() {
        Msg frame = frames.pollFirst();
        if (frame == null) {
            return null;
        }
        String text = frame.getString();
        recycle(frame);
        return text;
    }

    /** Adds {@code frame} in front; this message owns it from now on. */
    public void push(Msg frame) {
        frames.addFirst(own(frame));
    }

    /** Adds a copy of {@code data} in front. */
    public void push(byte[] data) {
        frames.addFirst(copy(data));
    }

    /** Adds a UTF-8 frame in front. */
    public void pushString(String text) {
        push(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds {@code frame} at the end; this message owns it from now on. */
    public void add(Msg frame) {
        frames.addLast(own(frame));
    }

    /** Adds a copy of {@code data} at the end. */
    public void add(byte[] data) {
        frames.addLast(copy(data));
    }

    /** Adds a UTF-8 frame at the end. */
    public void addString(String text) {
        add(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Puts an envelope in front: an empty delimiter frame, then {@code address} (a routing id), so that the
     * message starts {@code [address, "", ...]} as a ROUTER sends it. This message owns {@code address} from now on.
     */
    public void wrap(Msg address) {
        own(address);
        Msg delimiter = takeSpare();
        delimiter.reset(0);
        frames.addFirst(delimiter);
        frames.addFirst(address);
    }

    /**
     * Takes the envelope off the front: removes and returns the first frame (the address, now the caller's) and the
     * empty delimiter after it, if there is one. Errors: {@link NoSuchElementException} if empty.
     */
    public Msg unwrap() {
        Msg address = frames.removeFirst();
        Msg next = frames.peekFirst();
        if (next != null && next.size() == 0) {
            recycle(frames.pollFirst());
        }
        return address;
    }

    /** Removes every frame and releases their content. */
    public void clear() {
        for (Msg frame = frames.pollFirst(); frame != null; frame = frames.pollFirst()) {
            if (!frame.isClosed() && frame.size() > 0) {
                frame.reset(0); // let go of the content now rather than at the frame's next use
            }
            recycle(frame);
        }
    }

    /** The frames in order, still owned by this message (the iterator cannot remove). */
    @Override
    public Iterator<Msg> iterator() {
        return Collections.unmodifiableCollection(frames).iterator();
    }

    /**
     * The frames, one line each after a rule, like JeroMQ's {@code ZMsg.dump}: {@code [005] hello} (the size, then
     * the content as text when every byte is printable ASCII, else in hex), long content cut with "...".
     */
    public String dump() {
        StringBuilder text = new StringBuilder(RULE);
        for (Msg frame : frames) {
            text.append('\n');
            appendFrame(text, frame);
        }
        return text.toString();
    }

    /** Frees every frame, including the ones kept for reuse. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Msg frame : frames) {
            frame.close();
        }
        for (Msg frame : spare) {
            frame.close();
        }
        frames.clear();
        spare.clear();
    }

    /** The same as {@link #dump()}. */
    @Override
    public String toString() {
        return closed ? "ZMsg[closed]" : dump();
    }

    private static void appendFrame(StringBuilder text, Msg frame) {
        if (frame.isClosed()) {
            text.append("[closed]");
            return;
        }
        MemorySegment data = frame.data();
        long size = data.byteSize();
        text.append(String.format("[%03d]", size)).append(size == 0 ? "" : " ");
        boolean printable = true;
        for (long i = 0; i < size && printable; i++) {
            byte b = data.get(ValueLayout.JAVA_BYTE, i);
            printable = b >= 0x20 && b < 0x7f;
        }
        long shown = Math.min(size, printable ? DUMP_TEXT : DUMP_HEX);
        for (long i = 0; i < shown; i++) {
            int b = data.get(ValueLayout.JAVA_BYTE, i) & 0xff;
            if (printable) {
                text.append((char) b);
            } else {
                text.append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (shown < size) {
            text.append("...");
        }
    }

    private Msg copy(byte[] data) {
        ensureOpen();
        Msg frame = takeSpare();
        frame.reset(data.length);
        MemorySegment.copy(data, 0, frame.data(), ValueLayout.JAVA_BYTE, 0, data.length);
        return frame;
    }

    private Msg own(Msg frame) {
        ensureOpen();
        if (frame.isClosed()) {
            throw new IllegalArgumentException("the frame is closed");
        }
        return frame;
    }

    /** An empty or used frame to receive or write into: a kept one if there is one. */
    private Msg takeSpare() {
        Msg frame = spare.pollFirst();
        return frame != null ? frame : new Msg();
    }

    /** Keeps a frame this message no longer holds for reuse (closing it past {@link #MAX_SPARE}). */
    private void recycle(Msg frame) {
        if (frame.isClosed()) {
            return;
        }
        if (spare.size() < MAX_SPARE) {
            spare.addFirst(frame);
        } else {
            frame.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this ZMsg is closed");
        }
    }
}
