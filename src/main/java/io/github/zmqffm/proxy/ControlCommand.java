package io.github.zmqffm.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The commands libzmq 4.3.4's {@code zmq_proxy_steerable} understands on its control socket, each one
 * single-frame ASCII message. Anything else makes libzmq 4.3.4 abort the whole process
 * ({@code zmq_assert}), which is why {@link RunningProxy} sends only these and a proxy's remote control
 * endpoint checks every request before passing it on.
 */
public enum ControlCommand {
    /** Stop forwarding; messages wait in the sockets' queues (up to their high-water marks). */
    PAUSE,
    /** Forward again after {@link #PAUSE}. */
    RESUME,
    /** Leave the proxy loop: {@code zmq_proxy_steerable} returns 0. */
    TERMINATE,
    /** Reply with the eight counters (see {@link Statistics}). */
    STATISTICS;

    private final byte[] wire = name().getBytes(StandardCharsets.US_ASCII);

    /** The frame sent to the proxy (a copy). */
    public byte[] wire() {
        return wire.clone();
    }

    /** The command whose frame is exactly {@code frame}, or empty. */
    public static Optional<ControlCommand> of(byte[] frame) {
        for (ControlCommand command : values()) {
            if (Arrays.equals(command.wire, frame)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
