package io.github.zmqffm.faults;

import io.github.zmqffm.Context;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Test fixture ({@code @RegisterExtension}) of the network fault tests: a fresh {@link NetNamespace} (the test is
 * skipped, saying why, where none can be made) and a {@link Context} per test, both closed afterwards even when
 * the test fails.
 */
final class TestHost implements BeforeEachCallback, AfterEachCallback {

    private NetNamespace namespace;
    private Context context;

    @Override
    public void beforeEach(ExtensionContext extension) throws Exception {
        String reason = NetNamespace.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: " + reason);
        namespace = NetNamespace.create();
        context = new Context();
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    /** The test host. */
    NetNamespace namespace() {
        return namespace;
    }

    /** This JVM's context for the test. */
    Context context() {
        return context;
    }
}
