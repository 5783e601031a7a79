package io.github.zmqffm.auth;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The ZAP handler's loop, run in the {@link Authenticator}'s thread: answers each request on the REP socket
 * bound to {@code inproc://zeromq.zap.01}, until a message on the control socket (the creator's "$TERM") or the
 * context's termination ends it. Written as an actor's body (two sockets in, nothing shared but the policy
 * lookup and the counters), so it can run as one unchanged.
 */
final class ZapService {

    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());

    private final Function<String, Policy> policies;
    private final AuthStatistics.Counters counters;

    ZapService(Function<String, Policy> policies, AuthStatistics.Counters counters) {
        this.policies = policies;
        this.counters = counters;
    }

    /** Serves until a control message or ETERM; closes neither socket. */
    void serve(Socket zap, Socket control) {
        try (Poller poller = new Poller(2)) {
            int zapIndex = poller.register(zap, Poller.POLLIN);
            int controlIndex = poller.register(control, Poller.POLLIN);
            for (;;) {
                poller.poll(Duration.ofMillis(-1)); // no limit: ends on a control message or ETERM
                if (poller.isReadable(controlIndex)) {
                    control.recv();
                    return;
                }
                if (poller.isReadable(zapIndex)) {
                    Frames request = zap.recvMultipart();
                    if (request != null) {
                        zap.sendMultipart(answer(request.asList()));
                    }
                }
            }
        } catch (ContextTerminatedException e) {
            // the context is closing: so does the handler
        }
    }

    /** The reply frames to one request: always a reply, or libzmq's handshake would wait for its timeout. */
    List<byte[]> answer(List<byte[]> frames) {
        ZapRequest request;
        try {
            request = ZapRequest.parse(frames);
        } catch (IllegalArgumentException e) {
            counters.count(null, ZapReply.INTERNAL_ERROR);
            LOG.log(System.Logger.Level.WARNING, "ZAP request refused with 500: malformed: " + e.getMessage());
            return ZapReply.internalError("malformed request", e.getMessage()).toFrames(ZapRequest.requestIdOf(frames));
        }
        ZapReply reply;
        if (!request.version().equals("1.0")) {
            reply = ZapReply.internalError("unsupported ZAP version", "ZAP version '" + request.version() + "' is not 1.0");
        } else {
            try {
                reply = policies.apply(request.domain()).decide(request);
            } catch (RuntimeException e) {
                reply = ZapReply.internalError("internal error", "the policy failed: " + e);
            }
        }
        counters.count(request.mechanism(), reply.status());
        log(request, reply);
        return reply.toFrames(request.requestId());
    }

    private static void log(ZapRequest request, ZapReply reply) {
        String domain = request.domain().isEmpty() ? "" : " (domain '" + request.domain() + "')";
        switch (reply.status()) {
            case ZapReply.OK -> LOG.log(System.Logger.Level.DEBUG, () -> "ZAP allowed " + reply.detail() + domain
                    + (reply.userId().isEmpty() ? "" : ", User-Id '" + reply.userId() + "'"));
            case ZapReply.DENIED -> LOG.log(System.Logger.Level.INFO, "ZAP denied " + reply.detail() + domain);
            default -> LOG.log(System.Logger.Level.WARNING, "ZAP refused with " + reply.status() + ": " + reply.detail() + domain);
        }
    }
}
