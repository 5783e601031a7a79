package io.github.zmqffm.fuzz;

import java.util.List;

/**
 * Renders a sequence as a plain JUnit 5 test over the public API, the same calls on the same threads, so that a
 * finding can be read, run and turned into a regression test without the fuzzer. It extends {@link FuzzReproBase}
 * (the slots as arrays, {@code step(...)} that swallows documented exceptions, the fuzzer's teardown).
 */
final class JavaRepro {

    private JavaRepro() {}

    static String render(Sequence sequence, Outcome outcome, String origin, String className) {
        StringBuilder java = new StringBuilder();
        java.append("// ").append(outcome.kind()).append(": ").append(outcome.signature()).append('\n');
        java.append("// ").append(origin).append('\n');
        java.append("class ").append(className).append(" extends io.github.zmqffm.fuzz.FuzzReproBase {\n");
        java.append("    @org.junit.jupiter.api.Test\n    void repro() throws Exception {\n");
        java.append("        begin(").append(sequence.threads()).append(");\n");
        for (int t = 1; t < sequence.threads(); t++) {
            java.append("        Thread t").append(t).append(" = Thread.ofPlatform().start(() -> {\n");
            steps(java, sequence.of(t), "            ");
            java.append("        });\n");
        }
        steps(java, sequence.of(0), "        ");
        for (int t = 1; t < sequence.threads(); t++) {
            java.append("        t").append(t).append(".join();\n");
        }
        java.append("        tearDown();\n    }\n}\n");
        return java.toString();
    }

    /** The imports a reproduction needs, for the top of a file of them. */
    static final String IMPORTS = """
            import io.github.zmqffm.*;
            import java.lang.foreign.*;
            import java.nio.ByteBuffer;
            import java.time.Duration;
            import java.util.EnumSet;
            import java.util.concurrent.TimeUnit;
            """;

    private static void steps(StringBuilder java, List<Action> actions, String indent) {
        for (Action action : actions) {
            java.append(indent).append("step(() -> { ").append(action.java()).append(" });\n");
        }
    }
}
