package io.github.zmqffm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM entry point for {@link UseFdTest}: sets ZMQ_USE_FD to a listening socket, then makes that descriptor
 * number something else before binding: {@code closed}, a {@code pipe}, a regular {@code file}. libzmq adds the
 * descriptor to epoll at bind and aborts when that fails, so a bind that is not refused kills this JVM. Prints
 * {@code refused: <message>} and then {@code rebound} once a bind with USE_FD -1 works.
 */
public final class UseFdRebindProbe {

    private UseFdRebindProbe() {}

    public static void main(String[] args) throws IOException {
        int fd = OsSocket.loopback(OsSocket.SOCK_STREAM, true);
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
             OsPipe pipe = new OsPipe()) {
            pull.set(SocketOption.USE_FD, fd); // accepted: a listening stream socket
            switch (args[0]) {
                case "closed" -> OsSocket.close(fd);
                case "pipe" -> OsSocket.dup2(pipe.readFd, fd);
                case "file" -> {
                    Path file = Files.createTempFile("use-fd", ".txt");
                    int opened = OsSocket.openReadOnly(file.toString());
                    OsSocket.dup2(opened, fd);
                    OsSocket.close(opened);
                    Files.delete(file);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
            try {
                pull.bind("tcp://127.0.0.1:*");
                System.out.println("bound (libzmq took a descriptor that is not a listening socket)");
            } catch (IllegalStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
            pull.set(SocketOption.USE_FD, -1);
            pull.bind("tcp://127.0.0.1:*");
            System.out.println("rebound");
        } finally {
            if (!args[0].equals("closed")) {
                OsSocket.close(fd); // the pipe or file the number refers to now is this probe's
            }
        }
    }
}
