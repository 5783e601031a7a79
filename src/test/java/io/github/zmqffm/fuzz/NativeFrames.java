package io.github.zmqffm.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the libzmq code in an hs_err file, with the unstripped copy of the bundled library that native/build-libzmq
 * keeps beside it ({@code lib/libzmq.so.unstripped}) and binutils' {@code addr2line}. libzmq is built without frame
 * pointers, so HotSpot's frame list stops at the faulting frame (often libc's memcpy); the words of the "Top of
 * Stack" dump that point into libzmq's code are its callers' return addresses (a scan: a stale one may be among
 * them). Without the copy or binutils, no names.
 */
final class NativeFrames {

    private static final Pattern LIBZMQ_FRAME = Pattern.compile("^C\\s+\\[libzmq\\.so\\+0x([0-9a-f]+)\\]");
    /** A line of the mapping list: {@code start-end r-xp offset dev inode path}. */
    private static final Pattern CODE_MAPPING = Pattern.compile(
            "^([0-9a-f]+)-([0-9a-f]+) r-xp ([0-9a-f]+) \\S+ \\d+\\s+\\S*/libzmq\\.so[.0-9]*$");
    private static final Pattern STACK_WORDS = Pattern.compile("^0x[0-9a-f]+:\\s+([0-9a-f]{16}) ([0-9a-f]{16})");
    private static final int MOST = 12;
    private static final Path UNSTRIPPED = Path.of(System.getProperty("zmqffm.test.prefix", "target/libzmq/prefix"),
            "lib", "libzmq.so.unstripped");

    private NativeFrames() {}

    /** The libzmq functions of a crash report, innermost first (at most a dozen); empty if they cannot be named. */
    static List<String> libzmqFunctions(List<String> hsErr) {
        Set<String> offsets = new LinkedHashSet<>();
        long start = -1;
        long end = -1;
        long fileOffset = 0;
        for (String line : hsErr) {
            Matcher frame = LIBZMQ_FRAME.matcher(line);
            Matcher mapping = CODE_MAPPING.matcher(line);
            if (frame.find()) {
                offsets.add(frame.group(1));
            } else if (mapping.find()) {
                start = Long.parseUnsignedLong(mapping.group(1), 16);
                end = Long.parseUnsignedLong(mapping.group(2), 16);
                fileOffset = Long.parseUnsignedLong(mapping.group(3), 16);
            }
        }
        if (start >= 0) {
            boolean inStack = false;
            for (String line : hsErr) {
                if (line.startsWith("Top of Stack:")) {
                    inStack = true;
                } else if (inStack && line.isBlank()) {
                    break;
                } else if (inStack) {
                    Matcher words = STACK_WORDS.matcher(line);
                    for (int g = 1; g <= 2 && words.find(0); g++) {
                        long word = Long.parseUnsignedLong(words.group(g), 16);
                        if (word >= start && word < end) {
                            // a return address: the call is the instruction before it
                            offsets.add(Long.toHexString(word - 1 - start + fileOffset));
                        }
                    }
                }
            }
        }
        return offsets.isEmpty() || !Files.isRegularFile(UNSTRIPPED) ? List.of()
                : addr2line(offsets.stream().limit(MOST).map(o -> "0x" + o).toList());
    }

    private static List<String> addr2line(List<String> addresses) {
        List<String> command = new ArrayList<>(List.of("addr2line", "-C", "-f", "-e", UNSTRIPPED.toString()));
        command.addAll(addresses);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return List.of();
            }
            // -f prints two lines per address: the function, then file:line ("??:0" without debug information).
            List<String> lines = out.lines().toList();
            List<String> functions = new ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                if (!lines.get(i).equals("??") && (functions.isEmpty() || !functions.getLast().equals(lines.get(i)))) {
                    functions.add(lines.get(i));
                }
            }
            return functions;
        } catch (IOException e) {
            return List.of(); // no binutils here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
