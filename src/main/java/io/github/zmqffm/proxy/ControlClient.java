package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;
import io.github.zmqffm.Frames;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The Java end of a proxy's inproc PAIR control socket. Commands may come from any thread (the handle's
 * caller, a statistics timer, the remote control endpoint, a shutdown hook), but a socket belongs to one
 * thread, so one thread of its own owns the PAIR and runs the commands in order.
 */
final class ControlClient {

    /** How long a command waits for the proxy (it answers between two bursts of forwarding). */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Replies left over from a command that timed out are dropped, at most this many, before the next one. */
    private static final int STALE_REPLIES = 64;

    private final Context context;
    private final String address;
    private final BooleanSupplier proxyStopped;
    private final ExecutorService thread;
    private Socket socket;          // the control thread's only
    private boolean terminateSent;  // the control thread's only

    ControlClient(Context context, String address, BooleanSupplier proxyStopped, String threadName) {
        this.context = context;
        this.address = address;
        this.proxyStopped = proxyStopped;
        this.thread = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().daemon().name(threadName).unstarted(task));
    }

    /** Sends PAUSE or RESUME, then waits for a STATISTICS reply, which proves the proxy has acted on it. */
    void steer(ControlCommand command) {
        call(() -> {
            ensureRunning();
            send(command);
            return statisticsNow();
        });
    }

    /** The proxy's counters. */
    Statistics statistics() {
        return call(() -> {
            ensureRunning();
            return statisticsNow();
        });
    }

    /**
     * Pauses the proxy, reads its final counters and sends TERMINATE; returns the counters, or null if the
     * proxy had already stopped or been told to.
     */
    Statistics stop() {
        return call(() -> {
            if (terminateSent || proxyStopped.getAsBoolean()) {
                return null;
            }
            send(ControlCommand.PAUSE);
            Statistics last = statisticsNow();
            send(ControlCommand.TERMINATE);
            terminateSent = true;
            return last;
        });
    }

    /** Closes the PAIR socket and ends the thread (bounded). Idempotent. */
    void close() {
        try {
            call(() -> {
                if (socket != null) {
                    socket.close();
                    socket = null;
                }
                return null;
            });
        } catch (IllegalStateException alreadyClosed) {
            // the executor was shut down by an earlier close
        }
        thread.shutdown();
        try {
            thread.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureRunning() {
        if (terminateSent || proxyStopped.getAsBoolean()) {
            throw new IllegalStateException("the proxy has stopped");
        }
    }

    private Socket socket() {
        if (socket == null) {
            Socket pair = context.socket(SocketType.PAIR);
            try {
                pair.set(SocketOption.LINGER, 0);
                pair.set(SocketOption.SNDTIMEO, (int) TIMEOUT.toMillis());
                pair.set(SocketOption.RCVTIMEO, (int) TIMEOUT.toMillis());
                pair.connect(address);
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
            socket = pair;
        }
        return socket;
    }

    private void send(ControlCommand command) {
        if (!socket().send(command.wire())) {
            throw new IllegalStateException("the proxy did not take " + command + " within " + TIMEOUT.toSeconds() + " s");
        }
    }

    private Statistics statisticsNow() {
        Socket pair = socket();
        for (int i = 0; i < STALE_REPLIES && pair.recv(RecvFlag.DONTWAIT) != null; i++) {
            // a reply to an earlier STATISTICS whose caller gave up waiting
        }
        send(ControlCommand.STATISTICS);
        Frames reply = pair.recvMultipart();
        if (reply == null) {
            throw new IllegalStateException("the proxy did not answer STATISTICS within " + TIMEOUT.toSeconds()
                    + " s (is it blocked sending to a full capture socket or peer?)");
        }
        return Statistics.fromFrames(reply.asList());
    }

    private <T> T call(Callable<T> task) {
        Future<T> result;
        try {
            result = thread.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("this proxy handle is closed", e);
        }
        try {
            // The task's own socket timeouts bound it; the extra second only covers scheduling.
            return result.get(TIMEOUT.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw RunningProxy.rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the proxy's control thread did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the proxy", e);
        }
    }
}
