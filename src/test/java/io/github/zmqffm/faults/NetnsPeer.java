package io.github.zmqffm.faults;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.nio.ByteBuffer;

/**
 * The peer process of the fault tests, run inside a test host's namespace (or anywhere) with zmq-ffm:
 * <ul>
 *   <li>{@code push ENDPOINT HEARTBEAT_MS} connects a PUSH and sends sequence numbers 0, 1, 2, ... one a
 *       millisecond, forever (until killed), each as 8 bytes;</li>
 *   <li>{@code pull ENDPOINT} binds a PULL and prints {@code got N} for each 8-byte sequence number it receives;</li>
 *   <li>{@code rep ENDPOINT 0 [STALL_ON]} binds a REP that echoes every request; on the request {@code STALL_ON} it
 *       prints {@code stalled} and never answers (a request in flight when the test kills it).</li>
 * </ul>
 * Prints {@code ready} once its socket is set up. Heartbeats (ms; 0 = off) detect a dead link.
 */
public final class NetnsPeer {

    private NetnsPeer() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws InterruptedException {
        try (Context context = new Context(); Socket socket = context.socket(type(args[0]))) {
            socket.set(SocketOption.LINGER, 0);
            int heartbeat = args.length > 2 ? Integer.parseInt(args[2]) : 0;
            if (heartbeat > 0) {
                socket.set(SocketOption.HEARTBEAT_IVL, heartbeat);
                socket.set(SocketOption.HEARTBEAT_TIMEOUT, heartbeat * 5);
            }
            socket.set(SocketOption.RECONNECT_IVL, 100);
            switch (args[0]) {
                case "push" -> {
                    socket.connect(args[1]);
                    System.out.println("ready");
                    for (long seq = 0; ; seq++) {
                        socket.send(ByteBuffer.allocate(8).putLong(seq).array());
                        Thread.sleep(1);
                    }
                }
                case "pull" -> {
                    socket.bind(args[1]);
                    System.out.println("ready");
                    byte[] buffer = new byte[8];
                    for (;;) {
                        if (socket.recv(buffer) == 8) {
                            System.out.println("got " + ByteBuffer.wrap(buffer).getLong());
                        }
                    }
                }
                case "rep" -> {
                    socket.bind(args[1]);
                    System.out.println("ready");
                    String stallOn = args.length > 3 ? args[3] : null;
                    for (;;) {
                        String request = socket.recvString();
                        if (request.equals(stallOn)) {
                            System.out.println("stalled");
                            Thread.sleep(Long.MAX_VALUE);
                        }
                        socket.send(request);
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static SocketType type(String mode) {
        return switch (mode) {
            case "push" -> SocketType.PUSH;
            case "pull" -> SocketType.PULL;
            case "rep" -> SocketType.REP;
            default -> throw new IllegalArgumentException("mode: push, pull or rep, not " + mode);
        };
    }
}
