package io.github.zmqffm.tools;

import io.github.zmqffm.proxy.ControlCommand;
import io.github.zmqffm.proxy.DeviceType;
import io.github.zmqffm.proxy.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** picocli converters for the proxy commands' values; a bad value becomes a usage error (exit 2). */
final class CliValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private CliValues() {}

    /** {@code queue}, {@code forwarder} or {@code streamer}, any case. */
    static final class DeviceTypes implements ITypeConverter<DeviceType> {
        @Override
        public DeviceType convert(String text) {
            try {
                return DeviceType.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a device type: expected queue, forwarder or streamer");
            }
        }
    }

    /** {@code pause}, {@code resume}, {@code terminate} or {@code stats} ({@code statistics}), any case. */
    static final class ControlCommands implements ITypeConverter<ControlCommand> {
        @Override
        public ControlCommand convert(String text) {
            String name = text.toUpperCase(Locale.ROOT);
            try {
                return ControlCommand.valueOf(name.equals("STATS") ? "STATISTICS" : name);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a command: expected pause, resume, terminate or stats");
            }
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601 such as {@code PT1.5S}; not negative. */
    static final class Durations implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Matcher simple = SIMPLE_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
            Duration duration;
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                duration = switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                try {
                    duration = Duration.parse(text.strip());
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + text + "' is not a duration: expected e.g. 500ms, 10s, 5m, 1h or PT1.5S");
                }
            }
            if (duration.isNegative()) {
                throw new TypeConversionException("'" + text + "' is negative");
            }
            return duration;
        }
    }

    /**
     * A size in bytes: {@code 1024}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB} (also {@code KB}/{@code MB}/{@code GB}
     * as powers of 1024, any case), or {@code none} / {@code -1} for no limit (-1).
     */
    static final class Sizes implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (value.equals("none") || value.equals("-1")) {
                return -1L;
            }
            Matcher size = SIZE.matcher(value);
            if (!size.matches()) {
                throw new TypeConversionException("'" + text + "' is not a size: expected e.g. 1024, 64KiB, 16MiB or none");
            }
            int shift = switch (size.group(2)) {
                case "k", "kb", "kib" -> 10;
                case "m", "mb", "mib" -> 20;
                case "g", "gb", "gib" -> 30;
                default -> 0;
            };
            long amount = Long.parseLong(size.group(1));
            if (amount > Long.MAX_VALUE >> shift) {
                throw new TypeConversionException("'" + text + "' is too large");
            }
            return amount << shift;
        }
    }

    /** Parses an endpoint option, reporting a malformed one as a usage error that names the option. */
    static List<Endpoint> endpoints(CommandLine commandLine, String option, String text, Endpoint.Mode defaultMode) {
        try {
            return Endpoint.parseList(text, defaultMode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, option + ": " + e.getMessage());
        }
    }
}
