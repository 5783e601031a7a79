package io.github.zmqffm.fuzz;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.fuzz.World.MsgBox;
import io.github.zmqffm.fuzz.World.View;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the actions share: payloads, endpoints, odd strings, wrapped memory, sockets with bounded timeouts, and the
 * two checks the harness makes itself (a stale view must throw; a release runs once).
 */
final class Harness {

    private Harness() {}

    /** The transports and malformed endpoints a bind or connect can be given. */
    enum Transport {
        INPROC, IPC, TCP, WS, TCP_NO_LISTENER, TCP_PORT_99999, EMBEDDED_NUL, LONG_INPROC, GARBAGE, EMPTY
    }

    /** Where a wrapped message's memory comes from. */
    enum WrapSource { ARENA_0, ARENA_1, AUTO, READ_ONLY, HEAP }

    /** The largest payload the generators make (1 MiB), filled with 0, 1, 2, ... once. */
    static final int MAX_SIZE = 1 << 20;
    private static final byte[] PATTERN = new byte[MAX_SIZE];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) i;
        }
    }

    /** {@code size} bytes 0, 1, 2, ... (copied from a pattern: a loop per payload costs too much CPU). */
    static byte[] bytes(int size) {
        return size <= MAX_SIZE ? Arrays.copyOf(PATTERN, size) : new byte[size];
    }

    static String text(int size) {
        return "x".repeat(size);
    }

    /** An offset into an array of {@code size} bytes, sometimes just outside it. */
    static int offset(int aux, int size) {
        return Math.floorMod(aux, size + 2) - 1;
    }

    /** A length from {@code offset}, sometimes one too many. */
    static int length(int aux, int size, int offset) {
        return Math.max(0, size - Math.max(offset, 0)) + (Math.floorMod(aux, 3) == 0 ? 1 : 0);
    }

    /** Odd group names: empty, short, at and over libzmq's 15-byte limit, long, with a NUL. */
    static String group(int which) {
        return switch (Math.floorMod(which, 6)) {
            case 0 -> "g";
            case 1 -> "";
            case 2 -> "g".repeat(15);
            case 3 -> "g".repeat(16);
            case 4 -> "g".repeat(300);
            default -> "g\0h";
        };
    }

    static String groupJava(int which) {
        return switch (Math.floorMod(which, 6)) {
            case 0 -> "\"g\"";
            case 1 -> "\"\"";
            case 2 -> "\"g\".repeat(15)";
            case 3 -> "\"g\".repeat(16)";
            case 4 -> "\"g\".repeat(300)";
            default -> "\"g\\0h\"";
        };
    }

    /** Option bytes from a spec: a length (0..600, past the 512-byte scratch) and bit 14, to embed a NUL. */
    static byte[] optionBytes(int spec) {
        return optionBytes(optionLength(spec), optionNul(spec));
    }

    static int optionLength(int spec) {
        return Math.floorMod(spec & 0x3FFF, 601);
    }

    static boolean optionNul(int spec) {
        return optionLength(spec) > 2 && (spec & 0x4000) != 0;
    }

    /** {@code length} bytes of 'k', with a NUL in the middle if asked (the reproductions have the same helper). */
    static byte[] optionBytes(int length, boolean nul) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 'k');
        if (nul) {
            data[length / 2] = 0;
        }
        return data;
    }

    static String bindAddress(World world, Transport transport, int key) {
        return switch (transport) {
            case TCP -> "tcp://127.0.0.1:*";
            case WS -> "ws://127.0.0.1:*";
            case TCP_NO_LISTENER -> "tcp://127.0.0.1:0";
            default -> fixedAddress(world, transport, key);
        };
    }

    static String connectAddress(World world, Transport transport, int key) {
        String bound = world.endpoints.get(key);
        return switch (transport) {
            case TCP -> bound != null && bound.startsWith("tcp:") ? bound : "tcp://127.0.0.1:1";
            case WS -> bound != null && bound.startsWith("ws:") ? bound : "ws://127.0.0.1:1";
            case TCP_NO_LISTENER -> "tcp://127.0.0.1:1";
            default -> fixedAddress(world, transport, key);
        };
    }

    private static String fixedAddress(World world, Transport transport, int key) {
        return switch (transport) {
            case INPROC -> "inproc://fz-" + key;
            case IPC -> "ipc://" + world.ipcDirectory + "/" + key;
            case TCP_PORT_99999 -> "tcp://127.0.0.1:99999";
            case EMBEDDED_NUL -> "inproc://fz\0" + key;
            case LONG_INPROC -> "inproc://" + "L".repeat(600) + key;
            case GARBAGE -> "fz" + key + "://?";
            default -> "";
        };
    }

    /** A Java expression for the same endpoint, for the reproduction; {@code endpoint[k]} after a tcp/ws bind. */
    static String bindJava(Transport transport, int key) {
        return switch (transport) {
            case TCP -> "\"tcp://127.0.0.1:*\"";
            case WS -> "\"ws://127.0.0.1:*\"";
            case TCP_NO_LISTENER -> "\"tcp://127.0.0.1:0\"";
            default -> fixedJava(transport, key);
        };
    }

    static String connectJava(Transport transport, int key) {
        return switch (transport) {
            case TCP, WS -> "endpoint[" + key + "]";
            case TCP_NO_LISTENER -> "\"tcp://127.0.0.1:1\"";
            default -> fixedJava(transport, key);
        };
    }

    private static String fixedJava(Transport transport, int key) {
        return switch (transport) {
            case INPROC -> "\"inproc://fz-" + key + "\"";
            case IPC -> "\"ipc://\" + ipcDir + \"/" + key + "\"";
            case TCP_PORT_99999 -> "\"tcp://127.0.0.1:99999\"";
            case EMBEDDED_NUL -> "\"inproc://fz\\0" + key + "\"";
            case LONG_INPROC -> "\"inproc://\" + \"L\".repeat(600) + \"" + key + "\"";
            case GARBAGE -> "\"fz" + key + "://?\"";
            default -> "\"\"";
        };
    }

    /** Whether a bind on this transport returns an endpoint worth remembering for connects. */
    static boolean remembers(Transport transport) {
        return transport == Transport.TCP || transport == Transport.WS;
    }

    /**
     * A wrapped message of {@code size} bytes from {@code source}. Its release callback counts down the arena's
     * pending wraps and records a second run, which the API promises never happens.
     */
    static Msg wrap(World world, WrapSource source, int size) {
        long bytes = Math.max(size, 1);
        World.ArenaBox box = switch (source) {
            case ARENA_0 -> world.arenas.get(0);
            case ARENA_1 -> world.arenas.get(1);
            default -> null;
        };
        MemorySegment segment = switch (source) {
            case READ_ONLY -> Arena.ofAuto().allocate(bytes).asReadOnly();
            case HEAP -> MemorySegment.ofArray(new byte[(int) bytes]);
            default -> (box == null ? Arena.ofAuto() : box.arena).allocate(bytes);
        };
        AtomicBoolean released = new AtomicBoolean();
        if (box != null) {
            box.pending.incrementAndGet();
        }
        try {
            return Msg.wrap(segment, () -> {
                if (released.getAndSet(true)) {
                    world.doubleReleases.incrementAndGet();
                } else if (box != null) {
                    box.pending.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            if (box != null) {
                box.pending.decrementAndGet();
            }
            throw e;
        }
    }

    static String wrapJava(WrapSource source, int size) {
        long bytes = Math.max(size, 1);
        String segment = switch (source) {
            case ARENA_0 -> "arena[0].allocate(" + bytes + ")";
            case ARENA_1 -> "arena[1].allocate(" + bytes + ")";
            case AUTO -> "Arena.ofAuto().allocate(" + bytes + ")";
            case READ_ONLY -> "Arena.ofAuto().allocate(" + bytes + ").asReadOnly()";
            case HEAP -> "MemorySegment.ofArray(new byte[" + bytes + "])";
        };
        return "Msg.wrap(" + segment + ", () -> {})";
    }

    /** Sends a segment of a memory-mapped file, truncated to nothing first if asked (SIGBUS territory). */
    static boolean sendMapped(World world, Socket socket, int size, boolean truncate, SendFlag flags) {
        long length = Math.max(size, 4096);
        try {
            Path file = Files.createTempFile(Path.of(world.ipcDirectory), "mapped", ".bin");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); Arena arena = Arena.ofConfined()) {
                raf.setLength(length);
                MemorySegment mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length, arena);
                if (truncate) {
                    raf.setLength(0);
                }
                return socket.send(mapped, flags);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String textJava(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c == 0 ? "\\0" : c == '"' ? "\\\"" : String.valueOf(c));
        }
        return out.append('"').toString();
    }

    static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    // ---- shared by the actions ----

    static boolean open(Context context) {
        return context != null && !context.isClosed();
    }

    static boolean open(Socket socket) {
        return socket != null && !socket.isClosed();
    }

    static Socket socket(Context context, SocketType type, int rcvMs, int sndMs, int lingerMs) {
        Socket socket = context.socket(type);
        try {
            socket.set(SocketOption.RCVTIMEO, rcvMs);
            socket.set(SocketOption.SNDTIMEO, sndMs);
            socket.set(SocketOption.LINGER, lingerMs);
            return socket;
        } catch (RuntimeException e) {
            socket.close(); // a socket without its timeouts could block forever: never keep one
            throw e;
        }
    }

    /** A receive into a message: the content certainly moved on only if a message arrived. */
    static void receiveInto(Socket socket, MsgBox box, RecvFlag flags) {
        try {
            if (socket.recv(box.msg, flags) >= 0) {
                box.moved();
            } else {
                box.unknown();
            }
        } catch (RuntimeException e) {
            box.unknown();
            throw e;
        }
    }

    /** A use of a view that must throw if its message's content has certainly moved on since it was taken. */
    interface ViewUse {
        Object use();
    }

    static void throughView(World w, View view, String what, ViewUse use) {
        boolean stale = view.certainlyStale();
        use.use();
        if (stale) {
            w.violation("STALE_VIEW: " + what + " on a Msg.data() view whose message had moved on did not throw");
        }
    }
}
