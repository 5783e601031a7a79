/**
 * The {@code zmqffm} command line (device, proxy-ctl, perf, doctor, demo) over zmq-ffm's exported API only.
 * picocli reads the commands' annotated fields reflectively, hence the {@code opens}.
 */
module io.github.zmqffm.tools {
    requires io.github.zmqffm;
    requires info.picocli;

    opens io.github.zmqffm.tools to info.picocli;
    opens io.github.zmqffm.tools.perf to info.picocli;
}
