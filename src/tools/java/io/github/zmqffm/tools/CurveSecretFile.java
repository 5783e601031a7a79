package io.github.zmqffm.tools;

import io.github.zmqffm.Curve;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CURVE secret key for {@code --curve-server-secret}: the file holds the 40 Z85 characters alone, or is a
 * czmq certificate ({@code secret-key = "..."}). A problem is a usage error naming the file.
 */
final class CurveSecretFile {

    private static final Pattern CZMQ = Pattern.compile("secret-key\\s*=\\s*\"([^\"]*)\"");

    private CurveSecretFile() {}

    static String read(CommandLine commandLine, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(commandLine,
                    "--curve-server-secret: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        Matcher czmq = CZMQ.matcher(text);
        String key = czmq.find() ? czmq.group(1) : text.strip();
        if (key.length() != 40) {
            throw new CommandLine.ParameterException(commandLine, "--curve-server-secret: " + file
                    + " holds no CURVE secret key (40 Z85 characters, or a czmq certificate's secret-key)");
        }
        try {
            Curve.publicKey(key);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--curve-server-secret: " + file + ": " + e.getMessage());
        }
        return key;
    }
}
