package io.github.zmqffm.fuzz;

import io.github.zmqffm.Errno;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Poller;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketPoller;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import static io.github.zmqffm.Errno.*;

/** The actions on pollers, socket pollers and monitors. */
final class PollActions {

    private PollActions() {}

    record NewPoller(int p, int capacity) implements Action {
        public void run(World w) {
            if (w.pollers.get(p) == null) {
                w.pollers.set(p, new Poller(capacity));
            }
        }

        public String java() {
            return "poller[" + p + "] = new Poller(" + capacity + ");";
        }
    }

    record PollerAdd(int p, int s, int events) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            Socket socket = w.sockets.get(s);
            if (poller != null && socket != null) {
                poller.register(socket, events);
            }
        }

        public String java() {
            return "poller[" + p + "].register(sock[" + s + "], " + events + ");";
        }
    }

    record PollerAddFd(int p, int fd, int events) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            if (poller != null) {
                poller.register(fd, events);
            }
        }

        public String java() {
            return "poller[" + p + "].register(" + fd + ", " + events + ");";
        }
    }

    /** Unregisters an index, or (bySocket) every item of a socket. */
    record PollerRemove(int p, int index, boolean bySocket) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            if (poller == null) {
                return;
            }
            if (bySocket) {
                Socket socket = w.sockets.get(Math.floorMod(index, World.SOCKETS));
                if (socket != null) {
                    poller.unregister(socket);
                }
            } else {
                poller.unregister(index);
            }
        }

        public String java() {
            return "poller[" + p + "].unregister(" + (bySocket ? "sock[" + Math.floorMod(index, World.SOCKETS) + "]"
                    : String.valueOf(index)) + ");";
        }
    }

    record PollerSetEvents(int p, int index, int events) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            if (poller != null) {
                poller.setEvents(index, events);
            }
        }

        public String java() {
            return "poller[" + p + "].setEvents(" + index + ", " + events + ");";
        }
    }

    record Poll(int p, int timeoutMs) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            if (poller != null) {
                poller.poll(Duration.ofMillis(timeoutMs));
            }
        }

        public String java() {
            return "poller[" + p + "].poll(Duration.ofMillis(" + timeoutMs + "));";
        }

        public Set<Errno> documented() {
            return EnumSet.of(ETERM, ENOTSOCK, EFAULT);
        }
    }

    /** What {@link PollerRead} asks a poller about an index. */
    enum PollQuery { READY, READABLE, WRITABLE, ERROR, SOCKET, SIZE }

    record PollerRead(int p, int index, PollQuery what) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            if (poller == null) {
                return;
            }
            switch (what) {
                case READY -> poller.readyEvents(index);
                case READABLE -> poller.isReadable(index);
                case WRITABLE -> poller.isWritable(index);
                case ERROR -> poller.hasError(index);
                case SOCKET -> poller.socket(index);
                case SIZE -> poller.size();
            }
        }

        public String java() {
            return "poller[" + p + "]." + switch (what) {
                case READY -> "readyEvents(" + index + ");";
                case READABLE -> "isReadable(" + index + ");";
                case WRITABLE -> "isWritable(" + index + ");";
                case ERROR -> "hasError(" + index + ");";
                case SOCKET -> "socket(" + index + ");";
                case SIZE -> "size();";
            };
        }
    }

    record ClosePoller(int p) implements Action {
        public void run(World w) {
            Poller poller = w.pollers.get(p);
            if (poller != null) {
                poller.close();
            }
        }

        public String java() {
            return "poller[" + p + "].close();";
        }
    }

    // ---- socket pollers (libzmq's draft zmq_poller) ----

    record NewSocketPoller(int p) implements Action {
        public void run(World w) {
            if (w.socketPollers.get(p) == null) {
                w.socketPollers.set(p, new SocketPoller());
            }
        }

        public String java() {
            return "sp[" + p + "] = new SocketPoller();";
        }
    }

    /** What {@link SocketPollerOp} does. */
    enum SpOp { ADD, MODIFY, REMOVE, ADD_FD, MODIFY_FD, REMOVE_FD }

    /** Adds, modifies or removes a socket ({@code target} is a slot) or a raw fd ({@code target} is the fd). */
    record SocketPollerOp(int p, SpOp op, int target, int events) implements Action {
        public void run(World w) {
            SocketPoller poller = w.socketPollers.get(p);
            if (poller == null) {
                return;
            }
            Socket socket = w.sockets.get(Math.floorMod(target, World.SOCKETS));
            switch (op) {
                case ADD -> {
                    if (socket != null) {
                        poller.add(socket, events);
                    }
                }
                case MODIFY -> {
                    if (socket != null) {
                        poller.modify(socket, events);
                    }
                }
                case REMOVE -> {
                    if (socket != null) {
                        poller.remove(socket);
                    }
                }
                case ADD_FD -> poller.add(target, events);
                case MODIFY_FD -> poller.modify(target, events);
                case REMOVE_FD -> poller.remove(target);
            }
        }

        public String java() {
            String sock = "sock[" + Math.floorMod(target, World.SOCKETS) + "]";
            return "sp[" + p + "]." + switch (op) {
                case ADD -> "add(" + sock + ", " + events + ");";
                case MODIFY -> "modify(" + sock + ", " + events + ");";
                case REMOVE -> "remove(" + sock + ");";
                case ADD_FD -> "add(" + target + ", " + events + ");";
                case MODIFY_FD -> "modify(" + target + ", " + events + ");";
                case REMOVE_FD -> "remove(" + target + ");";
            };
        }

        public Set<Errno> documented() {
            return EnumSet.of(EINVAL, ENOTSOCK, EBADF, ETERM);
        }
    }

    /** A wait; then, for ready event {@code read}, one of the accessors and a non-blocking receive on its socket. */
    record SocketPollerPoll(int p, int timeoutMs, int read) implements Action {
        public void run(World w) {
            SocketPoller poller = w.socketPollers.get(p);
            if (poller == null) {
                return;
            }
            poller.poll(Duration.ofMillis(timeoutMs));
            poller.size();
            poller.events(read);
            poller.fd(read);
            Socket socket = poller.socket(read);
            if (socket != null) {
                socket.recv(RecvFlag.DONTWAIT);
            }
        }

        public String java() {
            String sp = "sp[" + p + "]";
            return sp + ".poll(Duration.ofMillis(" + timeoutMs + ")); " + sp + ".size(); " + sp + ".events(" + read + "); " + sp + ".fd("
                    + read + "); " + sp + ".socket(" + read + ").recv(RecvFlag.DONTWAIT);";
        }

        /** The poller's, and its receive's: ENOTSUP (a type that cannot receive, a PUB) and EFSM (REQ/REP order). */
        public Set<Errno> documented() {
            return EnumSet.of(ETERM, EINVAL, ENOTSOCK, EBADF, ENOTSUP, EFSM);
        }
    }

    record CloseSocketPoller(int p) implements Action {
        public void run(World w) {
            SocketPoller poller = w.socketPollers.get(p);
            if (poller != null) {
                poller.close();
            }
        }

        public String java() {
            return "sp[" + p + "].close();";
        }
    }

    // ---- monitors ----

    /** A monitor of the event types in the bits of {@code mask} (empty, or with PIPES_STATS, is refused). */
    record NewMonitor(int m, int s, int mask) implements Action {
        public void run(World w) {
            Socket socket = w.sockets.get(s);
            if (socket == null || w.monitors.get(m) != null) {
                return;
            }
            w.monitors.set(m, Monitor.of(socket, types()));
        }

        Set<MonitorEvent.Type> types() {
            Set<MonitorEvent.Type> types = EnumSet.noneOf(MonitorEvent.Type.class);
            for (MonitorEvent.Type type : MonitorEvent.Type.values()) {
                if ((mask & (1 << type.ordinal())) != 0) {
                    types.add(type);
                }
            }
            return types;
        }

        public String java() {
            StringBuilder set = new StringBuilder("EnumSet.noneOf(MonitorEvent.Type.class)");
            if (!types().isEmpty()) {
                set = new StringBuilder("EnumSet.of(");
                for (MonitorEvent.Type type : types()) {
                    set.append(set.charAt(set.length() - 1) == '(' ? "" : ", ").append("MonitorEvent.Type.")
                            .append(type);
                }
                set.append(')');
            }
            return "mon[" + m + "] = Monitor.of(sock[" + s + "], " + set + ");";
        }

        public Set<Errno> documented() {
            return EnumSet.of(ETERM, EINVAL, EPROTONOSUPPORT, EMFILE);
        }
    }

    record MonitorNext(int m, int timeoutMs) implements Action {
        public void run(World w) {
            Monitor monitor = w.monitors.get(m);
            if (monitor != null) {
                monitor.next(Duration.ofMillis(timeoutMs));
            }
        }

        public String java() {
            return "mon[" + m + "].next(Duration.ofMillis(" + timeoutMs + "));";
        }

        public Set<Errno> documented() {
            return EnumSet.of(ETERM);
        }
    }

    record CloseMonitor(int m) implements Action {
        public void run(World w) {
            Monitor monitor = w.monitors.get(m);
            if (monitor != null) {
                monitor.close();
            }
        }

        public String java() {
            return "mon[" + m + "].close();";
        }
    }
}
