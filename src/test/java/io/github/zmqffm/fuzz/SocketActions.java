package io.github.zmqffm.fuzz;

import io.github.zmqffm.Context;
import io.github.zmqffm.Errno;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.fuzz.Harness.Transport;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.Errno.*;

/** The actions on sockets other than sends and receives: create, pair, close, endpoints, options, groups. */
final class SocketActions {

    private SocketActions() {}

    /** A socket with bounded send and receive timeouts (set right away, as every fuzz socket has them). */
    record NewSocket(int s, int c, SocketType type, int rcvMs, int sndMs, int lingerMs) implements Action {
        public void run(World w) {
            Context context = w.contexts.get(c);
            if (context == null || Harness.open(w.sockets.get(s))) {
                return;
            }
            w.sockets.set(s, Harness.socket(context, type, rcvMs, sndMs, lingerMs));
        }

        public String java() {
            return "sock[" + s + "] = socket(ctx[" + c + "], SocketType." + type + ", " + rcvMs + ", " + sndMs + ", "
                    + lingerMs + ");";
        }

        public Set<Errno> documented() {
            return EnumSet.of(EINVAL, EMFILE, ETERM);
        }
    }

    /** Two socket types that talk to each other. */
    enum PairKind {
        PAIR(SocketType.PAIR, SocketType.PAIR), PUSH_PULL(SocketType.PUSH, SocketType.PULL),
        PUB_SUB(SocketType.PUB, SocketType.SUB), REQ_REP(SocketType.REQ, SocketType.REP),
        ROUTER_DEALER(SocketType.ROUTER, SocketType.DEALER), DEALER_DEALER(SocketType.DEALER, SocketType.DEALER),
        XPUB_XSUB(SocketType.XPUB, SocketType.XSUB), SERVER_CLIENT(SocketType.SERVER, SocketType.CLIENT),
        DISH_RADIO(SocketType.DISH, SocketType.RADIO), GATHER_SCATTER(SocketType.GATHER, SocketType.SCATTER),
        PEER_PEER(SocketType.PEER, SocketType.PEER), CHANNEL_CHANNEL(SocketType.CHANNEL, SocketType.CHANNEL),
        STREAM_STREAM(SocketType.STREAM, SocketType.STREAM), PULL_PUSH(SocketType.PULL, SocketType.PUSH);

        final SocketType binder;
        final SocketType connecter;

        PairKind(SocketType binder, SocketType connecter) {
            this.binder = binder;
            this.connecter = connecter;
        }
    }

    /** Two sockets in slots a (bound) and b (connected to it), ready to exchange messages. */
    record Pair(int a, int b, int c, PairKind kind, Transport transport, int timeoutMs) implements Action {
        public void run(World w) {
            Context context = w.contexts.get(c);
            if (context == null || a == b || Harness.open(w.sockets.get(a)) || Harness.open(w.sockets.get(b))) {
                return;
            }
            Socket binder = Harness.socket(context, kind.binder, timeoutMs, timeoutMs, 0);
            w.sockets.set(a, binder);
            String endpoint = binder.bind(Harness.bindAddress(w, transport, a % World.ENDPOINTS));
            w.endpoints.set(a % World.ENDPOINTS, endpoint);
            Socket connecter = Harness.socket(context, kind.connecter, timeoutMs, timeoutMs, 0);
            w.sockets.set(b, connecter);
            connecter.connect(endpoint);
            if (kind == PairKind.PUB_SUB) {
                connecter.subscribe("");
            } else if (kind == PairKind.DISH_RADIO) {
                binder.join("g");
            }
        }

        public String java() {
            int key = a % World.ENDPOINTS;
            String setup = kind == PairKind.PUB_SUB ? " sock[" + b + "].subscribe(\"\");"
                    : kind == PairKind.DISH_RADIO ? " sock[" + a + "].join(\"g\");" : "";
            return "sock[" + a + "] = socket(ctx[" + c + "], SocketType." + kind.binder + ", " + timeoutMs + ", "
                    + timeoutMs + ", 0); endpoint[" + key + "] = sock[" + a + "].bind("
                    + Harness.bindJava(transport, key) + "); sock[" + b + "] = socket(ctx[" + c + "], SocketType."
                    + kind.connecter + ", " + timeoutMs + ", " + timeoutMs + ", 0); sock[" + b + "].connect(endpoint["
                    + key + "]);" + setup;
        }

        public Set<Errno> documented() {
            return EnumSet.copyOf(ENDPOINT);
        }
    }

    record CloseSocket(int s) implements Action {
        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket != null) {
                socket.close();
            }
        }

        public String java() {
            return "sock[" + s + "].close();";
        }
    }

    /** The endpoint calls of a socket. */
    enum Verb { BIND, CONNECT, UNBIND, DISCONNECT }

    /** bind, connect, unbind or disconnect on a transport's endpoint {@code key} (tcp/ws: the port a bind got). */
    record Endpoint(int s, Verb verb, Transport transport, int key) implements Action {
        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket == null) {
                return;
            }
            switch (verb) {
                case BIND -> {
                    String endpoint = socket.bind(Harness.bindAddress(w, transport, key));
                    if (Harness.remembers(transport)) {
                        w.endpoints.set(key, endpoint);
                    }
                }
                case CONNECT -> socket.connect(Harness.connectAddress(w, transport, key));
                case UNBIND -> socket.unbind(Harness.connectAddress(w, transport, key));
                case DISCONNECT -> socket.disconnect(Harness.connectAddress(w, transport, key));
            }
        }

        public String java() {
            String call = "sock[" + s + "]." + verb.name().toLowerCase(java.util.Locale.ROOT) + "(";
            if (verb != Verb.BIND) {
                return call + Harness.connectJava(transport, key) + ");";
            }
            call += Harness.bindJava(transport, key) + ");";
            return Harness.remembers(transport) ? "endpoint[" + key + "] = " + call : call;
        }

        public Set<Errno> documented() {
            return ENDPOINT;
        }
    }

    /** Any writable option, drafts included, with an odd value of its kind (timeouts stay bounded). */
    record SetOption(int s, int option, long number, int bytes) implements Action {
        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket != null) {
                SocketOption<?> o = Options.writable(option);
                socket.set(Options.cast(o), Options.value(o, number, bytes));
            }
        }

        public String java() {
            SocketOption<?> o = Options.writable(option);
            return "sock[" + s + "].set(SocketOption." + o.name().substring(4) + ", "
                    + Options.valueJava(o, number, bytes) + ");";
        }

        public Set<Errno> documented() {
            return OPTION;
        }
    }

    record GetOption(int s, int option) implements Action {
        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket != null) {
                socket.get(Options.readable(option));
            }
        }

        public String java() {
            return "sock[" + s + "].get(SocketOption." + Options.readable(option).name().substring(4) + ");";
        }

        public Set<Errno> documented() {
            return OPTION;
        }
    }

    record Join(int s, int group, boolean leave) implements Action {
        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket != null && leave) {
                socket.leave(Harness.group(group));
            } else if (socket != null) {
                socket.join(Harness.group(group));
            }
        }

        public String java() {
            return "sock[" + s + "]." + (leave ? "leave(" : "join(") + Harness.groupJava(group) + ");";
        }

        public Set<Errno> documented() {
            return EnumSet.of(EINVAL, ETERM);
        }
    }

    /**
     * A blocking receive on a socket whose only reference is the call itself (the slot forgets it first), while
     * {@code gc} asks for collections: the socket must not be closed under libzmq by its cleaner.
     */
    record RecvAlone(int s, int timeoutMs, boolean gc) implements Action {
        public void run(World w) throws InterruptedException {
            Socket socket = w.sockets.getAndSet(s, null);
            if (socket == null) {
                return;
            }
            Thread collector = gc ? Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                }
            }) : null;
            socket.set(SocketOption.RCVTIMEO, timeoutMs);
            socket.recv();
            if (collector != null) {
                collector.join(TimeUnit.SECONDS.toMillis(10));
            }
        }

        public String java() {
            return "{ Socket alone = sock[" + s + "]; sock[" + s + "] = null;" + (gc
                    ? " Thread.ofPlatform().start(() -> { for (int i = 0; i < 3; i++) System.gc(); });" : "")
                    + " alone.set(SocketOption.RCVTIMEO, " + timeoutMs + "); alone.recv(); }";
        }
    }
}
