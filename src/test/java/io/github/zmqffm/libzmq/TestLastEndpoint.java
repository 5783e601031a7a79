package io.github.zmqffm.libzmq;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** libzmq {@code tests/test_last_endpoint.cpp}: ZMQ_LAST_ENDPOINT names the endpoint of the latest bind. */
class TestLastEndpoint {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testLastEndpoint() {
        try (Socket router = zmq.socket(SocketType.ROUTER)) {
            for (int i = 0; i < 2; i++) {
                String endpoint = Scenario.unusedTcpEndpoint();
                assertEquals(endpoint, router.bind(endpoint));
                assertEquals(endpoint, router.lastEndpoint());
            }
        }
    }
}
