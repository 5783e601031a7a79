package io.github.zmqffm.tools;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Reports a usage error as one line on stderr, {@code zmqffm device: Missing required option: '--frontend=ENDPOINT'
 * (see 'zmqffm device --help')}, and exits with picocli's code for invalid input (2), instead of printing the
 * whole usage text: in a service's log one line says more.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(name + ": " + e.getMessage().replace('\n', ' ').strip() + " (see '" + name + " --help')");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
