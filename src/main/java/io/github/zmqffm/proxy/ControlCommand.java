package io.github.zmqffm.proxy;

import io.github.zmqffm.Frames;

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

    /** The command that {@code request} is (exactly one frame, exactly a command's name), or empty. */
    static Optional<ControlCommand> of(Frames request) {
        return request.size() == 1 ? of(request.get(0)) : Optional.empty();
    }

    /** Why {@code request} is not a command, for an error reply or a warning. */
    static String rejection(Frames request) {
        String text = request.size() == 1 ? "'" + printable(request.get(0)) + "'" : request.size() + " frames";
        return "unknown command " + text + "; expected one frame: PAUSE, RESUME, TERMINATE or STATISTICS";
    }

    private static String printable(byte[] frame) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(frame.length, 32); i++) {
            char c = (char) (frame[i] & 0xff);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return frame.length > 32 ? text + "..." : text.toString();
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
