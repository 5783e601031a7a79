package io.github.zmqffm.jmh;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

/** A connected PUSH/PULL pair for one benchmark trial, over inproc or tcp (127.0.0.1, random port). */
final class SocketPair implements AutoCloseable {

    /** Messages sent before they are received, per benchmark operation batch: well under the default HWM. */
    static final int BATCH = 100;

    final Context context = new Context();
    final Socket push = context.socket(SocketType.PUSH);
    final Socket pull = context.socket(SocketType.PULL);

    SocketPair(String transport) {
        pull.set(SocketOption.RCVTIMEO, 10_000);
        push.set(SocketOption.SNDTIMEO, 10_000);
        String endpoint = pull.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://jmh-" + System.nanoTime());
        push.connect(endpoint);
    }

    /** Fails loudly if a receive timed out or returned the wrong size, so a broken setup never looks fast. */
    static void check(long received, long expected) {
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
