package io.github.zmqffm.tools;

import io.github.zmqffm.Context;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.proxy.ControlCommand;
import io.github.zmqffm.proxy.Endpoint;
import io.github.zmqffm.proxy.Statistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code zmqffm proxy-ctl}: sends one command to a device's control endpoint (a REQ request) and prints the reply. */
@Command(name = "proxy-ctl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Steer a running 'zmqffm device' (or any Proxy with a control endpoint): pause, resume, "
                + "terminate, or stats (prints the eight counters as one JSON object).",
                "ENDPOINT: >tcp://host:port connects (the default without a prefix), @... binds."},
        footer = {"", "Exit 0: done; 1: no reply within --timeout, or the proxy refused; 2: bad arguments."})
final class ProxyCtlCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "COMMAND", converter = CliValues.ControlCommands.class,
            description = "pause, resume, terminate or stats")
    private ControlCommand command;

    @Option(names = "--control", required = true, paramLabel = "ENDPOINT", description = "the device's --control endpoint")
    private String control;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = CliValues.Durations.class,
            description = "how long to wait for the reply (default ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public Integer call() {
        List<Endpoint> endpoints = CliValues.endpoints(spec.commandLine(), "--control", control, Endpoint.Mode.CONNECT);
        try (Context context = new Context(); Socket req = context.socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.set(SocketOption.RCVTIMEO, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            for (Endpoint endpoint : endpoints) {
                if (endpoint.mode() == Endpoint.Mode.BIND) {
                    req.bind(endpoint.address());
                } else {
                    req.connect(endpoint.address());
                }
            }
            req.send(command.wire());
            Frames reply = req.recvMultipart();
            if (reply == null) {
                System.err.println("zmqffm proxy-ctl: no reply from " + control + " within " + timeout.toMillis()
                        + " ms (is a device with --control listening there?)");
                return 1;
            }
            if (command == ControlCommand.STATISTICS && reply.size() == Statistics.FRAMES) {
                System.out.println(Statistics.fromFrames(reply.asList()).toJson());
                return 0;
            }
            String text = reply.getString(0);
            if (reply.size() != 1 || !text.equals("OK")) {
                System.err.println("zmqffm proxy-ctl: " + text);
                return 1;
            }
            System.out.println(text);
            return 0;
        }
    }
}
