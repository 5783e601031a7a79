package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;

import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.zmqffm.SocketType.CHANNEL;
import static io.github.zmqffm.SocketType.CLIENT;
import static io.github.zmqffm.SocketType.DEALER;
import static io.github.zmqffm.SocketType.DGRAM;
import static io.github.zmqffm.SocketType.DISH;
import static io.github.zmqffm.SocketType.GATHER;
import static io.github.zmqffm.SocketType.PAIR;
import static io.github.zmqffm.SocketType.PEER;
import static io.github.zmqffm.SocketType.PUB;
import static io.github.zmqffm.SocketType.PULL;
import static io.github.zmqffm.SocketType.PUSH;
import static io.github.zmqffm.SocketType.RADIO;
import static io.github.zmqffm.SocketType.REP;
import static io.github.zmqffm.SocketType.REQ;
import static io.github.zmqffm.SocketType.ROUTER;
import static io.github.zmqffm.SocketType.SCATTER;
import static io.github.zmqffm.SocketType.SERVER;
import static io.github.zmqffm.SocketType.SUB;
import static io.github.zmqffm.SocketType.XPUB;
import static io.github.zmqffm.SocketType.XSUB;

/**
 * The sockets of one context attached to each inproc endpoint, so that bind and connect refuse with
 * ENOCOMPATPROTO a pair of socket types that libzmq's ZMTP handshake refuses on every other transport. Over inproc
 * there is no handshake: libzmq connects any two types, and some pairs abort the process (a DISH sends each peer
 * JOIN messages, which any socket but a RADIO hands to zmq_msg_recv, whose size() asserts at msg.cpp:426).
 * Sockets are held weakly; closed or collected ones count as gone.
 *
 * <p>It also keeps the endpoints connected while nothing was bound there, and binds them with a
 * {@link PendingInprocBinder} just before the context shuts down (see there why). Binds, unbinds, disconnects,
 * connects and closes all run under this object's lock, so "bound" here means libzmq has the endpoint registered:
 * libzmq unregisters it only after a {@code zmq_close}, {@code zmq_unbind} or {@code zmq_disconnect}, and a
 * collected socket counts as gone.
 */
final class InprocPeers {

    /** libzmq's {@code mechanism_t::check_socket_type}: the peer types each type's handshake accepts. */
    private static final Map<SocketType, Set<SocketType>> PEERS = new EnumMap<>(Map.ofEntries(
            Map.entry(REQ, EnumSet.of(REP, ROUTER)),
            Map.entry(REP, EnumSet.of(REQ, DEALER)),
            Map.entry(DEALER, EnumSet.of(REP, DEALER, ROUTER)),
            Map.entry(ROUTER, EnumSet.of(REQ, DEALER, ROUTER)),
            Map.entry(PUSH, EnumSet.of(PULL)),
            Map.entry(PULL, EnumSet.of(PUSH)),
            Map.entry(PUB, EnumSet.of(SUB, XSUB)),
            Map.entry(SUB, EnumSet.of(PUB, XPUB)),
            Map.entry(XPUB, EnumSet.of(SUB, XSUB)),
            Map.entry(XSUB, EnumSet.of(PUB, XPUB)),
            Map.entry(PAIR, EnumSet.of(PAIR)),
            Map.entry(SERVER, EnumSet.of(CLIENT)),
            Map.entry(CLIENT, EnumSet.of(SERVER)),
            Map.entry(RADIO, EnumSet.of(DISH)),
            Map.entry(DISH, EnumSet.of(RADIO)),
            Map.entry(GATHER, EnumSet.of(SCATTER)),
            Map.entry(SCATTER, EnumSet.of(GATHER)),
            Map.entry(DGRAM, EnumSet.of(DGRAM)),
            Map.entry(PEER, EnumSet.of(PEER)),
            Map.entry(CHANNEL, EnumSet.of(CHANNEL))));

    /** One socket on an endpoint. */
    private record Attached(WeakReference<Socket> socket, SocketType type) {
        Attached(Socket socket) {
            this(new WeakReference<>(socket), socket.type());
        }

        boolean isGone() {
            Socket s = socket.get();
            return s == null || s.isClosed();
        }

        boolean is(Socket other) {
            return socket.get() == other;
        }
    }

    /** The bundled libzmq has native/patches/0010: binding an endpoint whose pending connect was ended is safe. */
    private static final boolean BUNDLED_LIBRARY =
            NativeLoader.ensureLoaded().source() == LoadedLibrary.Source.BUNDLED;

    private final Map<String, Attached> binders = new HashMap<>();
    private final Map<String, List<Attached>> connecters = new HashMap<>();
    /**
     * For each endpoint some socket connected to while nothing was bound there, and nothing has bound since, the
     * types of those sockets: libzmq keeps each such connect pending, also after its socket disconnected or closed,
     * and connects it to the next bind there, so that bind is checked against all of them.
     */
    private final Map<String, Set<SocketType>> pending = new HashMap<>();
    /** Pending endpoints the binder leaves to {@code zmq_ctx_term} (see {@link #detach}). */
    private final Set<String> leftToTerm = new HashSet<>();
    /** The context's native handle if its termination is ours to make safe (not an adopted context), else null. */
    private final MemorySegment context;
    /** Made at the first connect that may pend; closed before the context shuts down. */
    private PendingInprocBinder pendingBinder;
    /** The context is shut down: libzmq refuses new sockets and connects from now on. */
    private boolean shutDown;
    /** Records made since the last sweep of gone sockets; a sweep every so many keeps the maps bounded. */
    private int recordsSinceSweep;

    /** For a context whose termination this binding runs ({@code context}), or an adopted one (null). */
    InprocPeers(MemorySegment context) {
        this.context = context;
    }

    /** Whether libzmq's handshake would accept {@code a} and {@code b} as peers. */
    static boolean arePeers(SocketType a, SocketType b) {
        return PEERS.getOrDefault(a, Set.of()).contains(b);
    }

    /** Runs {@code bind} unless a socket connected to the endpoint cannot peer with this one; then records it. */
    synchronized void bind(Socket socket, String endpoint, Runnable bind) {
        for (Attached peer : live(connecters.get(endpoint))) {
            refuseUnlessPeers(socket, peer.type(), "bind", endpoint, "connected there");
        }
        for (SocketType type : pending.getOrDefault(endpoint, Set.of())) {
            refuseUnlessPeers(socket, type, "bind", endpoint, "connected there before anything was bound (libzmq"
                    + " keeps such a connect until a bind, also after a disconnect or close)");
        }
        bind.run();
        binders.put(endpoint, new Attached(socket));
        pending.remove(endpoint); // libzmq connected what was pending there
        leftToTerm.remove(endpoint);
        recorded();
    }

    /**
     * Runs {@code connect} unless the socket bound at the endpoint cannot peer with this one; then records it. With
     * nothing bound there, the connect pends in libzmq: it first makes sure the context's termination can bind it.
     */
    synchronized void connect(Socket socket, String endpoint, Runnable connect) {
        Attached binder = binders.get(endpoint);
        if (binder != null && !binder.isGone()) {
            refuseUnlessPeers(socket, binder.type(), "connect", endpoint, "bound there");
        } else if (context != null && !shutDown) {
            if (pendingBinder == null) {
                pendingBinder = PendingInprocBinder.create(context, "connect", endpoint);
            }
            pending.computeIfAbsent(endpoint, e -> EnumSet.noneOf(SocketType.class)).add(socket.type());
        }
        connect.run();
        connecters.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(new Attached(socket));
        recorded();
    }

    /**
     * Runs {@code detach} (an unbind or a disconnect: libzmq does the same for both over inproc, an unbind if the
     * socket is the one bound there, else a disconnect), then records it.
     */
    synchronized void detach(Socket socket, String endpoint, Runnable detach) {
        detach.run();
        Attached binder = binders.get(endpoint);
        if (binder != null && binder.is(socket)) {
            binders.remove(endpoint);
            return;
        }
        if (socket.type() == ROUTER && !BUNDLED_LIBRARY) {
            // A bind now would write the ROUTER's routing id into the ended pipe: libzmq without native/patches/0010
            // aborts (pipe.cpp:87) while the ROUTER is open. zmq_ctx_term binds it after Context.close closed it.
            leftToTerm.add(endpoint);
        }
        List<Attached> list = connecters.get(endpoint);
        if (list != null) {
            list.removeIf(a -> a.is(socket));
            if (list.isEmpty()) {
                connecters.remove(endpoint);
            }
        }
    }

    /** Runs a socket's {@code close}: libzmq unregisters its endpoints after it, so not during a connect. */
    synchronized void close(Runnable close) {
        close.run();
    }

    /**
     * Binds every endpoint still pending, closes the binder, then runs {@code shutdown} (zmq_ctx_shutdown), all
     * under the lock: no connect can pend in between, and after the shutdown libzmq refuses them with ETERM.
     */
    synchronized void bindPendingThen(Runnable shutdown) {
        if (pendingBinder != null) {
            for (String endpoint : pending.keySet()) {
                if (!leftToTerm.contains(endpoint)) {
                    pendingBinder.bind(endpoint);
                }
            }
            pendingBinder.close();
            pendingBinder = null;
        }
        pending.clear();
        leftToTerm.clear();
        shutDown = true;
        shutdown.run();
    }

    private static void refuseUnlessPeers(Socket socket, SocketType peer, String call, String endpoint, String how) {
        if (!arePeers(socket.type(), peer)) {
            throw Errors.exception(call, endpoint, Errno.ENOCOMPATPROTO.code(), "a " + socket.type()
                    + " socket cannot be a peer of the " + peer + " socket " + how + ": libzmq's handshake"
                    + " refuses this pair on other transports, and over inproc, which has none, some such pairs"
                    + " abort the process");
        }
    }

    private List<Attached> live(List<Attached> list) {
        if (list == null) {
            return List.of();
        }
        list.removeIf(Attached::isGone);
        return list;
    }

    private void recorded() {
        if (++recordsSinceSweep < 256) {
            return;
        }
        recordsSinceSweep = 0;
        binders.values().removeIf(Attached::isGone);
        connecters.values().removeIf(list -> {
            list.removeIf(Attached::isGone);
            return list.isEmpty();
        });
    }
}
