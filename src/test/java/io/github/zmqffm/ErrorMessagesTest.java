package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import static io.github.zmqffm.TestContext.assertErrno;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error messages say what the errno alone does not: the REQ/REP order, and what is wrong with an endpoint. */
class ErrorMessagesTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static void assertHint(Errno errno, String hint, Executable call) {
        ZmqException e = assertErrno(errno, call);
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    @Test
    void efsmExplainsTheReqOrder() {
        try (Socket rep = zmq.socket(SocketType.REP); Socket req = zmq.socket(SocketType.REQ)) {
            req.connect(rep.bind(TestContext.inproc()));
            assertHint(Errno.EFSM, "a REQ socket receives only a reply: send a request first", req::recv);
            req.send("one");
            assertHint(Errno.EFSM, "a REQ socket must receive the reply to its request before it sends the next",
                    () -> req.send("two"));
        }
    }

    @Test
    void efsmExplainsTheRepOrder() {
        try (Socket rep = zmq.socket(SocketType.REP); Socket req = zmq.socket(SocketType.REQ)) {
            req.connect(rep.bind(TestContext.inproc()));
            assertHint(Errno.EFSM, "a REP socket sends only a reply: receive a request first", () -> rep.send("x"));
            req.send("question");
            rep.recv();
            assertHint(Errno.EFSM, "a REP socket must send the reply to its last request before it receives",
                    rep::recv);
        }
    }

    @Test
    void einvalSaysWhatIsMissingFromTheEndpoint() {
        try (Socket socket = zmq.socket(SocketType.PUSH)) {
            assertHint(Errno.EINVAL, "no port: write tcp://host:port (or host:* for a free port)",
                    () -> socket.bind("tcp://127.0.0.1"));
            assertHint(Errno.EINVAL, "no port: write tcp://host:port", () -> socket.connect("tcp://localhost"));
            assertHint(Errno.EINVAL, "the port 'abc' is not a number", () -> socket.bind("tcp://127.0.0.1:abc"));
            assertHint(Errno.EINVAL, "connect needs the peer's real port; '*' picks a free port only for bind",
                    () -> socket.connect("tcp://127.0.0.1:*"));
            assertHint(Errno.EINVAL, "an endpoint is transport://address", () -> socket.bind("127.0.0.1:5555"));
            assertHint(Errno.EINVAL, "nothing follows inproc://", () -> socket.bind("inproc://"));
        }
    }

    @Test
    void unknownAndMissingTransportsAreNamed() {
        try (Socket socket = zmq.socket(SocketType.PUSH)) {
            assertHint(Errno.EPROTONOSUPPORT, "unknown transport 'foo': use tcp, ipc, inproc, ws or udp",
                    () -> socket.bind("foo://x"));
            if (!Zmq.has("wss")) {
                assertHint(Errno.EPROTONOSUPPORT, "this libzmq was built without the wss transport",
                        () -> socket.bind("wss://127.0.0.1:*"));
            }
            assertHint(Errno.ENOCOMPATPROTO, "the udp transport does not fit this socket type",
                    () -> socket.bind("udp://127.0.0.1:*"));
        }
    }

    @Test
    void bindingAHostThatIsNotLocalSaysSo() {
        try (Socket socket = zmq.socket(SocketType.PULL)) {
            assertHint(Errno.ENODEV, "'no-such-interface' is not an interface of this machine",
                    () -> socket.bind("tcp://no-such-interface:5555"));
            assertHint(Errno.ENODEV, "'[::1]' is IPv6: set SocketOption.IPV6 to true",
                    () -> socket.bind("tcp://[::1]:*"));
            assertHint(Errno.ENODEV, "no host: bind *:port", () -> socket.bind("tcp://:5555"));
            // 192.0.2.0/24 is TEST-NET-1: never an address of this machine.
            assertHint(Errno.EADDRNOTAVAIL, "'192.0.2.1' is not an address of this machine",
                    () -> socket.bind("tcp://192.0.2.1:5555"));
        }
    }

    @Test
    void addressInUseAndUnknownUnbindAreExplained() {
        try (Socket first = zmq.socket(SocketType.PULL); Socket second = zmq.socket(SocketType.PULL)) {
            String endpoint = first.bind("tcp://127.0.0.1:*");
            assertHint(Errno.EADDRINUSE, "already listens on " + endpoint.substring("tcp://".length()),
                    () -> second.bind(endpoint));
            assertHint(Errno.ENOENT, "pass the string bind() returned", () -> first.unbind("tcp://127.0.0.1:*"));
        }
    }
}
