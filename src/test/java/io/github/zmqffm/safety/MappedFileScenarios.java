package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Class 9, mapped files: a segment of a memory-mapped file truncated underneath faults on access. Sending or
 * receiving through it gives an exception, not SIGBUS inside libzmq.
 */
public final class MappedFileScenarios {

    private static final int SIZE = 1 << 20;

    private MappedFileScenarios() {}

    @Scenario
    public static void sendingATruncatedMappedFileThrows() throws Exception {
        withTruncatedMapping((socket, mapped, buffer) -> {
            IllegalStateException e = expect(IllegalStateException.class, () -> socket.push().send(mapped));
            check(e.getMessage().contains("truncated"), e.getMessage());
            expect(IllegalStateException.class, () -> socket.push().send(buffer));
            try (Msg msg = Msg.allocate(SIZE)) {
                expect(IllegalStateException.class, () -> msg.copyFrom(mapped));
            }
            socket.push().send(new byte[1]); // the socket still works
            check(socket.pull().recv(new byte[1]) == 1, "after the fault");
        });
    }

    @Scenario
    public static void receivingIntoATruncatedMappedFileThrows() throws Exception {
        withTruncatedMapping((socket, mapped, buffer) -> {
            socket.push().send(new byte[SIZE]);
            expect(IllegalStateException.class, () -> socket.pull().recv(mapped));
            socket.push().send(new byte[SIZE]);
            expect(IllegalStateException.class, () -> socket.pull().recv(buffer));
            socket.push().send(new byte[SIZE]);
            try (Msg msg = new Msg()) {
                socket.pull().recv(msg);
                expect(IllegalStateException.class, () -> msg.copyTo(mapped));
            }
        });
    }

    interface MappedCase {
        void run(Pipe pair, MemorySegment mapped, ByteBuffer buffer) throws Exception;
    }

    private static void withTruncatedMapping(MappedCase test) throws Exception {
        Path file = Files.createTempFile("zmq-ffm-mapped", ".bin");
        try (Pipe pipe = Pipe.open("mapped");
             Arena arena = Arena.ofShared();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(SIZE));
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            try (RandomAccessFile shrink = new RandomAccessFile(file.toFile(), "rw")) {
                shrink.setLength(0); // the pages behind both mappings are gone
            }
            test.run(pipe, mapped, buffer);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
