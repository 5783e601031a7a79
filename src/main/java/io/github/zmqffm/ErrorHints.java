package io.github.zmqffm;

import java.util.Set;

/**
 * What a bare errno does not say: why a REQ or REP socket refused a send or receive (EFSM), and what is wrong
 * with an endpoint that {@code bind} or {@code connect} refused. {@link Errors} appends the hint to the message.
 */
final class ErrorHints {

    /** The transports libzmq 4.3.4 knows, built here or not. */
    private static final Set<String> TRANSPORTS =
            Set.of("tcp", "ipc", "inproc", "ws", "wss", "udp", "pgm", "epgm", "norm", "tipc", "vmci");
    /** The transports whose address ends in {@code :port}. */
    private static final Set<String> WITH_PORT = Set.of("tcp", "ws", "wss", "udp");

    private ErrorHints() {}

    /** A hint for {@code call(argument)} failing with {@code errno}, or null if there is nothing to add. */
    static String of(String call, Object argument, int errno) {
        Errno error = Errno.of(errno);
        if (error == Errno.EFSM && argument instanceof SocketType type) {
            return stateHint(call, type);
        }
        if (argument instanceof String endpoint) {
            return switch (call) {
                case "bind", "connect" -> endpointHint(call, endpoint, error);
                case "unbind", "disconnect" -> error == Errno.ENOENT
                        ? "nothing was " + (call.equals("unbind") ? "bound" : "connected") + " at exactly this"
                        + " endpoint: pass the string bind() returned (with the real port of a wildcard)" : null;
                default -> null;
            };
        }
        return null;
    }

    private static String stateHint(String call, SocketType type) {
        boolean send = call.equals("send");
        return switch (type) {
            case REQ -> send
                    ? "a REQ socket must receive the reply to its request before it sends the next one (DEALER, or"
                    + " REQ_RELAXED, sends freely)"
                    : "a REQ socket receives only a reply: send a request first";
            case REP -> send
                    ? "a REP socket sends only a reply: receive a request first"
                    : "a REP socket must send the reply to its last request before it receives the next one";
            default -> null;
        };
    }

    private static String endpointHint(String call, String endpoint, Errno error) {
        int separator = endpoint.indexOf("://");
        if (separator < 0) {
            return error == Errno.EINVAL ? "an endpoint is transport://address, e.g. tcp://127.0.0.1:5555,"
                    + " ipc:///tmp/feed or inproc://name" : null;
        }
        String transport = endpoint.substring(0, separator);
        String address = endpoint.substring(separator + 3);
        return switch (error) {
            case EPROTONOSUPPORT -> TRANSPORTS.contains(transport)
                    ? "this libzmq was built without the " + transport + " transport (Zmq.has(\"" + transport
                    + "\") is false)"
                    : "unknown transport '" + transport + "': use tcp, ipc, inproc, ws or udp";
            case ENOCOMPATPROTO -> "the " + transport + " transport does not fit this socket type (udp is for RADIO"
                    + " and DISH, pgm and epgm for PUB and SUB, STREAM is for tcp and ipc)";
            case EINVAL -> invalidAddress(call, transport, address);
            case ENODEV -> call.equals("bind") && WITH_PORT.contains(transport)
                    ? notLocal(host(address)) : null;
            case EADDRNOTAVAIL -> call.equals("bind")
                    ? "'" + host(address) + "' is not an address of this machine" : null;
            case EADDRINUSE -> "another socket or process already listens on " + address + ": bind " + transport
                    + "://host:* for a free port";
            case ENAMETOOLONG -> transport.equals("ipc") ? "an ipc path is limited to about 100 bytes" : null;
            default -> null;
        };
    }

    private static String invalidAddress(String call, String transport, String address) {
        if (address.isEmpty()) {
            return "nothing follows " + transport + "://";
        }
        if (!WITH_PORT.contains(transport)) {
            return null;
        }
        int colon = portColon(address);
        if (colon < 0) {
            return "no port: write " + transport + "://host:port" + (call.equals("bind") ? " (or host:* for a free port)" : "");
        }
        String port = address.substring(colon + 1).replaceFirst("/.*", "");
        if (port.equals("*") || port.equals("!")) {
            return call.equals("connect") ? "connect needs the peer's real port; '" + port + "' picks a free port"
                    + " only for bind" : null;
        }
        return null; // a port that is not a number never gets here: EndpointCheck refuses it before libzmq
    }

    private static String notLocal(String host) {
        if (host.isEmpty()) {
            return "no host: bind *:port for every interface, or 127.0.0.1:port for this machine only";
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return "'" + host + "' is IPv6: set SocketOption.IPV6 to true before binding it";
        }
        return "'" + host + "' is not an interface of this machine: bind one of its addresses (127.0.0.1, or * for"
                + " all) or an interface name such as lo";
    }

    /** The host part of {@code host:port} (IPv6 hosts are in brackets). */
    private static String host(String address) {
        int colon = portColon(address);
        return colon < 0 ? address : address.substring(0, colon);
    }

    /** The colon before the port, or -1: the last one, outside an IPv6 address's brackets. */
    private static int portColon(String address) {
        int colon = address.lastIndexOf(':');
        return colon < address.lastIndexOf(']') ? -1 : colon;
    }
}
