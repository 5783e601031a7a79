package io.github.zmqffm.safety;

import io.github.zmqffm.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link Scenario} of the memory-safety issue, each in a child JVM: misuse and races through the public API
 * end in success or a documented exception, never in a crash or a hang. A crash leaves its hs_err file in
 * {@code target/}.
 */
class MemorySafetyTest {

    /** The scenario classes, one per class of failure the safety issue names. */
    private static final List<Class<?>> SCENARIOS = List.of(LifetimeScenarios.class, ViewScenarios.class,
            WrapScenarios.class, CloseScenarios.class, ThreadScenarios.class, HandleScenarios.class,
            MappedFileScenarios.class, LeakScenarios.class, AbortScenarios.class);

    /** A scenario bounds its own waits; this only catches a hang, generously for a loaded 2-core machine. */
    private static final Duration CHILD_LIMIT = Duration.ofMinutes(3);

    static Stream<String> scenarios() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : SCENARIOS) {
            Arrays.stream(type.getMethods())
                    .filter(method -> method.isAnnotationPresent(Scenario.class) && Modifier.isStatic(method.getModifiers()))
                    .map(method -> type.getSimpleName() + "#" + method.getName())
                    .sorted()
                    .forEach(names::add);
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void endsWithoutCrashOrHang(String scenario) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        List<String> options = new ArrayList<>(List.of("-XX:ErrorFile=" + target.resolve("hs_err_pid%p.log"),
                "-Xmx512m"));
        ChildJvm.Result result = ChildJvm.finish(nativeAccess(scenario)
                ? ChildJvm.start(options, ScenarioMain.class, scenario)
                : ChildJvm.startWithoutNativeAccess(options, ScenarioMain.class, scenario), CHILD_LIMIT);
        assertEquals(0, result.exitCode(), () -> scenario + " exited with " + result.exitCode() + "\n"
                + result.stdout() + "\n" + result.stderr());
        assertTrue(result.stdout().contains("ok " + scenario), result.stdout() + result.stderr());
    }

    private static boolean nativeAccess(String scenario) throws IOException {
        int hash = scenario.indexOf('#');
        for (Class<?> type : SCENARIOS) {
            if (type.getSimpleName().equals(scenario.substring(0, hash))) {
                try {
                    Method method = type.getMethod(scenario.substring(hash + 1));
                    return method.getAnnotation(Scenario.class).nativeAccess();
                } catch (NoSuchMethodException e) {
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("no scenario " + scenario);
    }
}
