package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;

import static io.github.zmqffm.libzmq.Scenario.MAX_SENDS;
import static io.github.zmqffm.libzmq.Scenario.sendUntilBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libzmq {@code tests/test_sockopt_hwm.cpp}: changing a HWM before and after connecting, and while full. */
class TestSockoptHwm {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testChangeBeforeConnected() {
        String endpoint = TestContext.inproc();
        try (Socket bind = zmq.socket(SocketType.PUSH); Socket connect = zmq.socket(SocketType.PULL)) {
            connect.set(SocketOption.RCVHWM, 2);
            bind.set(SocketOption.SNDHWM, 2);
            connect.connect(endpoint);
            bind.bind(endpoint);
            assertEquals(2, bind.get(SocketOption.SNDHWM));
            assertEquals(4, sendUntilBlocked(bind, MAX_SENDS));
        }
    }

    @Test
    void testChangeAfterConnected() {
        String endpoint = TestContext.inproc();
        try (Socket bind = zmq.socket(SocketType.PUSH); Socket connect = zmq.socket(SocketType.PULL)) {
            connect.set(SocketOption.RCVHWM, 1);
            bind.set(SocketOption.SNDHWM, 1);
            connect.connect(endpoint);
            bind.bind(endpoint);
            bind.set(SocketOption.SNDHWM, 5);
            assertEquals(5, bind.get(SocketOption.SNDHWM));
            assertEquals(6, sendUntilBlocked(bind, MAX_SENDS), "the new send HWM plus the peer's receive HWM");
        }
    }

    @Test
    void testDecreaseWhenFull() {
        String endpoint = TestContext.inproc();
        try (Socket bind = zmq.socket(SocketType.PUSH); Socket connect = zmq.socket(SocketType.PULL)) {
            connect.set(SocketOption.RCVHWM, 1);
            bind.set(SocketOption.SNDHWM, 100);
            bind.bind(endpoint);
            connect.connect(endpoint);
            Scenario.settle();
            int sent = fillUpToHwm(bind, 100);
            bind.set(SocketOption.SNDHWM, 70);
            assertEquals(70, bind.get(SocketOption.SNDHWM));
            Scenario.settle();
            int read = 0;
            byte[] buffer = new byte[4];
            while (read < MAX_SENDS && connect.recv(buffer, RecvFlag.DONTWAIT) == 4) {
                assertEquals(read, ByteBuffer.wrap(buffer).getInt(), "in order, none dropped");
                read++;
            }
            assertEquals(sent, read, "lowering the HWM drops nothing already queued");
            Scenario.settle();
            fillUpToHwm(bind, 70);
        }
    }

    /** libzmq's test_fill_up_to_hwm: between a tenth of the HWM and HWM + 1 go before it blocks. */
    private static int fillUpToHwm(Socket socket, int sendHwm) {
        int sent = 0;
        while (sent < MAX_SENDS && socket.send(ByteBuffer.allocate(4).putInt(sent).array(), SendFlag.DONTWAIT)) {
            sent++;
        }
        assertTrue(sent <= sendHwm + 1, "sent " + sent + " with SNDHWM " + sendHwm);
        assertTrue(sent > sendHwm / 10, "sent " + sent + " with SNDHWM " + sendHwm);
        return sent;
    }
}
