package io.github.zmqffm.tools.perf;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zmqffm perf}: libzmq's perf tools ({@code perf/*.cpp}) over zmq-ffm, with the same arguments and
 * output lines, so that each pairs with its C twin (C {@code remote_thr} into Java {@code local_thr} and so on).
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = "libzmq's perf tools over zmq-ffm: same arguments and output as libzmq's perf/*.cpp.",
        subcommands = {LocalThr.class, RemoteThr.class, LocalLat.class, RemoteLat.class, InprocThr.class,
                InprocLat.class})
public final class PerfCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a tool name: a usage error listing the tools. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a tool: local_thr, remote_thr, local_lat, remote_lat, inproc_thr or inproc_lat");
    }
}
