package dev.finegrain.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.finegrain.examples.Outputs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick-starts as a consumer's own named module, compiled and run on the module path against
 * the built jars of core, workflow and kpi and their runtime dependencies (no HdrHistogram: kpi carries it).
 * Every jar is copied under another file name first, so a module whose name comes from its jar's
 * file name (no module-info, no Automatic-Module-Name) is not found, as in a consumer's build;
 * the resolved graph is also checked for such modules directly.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after the jars are packaged); the module path is the
 * runtime class path that maven-dependency-plugin writes to {@code quickstart.modulePath}.
 */
class ModulePathIT {
  private static final String MODULE = "dev.finegrain.examples.quickstart";
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "finegrain", "examples", "quickstart");
  private static final Path TEST_SOURCES = Path.of("src", "test", "java", "dev", "finegrain", "examples", "quickstart");

  @TempDir
  static Path work;

  private static Path lib;
  private static Path classes;

  @BeforeAll
  static void compileTheQuickStartsAsANamedModule() throws IOException {
    lib = Files.createDirectories(work.resolve("lib"));
    for (Path jar : builtModulePath()) {
      Files.copy(jar, lib.resolve("consumer-" + jar.getFileName()));
    }

    Path src = Files.createDirectories(work.resolve("src"));
    Path pkg = Files.createDirectories(src.resolve(MODULE.replace('.', File.separatorChar)));
    Files.writeString(src.resolve("module-info.java"), "module " + MODULE + " {\n  requires dev.finegrain.kpi;\n"
        + "  requires dev.finegrain.workflow;\n}\n");
    Files.copy(SOURCES.resolve("QuickStart.java"), pkg.resolve("QuickStart.java"));
    Files.copy(SOURCES.resolve("KpiQuickStart.java"), pkg.resolve("KpiQuickStart.java"));
    Files.copy(SOURCES.resolve("WorkflowQuickStart.java"), pkg.resolve("WorkflowQuickStart.java"));
    Files.copy(TEST_SOURCES.resolve("HistogramQuickCheck.java"), pkg.resolve("HistogramQuickCheck.java"));
    Files.copy(TEST_SOURCES.resolve("RowsQuickCheck.java"), pkg.resolve("RowsQuickCheck.java"));
    Files.copy(TEST_SOURCES.resolve("JsonQuickCheck.java"), pkg.resolve("JsonQuickCheck.java"));

    classes = work.resolve("classes");
    List<String> javac = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--module-path", lib.toString(),
        "-d", classes.toString()));
    try (var files = Files.walk(src)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    int exit = ToolProvider.findFirst("javac").orElseThrow().run(out, out, javac.toArray(String[]::new));
    assertEquals(0, exit, () -> "javac on the module path failed:\n" + log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theConsumerModuleReadsNoModuleNamedAfterAJarFile() throws IOException {
    Configuration graph;
    try {
      graph = ModuleLayer.boot().configuration()
          .resolve(ModuleFinder.of(classes, lib), ModuleFinder.of(), Set.of(MODULE));
    } catch (FindException e) {
      throw new AssertionError("the quick-starts' module graph does not resolve: " + e.getMessage(), e);
    }

    List<String> fileNamed = new ArrayList<>();
    for (ResolvedModule module : graph.modules()) {
      if (module.reference().descriptor().isAutomatic() && !hasAutomaticModuleName(module)) {
        fileNamed.add(module.name() + " (" + module.reference().location().orElseThrow() + ")");
      }
    }

    assertTrue(fileNamed.isEmpty(), () -> "modules named only by their jar file: " + fileNamed);
    assertTrue(graph.findModule("dev.finegrain.kpi").orElseThrow().reference().descriptor().requires().stream()
        .noneMatch(r -> r.name().equals("HdrHistogram")), "kpi requires HdrHistogram");
  }

  @Test
  void theCoreQuickStartPrintsOnTheModulePathWhatItPrintsOnTheClassPath() throws Exception {
    assertEquals(Outputs.ofMain(QuickStart::main), runOnModulePath("QuickStart"));
  }

  @Test
  void theKpiQuickStartPrintsOnTheModulePathWhatItPrintsOnTheClassPath() throws Exception {
    assertEquals(Outputs.ofMain(KpiQuickStart::main), runOnModulePath("KpiQuickStart"));
  }

  @Test
  void theWorkflowQuickStartPrintsOnTheModulePathWhatItPrintsOnTheClassPath() throws Exception {
    assertEquals(Outputs.ofMain(WorkflowQuickStart::main), runOnModulePath("WorkflowQuickStart"));
  }

  @Test
  void kpisRelocatedHistogramWorksOnTheModulePath() throws Exception {
    String out = runOnModulePath("HistogramQuickCheck");

    assertEquals(Outputs.ofMain(HistogramQuickCheck::main), out);
    assertTrue(out.endsWith("true\n"), out);
  }

  @Test
  void rowsReadRecordByRecordFromTheKpiJarOnTheModulePathGiveTheColumnsTable() throws Exception {
    Path classLog = work.resolve("rows-classes.log");
    String out = runOnModulePath("RowsQuickCheck", "-Xlog:class+load=info:file=" + classLog);

    assertEquals(Outputs.ofMain(RowsQuickCheck::main), out);
    assertTrue(out.endsWith("true\n"), out);
    // the engine defined its reader, a hidden class made from a template inside the kpi jar
    assertTrue(readString(classLog).contains("dev.finegrain.kpi.RowReaderTemplate/0x"),
        "no record-by-record reader was defined on the module path");
  }

  @Test
  void finegrainsOwnJsonReadersWorkOnTheModulePath() throws Exception {
    String out = runOnModulePath("JsonQuickCheck");

    assertEquals(Outputs.ofMain(JsonQuickCheck::main), out);
    assertEquals(8, out.lines().count(), out);
    assertTrue(out.startsWith("true\n1\n"), out);
    assertTrue(out.lines().skip(4).noneMatch(line -> line.startsWith("accepted")), out);
  }

  private static String runOnModulePath(String mainClass, String... jvmOptions)
      throws IOException, InterruptedException {
    Path stderr = work.resolve(mainClass + ".err");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("--module-path", classes + File.pathSeparator + lib,
        "--module", MODULE + "/" + MODULE + "." + mainClass));
    Process java = new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!java.waitFor(2, TimeUnit.MINUTES)) {
      java.destroyForcibly();
      fail(mainClass + " on the module path did not finish");
    }
    assertEquals(0, java.exitValue(),
        () -> mainClass + " on the module path failed:\n" + readString(stderr) + "\nstdout:\n" + out);
    return out.replace(System.lineSeparator(), "\n");
  }

  /** The jars of core, kpi and their runtime dependencies, as built in this reactor. */
  private static List<Path> builtModulePath() {
    String entries = System.getProperty("quickstart.modulePath", "");
    List<Path> jars = Arrays.stream(entries.split(File.pathSeparator))
        .filter(e -> !e.isBlank()).map(Path::of).collect(Collectors.toList());
    assertTrue(!jars.isEmpty(), "no quickstart.modulePath: run through mvn verify (failsafe)");
    Map<Boolean, List<Path>> byKind = jars.stream()
        .collect(Collectors.partitioningBy(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar")));
    assertTrue(byKind.get(false).isEmpty(),
        () -> "not jars (build the reactor with mvn verify so core and kpi are packaged): " + byKind.get(false));
    assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("finegrain-kpi-")), jars::toString);
    return jars;
  }

  private static boolean hasAutomaticModuleName(ResolvedModule module) {
    Path jar = Path.of(module.reference().location().orElseThrow());
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest() != null
          && file.getManifest().getMainAttributes().getValue("Automatic-Module-Name") != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
