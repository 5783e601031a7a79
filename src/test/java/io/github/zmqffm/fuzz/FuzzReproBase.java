package io.github.zmqffm.fuzz;

import io.github.zmqffm.Context;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Poller;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketPoller;
import io.github.zmqffm.SocketType;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;

/**
 * What the JUnit reproductions in a fuzz report ({@link JavaRepro}) extend: the fuzzer's slots as arrays, and its
 * helpers in plain Java. A reproduction is a test method that runs the same calls on the same threads; each step
 * goes through {@link #step}, which prints and swallows an exception as the fuzzer accepts documented ones, so the
 * test fails only by crashing, hanging or an assertion added to it.
 */
public abstract class FuzzReproBase {

    protected final Context[] ctx = new Context[World.CONTEXTS];
    protected final Socket[] sock = new Socket[World.SOCKETS];
    protected final Msg[] msg = new Msg[World.MSGS];
    protected final MemorySegment[] view = new MemorySegment[World.VIEWS];
    protected final Arena[] arena = new Arena[World.ARENAS];
    protected final Poller[] poller = new Poller[World.POLLERS];
    protected final SocketPoller[] sp = new SocketPoller[World.POLLERS];
    protected final Monitor[] mon = new Monitor[World.MONITORS];
    protected final String[] endpoint = new String[World.ENDPOINTS];
    protected String ipcDir;
    protected CyclicBarrier barrier;

    /** One step of a reproduction. */
    protected interface Step {
        void run() throws Exception;
    }

    /** Sets up the ipc directory and the barrier of a reproduction on {@code threads} threads. */
    protected void begin(int threads) throws Exception {
        ipcDir = Files.createTempDirectory("zf").toString();
        barrier = new CyclicBarrier(threads);
    }

    /** Runs one step; an exception is printed and swallowed, as the fuzzer accepts documented ones. */
    protected static void step(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            System.out.println("  " + e);
        }
    }

    /** A socket as the fuzzer makes them: bounded timeouts, so that no call blocks forever. */
    protected static Socket socket(Context context, SocketType type, int rcvMs, int sndMs, int lingerMs) {
        return Harness.socket(context, type, rcvMs, sndMs, lingerMs);
    }

    /** {@code size} bytes 0, 1, 2, ... */
    protected static byte[] bytes(int size) {
        return Harness.bytes(size);
    }

    /** {@code length} bytes of 'k', with a NUL in the middle if asked. */
    protected static byte[] optionBytes(int length, boolean nul) {
        return Harness.optionBytes(length, nul);
    }

    /** Sends a segment of a memory-mapped file, truncated to nothing first if asked. */
    protected boolean sendMapped(Socket socket, int size, boolean truncate, SendFlag flags) throws Exception {
        long length = Math.max(size, 4096);
        Path file = Files.createTempFile(Path.of(ipcDir), "mapped", ".bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); Arena mapping = Arena.ofConfined()) {
            raf.setLength(length);
            MemorySegment mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length, mapping);
            if (truncate) {
                raf.setLength(0);
            }
            return socket.send(mapped, flags);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** What the fuzzer closes after the last step, in its order. */
    protected void tearDown() {
        for (Monitor m : mon) {
            if (m != null) {
                step(m::close);
            }
        }
        for (int i = 0; i < World.POLLERS; i++) {
            SocketPoller s = sp[i];
            Poller p = poller[i];
            if (s != null) {
                step(s::close);
            }
            if (p != null) {
                step(p::close);
            }
        }
        for (Msg m : msg) {
            if (m != null) {
                step(m::close);
            }
        }
        for (Socket s : sock) {
            if (s != null) {
                step(s::close);
            }
        }
        for (Context c : ctx) {
            if (c != null) {
                step(c::close);
            }
        }
    }
}
