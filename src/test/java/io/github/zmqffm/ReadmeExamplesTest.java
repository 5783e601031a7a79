package io.github.zmqffm;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every {@code java} block of README.md is compiled and run in a fresh JVM, and its output must equal the
 * {@code <!-- expected output: ... -->} comment that follows it: the README cannot drift from the API.
 */
class ReadmeExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "```java\\n(.*?)```\\s*<!-- expected output:\\n(.*?)-->", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    static Path work;

    record Example(String className, String source, String expectedOutput) {}

    @TestFactory
    List<DynamicTest> readmeExamplesCompileAndRun() throws IOException {
        List<Example> examples = examples(Files.readString(Path.of("README.md")));
        assertFalse(examples.isEmpty(), "README.md has no java examples with expected output");
        List<DynamicTest> tests = new ArrayList<>();
        for (Example example : examples) {
            tests.add(DynamicTest.dynamicTest(example.className(), () -> compileAndRun(example)));
        }
        return tests;
    }

    private static List<Example> examples(String readme) {
        List<Example> examples = new ArrayList<>();
        Matcher matcher = EXAMPLE.matcher(readme);
        while (matcher.find()) {
            Matcher name = CLASS_NAME.matcher(matcher.group(1));
            if (!name.find()) {
                throw new AssertionError("a README java block has no public class:\n" + matcher.group(1));
            }
            examples.add(new Example(name.group(1), matcher.group(1), matcher.group(2)));
        }
        return examples;
    }

    private static void compileAndRun(Example example) throws Exception {
        Path dir = Files.createDirectories(work.resolve(example.className()));
        Path source = Files.writeString(dir.resolve(example.className() + ".java"), example.source());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, rc, "README example " + example.className() + " does not compile:\n" + diagnostics);

        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(
                dir + File.pathSeparator + System.getProperty("java.class.path"), List.of(), example.className()));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(example.expectedOutput().strip(), result.stdout().strip());
    }
}
