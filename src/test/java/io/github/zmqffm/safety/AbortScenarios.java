package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Errno;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.auth.Authenticator;
import io.github.zmqffm.auth.Policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Configurations and moments libzmq aborts the process on, at the first handshake, when its threads start or when a
 * lingering connection is lost: refused up front, or fixed in the bundled libzmq. Each scenario ends where libzmq
 * would abort.
 */
public final class AbortScenarios {

    private AbortScenarios() {}

    @Scenario
    public static void onlyAReplySocketMayBeTheZapHandler() throws Exception {
        try (Context context = new Context(); Socket pair = context.socket(SocketType.PAIR)) {
            expect(IllegalArgumentException.class, () -> pair.bind("inproc://zeromq.zap.01"));
            plainHandshake(context, false);
        }
    }

    @Scenario
    public static void aPlainServerEnforcingZapNeedsADomain() throws Exception {
        try (Context context = new Context()) {
            plainHandshake(context, true);
        }
    }

    /** A PLAIN server and client over tcp, with a real ZAP handler; with {@code enforce}, the bind is refused. */
    private static void plainHandshake(Context context, boolean enforce) {
        try (Authenticator _ = Authenticator.start(context, Policy.create().plainPasswords(Map.of("user", "password")));
             Socket server = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(5));
             Socket client = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(5))) {
            server.set(SocketOption.PLAIN_SERVER, true);
            if (enforce) {
                server.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
                expect(IllegalStateException.class, () -> server.bind("tcp://127.0.0.1:*"));
                server.set(SocketOption.ZAP_ENFORCE_DOMAIN, false);
            }
            server.set(SocketOption.ZAP_DOMAIN, "global");
            String endpoint = server.bind("tcp://127.0.0.1:*");
            client.set(SocketOption.PLAIN_USERNAME, "user");
            client.set(SocketOption.PLAIN_PASSWORD, "password");
            client.connect(endpoint);
            client.send("after the handshake");
            check("after the handshake".equals(server.recvString()), "the PLAIN connection failed");
        }
    }

    /**
     * Fuzzer finding: libzmq asserts that the kernel accepts its threads' scheduling when the first socket starts
     * them (thread.cpp:345). SCHED_RR needs a priority of 1..99, policy 77 does not exist, nor does CPU 1023 here.
     */
    @Scenario
    public static void ioThreadSchedulingTheKernelRefusesIsRefusedAtTheFirstSocket() {
        assertRefusedAtFirstSocket(ContextOption.THREAD_SCHED_POLICY, 2, "pthread_setschedparam(policy 2, priority 0): EINVAL",
                ContextOption.THREAD_SCHED_POLICY, 0);
        assertRefusedAtFirstSocket(ContextOption.THREAD_SCHED_POLICY, 77, "pthread_setschedparam(policy 77, ",
                ContextOption.THREAD_SCHED_POLICY, 0);
        check(Runtime.getRuntime().availableProcessors() < 1023, "a machine with CPU 1023");
        assertRefusedAtFirstSocket(ContextOption.THREAD_AFFINITY_CPU_ADD, 1023, "pthread_setaffinity_np(CPUs [1023]): EINVAL",
                ContextOption.THREAD_AFFINITY_CPU_REMOVE, 1023);
    }

    private static void assertRefusedAtFirstSocket(ContextOption option, int value, String why, ContextOption fix,
                                                   int fixValue) {
        try (Context context = new Context()) {
            context.set(option, value);
            IllegalStateException e = expect(IllegalStateException.class, () -> context.socket(SocketType.PAIR));
            check(e.getMessage().contains(why), e.getMessage());
            context.set(fix, fixValue);
            try (Socket pair = context.socket(SocketType.PAIR)) {
                pair.bind(Scenarios.inproc("scheduled"));
            }
            expect(IllegalStateException.class, () -> context.set(option, value)); // the threads have started
        }
    }

    /**
     * Found reading libzmq's ctx.cpp: zmq_ctx_term makes a PAIR socket for each connect still pending on an inproc
     * endpoint nothing bound, asserting it can (ctx.cpp:169), so at ZMQ_MAX_SOCKETS it aborted. Now the context's
     * first such connect makes it one more socket (PendingInprocBinder) that binds them before the shutdown, or
     * fails with EMFILE; with the socket open and closed, and three endpoints pending at once. The limit still
     * holds for the application, and a pending connect still completes when its endpoint is bound.
     */
    @Scenario
    public static void aPendingInprocConnectEndsAtTheSocketLimit() {
        try (Context context = new Context()) {
            context.set(ContextOption.MAX_SOCKETS, 1);
            Socket push = context.socket(SocketType.PUSH);
            ZmqException e = expect(ZmqException.class, () -> push.connect(Scenarios.inproc("nobody-binds")));
            check(e.error() == Errno.EMFILE, "not EMFILE: " + e);
        }
        for (int pending = 1; pending <= 3; pending++) {
            for (boolean closeFirst : new boolean[] {false, true}) {
                Context context = new Context();
                context.set(ContextOption.MAX_SOCKETS, 2);
                Socket push = context.socket(SocketType.PUSH);
                for (int i = 0; i < pending; i++) {
                    push.connect(Scenarios.inproc("nobody-binds-" + i));
                    push.connect(Scenarios.inproc("nobody-binds-" + i)); // two pending connects on one endpoint
                }
                expect(ZmqException.class, () -> context.socket(SocketType.PULL)); // the binder has the last slot
                if (closeFirst) {
                    push.close();
                }
                context.close();
            }
        }
        try (Context context = new Context()) {
            context.set(ContextOption.MAX_SOCKETS, 3);
            try (Socket push = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(5));
                 Socket pull = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(5))) {
                String endpoint = Scenarios.inproc("bound-later");
                push.connect(endpoint);
                pull.bind(endpoint);
                push.send("pending, then bound");
                check("pending, then bound".equals(pull.recvString()), "the pending connect did not complete");
            }
        }
    }

    /**
     * Found reading libzmq's ctx.cpp, native/patches/0010: a connect pending on an inproc endpoint and then ended
     * by its socket (disconnected, or the socket closed) stays pending in libzmq; the bind that connects it later
     * asserted it could write into the ended pipe: the binder's routing id for an open ROUTER (pipe.cpp:87), a
     * HELLO_MSG (pipe.cpp:98). Each case by a user's bind, and by the context's own bind of pending endpoints.
     */
    @Scenario
    public static void anInprocEndpointBoundAfterItsPendingConnectionEndedDoesNotAbort() throws Exception {
        for (boolean userBinds : new boolean[] {true, false}) {
            try (Context context = new Context()) {
                Socket router = context.socket(SocketType.ROUTER);
                String endpoint = Scenarios.inproc("router-disconnected");
                router.connect(endpoint);
                router.disconnect(endpoint);
                router.recv(RecvFlag.DONTWAIT); // the router ends its side of the pipe
                if (userBinds) {
                    try (Socket dealer = context.socket(SocketType.DEALER)) {
                        dealer.bind(endpoint);
                    }
                } // else the context binds it as it closes, the router still open
            }
        }
        for (boolean close : new boolean[] {true, false}) {
            try (Context context = new Context()) {
                Socket dealer = context.socket(SocketType.DEALER);
                String endpoint = Scenarios.inproc("hello-to-nobody");
                dealer.connect(endpoint);
                if (close) {
                    dealer.close();
                    Thread.sleep(50); // the reaper ends a closed socket's pipes
                } else {
                    dealer.disconnect(endpoint);
                    dealer.recv(RecvFlag.DONTWAIT);
                }
                try (Socket router = context.socket(SocketType.ROUTER)) {
                    router.set(SocketOption.HELLO_MSG, "hello".getBytes(StandardCharsets.UTF_8));
                    router.bind(endpoint);
                }
            }
        }
    }

    /**
     * Fuzzer finding (seed 1205, index 39307): a DISH connected to an inproc endpoint nothing had bound, then
     * disconnected (or closed); libzmq kept the connect pending, and a PUB that bound there later was connected to
     * it and read the DISH's JOIN as a subscription (msg.cpp:406). InprocPeers forgot the DISH at its disconnect;
     * now a pending connect's type counts until a bind, so the PUB's bind is refused with ENOCOMPATPROTO.
     */
    @Scenario
    public static void aBindIsCheckedAgainstConnectsPendingThereAfterTheirSocketLeft() {
        for (boolean close : new boolean[] {false, true}) {
            try (Context context = new Context()) {
                Socket dish = context.socket(SocketType.DISH);
                dish.join("g");
                String endpoint = Scenarios.inproc("dish-left");
                dish.connect(endpoint);
                if (close) {
                    dish.close();
                } else {
                    dish.disconnect(endpoint);
                }
                try (Socket pub = context.socket(SocketType.PUB)) {
                    ZmqException e = expect(ZmqException.class, () -> pub.bind(endpoint));
                    check(e.error() == Errno.ENOCOMPATPROTO, "not ENOCOMPATPROTO: " + e);
                } // the context's close binds it with its PAIR binder, which never reads the JOIN
            }
        }
    }

    /**
     * Fuzzer finding (seed 1205, index 5168), native/patches/0011: setting a high-water mark sends each pipe's peer
     * the new limits, also to a pipe whose inproc peer had disconnected and acknowledged the end: the command reached
     * the deleted peer pipe (SIGSEGV in object_t::process_command on the reaper thread, every round on the old
     * library). With the pairs the fuzzer found and the common ones.
     */
    @Scenario
    public static void aHighWaterMarkSetAfterAnInprocPeerDisconnectedDoesNotCrash() {
        SocketType[][] pairs = {{SocketType.CHANNEL, SocketType.CHANNEL}, {SocketType.PAIR, SocketType.PAIR},
                {SocketType.PULL, SocketType.PUSH}, {SocketType.ROUTER, SocketType.DEALER}};
        for (SocketType[] pair : pairs) {
            for (int round = 0; round < 10; round++) {
                try (Context context = new Context()) {
                    Socket binder = Scenarios.socket(context, pair[0], Duration.ofMillis(5));
                    Socket connecter = Scenarios.socket(context, pair[1], Duration.ofMillis(5));
                    String endpoint = binder.bind(Scenarios.inproc("hwm-after-disconnect"));
                    connecter.connect(endpoint);
                    connecter.disconnect(endpoint);
                    check(binder.recv() == null, "a message from nobody"); // times out, having processed the disconnect
                    binder.set(SocketOption.RCVHWM, 17);
                    binder.set(SocketOption.SNDHWM, 17);
                    connecter.close();
                    binder.close();
                }
            }
        }
    }

    /**
     * Fuzzer finding (seed 1203, index 1460), libzmq issue 3442: a PUSH lingering with a multipart message half
     * written to a stalled tcp peer; its linger period expires, and the peer's connection is lost just then: the
     * session asserted that it could read the rest of the half-sent message from its terminating pipe
     * (session_base.cpp:260, native/patches/0009). The race is hit within tens of rounds on the old library.
     */
    @Scenario
    public static void aConnectionLostAsTheLingerExpiresMidMultipartDoesNotAbort() throws Exception {
        int lingerMs = 20;
        byte[] large = new byte[1 << 20];
        try (Context context = new Context()) {
            for (int round = 0; round < 150; round++) {
                Socket pull = context.socket(SocketType.PULL);
                pull.set(SocketOption.RCVHWM, 1); // the peer's session stops reading: tcp stalls mid-message
                pull.set(SocketOption.RCVBUF, 4096);
                pull.set(SocketOption.LINGER, 0);
                String endpoint = pull.bind("tcp://127.0.0.1:*");
                Socket push = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(1));
                push.set(SocketOption.SNDBUF, 4096);
                push.set(SocketOption.LINGER, lingerMs);
                push.connect(endpoint);
                for (int i = 0; i < 4; i++) {
                    push.send(new byte[10]);
                }
                push.send(large, 0, large.length, SendFlag.SNDMORE);
                push.send(large, 0, large.length, SendFlag.NONE);
                Thread.sleep(30); // the engine takes the first frame and stalls in it
                long lingerEnds = System.nanoTime() + lingerMs * 1_000_000L;
                push.close();
                // Lose the connection within 2 ms either side of the linger's end (a reset: unread data).
                long at = lingerEnds + ThreadLocalRandom.current().nextLong(-2_000_000, 2_000_001);
                while (System.nanoTime() < at) {
                    Thread.onSpinWait();
                }
                pull.close();
            }
        }
    }
}
