package io.github.zmqffm.proxy;

import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** czmq-style endpoint parsing. */
class EndpointTest {

    @Test
    void prefixesChooseBindOrConnectAndTheDefaultAppliesOtherwise() {
        assertEquals(Endpoint.bind("tcp://*:5555"), Endpoint.parse("@tcp://*:5555", Endpoint.Mode.CONNECT));
        assertEquals(Endpoint.connect("tcp://host:5555"), Endpoint.parse(">tcp://host:5555", Endpoint.Mode.BIND));
        assertEquals(Endpoint.bind("ipc:///tmp/x"), Endpoint.parse("ipc:///tmp/x", Endpoint.Mode.BIND));
        assertEquals(Endpoint.connect("inproc://a"), Endpoint.parse(" inproc://a ", Endpoint.Mode.CONNECT));
        assertEquals("@tcp://*:5555", Endpoint.bind("tcp://*:5555").toString());
    }

    @Test
    void listsAreCommaSeparated() {
        assertEquals(List.of(Endpoint.bind("tcp://*:1"), Endpoint.connect("ipc:///x")),
                Endpoint.parseList("tcp://*:1,>ipc:///x", Endpoint.Mode.BIND));
        SocketSpec spec = SocketSpec.of(SocketType.ROUTER, "@tcp://*:1,>tcp://h:2");
        assertEquals("ROUTER @tcp://*:1,>tcp://h:2", spec.toString());
    }

    @Test
    void malformedEndpointsAreNamedWithTheExpectedForm() {
        for (String bad : List.of("", "@", "5555", "tcp:/x:1", "tpc://x:1", "tcp://127.0.0.1", "tcp://x:port", "@@tcp://*:1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Endpoint.parse(bad, Endpoint.Mode.BIND), bad);
            assertTrue(e.getMessage().startsWith("malformed endpoint '"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tpc://x:1", Endpoint.Mode.BIND))
                .getMessage().contains("unknown transport 'tpc'"));
    }
}
