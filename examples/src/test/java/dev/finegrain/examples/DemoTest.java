package dev.finegrain.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @Test
  void runsEveryScenarioInOrderUnderItsHeading() {
    String out = Outputs.of(Demo::run);

    List<String> headings = out.lines().filter(l -> l.startsWith("== ")).map(l -> l.replaceAll(" =+$", "")).toList();
    assertEquals(List.of("== 1. Team set-up", "== 2. Listing standards", "== 3. Listing launch review",
        "== 4. Weekly KPI dashboard", "== 5. A/B test", "== 6. Order review",
        "== 7. Weekly retrospective"), headings);
    // each scenario's own output appears in full, as when it runs alone
    assertTrue(out.contains(Outputs.of(dev.finegrain.examples.experiment.AbTest::run)));
  }

  @Test
  void theReadmesExcerptIsWhatTheDemoPrints() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher excerpt = Pattern.compile("An excerpt:\n\n```\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(excerpt.find(), "README.md has no demo excerpt");
    Set<String> printed = Set.copyOf(Outputs.of(Demo::run).lines().toList());

    List<String> quoted = excerpt.group(1).lines().filter(l -> !l.isBlank()).toList();
    assertTrue(quoted.size() > 40, "the excerpt: " + quoted.size() + " lines");
    for (String line : quoted) {
      assertTrue(printed.contains(line), "README.md quotes a line the demo does not print:\n" + line);
    }
  }

  @Test
  void writesTheDashboardAsHtmlWhenGivenAPath(@TempDir Path dir) throws IOException {
    Path html = dir.resolve("dashboard.html");

    Outputs.ofMain(Demo::main, html.toString());

    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
    int retrospective = page.indexOf("<section class=\"fg-retro\">");
    assertTrue(retrospective > 0, "the weekly retrospective is the report's last section");
    String charts = page.substring(0, retrospective);  // the retrospective draws its effects as small bars
    assertEquals(5, charts.split("<svg", -1).length - 1); // orders, GMV, on-time shipping, conversion, CSAT
  }
}
