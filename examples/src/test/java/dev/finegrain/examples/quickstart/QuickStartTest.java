package dev.finegrain.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.Outputs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE = Path.of("src", "main", "java", "dev", "finegrain", "examples", "quickstart",
      "QuickStart.java");

  @Test
  void theReadmeShowsExactlyTheQuickStartThatCompiles() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\n(package dev\\.finegrain\\.examples\\.quickstart;.*?)```", Pattern.DOTALL)
        .matcher(readme);

    assertTrue(block.find(), "README.md has no ```java block with the quick-start");
    assertEquals(Files.readString(SOURCE, StandardCharsets.UTF_8).strip(), block.group(1).strip(),
        "README quick-start differs from " + SOURCE + "; copy the class into the README");
  }

  @Test
  void printsTheGapTheFailingReportAndTheJsonRoundTrip() {
    String out = Outputs.of(stream -> {
      PrintStream previous = System.out;
      System.setOut(stream);
      try {
        QuickStart.main(new String[0]);
      } finally {
        System.setOut(previous);
      }
    });

    assertTrue(out.startsWith("[lin needs ad-law 2 (as copywriter), has 1: gap 1]\n"), out);
    assertTrue(out.contains("listing v1: FAILS (3 errors; 1 of 4 rules passed)"), out);
    assertTrue(out.contains("list of 1 element is shorter than the minimum 5"), out);
    assertTrue(out.contains("forbidden term \"最佳\" at 0"), out);
    assertTrue(out.endsWith("true\n"), out);
  }
}
