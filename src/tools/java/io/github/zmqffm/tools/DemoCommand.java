package io.github.zmqffm.tools;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.Zmq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** Binds, connects and round-trips messages through libzmq, showing which library did it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Round-trip messages over tcp (127.0.0.1) and inproc and print which libzmq was used.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-n", "--messages"}, defaultValue = "10000", description = "messages to send (default ${DEFAULT-VALUE})")
    private int messages;

    @Override
    public Integer call() {
        System.out.println("libzmq " + Zmq.version() + " loaded from " + Zmq.library());
        try (Context context = new Context()) {
            pushPull(context, "tcp://127.0.0.1:*");
            pushPull(context, "inproc://demo");
            requestReply(context);
        }
        return 0;
    }

    private void pushPull(Context context, String bindTo) {
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH)) {
            pull.set(SocketOption.RCVTIMEO, 5000);
            String endpoint = pull.bind(bindTo);
            push.connect(endpoint);
            byte[] out = new byte[64];
            byte[] in = new byte[64];
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                out[0] = (byte) i;
                push.send(out);
                if (pull.recv(in) != out.length || in[0] != (byte) i) {
                    throw new IllegalStateException("message " + i + " did not arrive intact");
                }
            }
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.printf("PUSH -> PULL over %s: %d messages of 64 B round-tripped in %.1f ms%n",
                    endpoint, messages, millis);
        }
    }

    private static void requestReply(Context context) {
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ)) {
            rep.set(SocketOption.RCVTIMEO, 5000);
            req.set(SocketOption.RCVTIMEO, 5000);
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            req.send("ping");
            String request = rep.recvString();
            rep.send("pong");
            System.out.println("REQ -> REP over " + rep.lastEndpoint() + ": \"" + request + "\" -> \"" + req.recvString() + "\"");
        }
    }
}
