package io.github.zmqffm.interop;

import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** What every interop test has: the Java side's {@link TestContext} and a fresh directory for ipc endpoints. */
abstract class InteropTestBase {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** Where ipc endpoints live (a new one per test). */
    @TempDir
    Path dir;
}
