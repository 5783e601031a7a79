package io.github.zmqffm.fuzz;

import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzzer's own guarantees: sequences are reproducible from seed and index, survive their text form, and cover every action. */
class FuzzSequenceTest {

    private static List<Sequence> generate(Set<String> excluded, long seed, int count) {
        RandomGenerator<Sequence> generator = new Generators(3, excluded).sequences().generator(1000);
        return IntStream.range(0, count).mapToObj(i -> generator.next(Campaign.random(seed, i)).value()).toList();
    }

    @Example
    void aSequenceDependsOnlyOnSeedAndIndex() {
        List<Sequence> first = generate(Set.of(), 42, 30);
        List<Sequence> again = generate(Set.of(), 42, 30);
        assertEquals(first, again);
        assertFalse(first.equals(generate(Set.of(), 43, 30)), "another seed gave the same sequences");
        RandomGenerator<Sequence> generator = new Generators(3, Set.of()).sequences().generator(1000);
        assertEquals(first.get(17), generator.next(Campaign.random(42, 17)).value(), "index 17 alone differs");
    }

    @Example
    void theTextFormParsesBackToTheSameSequence() {
        for (Sequence sequence : generate(Set.of(), 7, 100)) {
            assertEquals(sequence, Sequence.parse(Arrays.asList(sequence.text().split("\n"))));
        }
    }

    @Example
    void theJavaReproductionsCompile() throws Exception {
        StringBuilder source = new StringBuilder("package repro;\n").append(JavaRepro.IMPORTS);
        List<Sequence> sequences = generate(Set.of(), 3, 60);
        for (int i = 0; i < sequences.size(); i++) {
            source.append(JavaRepro.render(sequences.get(i), Outcome.OK, "test", "Repro" + i + "Test"));
        }
        Path directory = Files.createTempDirectory(Path.of("target"), "repro");
        Path file = Files.createDirectories(directory.resolve("repro")).resolve("Repros.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("-d", directory.toString(), "-cp",
                System.getProperty("java.class.path")), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        assertTrue(compiled, errors.toString());
    }

    @Example
    void excludedActionsAndVariantsAreNeverGenerated() {
        Generators generators = new Generators(3, Set.of("UseView", "Send:VIEW"));
        for (Sequence sequence : generate(Set.of("UseView", "Send:VIEW"), 5, 200)) {
            sequence.steps().forEach(step -> assertFalse(generators.excluded(step.action()), step.toString()));
        }
    }

    @Example
    void everyActionTypeIsGeneratedAndNoneDominates() {
        List<Sequence> sequences = generate(Set.of(), 11, 400);
        Map<String, Long> counts = new TreeMap<>(sequences.stream().flatMap(s -> s.steps().stream())
                .collect(Collectors.groupingBy(step -> step.action().getClass().getSimpleName(), Collectors.counting())));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("[fuzz] actions in 400 sequences: " + counts);
        for (Class<?> type : Action.class.getPermittedSubclasses()) {
            assertTrue(counts.getOrDefault(type.getSimpleName(), 0L) > 0, type.getSimpleName() + " never generated");
        }
        counts.forEach((name, n) -> assertTrue(n < total / 4, name + " is " + n + " of " + total + " steps"));
        long mapped = sequences.stream().flatMap(s -> s.steps().stream())
                .filter(step -> step.action() instanceof TransferActions.Send send && send.how() == TransferActions.SendHow.MAPPED).count();
        assertTrue(mapped < total / 100, "a truncated mapped file is " + mapped + " of " + total + " steps");
        assertTrue(sequences.stream().anyMatch(s -> s.threads() == 3) && sequences.stream().anyMatch(s -> s.threads() == 2));
    }
}
