package io.github.zmqffm.bench;

import java.util.ArrayList;
import java.util.List;

/** One measurement of the comparison: throughput or latency, over a transport, at a message size. */
record Case(boolean latency, String transport, int size, int count) {

    static final List<Integer> THROUGHPUT_SIZES = List.of(1, 64, 1024, 65536);
    static final List<Integer> LATENCY_SIZES = List.of(1, 1024);

    /**
     * The matrix: throughput over tcp, ipc and inproc at 1 B, 64 B, 1 KiB and 64 KiB; latency over tcp and
     * inproc at 1 B and 1 KiB. Counts are sized so a run lasts about a second or more for C (so the JVMs are
     * well past their JIT warm-up); {@code quick} uses tiny counts that only prove everything runs.
     */
    static List<Case> matrix(boolean quick, double scale) {
        List<Case> cases = new ArrayList<>();
        for (String transport : List.of("tcp", "ipc", "inproc")) {
            for (int size : THROUGHPUT_SIZES) {
                int count = quick ? 2_000 : size <= 64 ? 5_000_000 : size <= 1024 ? 2_000_000 : 100_000;
                cases.add(new Case(false, transport, size, scaled(count, scale)));
            }
        }
        for (String transport : List.of("tcp", "inproc")) {
            for (int size : LATENCY_SIZES) {
                int count = quick ? 200 : transport.equals("tcp") ? 50_000 : 200_000;
                cases.add(new Case(true, transport, size, scaled(count, scale)));
            }
        }
        return cases;
    }

    private static int scaled(int count, double scale) {
        return (int) Math.max(10, Math.round(count * scale));
    }

    /** "throughput tcp 64 B" or "latency inproc 1 KiB". */
    String label() {
        return (latency ? "latency " : "throughput ") + transport + " " + sizeLabel(size);
    }

    static String sizeLabel(int size) {
        return size >= 1024 && size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }
}
