package io.github.zmqffm.tools;

import io.github.zmqffm.auth.Certificate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code zmqffm cert new|show}: CURVE certificates in czmq's format, which pyzmq's zmq.auth reads too. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "CURVE certificates in czmq's ZPL format: NAME.key (public, to hand out) and NAME.key_secret "
                + "(secret, mode 0600), as pyzmq's zmq.auth.create_certificates and czmq's zcert write them.",
        subcommands = {CertCommand.New.class, CertCommand.Show.class})
final class CertCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: new or show");
    }

    /** {@code zmqffm cert new NAME --dir DIR [--meta key=value ...]}. */
    @Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Make a new key pair and write DIR/NAME.key and DIR/NAME.key_secret; print the public key.",
            footer = {"", "Exit 0: written; 1: a file exists already or cannot be written; 2: bad arguments."})
    static final class New implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the files' base name (no directory)")
        private String name;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "where to write them (created if absent)")
        private Path dir;

        @Option(names = "--meta", paramLabel = "KEY=VALUE", mapFallbackValue = "",
                description = "metadata to store in both files (repeatable), e.g. --meta name=alice --meta user-id=alice; "
                        + "an authenticator returns user-id as the client's User-Id")
        private Map<String, String> meta = new LinkedHashMap<>();

        @Override
        public Integer call() {
            Certificate certificate = Certificate.create();
            try {
                for (Map.Entry<String, String> entry : meta.entrySet()) {
                    certificate = certificate.withMeta(entry.getKey(), entry.getValue());
                }
                Files.createDirectories(dir);
                Path publicFile = certificate.save(dir, name);
                PrintWriter out = spec.commandLine().getOut();
                out.println("public: " + publicFile);
                out.println("secret: " + publicFile.resolveSibling(publicFile.getFileName() + Certificate.SECRET_SUFFIX));
                out.println("public-key: " + certificate.publicKey());
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } catch (UncheckedIOException e) {
                return fail(spec, describe(e.getCause()));
            } catch (IOException e) {
                return fail(spec, describe(e));
            }
        }
    }

    /** {@code zmqffm cert show FILE}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a certificate's public key, metadata and whether it holds the secret key (never the key itself).",
            footer = {"", "Exit 0: shown; 1: not readable or not a certificate; 2: bad arguments."})
    static final class Show implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "a public (.key) or secret (.key_secret) certificate")
        private Path file;

        @Override
        public Integer call() {
            Certificate certificate;
            try {
                certificate = Certificate.load(file);
            } catch (UncheckedIOException e) {
                return fail(spec, describe(e.getCause()));
            } catch (IllegalArgumentException e) {
                return fail(spec, e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("file: " + file);
            out.println("public-key: " + certificate.publicKey());
            out.println("secret-key: " + (certificate.hasSecretKey() ? "present (not shown)" : "absent"));
            out.println("metadata:" + (certificate.metadata().isEmpty() ? " none" : ""));
            certificate.metadata().forEach((key, value) -> out.println("    " + key + " = " + value));
            out.flush();
            return 0;
        }
    }

    /** Prints {@code zmqffm cert new: why} on stderr; returns exit code 1. */
    private static int fail(CommandLine.Model.CommandSpec spec, String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + why);
        err.flush();
        return 1;
    }

    private static String describe(IOException e) {
        return e instanceof FileAlreadyExistsException ? e.getMessage() + " exists already (not replaced)"
                : e.getMessage() + " (" + e.getClass().getSimpleName() + ")";
    }
}
