package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Child-JVM entry point for {@link StringsAndLimitsTest}: sets ZMQ_PRIORITY 7 on a PULL socket and sends it a
 * message over tcp, printing {@code refused: ...}, or {@code delivered} when the kernel lets this process set
 * it. With the argument {@code raw} the option goes to {@code zmq_setsockopt} directly, past zmq-ffm's check, to
 * show what libzmq does without it (it aborts on the first connection when the kernel says EPERM).
 */
public final class PriorityProbe {

    private PriorityProbe() {}

    public static void main(String[] args) {
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH)) {
            if (args.length > 0 && args[0].equals("raw")) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_INT, 7);
                    LibZmq.setsockopt(arena.allocate(LibZmq.CAPTURE_LAYOUT), pull.handle(),
                            SocketOption.PRIORITY.code(), value, 4);
                }
            } else {
                pull.set(SocketOption.PRIORITY, 7);
            }
            pull.set(SocketOption.RCVTIMEO, 5000);
            push.set(SocketOption.LINGER, 0);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.send("prioritised");
            System.out.println("prioritised".equals(pull.recvString()) ? "delivered" : "lost");
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
