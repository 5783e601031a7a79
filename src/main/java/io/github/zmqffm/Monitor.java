package io.github.zmqffm;

import io.github.zmqffm.internal.Timeouts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a socket's connection events through {@code zmq_socket_monitor}: libzmq publishes them on a PAIR
 * socket bound to a private {@code inproc://} endpoint, which this monitor's own PAIR socket (made in the same
 * context) connects to; {@link #next(Duration)} decodes them into {@link MonitorEvent}s.
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.of(socket)) {
 *     socket.connect("tcp://127.0.0.1:5555");
 *     MonitorEvent event = monitor.next(Duration.ofSeconds(1)); // CONNECT_DELAYED, CONNECTED, ...
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> a monitor follows the rule of {@link Socket}: one thread uses it, the thread that uses the
 * monitored socket, because {@link #of} and {@link #close()} call into that socket and {@link #next} uses the
 * monitor's own PAIR socket. Events are queued without limit between calls to {@code next} (libzmq sends them
 * with blocking sends, so a limit would stall libzmq's own threads once reached): close a monitor you no longer
 * read. Only one monitor per socket can be open (libzmq replaces a socket's monitor silently); a second
 * {@link #of} throws {@link IllegalStateException}.
 */
public final class Monitor implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();
    /** The first frame of an event: a {@code uint16_t} event and a {@code uint32_t} value, in host order. */
    private static final int HEADER_SIZE = 6;

    private final Socket monitored;
    private final Socket pair;
    private final String endpoint;
    private volatile boolean closed;

    private Monitor(Socket monitored, Socket pair, String endpoint) {
        this.monitored = monitored;
        this.pair = pair;
        this.endpoint = endpoint;
    }

    /** Monitors every event type that {@code zmq_socket_monitor} reports ({@link MonitorEvent.Type#all()}). */
    public static Monitor of(Socket socket) {
        return of(socket, MonitorEvent.Type.all());
    }

    /**
     * Monitors the given event types of {@code socket}. Errors: {@link IllegalArgumentException} for an empty set or
     * {@link MonitorEvent.Type#PIPES_STATS}; ETERM ({@link ContextTerminatedException}); EINVAL, EPROTONOSUPPORT
     * from libzmq; EMFILE (ZMQ_MAX_SOCKETS reached or no descriptor left: a monitor takes two sockets, libzmq's
     * and its own, and its connect may need the context's inproc binder, see {@link Socket#connect});
     * {@link IllegalStateException} if the socket is closed.
     */
    public static Monitor of(Socket socket, Set<MonitorEvent.Type> types) {
        if (types.isEmpty() || types.contains(MonitorEvent.Type.PIPES_STATS)) {
            throw new IllegalArgumentException("monitor events " + types + ": need at least one, and PIPES_STATS"
                    + " is only reported by the versioned monitor");
        }
        int mask = 0;
        for (MonitorEvent.Type type : types) {
            mask |= type.bit();
        }
        String endpoint = "inproc://zmq-ffm.monitor." + IDS.incrementAndGet();
        // libzmq keeps one monitor per socket and would silently cut off the first: refuse a second instead.
        if (!socket.resource.monitored.compareAndSet(false, true)) {
            throw new IllegalStateException(socket + " is monitored already; close that Monitor first");
        }
        Socket pair = null;
        try {
            start(socket, endpoint, mask);
            pair = socket.context().socket(SocketType.PAIR);
            pair.set(SocketOption.LINGER, 0);
            // libzmq sends events with blocking sends: a bounded queue would stall its I/O thread, or a close,
            // once full. Unbounded, events wait here until read.
            pair.set(SocketOption.RCVHWM, 0);
            pair.connect(endpoint);
            return new Monitor(socket, pair, endpoint);
        } catch (RuntimeException e) {
            if (pair != null) {
                pair.close();
                start(socket, null, 0);
            }
            socket.resource.monitored.set(false);
            throw e;
        }
    }

    /** {@code zmq_socket_monitor}; a null endpoint stops monitoring. */
    private static void start(Socket socket, String endpoint, int mask) {
        CallGuard.Owner token = socket.guard.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment address = endpoint == null ? MemorySegment.NULL : arena.allocateFrom(endpoint);
            if (LibZmqControl.socketMonitor(errno, socket.resource.handle, address, mask) != 0) {
                throw Errors.exception("zmq_socket_monitor", endpoint, LibZmq.errno(errno));
            }
        } finally {
            socket.guard.exit(token);
            Reference.reachabilityFence(socket);
        }
    }

    /** The {@code inproc://} endpoint libzmq publishes the events on. */
    public String endpoint() {
        return endpoint;
    }

    /** The monitored socket. */
    public Socket socket() {
        return monitored;
    }

    /**
     * The next event, waiting at most {@code timeout} (negative: no limit, zero: only an event already queued);
     * null if none came in time. Errors: ETERM ({@link ContextTerminatedException}); {@link IllegalStateException}
     * if the monitor is closed.
     */
    public MonitorEvent next(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("this monitor is closed");
        }
        pair.set(SocketOption.RCVTIMEO, Timeouts.millis(timeout));
        byte[] header = pair.recv();
        if (header == null) {
            return null;
        }
        if (header.length != HEADER_SIZE || !pair.hasReceiveMore()) {
            throw new IllegalStateException("not a monitor event: a first frame of " + header.length + " bytes");
        }
        // A message's frames arrive together, so the endpoint frame is already here.
        String address = pair.recvString(RecvFlag.DONTWAIT);
        ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
        return new MonitorEvent(MonitorEvent.Type.of(fields.getShort(0) & 0xFFFF), fields.getInt(2), address);
    }

    /**
     * Stops monitoring (unless the monitored socket is already closed) and closes the monitor's PAIR socket, dropping
     * undelivered events. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Drain first: refused, with nothing changed, while another thread waits in next(). Then stop, while the
        // pair still listens: libzmq sends MONITOR_STOPPED with a blocking send, which would hang without a reader.
        try {
            while (pair.recv(RecvFlag.DONTWAIT) != null) {
                // events nobody will read
            }
        } catch (ContextTerminatedException e) {
            // shut down: libzmq has stopped monitoring already
        }
        try {
            if (!monitored.isClosed() && !monitored.context().isClosed()) {
                start(monitored, null, 0);
            }
        } catch (ContextTerminatedException e) {
            // The context was shut down: libzmq has stopped monitoring already.
        } catch (IllegalStateException e) {
            // The socket is in a call on its own thread: libzmq goes on publishing to no one, harmlessly, until
            // the socket is closed or monitored again.
        } finally {
            pair.close();
            closed = true;
            monitored.resource.monitored.set(false);
        }
    }

    @Override
    public String toString() {
        return "Monitor[" + monitored + " on " + endpoint + (closed ? ", closed" : "") + "]";
    }
}
