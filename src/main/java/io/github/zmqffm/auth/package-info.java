/**
 * ZeroMQ security for deployments: a ZAP authenticator and CURVE certificates, as czmq ({@code zauth},
 * {@code zcert}, {@code zcertstore}), pyzmq ({@code zmq.auth}) and JeroMQ ({@code ZAuth}, {@code ZCert}) offer them.
 *
 * <ul>
 *   <li>{@link io.github.zmqffm.auth.Authenticator}: the ZAP handler (RFC 27) of one context, answering every
 *       handshake of its PLAIN and CURVE servers (and NULL servers with a ZAP_DOMAIN) from a
 *       {@link io.github.zmqffm.auth.Policy} per domain; logs and counts
 *       ({@link io.github.zmqffm.auth.AuthStatistics}) every decision.</li>
 *   <li>{@link io.github.zmqffm.auth.Policy}: IP allow and deny lists, PLAIN passwords (a map or a
 *       {@code name=password} file), CURVE clients (any, a set of keys, or the certificates of a directory).</li>
 *   <li>{@link io.github.zmqffm.auth.Certificate} and {@link io.github.zmqffm.auth.CertificateStore}: key pairs
 *       with metadata in czmq's ZPL files ({@code NAME.key}, {@code NAME.key_secret}), which pyzmq and czmq read
 *       and write too, and a directory of them that is read again when it changes.</li>
 * </ul>
 *
 * <p>The command line has the same: {@code zmqffm cert new|show}, and {@code zmqffm device --curve-clients DIR
 * --plain-passwords FILE --allow IP --deny IP}.
 */
package io.github.zmqffm.auth;
