package io.github.zmqffm.soak;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REQ to REP, directly (the REP binds) or through a queue device (both connect): each request carries its sequence
 * number, the REP checks the order of requests and echoes them, the REQ checks that each reply answers its request.
 * A round trip is two messages. A reply that does not come within 30 s is lost and ends the pipe (a plain REQ
 * cannot go on without it).
 */
final class ReqRepPipe extends Pipe {

    private static final int REPLY_TIMEOUT_MILLIS = 30_000;

    private final AtomicBoolean clientDone = new AtomicBoolean();

    /** What the REQ saw. */
    private record Client(long requests, long answered, long wrongAnswers, String error) {}

    ReqRepPipe(String name, Context context, Route route, int size, AtomicBoolean stop, AtomicLong delivered) {
        super(name, context, route, size, stop, delivered);
    }

    @Override
    CompletableFuture<PipeResult> start() {
        CompletableFuture<SequenceTracker> worker = thread(name + "-rep", this::serve);
        CompletableFuture<Client> client = thread(name + "-req", this::request);
        return client.thenCombine(worker, (req, requests) -> {
            long replies = req.answered() + req.wrongAnswers();
            return new PipeResult(name, req.requests() + requests.received(), requests.received() + replies,
                    requests.lost(req.requests()) + (requests.received() - replies),
                    requests.duplicated(), requests.reordered() + req.wrongAnswers(), req.error());
        });
    }

    private Client request() {
        long requests = 0;
        long answered = 0;
        long wrong = 0;
        String error = null;
        try (Socket req = context.socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MILLIS);
            attachSender(req);
            ByteBuffer message = ByteBuffer.allocate(size);
            byte[] reply = new byte[size];
            for (long seq = 0; !stop.get(); seq++) {
                message.putLong(0, seq);
                req.send(message.array());
                requests++;
                if (req.recv(reply) < 8) {
                    error = "no reply to request " + seq + " within " + REPLY_TIMEOUT_MILLIS + " ms";
                    break;
                }
                // A reply to another request would be a reordering (a REQ never sees duplicates).
                if (ByteBuffer.wrap(reply).getLong(0) == seq) {
                    answered++;
                } else {
                    wrong++;
                }
                delivered.incrementAndGet();
            }
        } finally {
            clientDone.set(true);
        }
        return new Client(requests, answered, wrong, error);
    }

    private SequenceTracker serve() {
        SequenceTracker requests = new SequenceTracker();
        try (Socket rep = context.socket(SocketType.REP)) {
            rep.set(SocketOption.LINGER, 1000);
            rep.set(SocketOption.RCVTIMEO, 200);
            attachReceiver(rep);
            byte[] request = new byte[size];
            while (!clientDone.get()) {
                if (rep.recv(request) >= 8) {
                    requests.accept(ByteBuffer.wrap(request).getLong(0));
                    delivered.incrementAndGet();
                    rep.send(request);
                }
            }
        }
        return requests;
    }
}
