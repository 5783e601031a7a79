package io.github.zmqffm;

/**
 * Checks an endpoint or group before libzmq sees it: no NUL character (C would cut the text there), and every
 * port of a {@code tcp://}, {@code udp://}, {@code ws://} or {@code wss://} endpoint is {@code *} or a number in
 * 0..65535. libzmq parses ports with {@code atoi} into 16 bits, so {@code tcp://127.0.0.1:99999} would bind port
 * 34463 and {@code :5555x} port 5555.
 */
final class EndpointCheck {

    private EndpointCheck() {}

    /** Checks the argument of {@code call} ({@code bind}, {@code connect}, ..., {@code join}, {@code leave}). */
    static void check(String call, String argument) {
        CStrings.requireNoNul(call, argument);
        if (call.equals("join") || call.equals("leave")) {
            return;
        }
        int scheme = argument.indexOf("://");
        if (scheme < 0) {
            return; // libzmq reports the malformed endpoint (EINVAL)
        }
        String transport = argument.substring(0, scheme);
        String address = argument.substring(scheme + 3);
        switch (transport) {
            // tcp://[source:port;]host:port: both parts have a port.
            case "tcp" -> {
                for (String part : address.split(";", -1)) {
                    checkPort(call, argument, part);
                }
            }
            // udp://[interface;]host:port: only the destination has one.
            case "udp" -> checkPort(call, argument, address.substring(address.lastIndexOf(';') + 1));
            // ws://host:port/path: the port comes before the path.
            case "ws", "wss" -> {
                int path = address.indexOf('/');
                checkPort(call, argument, path < 0 ? address : address.substring(0, path));
            }
            default -> { }
        }
    }

    /** Checks the port after the last colon of {@code hostPort}, if it has one. */
    static void checkPort(String call, String argument, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.indexOf(']', colon) >= 0) {
            return; // no port (or only an IPv6 address's colons): libzmq reports it
        }
        String port = hostPort.substring(colon + 1);
        if (port.equals("*")) {
            return;
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(call + "(" + argument + "): port '" + port
                    + "' is not a number in 0..65535 (or * for any free port when binding)");
        }
    }
}
