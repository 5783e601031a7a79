package io.github.zmqffm;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.github.zmqffm.TestContext.assertErrno;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The option table against the real {@code zmq.h} the build compiled libzmq from, and every option against
 * libzmq itself (each as its own dynamic test, with the probe from {@link OptionProbes}).
 */
class SocketOptionTest {

    private static final Path HEADER = Path.of("target/libzmq/prefix/include/zmq.h");
    /** The sections of zmq.h that hold socket options. */
    private static final Set<String> OPTION_SECTIONS =
            Set.of("Socket options.", "Deprecated options and aliases", "DRAFT Socket options.");
    /** In those sections but not socket options: a context option and a send-flag alias. */
    private static final Set<String> NOT_SOCKET_OPTIONS = Set.of("ZMQ_BLOCKY", "ZMQ_NOBLOCK");
    private static final Pattern SECTION = Pattern.compile("^/\\*\\s+(.*?)\\s*\\*/$");
    private static final Pattern DEFINE = Pattern.compile("^#define (ZMQ_\\w+) (\\S+)$");

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** A socket option of zmq.h: its name, its value text (a number or another name) and its section. */
    private record Define(String name, String value, String section) {}

    private static Map<String, Define> headerDefines() throws IOException {
        Map<String, Define> defines = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(HEADER)) {
            Matcher s = SECTION.matcher(line.trim());
            Matcher d = DEFINE.matcher(line.trim());
            if (s.matches()) {
                section = s.group(1);
            } else if (d.matches()) {
                defines.put(d.group(1), new Define(d.group(1), d.group(2), section));
            }
        }
        return defines;
    }

    private static SocketOption<?> constant(String cName) throws ReflectiveOperationException {
        return (SocketOption<?>) SocketOption.class.getField(cName.substring("ZMQ_".length())).get(null);
    }

    @Test
    void everySocketOptionOfZmqHIsAConstantWithItsCode() throws Exception {
        assertTrue(Files.isRegularFile(HEADER), "run the build first: " + HEADER.toAbsolutePath());
        Map<String, Define> defines = headerDefines();
        Set<String> headerOptions = new HashSet<>();
        Set<SocketOption<?>> canonical = new HashSet<>();
        for (Define define : defines.values()) {
            if (!OPTION_SECTIONS.contains(define.section()) || NOT_SOCKET_OPTIONS.contains(define.name())) {
                continue;
            }
            headerOptions.add(define.name());
            SocketOption<?> option = constant(define.name());
            boolean alias = define.value().startsWith("ZMQ_");
            Define target = alias ? defines.get(define.value()) : define;
            assertEquals(Integer.decode(target.value()), option.code(), define.name());
            assertEquals(target.name(), option.name(), "an alias is the same object as its target");
            assertEquals(target.section().startsWith("DRAFT"), option.isDraft(), define.name() + " draft flag");
            if (alias) {
                assertSame(constant(target.name()), option, define.name());
            } else {
                canonical.add(option);
            }
        }
        assertEquals(100, canonical.size(), "zmq.h 4.3.4 has 100 distinct socket options (80 stable, 20 draft)");
        assertEquals(canonical, Set.copyOf(SocketOption.all()), "all() lists each option once");
        assertEquals(SocketOption.all().size(), SocketOption.all().stream().mapToInt(SocketOption::code).distinct()
                .count(), "codes are distinct");
        for (Field field : SocketOption.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SocketOption.class) {
                assertTrue(headerOptions.contains("ZMQ_" + field.getName()), field.getName() + " is not in zmq.h");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOptionBehavesAsProbed() {
        assertEquals(SocketOption.all().size(), OptionProbes.PROBES.size(), "one probe per option");
        return SocketOption.all().stream().map(option -> DynamicTest.dynamicTest(option.name(), () -> probe(option)));
    }

    private void probe(SocketOption<?> option) {
        OptionProbes.Probe probe = OptionProbes.PROBES.get(option);
        assertNotNull(probe, "no probe for " + option);
        try (Socket socket = zmq.socket(probe.type())) {
            if (probe.error() != null) {
                if (option.writable()) {
                    assertErrno(probe.error(), () -> set(socket, option, probe.value()));
                }
                if (option.readable()) {
                    assertErrno(probe.error(), () -> socket.get(option));
                }
                return;
            }
            if (probe.read() != null) {
                assertFalse(option.writable(), option + " is probed by reading only, so it must be read-only");
                Object value = socket.get(option);
                assertInstanceOf(option.javaType(), value);
                assertTrue(probe.read().test(value), option + " read " + value);
                assertEquals(Errno.EINVAL, Errno.of(rawCall(socket, option, true)), "libzmq refuses to set " + option);
                return;
            }
            set(socket, option, probe.value());
            if (option.readable()) {
                Object value = socket.get(option);
                assertInstanceOf(option.javaType(), value);
                if (value instanceof byte[] bytes) {
                    assertArrayEquals((byte[]) probe.value(), bytes, option.name());
                } else {
                    assertEquals(probe.value(), value, option.name());
                }
            } else {
                assertEquals(Errno.EINVAL, Errno.of(rawCall(socket, option, false)), "libzmq cannot read " + option);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Socket socket, SocketOption<T> option, Object value) {
        socket.set(option, (T) value);
    }

    /**
     * Calls {@code zmq_setsockopt} (or {@code zmq_getsockopt}) directly with a value of the option's size, to
     * show that the direction the table leaves out is refused by libzmq itself; returns the errno (0: success).
     */
    private static int rawCall(Socket socket, SocketOption<?> option, boolean setting) {
        long size = switch (option.kind()) {
            case INT, BOOL, FD -> 4;
            case INT64, UINT64 -> 8;
            case BYTES, STRING -> 16;
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment value = arena.allocate(256);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            length.set(ValueLayout.JAVA_LONG, 0, size);
            int rc = setting
                    ? LibZmq.setsockopt(errno, socket.handle(), option.code(), value, size)
                    : LibZmq.getsockopt(errno, socket.handle(), option.code(), value, length);
            return rc == 0 ? 0 : LibZmq.errno(errno);
        }
    }

    @Test
    void invalidValuesFailWithEinvalNamingTheOption() {
        try (Socket dealer = zmq.socket(SocketType.DEALER); Socket router = zmq.socket(SocketType.ROUTER)) {
            ZmqException e = assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.LINGER, -2));
            assertTrue(e.getMessage().contains("ZMQ_LINGER=-2"), e.getMessage());
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.SNDHWM, -1));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.RATE, 0));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.TCP_KEEPALIVE, 2));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.ROUTING_ID, new byte[0]));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.ROUTING_ID, new byte[256]));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.CURVE_PUBLICKEY, "too short for a key"));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.METADATA, "no separator"));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.METADATA, "Key:not an X- key"));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.TCP_ACCEPT_FILTER, "not an address"));
            assertErrno(Errno.EINVAL, () -> router.set(SocketOption.ROUTER_NOTIFY, 4));
            assertErrno(Errno.EINVAL, () -> router.set(SocketOption.CONNECT_ROUTING_ID, new byte[0]));
            assertEquals(0, dealer.get(SocketOption.LINGER), "the failed set changed nothing");
        }
    }

    @Test
    void typeSpecificOptionsFailOnOtherTypes() {
        try (Socket dealer = zmq.socket(SocketType.DEALER); Socket push = zmq.socket(SocketType.PUSH);
             Socket sub = zmq.socket(SocketType.SUB); Socket rep = zmq.socket(SocketType.REP)) {
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.ROUTER_MANDATORY, true));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.CONNECT_ROUTING_ID, new byte[] {1}));
            assertErrno(Errno.EINVAL, () -> push.set(SocketOption.SUBSCRIBE, new byte[0]));
            assertErrno(Errno.EINVAL, () -> push.set(SocketOption.PROBE_ROUTER, true));
            assertErrno(Errno.EINVAL, () -> sub.set(SocketOption.XPUB_VERBOSE, true));
            assertErrno(Errno.EINVAL, () -> rep.set(SocketOption.REQ_CORRELATE, true));
            assertErrno(Errno.EINVAL, () -> rep.set(SocketOption.STREAM_NOTIFY, true));
        }
    }

    @Test
    void accessIsCheckedBeforeLibzmqIsCalled() {
        try (Socket dealer = zmq.socket(SocketType.DEALER)) {
            assertThrows(IllegalArgumentException.class, () -> dealer.set(SocketOption.MECHANISM, 2));
            assertThrows(IllegalArgumentException.class, () -> dealer.set(SocketOption.FD, 3));
            assertThrows(IllegalArgumentException.class, () -> dealer.get(SocketOption.HELLO_MSG));
            assertThrows(IllegalArgumentException.class, () -> dealer.get(SocketOption.XPUB_WELCOME_MSG));
        }
    }

    @Test
    void mechanismFollowsTheSecurityOptions() {
        try (Socket socket = zmq.socket(SocketType.DEALER)) {
            socket.set(SocketOption.PLAIN_SERVER, true);
            assertEquals(zmqConstant("ZMQ_PLAIN"), socket.get(SocketOption.MECHANISM));
            socket.set(SocketOption.CURVE_SERVER, true);
            assertEquals(zmqConstant("ZMQ_CURVE"), socket.get(SocketOption.MECHANISM));
            assertFalse(socket.get(SocketOption.PLAIN_SERVER), "PLAIN_SERVER reads true only under PLAIN");
            socket.set(SocketOption.CURVE_SERVER, false);
            assertEquals(zmqConstant("ZMQ_NULL"), socket.get(SocketOption.MECHANISM));
        }
    }

    private static int zmqConstant(String name) {
        try {
            return (int) io.github.zmqffm.lib.zmq_h.class.getMethod(name).invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void threadSafeDraftTypesSayASoAndHaveNoFd() {
        try (Socket server = zmq.socket(SocketType.SERVER); Socket pair = zmq.socket(SocketType.PAIR)) {
            assertTrue(server.get(SocketOption.THREAD_SAFE));
            assertFalse(pair.get(SocketOption.THREAD_SAFE));
            assertErrno(Errno.EINVAL, () -> server.get(SocketOption.FD));
            assertTrue(pair.get(SocketOption.FD) >= 0);
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedAliasesAreTheSameOptions() {
        assertSame(SocketOption.ROUTING_ID, SocketOption.IDENTITY);
        assertSame(SocketOption.CONNECT_ROUTING_ID, SocketOption.CONNECT_RID);
        assertSame(SocketOption.IMMEDIATE, SocketOption.DELAY_ATTACH_ON_CONNECT);
        assertSame(SocketOption.ROUTER_MANDATORY, SocketOption.FAIL_UNROUTABLE);
        assertSame(SocketOption.ROUTER_MANDATORY, SocketOption.ROUTER_BEHAVIOR);
        List<SocketOption<?>> all = SocketOption.all();
        assertThrows(UnsupportedOperationException.class, () -> all.add(SocketOption.LINGER));
        assertEquals(20, all.stream().filter(SocketOption::isDraft).count(), "draft options");
    }
}
