package dev.finegrain.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.Outputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuickStartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "finegrain", "examples", "quickstart");

  @ParameterizedTest
  @ValueSource(strings = {"QuickStart.java", "KpiQuickStart.java", "WorkflowQuickStart.java"})
  void theReadmeShowsExactlyTheQuickStartsThatCompile(String file) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8).strip();
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    boolean found = false;
    while (block.find()) {
      found |= block.group(1).strip().equals(source);
    }

    assertTrue(found, "README.md has no ```java block equal to " + file + "; copy the class into the README");
  }

  @Test
  void printsTheGapTheFailingReportAndTheJsonRoundTrip() {
    String out = Outputs.ofMain(QuickStart::main);

    assertTrue(out.startsWith("[lin needs ad-law 2 (as copywriter), has 1: gap 1]\n"), out);
    assertTrue(out.contains("listing v1: FAILS (3 errors; 1 of 4 rules passed)"), out);
    assertTrue(out.contains("list of 1 element is shorter than the minimum 5"), out);
    assertTrue(out.contains("forbidden term \"最佳\" at 0"), out);
    assertTrue(out.endsWith("true\n"), out);
  }

  @Test
  void theKpiQuickStartPrintsTheWeeklyTableItsCommentShows() {
    String out = Outputs.ofMain(KpiQuickStart::main);

    // tmall: shipped after 20 h (promised 48 h) and after 60 h: 1 of 2 on time; jd: not shipped, overdue
    assertEquals(String.join("\n",
        "window    channel  Orders  GMV (cents)  On-time shipping rate",
        "2026-W10  jd           1*      25,000*              0.0% RED*",
        "2026-W10  tmall        2*      21,700*             50.0% RED*",
        "* fewer than 30 records behind the value (for a ratio, records its denominator counts)", ""), out);
  }

  @Test
  void theWorkflowQuickStartRefusesSelfReviewAndExplainsWhatBlocksTheCase() {
    String out = Outputs.ofMain(WorkflowQuickStart::main);

    assertTrue(out.startsWith("lin submitted case listing-42 and may not review it\n"), out);
    assertTrue(out.contains("Manager approval [manager]: 0 of 2 approvals, 2 more needed"), out);
    assertTrue(out.contains("can still vote: ma (Ma), tang (Tang), guo (Guo)"), out);
  }
}
