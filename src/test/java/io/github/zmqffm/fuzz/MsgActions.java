package io.github.zmqffm.fuzz;

import io.github.zmqffm.Errno;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.fuzz.Harness.WrapSource;
import io.github.zmqffm.fuzz.World.ArenaBox;
import io.github.zmqffm.fuzz.World.MsgBox;
import io.github.zmqffm.fuzz.World.View;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.Set;

import static io.github.zmqffm.Errno.*;

/** The actions on messages, their views and the arenas that wrapped messages come from. */
final class MsgActions {

    private MsgActions() {}

    /** How {@link NewMsg} makes its message. */
    enum MsgHow { EMPTY, ALLOCATE, COPY_OF, WRAP }

    record NewMsg(int m, MsgHow how, int size, WrapSource source) implements Action {
        public void run(World w) {
            MsgBox old = w.msgs.get(m);
            if (old != null && !old.msg.isClosed()) {
                return;
            }
            Msg msg = switch (how) {
                case EMPTY -> new Msg();
                case ALLOCATE -> Msg.allocate(size);
                case COPY_OF -> Msg.copyOf(Harness.bytes(size));
                case WRAP -> Harness.wrap(w, source, size);
            };
            w.msgs.set(m, new MsgBox(msg));
        }

        public String java() {
            return "msg[" + m + "] = " + switch (how) {
                case EMPTY -> "new Msg();";
                case ALLOCATE -> "Msg.allocate(" + size + ");";
                case COPY_OF -> "Msg.copyOf(bytes(" + size + "));";
                case WRAP -> Harness.wrapJava(source, size) + ";";
            };
        }

        public Set<Errno> documented() {
            return EnumSet.of(ENOMEM);
        }
    }

    record MsgReset(int m, long size) implements Action {
        public void run(World w) {
            MsgBox box = w.msgs.get(m);
            if (box != null) {
                box.msg.reset(size);
                box.moved();
            }
        }

        public String java() {
            return "msg[" + m + "].reset(" + size + "L);";
        }

        public Set<Errno> documented() {
            return EnumSet.of(ENOMEM);
        }
    }

    record MsgClose(int m) implements Action {
        public void run(World w) {
            MsgBox box = w.msgs.get(m);
            if (box != null) {
                box.msg.close();
                box.moved();
            }
        }

        public String java() {
            return "msg[" + m + "].close();";
        }
    }

    /** What {@link MsgRead} asks a message. */
    enum MsgQuery {
        SIZE, TO_ARRAY, TEXT, HAS_MORE, GETS, GETS_UNKNOWN, ROUTING_ID, SET_ROUTING_ID, GROUP, SET_GROUP, IS_CLOSED,
        TO_STRING
    }

    record MsgRead(int m, MsgQuery what, int value) implements Action {
        public void run(World w) {
            MsgBox box = w.msgs.get(m);
            if (box == null) {
                return;
            }
            Msg msg = box.msg;
            switch (what) {
                case SIZE -> msg.size();
                case TO_ARRAY -> msg.toArray();
                case TEXT -> msg.getString();
                case HAS_MORE -> msg.hasMore();
                case GETS -> msg.gets("Socket-Type");
                case GETS_UNKNOWN -> msg.gets("X-None\0");
                case ROUTING_ID -> msg.routingId();
                case SET_ROUTING_ID -> msg.setRoutingId(value);
                case GROUP -> msg.group();
                case SET_GROUP -> msg.setGroup(Harness.group(value));
                case IS_CLOSED -> msg.isClosed();
                case TO_STRING -> msg.toString();
            }
        }

        public String java() {
            String msg = "msg[" + m + "]";
            return msg + switch (what) {
                case SIZE -> ".size();";
                case TO_ARRAY -> ".toArray();";
                case TEXT -> ".getString();";
                case HAS_MORE -> ".hasMore();";
                case GETS -> ".gets(\"Socket-Type\");";
                case GETS_UNKNOWN -> ".gets(\"X-None\\0\");";
                case ROUTING_ID -> ".routingId();";
                case SET_ROUTING_ID -> ".setRoutingId(" + value + ");";
                case GROUP -> ".group();";
                case SET_GROUP -> ".setGroup(" + Harness.groupJava(value) + ");";
                case IS_CLOSED -> ".isClosed();";
                case TO_STRING -> ".toString();";
            };
        }

        public Set<Errno> documented() {
            return EnumSet.of(EINVAL);
        }
    }

    /** Keeps {@code Msg.data()} in a view slot, to be used after the message may have moved on. */
    record TakeView(int m, int v) implements Action {
        public void run(World w) {
            MsgBox box = w.msgs.get(m);
            if (box != null) {
                MemorySegment data = box.msg.data();
                // Moves counted after data(): a move in between makes the view look newer, never older.
                w.views.set(v, new View(data, box.moves, Thread.currentThread(), box.moves.count()));
            }
        }

        public String java() {
            return "view[" + v + "] = msg[" + m + "].data();";
        }
    }

    /** What {@link UseView} does with a view. */
    enum ViewOp { GET, SET, FILL, TO_ARRAY, COPY_OUT }

    record UseView(int v, ViewOp op, int offset) implements Action {
        public boolean usesView() {
            return true;
        }

        public void run(World w) {
            View view = w.views.get(v);
            if (view == null) {
                return;
            }
            MemorySegment data = view.segment();
            long at = Math.floorMod(offset, data.byteSize() + 2);
            Harness.throughView(w, view, "view." + op, () -> {
                switch (op) {
                    case GET -> data.get(ValueLayout.JAVA_BYTE, at);
                    case SET -> data.set(ValueLayout.JAVA_BYTE, at, (byte) 7);
                    case FILL -> data.fill((byte) 9);
                    case TO_ARRAY -> data.toArray(ValueLayout.JAVA_BYTE);
                    case COPY_OUT -> MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, new byte[64], 0,
                            (int) Math.min(64, data.byteSize()));
                }
                return null;
            });
        }

        public String java() {
            String view = "view[" + v + "]";
            return switch (op) {
                case GET -> view + ".get(ValueLayout.JAVA_BYTE, Math.floorMod(" + offset + ", " + view
                        + ".byteSize() + 2));";
                case SET -> view + ".set(ValueLayout.JAVA_BYTE, Math.floorMod(" + offset + ", " + view
                        + ".byteSize() + 2), (byte) 7);";
                case FILL -> view + ".fill((byte) 9);";
                case TO_ARRAY -> view + ".toArray(ValueLayout.JAVA_BYTE);";
                case COPY_OUT -> "MemorySegment.copy(" + view + ", ValueLayout.JAVA_BYTE, 0, new byte[64], 0, (int)"
                        + " Math.min(64, " + view + ".byteSize()));";
            };
        }
    }

    /** A caller arena for {@code Msg.wrap}. */
    record NewArena(int a, boolean auto) implements Action {
        public void run(World w) {
            if (w.arenas.get(a) == null) {
                w.arenas.set(a, new ArenaBox(auto ? Arena.ofAuto() : Arena.ofShared()));
            }
        }

        public String java() {
            return "arena[" + a + "] = Arena." + (auto ? "ofAuto" : "ofShared") + "();";
        }
    }

    /** Closes a caller arena, perhaps while libzmq still reads a segment of it that was wrapped. */
    record CloseArena(int a) implements Action {
        public void run(World w) {
            ArenaBox box = w.arenas.get(a);
            if (box != null) {
                box.arena.close();
            }
        }

        public String java() {
            return "arena[" + a + "].close();";
        }
    }
}
