package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which {@link Msg#gets} property names libzmq 4.3.4 really fills in, per transport. */
class MsgPropertiesTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @TempDir
    Path dir;

    @Test
    void overTcpTheHandshakeGivesSocketTypeIdentityPeerAddressAndApplicationMetadata() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket dealer = zmq.socket(SocketType.DEALER);
             Msg msg = new Msg()) {
            dealer.set(SocketOption.ROUTING_ID, "worker-1".getBytes(StandardCharsets.UTF_8));
            dealer.set(SocketOption.METADATA, "X-Color:blue");
            TestContext.connectTcp(router, dealer);
            dealer.send("hello");
            router.recv(msg); // the routing id frame
            router.recv(msg);
            assertEquals("hello", msg.getString());
            assertEquals("DEALER", msg.gets("Socket-Type"));
            assertEquals("worker-1", msg.gets("Identity"));
            assertNull(msg.gets("Routing-Id"), "4.3.4 stores the peer's id under its wire name, Identity, only");
            assertEquals("127.0.0.1", msg.gets("Peer-Address"));
            assertEquals("blue", msg.gets("X-Color"));
            assertNull(msg.gets("User-Id"), "User-Id comes from a ZAP handler; there is none here");
            assertNull(msg.gets("No-Such-Property"));
        }
    }

    @Test
    void onlyReqDealerAndRouterPeersSendAnIdentity() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH); Msg msg = new Msg()) {
            TestContext.connectTcp(pull, push);
            push.send("x");
            pull.recv(msg);
            assertEquals("PUSH", msg.gets("Socket-Type"));
            assertNull(msg.gets("Identity"));
        }
    }

    @Test
    void overIpcThePeerAddressIsThePeersCredentials() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH); Msg msg = new Msg()) {
            push.connect(pull.bind("ipc://" + dir.resolve("props")));
            push.send("x");
            pull.recv(msg);
            assertEquals("PUSH", msg.gets("Socket-Type"));
            // SO_PEERCRED as localhost:uid:gid:pid; the peer is this JVM.
            String peer = msg.gets("Peer-Address");
            assertTrue(peer.matches("localhost:\\d+:\\d+:" + ProcessHandle.current().pid()), peer);
        }
    }

    @Test
    void overInprocThereAreNoProperties() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket dealer = zmq.socket(SocketType.DEALER);
             Msg msg = new Msg()) {
            dealer.set(SocketOption.ROUTING_ID, "worker-1".getBytes(StandardCharsets.UTF_8));
            dealer.connect(router.bind(TestContext.inproc()));
            dealer.send("hello");
            router.recv(msg);
            router.recv(msg);
            assertEquals("hello", msg.getString());
            for (String property : new String[] {"Socket-Type", "Identity", "Routing-Id", "Peer-Address"}) {
                assertNull(msg.gets(property), property);
            }
        }
    }
}
