package io.github.zmqffm.interop;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One interop configuration: the peer's language and the transport. {@link #all()} is the
 * {@code @MethodSource} of {@link EachPeer} tests: C and Python, each over tcp (127.0.0.1) and ipc (a temp dir).
 *
 * @param lang      the peer's implementation
 * @param transport tcp or ipc
 */
record Setup(Peer.Lang lang, Transport transport) {

    /** The transports the interop tests use. */
    enum Transport { TCP, IPC }

    static Stream<Setup> all() {
        return Stream.of(Peer.Lang.values())
                .flatMap(lang -> Stream.of(Transport.values()).map(transport -> new Setup(lang, transport)));
    }

    /** An endpoint to bind: a random 127.0.0.1 port, or {@code name} in {@code dir}. */
    String bindEndpoint(Path dir, String name) {
        return transport == Transport.TCP ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve(name);
    }

    /** Starts this setup's peer program. */
    Peer start(String program, String... args) {
        return Peer.start(lang, program, args);
    }

    @Override
    public String toString() {
        return lang + " over " + transport.name().toLowerCase(java.util.Locale.ROOT);
    }
}
