package io.github.zmqffm.safety;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static no-argument method as a memory-safety scenario: {@link MemorySafetyTest} runs each in a
 * child JVM of its own, so that a crash (SIGSEGV, SIGBUS, a libzmq assertion abort) or a hang fails that test
 * instead of killing the build. A scenario throws (an {@link AssertionError}) when the API misbehaves.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Scenario {

    /** Whether the child JVM gets {@code --enable-native-access=ALL-UNNAMED} (as every user of zmq-ffm needs). */
    boolean nativeAccess() default true;
}
