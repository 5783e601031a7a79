package io.github.zmqffm.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint a socket binds or connects, in czmq's spelling: {@code @tcp://*:5555} binds,
 * {@code >tcp://host:5555} connects, and an endpoint without either prefix takes the default the caller
 * names (the device command binds, {@code proxy-ctl} connects).
 *
 * @param mode    whether the socket binds or connects
 * @param address the libzmq endpoint, e.g. {@code tcp://127.0.0.1:5555}, {@code ipc:///tmp/x},
 *                {@code inproc://name}
 */
public record Endpoint(Mode mode, String address) {

    /** Bind or connect. */
    public enum Mode {
        /** {@code zmq_bind}: czmq prefix {@code @}. */
        BIND('@'),
        /** {@code zmq_connect}: czmq prefix {@code >}. */
        CONNECT('>');

        private final char prefix;

        Mode(char prefix) {
            this.prefix = prefix;
        }

        /** The czmq prefix character. */
        public char prefix() {
            return prefix;
        }
    }

    private static final Set<String> TRANSPORTS =
            Set.of("tcp", "ipc", "inproc", "pgm", "epgm", "norm", "tipc", "vmci", "ws", "wss", "udp");
    private static final Pattern SYNTAX = Pattern.compile("([a-z0-9]+)://(.+)");
    /** tcp needs a port (digits or the wildcard {@code *}) after the last colon. */
    private static final Pattern TCP_PORT = Pattern.compile(".*:(\\d{1,5}|\\*)");
    private static final int MAX_PORT = 65535;

    /** Checks the components; see {@link #parse} for the address rules. */
    public Endpoint {
        Objects.requireNonNull(mode, "mode");
        check(address);
    }

    /** An endpoint to bind. */
    public static Endpoint bind(String address) {
        return new Endpoint(Mode.BIND, address);
    }

    /** An endpoint to connect. */
    public static Endpoint connect(String address) {
        return new Endpoint(Mode.CONNECT, address);
    }

    /**
     * Parses {@code [@|>]transport://address}; without a prefix the endpoint gets {@code defaultMode}.
     *
     * @throws IllegalArgumentException naming the text and the expected form, for an empty text, an unknown
     *                                  transport, a missing {@code ://} or a tcp address without a port
     */
    public static Endpoint parse(String text, Mode defaultMode) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        for (Mode mode : Mode.values()) {
            if (!trimmed.isEmpty() && trimmed.charAt(0) == mode.prefix) {
                return new Endpoint(mode, trimmed.substring(1));
            }
        }
        return new Endpoint(defaultMode, trimmed);
    }

    /** Parses a comma-separated list of endpoints (czmq allows several per socket); see {@link #parse}. */
    public static List<Endpoint> parseList(String text, Mode defaultMode) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            endpoints.add(parse(part, defaultMode));
        }
        return List.copyOf(endpoints);
    }

    private static void check(String address) {
        Objects.requireNonNull(address, "address");
        Matcher matcher = SYNTAX.matcher(address);
        if (!matcher.matches()) {
            throw malformed(address, "expected [@|>]transport://address, e.g. @tcp://*:5555 or >tcp://host:5555");
        }
        String transport = matcher.group(1);
        if (!TRANSPORTS.contains(transport)) {
            throw malformed(address, "unknown transport '" + transport + "' (known: tcp, ipc, inproc, ws, wss, "
                    + "pgm, epgm, norm, tipc, vmci, udp)");
        }
        Matcher port = TCP_PORT.matcher(matcher.group(2));
        if (transport.equals("tcp") && !port.matches()) {
            throw malformed(address, "a tcp endpoint needs host:port or host:* (e.g. tcp://127.0.0.1:5555)");
        }
        if (transport.equals("tcp") && !port.group(1).equals("*") && Integer.parseInt(port.group(1)) > MAX_PORT) {
            throw malformed(address, "port " + port.group(1) + " is out of range (0.." + MAX_PORT + ")");
        }
    }

    private static IllegalArgumentException malformed(String address, String why) {
        return new IllegalArgumentException("malformed endpoint '" + address + "': " + why);
    }

    /** The czmq spelling: {@code @address} or {@code >address}. */
    @Override
    public String toString() {
        return mode.prefix + address;
    }
}
