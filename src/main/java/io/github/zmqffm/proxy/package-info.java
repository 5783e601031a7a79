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
 */
package io.github.zmqffm.proxy;
