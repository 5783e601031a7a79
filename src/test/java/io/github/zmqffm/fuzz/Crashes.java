package io.github.zmqffm.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads why a child JVM died: its hs_err file (signal, problematic frame, the Java frames that led there) or, with
 * none, the last words on its stderr (a libzmq assertion, glibc's heap checks). The signature leaves out addresses
 * and offsets so that the same bug found twice is one class.
 */
final class Crashes {

    /** libzmq's {@code zmq_assert}/{@code errno_assert} ("... (src/socket_base.cpp:123)") and glibc's heap checks. */
    private static final Pattern LAST_WORDS = Pattern.compile(
            ".*\\((?:\\S*/)?src/[\\w./]+:\\d+\\)\\s*$|.*(?:free\\(\\)|malloc\\(\\)|corrupted|double free|munmap_chunk|"
                    + "realloc\\(\\)|Aborted|terminate called).*");
    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern OFFSETS = Pattern.compile("\\+0x[0-9a-f]+|0x[0-9a-f]+");

    private Crashes() {}

    static Outcome describe(int exitCode, Path hsErr, List<String> stderr) {
        if (Files.exists(hsErr)) {
            return fromHsErr(hsErr, exitCode);
        }
        for (int i = stderr.size() - 1; i >= 0; i--) {
            if (LAST_WORDS.matcher(stderr.get(i)).matches()) {
                // Where libzmq's source was built differs between machines: keep src/file.cpp:line only.
                String words = stderr.get(i).trim().replaceAll("\\(\\S*/(src/[\\w./]+:\\d+)\\)", "($1)");
                return new Outcome(Outcome.Kind.ABORT, OFFSETS.matcher(words).replaceAll(""),
                        "exit code " + exitCode + "; stderr ends:\n" + tail(stderr, 40));
            }
        }
        return new Outcome(Outcome.Kind.LOST, "exit code " + exitCode + (exitCode > 128 ? " (signal "
                + (exitCode - 128) + ")" : ""), "no hs_err file; stderr ends:\n" + tail(stderr, 40));
    }

    private static Outcome fromHsErr(Path hsErr, int exitCode) {
        List<String> lines = read(hsErr);
        String signal = "?";
        String problematic = "?";
        String thread = "?";
        String javaFrame = null;
        boolean inJavaFrames = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = SIGNAL.matcher(line);
            if (m.find()) {
                signal = m.group(1);
            } else if (line.startsWith("# Problematic frame:") && i + 1 < lines.size()) {
                problematic = lines.get(i + 1).replaceFirst("^#\\s*", "");
            } else if (line.startsWith("Current thread")) {
                thread = line.contains("\"") ? line.substring(line.indexOf('"'), line.lastIndexOf('"') + 1)
                        : "a native thread";
            } else if (line.startsWith("Java frames:")) {
                inJavaFrames = true;
            } else if (inJavaFrames && javaFrame == null && line.contains("io.github.zmqffm.")
                    && !line.contains("io.github.zmqffm.fuzz.")) {
                javaFrame = javaMethod(line);
            } else if (inJavaFrames && line.isBlank()) {
                inJavaFrames = false;
            }
        }
        if (javaFrame == null) {
            javaFrame = lines.stream().filter(l -> l.matches("^[jJ] .*io\\.github\\.zmqffm\\..*")
                    && !l.contains(".fuzz.")).findFirst().map(Crashes::javaMethod).orElse(null);
        }
        // A stripped libzmq has no symbols: its offset (stable for one build) tells crash sites apart.
        String where = problematic.replaceAll("\\+0x[0-9a-f]+(?=\\s*$)", "").replaceAll("^J\\s+\\d+\\s+c\\d\\s+", "J ")
                .replaceAll("\\s+", " ").trim();
        List<String> libzmq = NativeFrames.libzmqFunctions(lines);
        if (!libzmq.isEmpty()) {
            // A name outlives the build (and the C library) that gave the offsets.
            where = where.replaceAll("\\+0x[0-9a-f]+]", "]") + " in " + libzmq.get(0);
        }
        String signature = signal + " at " + where + (javaFrame == null ? " on " + thread : " via " + javaFrame);
        return new Outcome(Outcome.Kind.CRASH, signature, "exit code " + exitCode + ", " + hsErr + "\nthread: " + thread
                + (libzmq.isEmpty() ? "" : "\nlibzmq code on the stack, innermost first: " + String.join(" < ", libzmq))
                + "\n" + excerpt(lines));
    }

    /** {@code io.github.zmqffm.SocketIo.recvMessage(...)} from an hs_err frame line, as {@code SocketIo.recvMessage}. */
    private static String javaMethod(String line) {
        Matcher m = Pattern.compile("io\\.github\\.zmqffm\\.([\\w.$]+)\\.([\\w$<>]+)\\(").matcher(line);
        if (!m.find()) {
            return line.trim();
        }
        String type = m.group(1);
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.group(2);
    }

    /** The header, the native and Java frames of the crashing thread. */
    private static String excerpt(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean frames = false;
        int kept = 0;
        for (String line : lines) {
            if (line.startsWith("#  SIG") || line.startsWith("# Problematic") || line.startsWith("# C ")
                    || line.startsWith("# J ") || line.startsWith("# j ") || line.startsWith("Current thread")) {
                out.append(line).append('\n');
            } else if (line.startsWith("Native frames:") || line.startsWith("Java frames:")) {
                frames = true;
                out.append(line).append('\n');
            } else if (frames && line.isBlank()) {
                frames = false;
            } else if (frames && kept++ < 60) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String tail(List<String> lines, int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of("(unreadable: " + e + ")");
        }
    }
}
