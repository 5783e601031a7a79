package io.github.zmqffm.tools;

import io.github.zmqffm.tools.perf.PerfCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zmqffm} command line; {@code scripts/zmqffm} runs it. Usage errors exit with 2. */
@Command(name = "zmqffm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "zmq-ffm: ZeroMQ for Java over the real libzmq.",
        subcommands = {DemoCommand.class, DoctorCommand.class, DeviceCommand.class, ProxyCtlCommand.class,
                PerfCommand.class, CertCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setParameterExceptionHandler(new UsageErrors()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
