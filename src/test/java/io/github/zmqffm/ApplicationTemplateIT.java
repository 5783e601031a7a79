package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application template of the docs ({@code docs/application-template}) built, tested and run by Maven offline
 * against zmq-ffm's packaged artifacts, installed as {@code mvn install} lays them out in a local repository of
 * this test's own. Everything else (plugins, JUnit) comes from the build's local repository, read as a file
 * repository, so nothing is downloaded and no other build's snapshot can interfere. Also: an application that
 * depends on zmq-ffm gets no other dependency.
 */
class ApplicationTemplateIT {

    private static final Path TEMPLATE = Path.of("docs/application-template");
    private static final String VERSION = System.getProperty("zmqffm.test.version");
    // The build's local repository as "central" (plugins and JUnit), read as files: a local repository has no
    // checksum files, hence the ignore policy.
    private static final String SETTINGS = """
            <settings>
              <profiles>
                <profile>
                  <id>build-local-repository</id>
                  <repositories>
                    <repository>
                      <id>central</id><url>%1$s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>
                    </repository>
                  </repositories>
                  <pluginRepositories>
                    <pluginRepository>
                      <id>central</id><url>%1$s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>
                    </pluginRepository>
                  </pluginRepositories>
                </profile>
              </profiles>
              <activeProfiles><activeProfile>build-local-repository</activeProfile></activeProfiles>
            </settings>
            """;

    @Test
    void theTemplateBuildsTestsAndRunsOfflineWithNoOtherDependency(@TempDir Path dir) throws Exception {
        assertEquals(VERSION, templateVersion(), "docs/application-template/pom.xml names another zmq-ffm version");
        Path repository = dir.resolve("repository");
        install(repository);
        Path project = copyTemplate(dir.resolve("app"));
        Path settings = Files.writeString(dir.resolve("settings.xml"), SETTINGS.formatted(
                Path.of(System.getProperty("zmqffm.test.localRepository")).toUri()));

        String output = maven(project, settings, repository, "verify", "exec:exec",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree");

        assertTrue(output.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), output);
        assertTrue(Pattern.compile("libzmq \\d+\\.\\d+\\.\\d+: \\S+ \\(bundled: ").matcher(output).find(), output);
        assertTrue(output.lines().anyMatch(line -> line.equals("HELLO")), output);
        List<String> shipped = new ArrayList<>();
        Matcher dependency = Pattern.compile("[+\\\\]- (\\S+):(compile|runtime)").matcher(output);
        while (dependency.find()) {
            shipped.add(dependency.group(1));
        }
        assertEquals(List.of("io.github.zmqffm:zmq-ffm:jar:" + VERSION,
                "io.github.zmqffm:zmq-ffm:jar:" + Zmq.platform() + ":" + VERSION), shipped, output);
    }

    private static String templateVersion() throws IOException {
        Matcher version = Pattern.compile("<zmq-ffm.version>(.*)</zmq-ffm.version>")
                .matcher(Files.readString(TEMPLATE.resolve("pom.xml")));
        assertTrue(version.find());
        return version.group(1);
    }

    /** Lays out the pom and the jars as maven-install-plugin does. */
    private static void install(Path repository) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("io/github/zmqffm/zmq-ffm").resolve(VERSION));
        String base = "zmq-ffm-" + VERSION;
        Files.copy(Path.of("pom.xml"), dir.resolve(base + ".pom"));
        Files.copy(Path.of(System.getProperty("zmqffm.test.mainJar")), dir.resolve(base + ".jar"));
        Files.copy(Path.of(System.getProperty("zmqffm.test.nativeJar")), dir.resolve(base + "-" + Zmq.platform() + ".jar"));
    }

    private static Path copyTemplate(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(TEMPLATE.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    private static String maven(Path project, Path settings, Path repository, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("zmqffm.test.mavenHome"), "bin", "mvn").toString(), "-B", "--offline",
                "-Daether.offline.protocols=file", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(goals));
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolveSibling("build.log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the template's Maven build did not finish within 5 minutes");
        }
        String output = Files.readString(project.resolveSibling("build.log"));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
