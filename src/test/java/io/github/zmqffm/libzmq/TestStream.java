package io.github.zmqffm.libzmq;

import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_stream.cpp}: a STREAM socket is a raw TCP endpoint; each message is [routing id][bytes].
 * With ZMQ_STREAM_NOTIFY a connection shows up as [id][empty]; sending [id][empty] closes it. A STREAM can speak
 * ZMTP by hand to a DEALER, and two STREAMs talk HTTP. Added: a plain Java TCP client and server as the raw peers.
 */
class TestStream {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testStreamToDealer() {
        try (Socket stream = zmq.socket(SocketType.STREAM); Socket dealer = zmq.socket(SocketType.DEALER);
             Msg routingId = new Msg()) {
            stream.set(SocketOption.STREAM_NOTIFY, true);
            String endpoint = stream.bind("tcp://127.0.0.1:*");
            dealer.connect(endpoint);
            assertTrue(dealer.send("Hello"));

            assertTrue(stream.recv(routingId) > 0);
            assertTrue(routingId.hasMore());
            assertEquals("127.0.0.1", routingId.gets("Peer-Address"));
            byte[] id = routingId.toArray();
            assertEquals(0, stream.recv().length, "the connect notification is empty");

            assertTrue(stream.recv(routingId) > 0);
            assertEquals("127.0.0.1", routingId.gets("Peer-Address"));
            byte[] greeting = Zmtp.greeting(3, 1, "NULL");
            greeting[8] = 1; // the 8-byte length of the old signature, 1 for backwards compatibility
            assertArrayEquals(Arrays.copyOf(greeting, 10), stream.recv(), "the dealer's signature comes first");

            assertTrue(stream.sendMore(id));
            assertTrue(stream.send(greeting));

            byte[] rest = readRaw(stream, id, 97); // the rest of its greeting and its READY command
            assertEquals(3, rest[0], "ZMTP 3.1");
            assertEquals(1, rest[1]);
            assertArrayEquals(Arrays.copyOf("NULL".getBytes(), 20), Arrays.copyOfRange(rest, 2, 22));
            assertArrayEquals(Zmtp.ready("DEALER"), Arrays.copyOfRange(rest, 54, 97));

            assertTrue(stream.sendMore(id));
            assertTrue(stream.send(Zmtp.ready("ROUTER")));
            assertArrayEquals(id, stream.recv());
            assertArrayEquals(Zmtp.message("Hello".getBytes()), stream.recv(), "the DEALER's message, framed");

            assertTrue(stream.sendMore(id));
            assertTrue(stream.send(Zmtp.message("World".getBytes())));
            assertEquals("World", dealer.recvString());

            byte[] large = new byte[64000];
            Arrays.fill(large, (byte) 0xAB);
            assertTrue(dealer.send(large));
            byte[] framed = readRaw(stream, id, 9 + large.length);
            assertEquals(2, framed[0], "a long frame: flags 0x02, then an 8-byte size");
            assertArrayEquals(large, Arrays.copyOfRange(framed, 9, framed.length));
        }
    }

    /** Reads [id][chunk] messages from a STREAM until {@code size} bytes of that connection have come. */
    private static byte[] readRaw(Socket stream, byte[] id, int size) {
        byte[] data = new byte[size];
        int read = 0;
        for (int chunk = 0; read < size && chunk < 10_000; chunk++) {
            assertArrayEquals(id, stream.recv(), "each chunk comes with the connection's routing id");
            assertTrue(stream.hasReceiveMore());
            byte[] bytes = stream.recv();
            System.arraycopy(bytes, 0, data, read, Math.min(bytes.length, size - read));
            read += bytes.length;
        }
        assertEquals(size, read);
        return data;
    }

    @Test
    void testStreamToStream() {
        try (Socket server = zmq.socket(SocketType.STREAM); Socket client = zmq.socket(SocketType.STREAM)) {
            server.set(SocketOption.STREAM_NOTIFY, true);
            client.set(SocketOption.STREAM_NOTIFY, true);
            client.connect(server.bind("tcp://127.0.0.1:*"));
            byte[] serverSideId = server.recv();
            assertEquals(0, server.recv().length, "connected (server side)");
            byte[] clientSideId = client.recv();
            assertEquals(0, client.recv().length, "connected (client side)");
            assertArrayEquals(clientSideId, client.get(SocketOption.ROUTING_ID), "the id of the last connect");

            assertTrue(client.sendMore(clientSideId));
            assertTrue(client.send("GET /\n\n"));
            assertArrayEquals(serverSideId, server.recv());
            assertEquals("GET /\n\n", server.recvString());

            String response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nHello, World!";
            assertTrue(server.sendMore(serverSideId));
            assertTrue(server.send(response));
            assertTrue(server.sendMore(serverSideId));
            assertTrue(server.send(new byte[0]), "an empty message closes the connection");

            assertArrayEquals(clientSideId, client.recv());
            assertEquals(response, client.recvString());
        }
    }

    /** Added: a plain TCP client (no ZMTP) talks to a STREAM server and sees the close it asks for. */
    @Test
    void streamServesARawTcpClient() throws Exception {
        try (Socket stream = zmq.socket(SocketType.STREAM)) {
            stream.set(SocketOption.STREAM_NOTIFY, true);
            java.net.URI uri = java.net.URI.create(stream.bind("tcp://127.0.0.1:*"));
            try (java.net.Socket client = new java.net.Socket(uri.getHost(), uri.getPort())) {
                client.setSoTimeout(5000);
                byte[] id = stream.recv();
                assertEquals(0, stream.recv().length, "connected");
                OutputStream out = client.getOutputStream();
                out.write("PING\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertArrayEquals(id, stream.recv());
                assertEquals("PING\n", stream.recvString());

                assertTrue(stream.sendMore(id));
                assertTrue(stream.send("PONG\n"));
                assertTrue(stream.sendMore(id));
                assertTrue(stream.send(new byte[0]));
                InputStream in = client.getInputStream();
                assertArrayEquals("PONG\n".getBytes(StandardCharsets.US_ASCII), in.readNBytes(5), "the reply");
                // libzmq finishes the close when the STREAM next processes its commands (any call into it).
                client.setSoTimeout(100);
                boolean closed = false;
                for (int i = 0; i < 50 && !closed; i++) {
                    stream.get(SocketOption.EVENTS);
                    try {
                        closed = in.read() < 0;
                    } catch (java.net.SocketTimeoutException e) {
                        // not yet
                    }
                }
                assertTrue(closed, "the empty message closed the connection");
            }
        }
    }

    /** Added: a STREAM connects to a plain TCP server, exchanges bytes, and is told when the server hangs up. */
    @Test
    void streamClientOfARawTcpServer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket stream = zmq.socket(SocketType.STREAM)) {
            listener.setSoTimeout(5000);
            stream.set(SocketOption.STREAM_NOTIFY, true);
            stream.connect("tcp://127.0.0.1:" + listener.getLocalPort());
            try (java.net.Socket server = listener.accept()) {
                server.setSoTimeout(5000);
                byte[] id = stream.recv();
                assertEquals(0, stream.recv().length, "connected");
                assertTrue(stream.sendMore(id));
                assertTrue(stream.send("hello server"));
                byte[] got = server.getInputStream().readNBytes("hello server".length());
                assertEquals("hello server", new String(got, StandardCharsets.US_ASCII));
                server.getOutputStream().write("hello stream".getBytes(StandardCharsets.US_ASCII));
                server.getOutputStream().flush();
                assertArrayEquals(id, stream.recv());
                assertEquals("hello stream", stream.recvString());
            }
            byte[] id = stream.recv();
            assertTrue(id.length > 0);
            assertEquals(0, stream.recv().length, "the server's hang-up is an empty message");
        }
    }
}
