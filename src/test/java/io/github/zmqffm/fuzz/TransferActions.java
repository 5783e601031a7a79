package io.github.zmqffm.fuzz;

import io.github.zmqffm.Msg;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.fuzz.Harness.WrapSource;
import io.github.zmqffm.fuzz.World.MsgBox;
import io.github.zmqffm.fuzz.World.View;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Sends and receives, on every path the API has. */
final class TransferActions {

    private TransferActions() {}

    /** The ways to send. */
    enum SendHow {
        BYTES, RANGE, STRING, MORE, NATIVE, HEAP_SEGMENT, VIEW, DIRECT_BUFFER, HEAP_BUFFER, READ_ONLY_BUFFER, MSG,
        COPY_MSG, WRAP, MULTIPART, MAPPED
    }

    /** A send of {@code size} bytes on one of the paths; {@code aux} picks a slot, an offset or a variant. */
    record Send(int s, SendHow how, int size, SendFlag flags, int aux) implements Action {
        public boolean usesView() {
            return how == SendHow.VIEW;
        }

        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket == null) {
                return;
            }
            switch (how) {
                case BYTES -> socket.send(Harness.bytes(size), flags);
                case RANGE -> {
                    int offset = Harness.offset(aux, size);
                    socket.send(Harness.bytes(size), offset, Harness.length(aux, size, offset), flags);
                }
                case STRING -> socket.send(Harness.text(size), flags);
                case MORE -> socket.sendMore(Harness.bytes(size));
                case NATIVE -> socket.send(Arena.ofAuto().allocate(size), flags);
                case HEAP_SEGMENT -> socket.send(MemorySegment.ofArray(Harness.bytes(size)), flags);
                case VIEW -> {
                    View view = w.views.get(Math.floorMod(aux, World.VIEWS));
                    if (view != null) {
                        Harness.throughView(w, view, "Socket.send(view)", () -> socket.send(view.segment(), flags));
                    }
                }
                case DIRECT_BUFFER -> socket.send(ByteBuffer.allocateDirect(size), flags);
                case HEAP_BUFFER -> socket.send(ByteBuffer.wrap(Harness.bytes(size)), flags);
                case READ_ONLY_BUFFER -> socket.send(ByteBuffer.wrap(Harness.bytes(size)).asReadOnlyBuffer(), flags);
                case MSG -> {
                    MsgBox box = w.msgs.get(Math.floorMod(aux, World.MSGS));
                    if (box != null && socket.send(box.msg, flags)) {
                        box.moved();
                    }
                }
                case COPY_MSG -> {
                    try (Msg msg = Msg.copyOf(Harness.bytes(size))) {
                        socket.send(msg, flags);
                    }
                }
                case WRAP -> {
                    try (Msg msg = Harness.wrap(w, wrapSource(), size)) {
                        socket.send(msg, flags);
                    }
                }
                case MULTIPART -> {
                    List<byte[]> frames = new ArrayList<>();
                    for (int i = 0; i <= Math.floorMod(aux, 3); i++) {
                        frames.add(Harness.bytes(size));
                    }
                    socket.sendMultipart(frames);
                }
                case MAPPED -> Harness.sendMapped(w, socket, size, (aux & 1) != 0, flags);
            }
        }

        WrapSource wrapSource() {
            return WrapSource.values()[Math.floorMod(aux, WrapSource.values().length)];
        }

        public String java() {
            String sock = "sock[" + s + "]";
            String f = "SendFlag." + flags;
            return switch (how) {
                case BYTES -> sock + ".send(bytes(" + size + "), " + f + ");";
                case RANGE -> {
                    int offset = Harness.offset(aux, size);
                    yield sock + ".send(bytes(" + size + "), " + offset + ", " + Harness.length(aux, size, offset)
                            + ", " + f + ");";
                }
                case STRING -> sock + ".send(\"x\".repeat(" + size + "), " + f + ");";
                case MORE -> sock + ".sendMore(bytes(" + size + "));";
                case NATIVE -> sock + ".send(Arena.ofAuto().allocate(" + size + "), " + f + ");";
                case HEAP_SEGMENT -> sock + ".send(MemorySegment.ofArray(bytes(" + size + ")), " + f + ");";
                case VIEW -> sock + ".send(view[" + Math.floorMod(aux, World.VIEWS) + "], " + f + ");";
                case DIRECT_BUFFER -> sock + ".send(ByteBuffer.allocateDirect(" + size + "), " + f + ");";
                case HEAP_BUFFER -> sock + ".send(ByteBuffer.wrap(bytes(" + size + ")), " + f + ");";
                case READ_ONLY_BUFFER -> sock + ".send(ByteBuffer.wrap(bytes(" + size + ")).asReadOnlyBuffer(), "
                        + f + ");";
                case MSG -> sock + ".send(msg[" + Math.floorMod(aux, World.MSGS) + "], " + f + ");";
                case COPY_MSG -> "try (Msg m = Msg.copyOf(bytes(" + size + "))) { " + sock + ".send(m, " + f + "); }";
                case WRAP -> "try (Msg m = " + Harness.wrapJava(wrapSource(), size) + ") { " + sock + ".send(m, " + f
                        + "); }";
                case MULTIPART -> sock + ".sendMultipart(java.util.Collections.nCopies(" + (Math.floorMod(aux, 3) + 1)
                        + ", bytes(" + size + ")));";
                case MAPPED -> "sendMapped(" + sock + ", " + size + ", " + ((aux & 1) != 0) + ", " + f
                        + "); /* a mapped file" + ((aux & 1) != 0 ? ", truncated before the send */" : " */");
            };
        }
    }

    /** The ways to receive. */
    enum RecvHow {
        NEW_ARRAY, STRING, INTO_ARRAY, RANGE, NATIVE, HEAP_SEGMENT, READ_ONLY_SEGMENT, VIEW, DIRECT_BUFFER,
        HEAP_BUFFER, READ_ONLY_BUFFER, MSG, MULTIPART, HAS_MORE
    }

    /** A receive into a buffer of {@code size} bytes on one of the paths; {@code aux} picks a slot or an offset. */
    record Recv(int s, RecvHow how, int size, RecvFlag flags, int aux) implements Action {
        public boolean usesView() {
            return how == RecvHow.VIEW;
        }

        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket == null) {
                return;
            }
            switch (how) {
                case NEW_ARRAY -> socket.recv(flags);
                case STRING -> socket.recvString(flags);
                case INTO_ARRAY -> socket.recv(new byte[size], flags);
                case RANGE -> {
                    int offset = Harness.offset(aux, size);
                    socket.recv(new byte[size], offset, Harness.length(aux, size, offset), flags);
                }
                case NATIVE -> socket.recv(Arena.ofAuto().allocate(size), flags);
                case HEAP_SEGMENT -> socket.recv(MemorySegment.ofArray(new byte[size]), flags);
                case READ_ONLY_SEGMENT -> socket.recv(Arena.ofAuto().allocate(size).asReadOnly(), flags);
                case VIEW -> {
                    View view = w.views.get(Math.floorMod(aux, World.VIEWS));
                    if (view != null) {
                        Harness.throughView(w, view, "Socket.recv(view)", () -> socket.recv(view.segment(), flags));
                    }
                }
                case DIRECT_BUFFER -> socket.recv(ByteBuffer.allocateDirect(size), flags);
                case HEAP_BUFFER -> socket.recv(ByteBuffer.allocate(size), flags);
                case READ_ONLY_BUFFER -> socket.recv(ByteBuffer.allocate(size).asReadOnlyBuffer(), flags);
                case MSG -> {
                    MsgBox box = w.msgs.get(Math.floorMod(aux, World.MSGS));
                    if (box != null) {
                        Harness.receiveInto(socket, box, flags);
                    }
                }
                case MULTIPART -> socket.recvMultipart();
                case HAS_MORE -> socket.hasReceiveMore();
            }
        }

        public String java() {
            String sock = "sock[" + s + "]";
            String f = "RecvFlag." + flags;
            return switch (how) {
                case NEW_ARRAY -> sock + ".recv(" + f + ");";
                case STRING -> sock + ".recvString(" + f + ");";
                case INTO_ARRAY -> sock + ".recv(new byte[" + size + "], " + f + ");";
                case RANGE -> {
                    int offset = Harness.offset(aux, size);
                    yield sock + ".recv(new byte[" + size + "], " + offset + ", " + Harness.length(aux, size, offset)
                            + ", " + f + ");";
                }
                case NATIVE -> sock + ".recv(Arena.ofAuto().allocate(" + size + "), " + f + ");";
                case HEAP_SEGMENT -> sock + ".recv(MemorySegment.ofArray(new byte[" + size + "]), " + f + ");";
                case READ_ONLY_SEGMENT -> sock + ".recv(Arena.ofAuto().allocate(" + size + ").asReadOnly(), " + f
                        + ");";
                case VIEW -> sock + ".recv(view[" + Math.floorMod(aux, World.VIEWS) + "], " + f + ");";
                case DIRECT_BUFFER -> sock + ".recv(ByteBuffer.allocateDirect(" + size + "), " + f + ");";
                case HEAP_BUFFER -> sock + ".recv(ByteBuffer.allocate(" + size + "), " + f + ");";
                case READ_ONLY_BUFFER -> sock + ".recv(ByteBuffer.allocate(" + size + ").asReadOnlyBuffer(), " + f
                        + ");";
                case MSG -> sock + ".recv(msg[" + Math.floorMod(aux, World.MSGS) + "], " + f + ");";
                case MULTIPART -> sock + ".recvMultipart();";
                case HAS_MORE -> sock + ".hasReceiveMore();";
            };
        }
    }
}
