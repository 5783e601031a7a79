/**
 * ZeroMQ sockets over the native libzmq: {@link io.github.zmqffm.Context}, {@link io.github.zmqffm.Socket}
 * and its {@link io.github.zmqffm.SocketType}s, zero-copy {@link io.github.zmqffm.Msg}, typed
 * {@link io.github.zmqffm.SocketOption}s, {@link io.github.zmqffm.Poller} and {@link io.github.zmqffm.SocketPoller},
 * {@link io.github.zmqffm.Monitor} events, CURVE keys ({@link io.github.zmqffm.Curve}, {@link io.github.zmqffm.Z85})
 * and {@link io.github.zmqffm.ZmqException} with its {@link io.github.zmqffm.Errno}.
 *
 * <p>The vocabulary is JeroMQ's ({@code bind}, {@code connect}, {@code send}, {@code recv}, {@code sendMore},
 * {@code hasReceiveMore}); "would block" on a non-blocking call is a result ({@code false}, {@code -1},
 * {@code null}), never an exception. A socket is used by one thread at a time; a context is thread-safe.
 * {@link io.github.zmqffm.Zmq} tells which libzmq was loaded, its version and its capabilities.
 *
 * <p>Request and reply over tcp:
 * {@snippet class="io.github.zmqffm.snippets.ApiSnippets" region="request-reply"}
 *
 * <p>Zero copy: write into the message libzmq sends, read what it received in place:
 * {@snippet class="io.github.zmqffm.snippets.ApiSnippets" region="zero-copy"}
 */
package io.github.zmqffm;
