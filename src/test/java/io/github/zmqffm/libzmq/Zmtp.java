package io.github.zmqffm.libzmq;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A raw TCP peer that speaks ZMTP 3.0 by hand (the wire format of RFC 23/ZMTP), for the scenarios where libzmq's
 * tests mock a peer: heartbeats nobody answers, greetings that are wrong, garbage. Blocking, with a read timeout.
 */
public final class Zmtp implements AutoCloseable {

    /** Command frame flag (short size). */
    private static final int COMMAND = 0x04;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private Zmtp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to a {@code tcp://host:port} endpoint, with a 5 s read timeout. */
    public static Zmtp connect(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        return new Zmtp(socket);
    }

    /** The 64-byte ZMTP 3.0 greeting: signature, version, mechanism (padded to 20), as-server, filler. */
    public static byte[] greeting(int major, int minor, String mechanism) {
        byte[] greeting = new byte[64];
        greeting[0] = (byte) 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = (byte) major;
        greeting[11] = (byte) minor;
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, greeting, 12, name.length);
        return greeting;
    }

    /** A READY command frame announcing {@code socketType} (and an empty Identity, as libzmq's DEALER sends). */
    public static byte[] ready(String socketType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        property(body, "Socket-Type", socketType.getBytes(StandardCharsets.US_ASCII));
        property(body, "Identity", new byte[0]);
        return command(body.toByteArray());
    }

    /** A PING command frame with a TTL (in deciseconds) and a context that the PONG must echo (up to 16 bytes). */
    public static byte[] ping(int ttlDeciseconds, byte[] context) {
        byte[] body = new byte[5 + 2 + context.length];
        body[0] = 4;
        System.arraycopy("PING".getBytes(StandardCharsets.US_ASCII), 0, body, 1, 4);
        body[5] = (byte) (ttlDeciseconds >> 8);
        body[6] = (byte) ttlDeciseconds;
        System.arraycopy(context, 0, body, 7, context.length);
        return command(body);
    }

    /** A PONG command frame with this context. */
    public static byte[] pong(byte[] context) {
        byte[] body = new byte[5 + context.length];
        body[0] = 4;
        System.arraycopy("PONG".getBytes(StandardCharsets.US_ASCII), 0, body, 1, 4);
        System.arraycopy(context, 0, body, 5, context.length);
        return command(body);
    }

    /** A final (no MORE) short message frame. */
    public static byte[] message(byte[] content) {
        byte[] frame = new byte[2 + content.length];
        frame[1] = (byte) content.length;
        System.arraycopy(content, 0, frame, 2, content.length);
        return frame;
    }

    private static void property(ByteArrayOutputStream body, String name, byte[] value) {
        body.write(name.length());
        body.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        body.write(value.length >>> 24);
        body.write(value.length >>> 16);
        body.write(value.length >>> 8);
        body.write(value.length);
        body.writeBytes(value);
    }

    private static byte[] command(byte[] body) {
        if (body.length > 255) {
            throw new IllegalArgumentException("long commands are not needed here");
        }
        byte[] frame = new byte[2 + body.length];
        frame[0] = COMMAND;
        frame[1] = (byte) body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        return frame;
    }

    /** Writes raw bytes. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads exactly {@code n} bytes. */
    public byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /** Reads one short frame (flags, size, body) and returns {@code [flags, body...]}. */
    public byte[] readFrame() throws IOException {
        int flags = in.readUnsignedByte();
        if ((flags & 0x02) != 0) {
            throw new IOException("a long frame (flags " + flags + ") was not expected");
        }
        byte[] body = read(in.readUnsignedByte());
        byte[] frame = new byte[1 + body.length];
        frame[0] = (byte) flags;
        System.arraycopy(body, 0, frame, 1, body.length);
        return frame;
    }

    /** Reads the peer's command frames until one named {@code name}; returns its body after the name. */
    public byte[] readCommand(String name) throws IOException {
        for (int i = 0; i < 100; i++) {
            byte[] frame = readFrame();
            int nameLength = frame[1];
            String got = new String(frame, 2, nameLength, StandardCharsets.US_ASCII);
            if ((frame[0] & COMMAND) != 0 && got.equals(name)) {
                return Arrays.copyOfRange(frame, 2 + nameLength, frame.length);
            }
        }
        throw new IOException("no " + name + " command among 100 frames");
    }

    /**
     * libzmq's mock_handshake: send a NULL greeting, read the peer's greeting, send READY as {@code socketType},
     * read the peer's READY.
     */
    public void handshake(String socketType) throws IOException {
        write(greeting(3, 0, "NULL"));
        byte[] theirs = read(64);
        if ((theirs[0] & 0xFF) != 0xFF || theirs[9] != 0x7F || theirs[10] != 3) {
            throw new IOException("not a ZMTP 3 greeting: " + Arrays.toString(theirs));
        }
        write(ready(socketType));
        readCommand("READY");
    }

    /** Whether the peer has closed the connection: reads until end of stream, at most {@code millis}. */
    public boolean closedByPeerWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream input = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                if (input.read(sink) < 0) {
                    return true;
                }
            }
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by the peer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
