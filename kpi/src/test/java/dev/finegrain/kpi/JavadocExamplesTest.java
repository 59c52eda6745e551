package dev.finegrain.kpi;

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
 * The usage example in the javadoc of each kpi entry point is, line for line, a block of
 * {@link JavadocSnippets}, which compiles: so the examples in kpi's API documentation compile.
 */
class JavadocExamplesTest {
  private static final Path SNIPPETS = Path.of("src/test/java/dev/finegrain/kpi/JavadocSnippets.java");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "Kpi, src/main/java/dev/finegrain/kpi/Kpi.java",
      "KpiQuery, src/main/java/dev/finegrain/kpi/KpiQuery.java",
      "Kpis, src/main/java/dev/finegrain/kpi/Kpis.java",
      "Schema, src/main/java/dev/finegrain/kpi/Schema.java",
      "ColumnBatch, src/main/java/dev/finegrain/kpi/ColumnBatch.java",
      "Accumulators, src/main/java/dev/finegrain/kpi/accumulator/Accumulators.java",
      "PayoutPlan, src/main/java/dev/finegrain/kpi/incentive/PayoutPlan.java",
      "ConversionTest, src/main/java/dev/finegrain/kpi/experiment/ConversionTest.java",
      "WelchTest, src/main/java/dev/finegrain/kpi/experiment/WelchTest.java",
      "SampleRatioCheck, src/main/java/dev/finegrain/kpi/experiment/SampleRatioCheck.java",
  })
  void theJavadocExampleIsTheSnippetThatCompiles(String name, String source) throws IOException {
    List<String> javadoc = javadocExample(Files.readString(Path.of(source)));
    List<String> snippet = snippet(Files.readString(SNIPPETS), name);

    assertEquals(String.join("\n", snippet), String.join("\n", javadoc),
        "the example in " + source + " differs from JavadocSnippets' block " + name);
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
    assertTrue(m.find(), "no block " + name + " in JavadocSnippets");
    int indent = m.group(1).length();
    List<String> lines = new ArrayList<>();
    for (String line : m.group(2).split("\\n", -1)) {
      lines.add(line.length() >= indent ? line.substring(indent) : line.strip());
    }
    return lines;
  }
}
