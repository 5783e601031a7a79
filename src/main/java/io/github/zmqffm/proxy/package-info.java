/**
 * Proxies and {@code zmq_device}-compatible devices over libzmq's native {@code zmq_proxy_steerable}.
 *
 * <p>{@link io.github.zmqffm.proxy.Proxy} forwards between a frontend and a backend socket (with an optional
 * capture socket and an optional remote control endpoint); {@link io.github.zmqffm.proxy.Device} checks the
 * classic QUEUE, FORWARDER and STREAMER socket pairs first. A started proxy returns a
 * {@link io.github.zmqffm.proxy.RunningProxy} that pauses, resumes, reads the eight
 * {@link io.github.zmqffm.proxy.Statistics} counters and stops it. Sockets are described by
 * {@link io.github.zmqffm.proxy.SocketSpec} (type, options and {@link io.github.zmqffm.proxy.Endpoint}s in
 * czmq's {@code @bind}/{@code >connect} spelling) and created in the proxy's own thread.
 *
 * <p>A QUEUE device between REQ clients and REP workers:
 * {@snippet class="io.github.zmqffm.snippets.ApiSnippets" region="queue-device"}
 *
 * <p>{@link io.github.zmqffm.Zmq#proxy Zmq.proxy} and {@link io.github.zmqffm.Zmq#proxySteerable Zmq.proxySteerable}
 * are the other way round: {@code zmq_proxy} and {@code zmq_proxy_steerable} over frontend, backend, capture and
 * control sockets the caller has already made, blocking the caller's thread (JeroMQ's {@code ZMQ.proxy}).
 */
package io.github.zmqffm.proxy;
