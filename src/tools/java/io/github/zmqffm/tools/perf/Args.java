package io.github.zmqffm.tools.perf;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * The positional arguments the tools share, as picocli mixins (a mixin's positions must start at 0, hence one
 * class per argument list). Numbers are read with C's {@code atoi}, as libzmq's tools read them.
 */
final class Args {

    private Args() {}

    /** {@code <endpoint> <message-size> <count>}: the latency tools that bind or connect. */
    static class Networked {
        @Parameters(index = "0", paramLabel = "<endpoint>",
                description = "endpoint to bind (local_*) or connect to (remote_*), e.g. tcp://127.0.0.1:5555")
        String endpoint;

        @Parameters(index = "1", paramLabel = "<message-size>", converter = Atoi.class, description = "bytes per message")
        int size;

        @Parameters(index = "2", paramLabel = "<count>", converter = Atoi.class,
                description = "messages (*_thr) or round trips (*_lat)")
        int count;
    }

    /** {@code <endpoint> <message-size> <message-count> [<enable_curve>]}: local_thr and remote_thr. */
    static final class Throughput extends Networked {
        @Parameters(index = "3", arity = "0..1", paramLabel = "<enable_curve>", defaultValue = "0",
                converter = Atoi.class, description = "non-zero: CURVE with libzmq's perf keys")
        int curve;
    }

    /** {@code <message-size> <count>}: the inproc tools. */
    static final class Inproc {
        @Parameters(index = "0", paramLabel = "<message-size>", converter = Atoi.class, description = "bytes per message")
        int size;

        @Parameters(index = "1", paramLabel = "<count>", converter = Atoi.class,
                description = "messages (inproc_thr) or round trips (inproc_lat)")
        int count;
    }

    /** The benchmark's extra option on the latency tools (libzmq's CLI has none; stdout is unchanged). */
    static final class RoundTripsFile {
        @Option(names = "--round-trips-to", paramLabel = "FILE",
                description = "also write each round trip's time (ns, one per line) to FILE, for percentiles")
        Path file;
    }

    /** C's {@code atoi}: never a usage error, 0 when there are no digits. */
    static final class Atoi implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return PerfOutput.atoi(value);
        }
    }
}
