package io.github.zmqffm;

/**
 * Child-JVM entry point for {@link ReceiveMoreTest}: {@link Socket#hasReceiveMore()} over a three-frame message,
 * first by its critical call, then, after {@link CriticalCalls#stop()} (which only a fresh JVM can afford: it is
 * process-wide and for good), by the ordinary option path; prints one line per frame and exits 1 on a wrong answer.
 */
public final class ReceiveMoreProbe {

    private ReceiveMoreProbe() {}

    public static void main(String[] args) {
        boolean right = true;
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH)) {
            push.connect(pull.bind("inproc://receive-more-probe"));
            right &= threeFrames(push, pull);
            CriticalCalls.stop();
            right &= threeFrames(push, pull);
        }
        System.exit(right ? 0 : 1);
    }

    private static boolean threeFrames(Socket push, Socket pull) {
        boolean right = true;
        push.sendMore("a");
        push.sendMore("b");
        push.send("c");
        for (String expected : new String[] {"a", "b", "c"}) {
            String frame = pull.recvString();
            boolean more = pull.hasReceiveMore();
            System.out.printf("frame %s: more %b, critical calls %s%n", frame, more, CriticalCalls.allowed() ? "on" : "off");
            right &= expected.equals(frame) && more == !expected.equals("c");
        }
        return right;
    }
}
