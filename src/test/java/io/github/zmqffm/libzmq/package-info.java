/**
 * libzmq's behavioural scenarios through zmq-ffm's public API.
 *
 * <p>Naming: class {@code TestXxxYyy} follows libzmq 4.3.4's {@code tests/test_xxx_yyy.cpp}; a method named
 * {@code testSomething} (or {@code test}) follows that file's C function {@code test_something}, with libzmq's
 * socket types, options, counts and expected results. Methods without the {@code test} prefix are zmq-ffm additions
 * to the same scenario (e.g. {@code TestHwm.finiteBothPerSocketType}); each says so in its comment. Where libzmq
 * sleeps SETTLE_TIME to wait for a connection, these tests wait for a monitor event or a message where they can,
 * and every wait is bounded. Cases that need API zmq-ffm does not have ({@code zmq_msg_copy},
 * {@code zmq_socket_get_peer_state}) are left out and named in the class comment.
 */
package io.github.zmqffm.libzmq;
