package io.github.zmqffm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, class 7: embedded NULs are refused (C would cut the text short), long endpoints come back whole, ports
 * outside 0..65535 are refused instead of wrapping to 16 bits, and option values that libzmq accepts but that make
 * every connection fail are refused naming the valid range.
 */
class StringsAndLimitsTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void embeddedNulsAreRefusedEverywhereTextGoesToC() {
        try (Socket pair = zmq.socket(SocketType.PAIR); Socket dish = zmq.socket(SocketType.DISH);
             Msg msg = new Msg()) {
            // Before: bind("inproc://a\0b") bound inproc://a.
            assertNul("bind(inproc://a\\0b)", () -> pair.bind("inproc://a\0b"));
            assertNul("connect", () -> pair.connect("tcp://127.0.0.1:5555\0junk"));
            assertNul("unbind", () -> pair.unbind("inproc://a\0b"));
            assertNul("disconnect", () -> pair.disconnect("inproc://a\0b"));
            assertNul("join", () -> dish.join("group\0other"));
            assertNul("leave", () -> dish.leave("group\0other"));
            assertNul("setsockopt(ZMQ_ZAP_DOMAIN)", () -> pair.set(SocketOption.ZAP_DOMAIN, "global\0x"));
            assertNul("setsockopt(ZMQ_SOCKS_PROXY)", () -> pair.set(SocketOption.SOCKS_PROXY, "h:1\0"));
            assertNul("setGroup", () -> msg.setGroup("g\0"));
            assertNul("gets", () -> msg.gets("Socket-Type\0"));
            assertNul("zmq_has", () -> Zmq.has("ipc\0"));
            String secret = Curve.keypair().secretKey();
            String withNul = secret.substring(0, 39) + "\0";
            IllegalArgumentException e = assertNul("a Z85 CURVE secret key", () -> Curve.publicKey(withNul));
            assertFalse(e.getMessage().contains(secret.substring(0, 39)), "a secret key must not be in a message");
            assertNul("Z85 text", () -> Z85.decode("abcd\0"));
            // Binary options may hold NULs: a subscription or routing id is bytes, not a C string.
            pair.set(SocketOption.ROUTING_ID, new byte[] {1, 0, 2});
            assertEquals(3, pair.get(SocketOption.ROUTING_ID).length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 5_000, 100_000})
    void aLongInprocEndpointIsBoundAndReturnedWhole(int length) {
        String endpoint = "inproc://" + "n".repeat(length - "inproc://".length());
        try (Socket server = zmq.socket(SocketType.PAIR); Socket client = zmq.socket(SocketType.PAIR)) {
            // Before: the 512-byte LAST_ENDPOINT read failed with EINVAL after the bind had succeeded.
            assertEquals(endpoint, server.bind(endpoint));
            assertEquals(endpoint, server.lastEndpoint());
            client.connect(endpoint);
            client.send("reached");
            assertEquals("reached", server.recvString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:99999", "tcp://127.0.0.1:65536", "tcp://127.0.0.1:-1",
            "tcp://127.0.0.1:5555x", "tcp://127.0.0.1:", "tcp://127.0.0.1:0;127.0.0.1:70000",
            "tcp://127.0.0.1:70000;127.0.0.1:5555", "tcp://[::1]:123456", "udp://127.0.0.1:99999",
            "udp://127.0.0.1;239.0.0.1:65536", "ws://127.0.0.1:99999/path"})
    void portsOutside16BitsAreRefused(String endpoint) {
        try (Socket socket = zmq.socket(SocketType.DEALER)) {
            // Before: bind("tcp://127.0.0.1:99999") bound port 34463 (libzmq's atoi cast to 16 bits).
            for (Consumer<String> call : List.<Consumer<String>>of(socket::bind, socket::connect)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(endpoint));
                assertTrue(e.getMessage().contains("is not a number in 0..65535"), e.getMessage());
            }
        }
    }

    @Test
    void portsInsideTheRangeStillWork() {
        try (Socket server = zmq.socket(SocketType.PAIR); Socket client = zmq.socket(SocketType.PAIR)) {
            String endpoint = server.bind("tcp://127.0.0.1:*");
            client.connect("tcp://127.0.0.1:0;" + endpoint.substring("tcp://".length())); // source port 0: any
            client.send("hello");
            assertEquals("hello", server.recvString());
        }
        try (Socket dealer = zmq.socket(SocketType.DEALER)) {
            dealer.connect("tcp://127.0.0.1:65535"); // the largest port is a port (nothing listens: no error yet)
            dealer.connect("tcp://127.0.0.1:00080"); // leading zeros: still a number in range
        }
    }

    @Test
    void optionValuesThatBreakEveryConnectionAreRefusedNamingTheRange() {
        try (Socket socket = zmq.socket(SocketType.DEALER)) {
            // Before: TCP_KEEPALIVE_CNT 100000 was stored, and with TCP_KEEPALIVE on every connection failed
            // (setsockopt TCP_KEEPCNT: EINVAL on each accept and connect; seen with pyzmq on the system libzmq).
            assertRange("ZMQ_TCP_KEEPALIVE_CNT=100000", "-1 (the OS default) or 1..127",
                    () -> socket.set(SocketOption.TCP_KEEPALIVE_CNT, 100_000));
            assertRange("ZMQ_TCP_KEEPALIVE_CNT=0", "1..127", () -> socket.set(SocketOption.TCP_KEEPALIVE_CNT, 0));
            assertRange("ZMQ_TCP_KEEPALIVE_IDLE=32768", "1..32767",
                    () -> socket.set(SocketOption.TCP_KEEPALIVE_IDLE, 32_768));
            assertRange("ZMQ_TCP_KEEPALIVE_INTVL=0", "1..32767", () -> socket.set(SocketOption.TCP_KEEPALIVE_INTVL, 0));
            assertRange("ZMQ_TOS=256", "0..255", () -> socket.set(SocketOption.TOS, 256));
            assertRange("ZMQ_MULTICAST_HOPS=256", "1..255", () -> socket.set(SocketOption.MULTICAST_HOPS, 256));
            assertRange("ZMQ_IN_BATCH_SIZE=2147483647", "1..16777216",
                    () -> socket.set(SocketOption.IN_BATCH_SIZE, Integer.MAX_VALUE));
            assertRange("ZMQ_OUT_BATCH_SIZE=0", "1..16777216", () -> socket.set(SocketOption.OUT_BATCH_SIZE, 0));
            assertRange("ZMQ_BINDTODEVICE=sixteen-letters!", "more than 15",
                    () -> socket.set(SocketOption.BINDTODEVICE, "sixteen-letters!"));
            assertRange("port '99999'", "0..65535", () -> socket.set(SocketOption.SOCKS_PROXY, "127.0.0.1:99999"));
            // The refused values were not stored.
            assertEquals(-1, socket.get(SocketOption.TCP_KEEPALIVE_CNT));
            assertEquals(0, socket.get(SocketOption.TOS));
        }
    }

    @Test
    void theLimitsThemselvesWorkOnRealConnections() {
        // The edges of each range are values the kernel takes: a connection with all of them carries messages.
        try (Socket server = zmq.socket(SocketType.PAIR); Socket client = zmq.socket(SocketType.PAIR)) {
            for (Socket socket : new Socket[] {server, client}) {
                socket.set(SocketOption.TCP_KEEPALIVE, 1);
                socket.set(SocketOption.TCP_KEEPALIVE_CNT, 127);
                socket.set(SocketOption.TCP_KEEPALIVE_IDLE, 32_767);
                socket.set(SocketOption.TCP_KEEPALIVE_INTVL, 1);
                socket.set(SocketOption.TOS, 255);
                socket.set(SocketOption.IN_BATCH_SIZE, 16 << 20);
                socket.set(SocketOption.OUT_BATCH_SIZE, 16 << 20);
            }
            TestContext.connectTcp(server, client);
            client.send("at the limits");
            assertEquals("at the limits", server.recvString());
            server.send("and back");
            assertEquals("and back", client.recvString());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPriorityTheKernelRefusesIsRefusedBeforeLibzmqAbortsOnIt() throws Exception {
        // Without CAP_NET_ADMIN and CAP_NET_RAW, SO_PRIORITY 7 is EPERM, and libzmq asserts on it at the first
        // connection (ip.cpp:239: PriorityProbe "raw" aborts the JVM). setpriv drops both from the child.
        ChildJvm.Result unprivileged = ChildJvm.finish(
                ChildJvm.startUnder(List.of("setpriv", "--bounding-set=-net_admin,-net_raw"), PriorityProbe.class));
        Assumptions.assumeFalse(unprivileged.exitCode() != 0 && unprivileged.stderr().contains("setpriv"),
                "setpriv cannot drop capabilities here: " + unprivileged.stderr());
        assertEquals(0, unprivileged.exitCode(), unprivileged.stdout() + unprivileged.stderr());
        assertTrue(unprivileged.stdout().startsWith("refused: ZMQ_PRIORITY=7 is refused by the kernel"),
                unprivileged.stdout());
        // Where the kernel allows it, the value is taken and the connection carries messages.
        ChildJvm.Result asIs = ChildJvm.finish(ChildJvm.start(List.of(), PriorityProbe.class));
        assertEquals(0, asIs.exitCode(), asIs.stderr());
        assertTrue(asIs.stdout().startsWith(hasNetCapability() ? "delivered" : "refused"), asIs.stdout());
    }

    /** Whether this process has CAP_NET_ADMIN (12) or CAP_NET_RAW (13) in its effective set. */
    private static boolean hasNetCapability() throws java.io.IOException {
        String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
        long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
        return (effective & (1L << 12 | 1L << 13)) != 0;
    }

    private static IllegalArgumentException assertNul(String call, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().startsWith(call), e.getMessage());
        assertTrue(e.getMessage().contains("NUL character"), e.getMessage());
        return e;
    }

    private static void assertRange(String start, String range, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(start), e.getMessage());
        assertTrue(e.getMessage().contains(range), e.getMessage());
    }
}
