package io.github.zmqffm.tools;

import io.github.zmqffm.Zmq;
import picocli.CommandLine;

/** {@code --version}: this jar's version and the loaded libzmq's. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String own = Main.class.getPackage().getImplementationVersion();
        return new String[] {"zmq-ffm " + (own == null ? "(development build)" : own), "libzmq " + Zmq.version()};
    }
}
