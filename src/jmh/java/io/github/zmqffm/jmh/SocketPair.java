package io.github.zmqffm.jmh;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

/**
 * A connected PUSH/PULL pair for one benchmark trial, over inproc or tcp (127.0.0.1, random port); shared by
 * the JMH benchmarks and the in-thread comparison ({@code io.github.zmqffm.bench.SendRecvLoop}).
 */
public final class SocketPair implements AutoCloseable {

    /** Messages sent before they are received, per benchmark operation batch: well under the default HWM. */
    public static final int BATCH = 100;

    /** The pair's own context. */
    public final Context context = new Context();
    /** The sending side (connects). */
    public final Socket push = context.socket(SocketType.PUSH);
    /** The receiving side (binds). */
    public final Socket pull = context.socket(SocketType.PULL);

    /** Binds PULL and connects PUSH over {@code transport} ("inproc" or "tcp"), with 10 s send/receive timeouts. */
    public SocketPair(String transport) {
        pull.set(SocketOption.RCVTIMEO, 10_000);
        push.set(SocketOption.SNDTIMEO, 10_000);
        String endpoint = pull.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://jmh-" + System.nanoTime());
        push.connect(endpoint);
    }

    /** Fails loudly if a receive timed out or returned the wrong size, so a broken setup never looks fast. */
    public static void check(long received, long expected) {
        if (received != expected) {
            throw new IllegalStateException("received " + received + " bytes, expected " + expected);
        }
    }

    @Override
    public void close() {
        push.close();
        pull.close();
        context.close();
    }
}
