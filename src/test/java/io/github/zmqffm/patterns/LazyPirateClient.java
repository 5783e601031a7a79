package io.github.zmqffm.patterns;

import io.github.zmqffm.Context;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZLoop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * zguide's Lazy Pirate client (lpclient) on a {@link ZLoop}: each request gets a one-shot timeout timer; a reply
 * cancels it, a timeout throws the REQ socket away (it is stuck waiting for that reply), opens a new one and
 * sends the request again, until {@code attempts} tries of one request have failed and the client gives up.
 * Requests are "1", "2", ...; the server must echo them.
 */
final class LazyPirateClient {

    /** What happened: the replies in order, how many times a request was sent again, whether it gave up. */
    record Outcome(List<String> replies, int resends, boolean abandoned) {}

    private final Context context;
    private final String endpoint;
    private final Duration timeout;
    private final int attempts;
    private final ZLoop loop = new ZLoop();
    private final List<String> replies = new ArrayList<>();
    private Socket socket;
    private ZLoop.Timer timer;
    private int sequence = 1;
    private int requests;
    private int attemptsLeft;
    private int resends;
    private boolean abandoned;

    private LazyPirateClient(Context context, String endpoint, Duration timeout, int attempts) {
        this.context = context;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.attempts = attempts;
    }

    /** Sends {@code requests} requests one after the other, each tried at most {@code attempts} times. */
    static Outcome run(Context context, String endpoint, int requests, Duration timeout, int attempts) {
        LazyPirateClient client = new LazyPirateClient(context, endpoint, timeout, attempts);
        client.requests = requests;
        client.attemptsLeft = attempts;
        try (client.loop) {
            client.connect();
            client.send();
            client.loop.once(Duration.ofSeconds(60), () -> {
                throw new AssertionError("the Lazy Pirate client ran for a minute");
            });
            client.loop.run();
        } finally {
            client.socket.close();
        }
        return new Outcome(List.copyOf(client.replies), client.resends, client.abandoned);
    }

    private void connect() {
        socket = context.socket(SocketType.REQ);
        socket.set(SocketOption.LINGER, 0);
        socket.connect(endpoint);
        loop.add(socket, Poller.POLLIN, (s, events) -> onReply(s.recvString()));
    }

    private void send() {
        socket.send(String.valueOf(sequence));
        timer = loop.once(timeout, this::onTimeout);
    }

    private void onReply(String reply) {
        if (!reply.equals(String.valueOf(sequence))) {
            throw new AssertionError("malformed reply '" + reply + "' to request " + sequence);
        }
        timer.cancel();
        replies.add(reply);
        attemptsLeft = attempts;
        if (++sequence > requests) {
            loop.stop();
        } else {
            send();
        }
    }

    private void onTimeout() {
        if (--attemptsLeft == 0) {
            abandoned = true; // the server seems to be offline
            loop.stop();
            return;
        }
        loop.remove(socket);
        socket.close();
        connect();
        resends++;
        send();
    }
}
