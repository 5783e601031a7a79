package io.github.zmqffm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which sockets a process we started (or one it started: a wrapped tool) owns, from Linux's /proc: its fds'
 * inodes against /proc/net/tcp, tcp6 and unix. How the runner knows that a tool has bound or connected.
 */
final class ProcSockets {

    private static final String TCP_LISTEN = "0A";
    private static final String TCP_ESTABLISHED = "01";
    private static final String UNIX_CONNECTED = "03";

    private ProcSockets() {}

    /** Whether the process has a TCP socket in state LISTEN. */
    static boolean listens(ProcessHandle process) throws IOException {
        return ownsAny(process, tcp(TCP_LISTEN));
    }

    /** Whether the process has an established TCP connection or a connected Unix socket. */
    static boolean connected(ProcessHandle process) throws IOException {
        Set<String> sockets = tcp(TCP_ESTABLISHED);
        for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
            String[] fields = line.strip().split("\\s+"); // Num RefCount Protocol Flags Type St Inode [Path]
            if (fields.length > 6 && fields[5].equals(UNIX_CONNECTED)) {
                sockets.add("socket:[" + fields[6] + "]");
            }
        }
        return ownsAny(process, sockets);
    }

    private static Set<String> tcp(String state) throws IOException {
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.strip().split("\\s+"); // sl local rem st ... inode
                if (fields.length > 9 && fields[3].equals(state)) {
                    sockets.add("socket:[" + fields[9] + "]");
                }
            }
        }
        return sockets;
    }

    private static boolean ownsAny(ProcessHandle process, Set<String> sockets) throws IOException {
        for (ProcessHandle p : Stream.concat(Stream.of(process), process.descendants()).toList()) {
            if (ownsAny(p.pid(), sockets)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ownsAny(long pid, Set<String> sockets) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (NoSuchFileException e) {
            return false; // exited meanwhile
        }
    }
}
