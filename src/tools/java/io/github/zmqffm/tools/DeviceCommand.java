package io.github.zmqffm.tools;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.auth.AuthStatistics;
import io.github.zmqffm.auth.Authenticator;
import io.github.zmqffm.proxy.Device;
import io.github.zmqffm.proxy.DeviceType;
import io.github.zmqffm.proxy.Endpoint;
import io.github.zmqffm.proxy.Proxy;
import io.github.zmqffm.proxy.RunningProxy;
import io.github.zmqffm.proxy.SocketSpec;
import io.github.zmqffm.proxy.Statistics;
import io.github.zmqffm.SocketType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code zmqffm device queue|forwarder|streamer}: a {@code zmq_device} as a service. It prints one JSON object a
 * line on stdout (started, stats, stopped), stops gracefully on SIGINT/SIGTERM (exit 0, final counters printed)
 * or on TERMINATE at its control endpoint, and exits 1 if it cannot start (a port in use...) or 2 on bad arguments.
 */
@Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a zmq_device: queue (ROUTER frontend, DEALER backend), forwarder (XSUB/XPUB) or "
                + "streamer (PULL/PUSH). Forwarding is libzmq's native zmq_proxy_steerable.",
                "ENDPOINT: @tcp://host:port binds, >tcp://host:port connects; without a prefix it binds. "
                        + "Several may be given, separated by commas."},
        footer = {"", "Prints one JSON object a line: started, stats (every --stats-interval) and stopped (with the "
                + "final counters).", "SIGINT/SIGTERM stop it gracefully (exit 0). Exit 1: could not start; 2: bad arguments.",
                "Example: zmqffm device queue --frontend @tcp://*:5555 --backend @tcp://*:5556 "
                        + "--control @tcp://127.0.0.1:5557 --stats-interval 10s"})
final class DeviceCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE", converter = CliValues.DeviceTypes.class,
            description = "queue, forwarder or streamer")
    private DeviceType type;

    @Option(names = "--frontend", required = true, paramLabel = "ENDPOINT",
            description = "where clients, publishers or producers reach the device")
    private String frontend;

    @Option(names = "--backend", required = true, paramLabel = "ENDPOINT",
            description = "where workers, subscribers or consumers reach the device")
    private String backend;

    @Option(names = "--capture", paramLabel = "ENDPOINT",
            description = "a PUB socket that gets a copy of every frame forwarded (and of each control command)")
    private String capture;

    @Option(names = "--control", paramLabel = "ENDPOINT",
            description = "a REP socket for 'zmqffm proxy-ctl' (PAUSE, RESUME, TERMINATE, STATISTICS); "
                    + "not authenticated: bind it to 127.0.0.1 or ipc://")
    private String control;

    @Option(names = "--stats-interval", paramLabel = "DURATION", converter = CliValues.Durations.class,
            description = "print the counters this often (e.g. 10s, 500ms); default: only when stopping")
    private Duration statsInterval;

    @CommandLine.Mixin
    private DeviceSecurity security = new DeviceSecurity();

    @Option(names = "--hwm", paramLabel = "N",
            description = "ZMQ_SNDHWM and ZMQ_RCVHWM of frontend and backend, in messages (libzmq default 1000)")
    private Integer hwm;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "1s", converter = CliValues.Durations.class,
            description = "how long a stopping device may still deliver what it has queued (default ${DEFAULT-VALUE})")
    private Duration linger;

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        DeviceSecurity.Setup secured = security.setup(commandLine);
        Consumer<Socket> options = socket -> {};
        if (hwm != null) {
            int limit = hwm;
            options = socket -> {
                socket.set(SocketOption.SNDHWM, limit);
                socket.set(SocketOption.RCVHWM, limit);
            };
        }
        List<Endpoint> frontEndpoints = CliValues.endpoints(commandLine, "--frontend", frontend, Endpoint.Mode.BIND);
        List<Endpoint> backEndpoints = CliValues.endpoints(commandLine, "--backend", backend, Endpoint.Mode.BIND);
        SocketSpec front = new SocketSpec(type.defaultFrontend(), frontEndpoints,
                options.andThen(secured.socketOptions(frontEndpoints)));
        SocketSpec back = new SocketSpec(type.defaultBackend(), backEndpoints,
                options.andThen(secured.socketOptions(backEndpoints)));
        SocketSpec captureSpec = capture == null ? null : new SocketSpec(SocketType.PUB,
                CliValues.endpoints(commandLine, "--capture", capture, Endpoint.Mode.BIND), socket -> {});
        List<Endpoint> controlEndpoints = control == null ? List.of()
                : CliValues.endpoints(commandLine, "--control", control, Endpoint.Mode.BIND);
        if (controlEndpoints.size() > 1) {
            throw new CommandLine.ParameterException(commandLine, "--control takes one endpoint");
        }
        // Everything is checked: only now make the context.
        Proxy proxy = Device.proxy(new Context(), type, front, back).withLinger(linger);
        if (captureSpec != null) {
            proxy = proxy.withCapture(captureSpec);
        }
        if (!controlEndpoints.isEmpty()) {
            proxy = proxy.withControl(controlEndpoints.getFirst());
        }
        return serve(proxy, secured, secured.maxMessageSizeFor(frontEndpoints), secured.maxMessageSizeFor(backEndpoints));
    }

    private int serve(Proxy proxy, DeviceSecurity.Setup secured, long frontMax, long backMax) {
        Context context = proxy.context();
        context.setTermTimeout(linger.plusSeconds(2));
        Authenticator authenticator = null;
        RunningProxy running;
        try {
            // Before any socket binds: a CURVE handshake with no ZAP handler in the context would accept anyone.
            authenticator = secured.policy() == null ? null : Authenticator.start(context, secured.policy());
            running = proxy.start();
        } catch (ZmqException | IllegalStateException e) {
            System.err.println("zmqffm device: cannot start: " + e.getMessage());
            context.close();
            return 1;
        }
        System.out.println("{\"event\":\"started\",\"device\":" + Json.string(type.name().toLowerCase(java.util.Locale.ROOT))
                + ",\"frontend\":" + Json.string(running.frontendEndpoint())
                + ",\"backend\":" + Json.string(running.backendEndpoint())
                + ",\"capture\":" + Json.string(running.captureEndpoint())
                + ",\"control\":" + Json.string(running.controlEndpoint())
                + ",\"curve_public_key\":" + Json.string(secured.curvePublicKey())
                + ",\"auth\":" + Json.string(secured.policy() == null ? null : secured.policy().toString())
                + ",\"max_message_size\":{\"frontend\":" + frontMax + ",\"backend\":" + backMax + "}"
                + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        System.out.flush();
        return new DeviceLifecycle(context, running, authenticator, statsInterval).runUntilStopped();
    }

    /** The JSON line for a statistics event, with the authenticator's decisions if there is one. */
    static String statsLine(String event, Statistics stats, AuthStatistics auth) {
        String counters = stats.toJson();
        return "{\"event\":\"" + event + "\",\"time\":\"" + Instant.now() + "\","
                + counters.substring(1, counters.length() - 1) + (auth == null ? "" : ",\"auth\":" + auth.toJson()) + "}";
    }
}
