package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Socket#hasReceiveMore()} answers the same by its critical call and by the ordinary option path. */
class ReceiveMoreTest {

    @Test
    void hasReceiveMoreWithCriticalCallsOnAndOff() throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), ReceiveMoreProbe.class),
                java.time.Duration.ofMinutes(2));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("frame a: more true, critical calls on"), result.stdout());
        assertTrue(result.stdout().contains("frame c: more false, critical calls off"), result.stdout());
    }
}
