package dev.finegrain.examples.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The usage example in the javadoc of each entry point is, line for line, a block of
 * {@link JavadocSnippets}, which compiles: so the examples in the API documentation compile.
 */
class JavadocExamplesTest {
  private static final Path ROOT = Path.of("..");
  private static final Path SNIPPETS = Path.of("src/test/java/dev/finegrain/examples/snippets");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ReviewEngine, workflow/engine/src/main/java/dev/finegrain/workflow/ReviewEngine.java",
      "Reviews, workflow/engine/src/main/java/dev/finegrain/workflow/Reviews.java",
      "ReviewWorkflow, workflow/engine/src/main/java/dev/finegrain/workflow/ReviewWorkflow.java",
      "Stage, workflow/engine/src/main/java/dev/finegrain/workflow/Stage.java",
      "Phase, workflow/engine/src/main/java/dev/finegrain/workflow/Phase.java",
      "Quorum, workflow/engine/src/main/java/dev/finegrain/workflow/Quorum.java",
      "ReviewContext, workflow/engine/src/main/java/dev/finegrain/workflow/ReviewContext.java",
      "ReviewCase, workflow/engine/src/main/java/dev/finegrain/workflow/ReviewCase.java",
      "EventStore, workflow/engine/src/main/java/dev/finegrain/workflow/store/EventStore.java",
      "EventStores, workflow/engine/src/main/java/dev/finegrain/workflow/store/EventStores.java",
      "Hash, workflow/engine/src/main/java/dev/finegrain/workflow/store/Hash.java",
      "ReviewFixture, workflow/testing/src/main/java/dev/finegrain/workflow/testing/ReviewFixture.java",
      "Kpi, kpi/src/main/java/dev/finegrain/kpi/Kpi.java",
      "KpiQuery, kpi/src/main/java/dev/finegrain/kpi/KpiQuery.java",
      "Kpis, kpi/src/main/java/dev/finegrain/kpi/Kpis.java",
      "KpiChanges, kpi/src/main/java/dev/finegrain/kpi/KpiChanges.java",
      "KpiChange, kpi/src/main/java/dev/finegrain/kpi/KpiChange.java",
      "RoundedEffects, kpi/src/main/java/dev/finegrain/kpi/RoundedEffects.java",
      "Parallelism, kpi/src/main/java/dev/finegrain/kpi/Parallelism.java",
      "Schema, kpi/src/main/java/dev/finegrain/kpi/Schema.java",
      "ColumnBatch, kpi/src/main/java/dev/finegrain/kpi/ColumnBatch.java",
      "Accumulators, kpi/src/main/java/dev/finegrain/kpi/accumulator/Accumulators.java",
      "LongSum, kpi/src/main/java/dev/finegrain/kpi/accumulator/LongSum.java",
      "PayoutPlan, kpi/src/main/java/dev/finegrain/kpi/incentive/PayoutPlan.java",
      "ConversionTest, kpi/src/main/java/dev/finegrain/kpi/experiment/ConversionTest.java",
      "WelchTest, kpi/src/main/java/dev/finegrain/kpi/experiment/WelchTest.java",
      "SampleRatioCheck, kpi/src/main/java/dev/finegrain/kpi/experiment/SampleRatioCheck.java",
  })
  void theJavadocExampleIsTheSnippetThatCompiles(String name, String source) throws IOException {
    List<String> javadoc = javadocExample(Files.readString(ROOT.resolve(source)));
    String snippets = source.startsWith("kpi/") ? "KpiJavadocSnippets.java" : "JavadocSnippets.java";
    List<String> snippet = snippet(Files.readString(SNIPPETS.resolve(snippets)), name);

    assertEquals(String.join("\n", snippet), String.join("\n", javadoc),
        "the example in " + source + " differs from " + snippets + "' block " + name);
  }

  /** The lines of the first {@code <pre>{@code ...}</pre>} of a source file, without the comment's " * ". */
  private static List<String> javadocExample(String source) {
    Matcher m = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL).matcher(source);
    assertTrue(m.find(), "no <pre>{@code example in the javadoc");
    List<String> lines = new ArrayList<>();
    for (String line : m.group(1).split("\\n")) {
      lines.add(line.startsWith(" * ") ? line.substring(3) : line.replaceFirst("^ \\*$", ""));
    }
    return lines;
  }

  /** The lines between "// begin NAME" and "// end NAME", de-indented by the begin line's indent. */
  private static List<String> snippet(String source, String name) {
    Matcher m = Pattern.compile("\\n( *)// begin " + name + "\\n(.*?)\\n *// end " + name + "\\n", Pattern.DOTALL)
        .matcher(source);
    assertTrue(m.find(), "no block " + name + " in the snippets");
    int indent = m.group(1).length();
    List<String> lines = new ArrayList<>();
    for (String line : m.group(2).split("\\n", -1)) {
      lines.add(line.length() >= indent ? line.substring(indent) : line.strip());
    }
    return lines;
  }
}
