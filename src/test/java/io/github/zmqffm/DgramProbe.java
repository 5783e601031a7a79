package io.github.zmqffm;

/**
 * Child-JVM entry point for {@link SocketTypeTest}: sends on a DGRAM socket that has no peer (no bind or connect,
 * so no pipe), every way: byte[] blocking and non-blocking, a {@code Msg}. libzmq 4.3.4 closed the message and
 * failed, then aborted on the closed message (zmq.cpp:413, dgram.cpp:98) unless native/patches/0006 is applied.
 * Prints {@code dropped} when every send returned true and the Msg is usable afterwards.
 */
public final class DgramProbe {

    private DgramProbe() {}

    public static void main(String[] args) {
        try (Context context = new Context(); Socket dgram = context.socket(SocketType.DGRAM); Msg msg = new Msg()) {
            dgram.set(SocketOption.SNDTIMEO, 100);
            boolean sent = dgram.sendMore("127.0.0.1:5555") && dgram.send("blocking");
            sent &= dgram.send("127.0.0.1:5555".getBytes(), SendFlag.DONTWAIT_SNDMORE)
                    && dgram.send("non-blocking".getBytes(), SendFlag.DONTWAIT);
            msg.reset(4);
            sent &= dgram.sendMore("127.0.0.1:5555") && dgram.send(msg);
            msg.reset(2); // the Msg is still a valid zmq_msg_t after its content was dropped
            System.out.println(sent && msg.size() == 2 ? "dropped" : "not sent");
        }
    }
}
