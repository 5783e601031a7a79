package io.github.zmqffm.safety;

import io.github.zmqffm.Context;

import java.lang.foreign.MemorySegment;

import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Class 6, raw handles from outside: {@link Context#adopt} is a restricted method, since libzmq cannot tell a live
 * context from any other address.
 */
public final class HandleScenarios {

    private HandleScenarios() {}

    /** Run without native access for the class path: adopting any address is refused before libzmq sees it. */
    @Scenario(nativeAccess = false)
    public static void adoptWithoutNativeAccessIsRefused() {
        expect(IllegalCallerException.class, () -> Context.adopt(MemorySegment.ofAddress(0x1234)));
    }

    @Scenario
    public static void adoptOfNullIsRefused() {
        expect(IllegalArgumentException.class, () -> Context.adopt(MemorySegment.NULL));
    }

    @Scenario
    public static void adoptOfALiveContextWorks() {
        try (Context owner = new Context(); Context adopted = Context.adopt(owner.handle())) {
            adopted.socket(io.github.zmqffm.SocketType.PAIR).close();
        }
    }
}
