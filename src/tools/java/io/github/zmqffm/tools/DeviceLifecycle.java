package io.github.zmqffm.tools;

import io.github.zmqffm.Context;
import io.github.zmqffm.auth.AuthStatistics;
import io.github.zmqffm.auth.Authenticator;
import io.github.zmqffm.proxy.RunningProxy;
import io.github.zmqffm.proxy.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running device service: prints the counters every interval, and stops exactly once, either because the
 * proxy ended (TERMINATE at its control endpoint) or because a shutdown hook saw SIGINT/SIGTERM. Stopping
 * pauses the proxy, prints its final counters, terminates it and closes the context.
 */
final class DeviceLifecycle {

    private final Context context;
    private final RunningProxy running;
    private final Authenticator authenticator;  // null without authentication
    private final ScheduledExecutorService ticker;
    private final Object lock = new Object();
    private boolean stopped;      // guarded by lock
    private int exitCode;         // guarded by lock
    private volatile boolean exiting;

    DeviceLifecycle(Context context, RunningProxy running, Authenticator authenticator, Duration statsInterval) {
        this.context = context;
        this.running = running;
        this.authenticator = authenticator;
        if (statsInterval == null || statsInterval.isZero()) {
            this.ticker = null;
        } else {
            this.ticker = Executors.newSingleThreadScheduledExecutor(
                    task -> Thread.ofPlatform().daemon().name("zmqffm-device-stats").unstarted(task));
            long millis = statsInterval.toMillis();
            ticker.scheduleAtFixedRate(this::printStatistics, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Blocks until the proxy stops (or a signal stops it); returns the exit code. */
    int runUntilStopped() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("zmqffm-device-shutdown").unstarted(this::onSignal));
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = stop();
        exiting = true;  // the JVM's own exit now runs the hook, which must then do nothing
        return code;
    }

    /**
     * The shutdown hook: on SIGINT/SIGTERM the JVM would exit with 128+signal once hooks finish; a graceful stop
     * is a success, so after stopping the hook ends the process itself with the stop's exit code.
     */
    private void onSignal() {
        if (exiting) {
            return;
        }
        int code = stop();
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private void printStatistics() {
        Statistics stats;
        try {
            stats = running.statistics();
        } catch (RuntimeException e) {
            return;  // stopping
        }
        synchronized (lock) {
            if (!stopped) {
                System.out.println(DeviceCommand.statsLine("stats", stats, authStatistics()));
                System.out.flush();
            }
        }
    }

    private int stop() {
        synchronized (lock) {
            if (stopped) {
                return exitCode;
            }
            stopped = true;
            if (ticker != null) {
                ticker.shutdownNow();
            }
            try {
                running.close();
            } catch (RuntimeException e) {
                System.err.println("zmqffm device: " + e.getMessage() + "; shutting the context down");
                context.shutdown();
                exitCode = 1;
            }
            Optional<Throwable> failure = running.failure();
            if (failure.isPresent()) {
                System.err.println("zmqffm device: the proxy failed: " + failure.get().getMessage());
                exitCode = 1;
            }
            try {
                System.out.println(DeviceCommand.statsLine("stopped", running.statistics(), authStatistics()));
            } catch (RuntimeException e) {
                System.out.println("{\"event\":\"stopped\",\"time\":\"" + Instant.now() + "\"}");
            }
            System.out.flush();
            if (authenticator != null) {
                authenticator.close();
            }
            context.close();
            return exitCode;
        }
    }

    private AuthStatistics authStatistics() {
        return authenticator == null ? null : authenticator.statistics();
    }
}
