package io.github.zmqffm.fuzz;

import io.github.zmqffm.SocketOption;

import java.util.List;

/** The socket options the fuzzer sets and reads, and the odd values it gives them. */
final class Options {

    static final List<SocketOption<?>> WRITABLE =
            SocketOption.all().stream().filter(SocketOption::writable).toList();
    static final List<SocketOption<?>> READABLE =
            SocketOption.all().stream().filter(SocketOption::readable).toList();

    private Options() {}

    static SocketOption<?> writable(int index) {
        return WRITABLE.get(Math.floorMod(index, WRITABLE.size()));
    }

    static SocketOption<?> readable(int index) {
        return READABLE.get(Math.floorMod(index, READABLE.size()));
    }

    /**
     * The value of {@code option} made from a generated number or byte spec. Timeouts stay within 0..50 ms: a
     * fuzz sequence must not block forever by asking to (every blocking call is bounded).
     */
    static Object value(SocketOption<?> option, long number, int bytes) {
        if (isTimeout(option)) {
            return (int) Math.floorMod(number, 51L);
        }
        return switch (option.kind()) {
            case INT, FD -> (int) number;
            case BOOL -> (number & 1) != 0;
            case INT64, UINT64 -> number;
            case BYTES -> Harness.optionBytes(bytes);
            case STRING -> Harness.utf8(Harness.optionBytes(bytes));
        };
    }

    static String valueJava(SocketOption<?> option, long number, int bytes) {
        Object value = value(option, number, bytes);
        return switch (option.kind()) {
            case INT, FD, BOOL -> String.valueOf(value);
            case INT64, UINT64 -> value + "L";
            case BYTES -> bytesJava(bytes);
            case STRING -> "new String(" + bytesJava(bytes) + ")";
        };
    }

    private static String bytesJava(int spec) {
        return "optionBytes(" + Harness.optionLength(spec) + ", " + Harness.optionNul(spec) + ")";
    }

    private static boolean isTimeout(SocketOption<?> option) {
        return option == SocketOption.RCVTIMEO || option == SocketOption.SNDTIMEO;
    }

    @SuppressWarnings("unchecked")
    static <T> SocketOption<T> cast(SocketOption<?> option) {
        return (SocketOption<T>) option;
    }
}
