package io.github.zmqffm.tools;

import io.github.zmqffm.LoadedLibrary;
import io.github.zmqffm.Zmq;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Prints what an operator needs to know when something does not load or behave. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Print the loaded libzmq (file, why it was chosen), its version and capabilities, and the runtime.")
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("platform:       " + Zmq.platform());
        System.out.println("java:           " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")");
        // What counts is the library's module: it makes the restricted calls.
        Module module = Zmq.class.getModule();
        System.out.println("native access:  " + (module.isNativeAccessEnabled() ? "enabled" : "NOT enabled (add "
                + "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED") + ")"));
        LoadedLibrary library = Zmq.library();
        System.out.println("library:        " + library.path());
        System.out.println("chosen because: " + library.source().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + library.detail());
        System.out.println("libzmq version: " + Zmq.version());
        StringBuilder capabilities = new StringBuilder();
        for (String capability : Zmq.CAPABILITIES) {
            capabilities.append(' ').append(capability).append(Zmq.has(capability) ? "=yes" : "=no");
        }
        System.out.println("capabilities:  " + capabilities);
        library.warning().ifPresent(warning -> System.out.println("warning:        " + warning));
        return 0;
    }
}
