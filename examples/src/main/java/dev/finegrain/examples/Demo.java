package dev.finegrain.examples;

import dev.finegrain.examples.dashboard.WeeklyDashboard;
import dev.finegrain.examples.experiment.AbTest;
import dev.finegrain.examples.listing.ListingConformance;
import dev.finegrain.examples.order.OrderReview;
import dev.finegrain.examples.retrospective.WeeklyRetrospective;
import dev.finegrain.examples.review.ListingReview;
import dev.finegrain.examples.team.TeamSetup;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The demo: runs every scenario in order with short headings. Run from a fresh clone with
 * {@code mvn -B -q -pl examples -am compile exec:java}.
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo; with a file path argument it also writes the weekly dashboard as a
   * self-contained HTML report there ({@code -Dexec.args=target/dashboard.html}).
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    run(out);
    if (args.length > 0) {
      Path path = Path.of(args[0]);
      WeeklyDashboard.writeHtml(WeeklyDashboard.report(), path);
      out.printf("%nHTML report of the dashboard written to %s%n", path.toAbsolutePath());
    }
  }

  /** Prints every scenario to {@code out}. */
  public static void run(PrintStream out) {
    heading(out, "1. Team set-up");
    TeamSetup.run(out);
    heading(out, "2. Listing standards");
    ListingConformance.run(out);
    heading(out, "3. Listing launch review");
    ListingReview.run(out);
    heading(out, "4. Weekly KPI dashboard");
    WeeklyDashboard.run(out);
    heading(out, "5. A/B test");
    AbTest.run(out);
    heading(out, "6. Order review");
    OrderReview.run(out);
    heading(out, "7. Weekly retrospective");
    WeeklyRetrospective.run(out);
  }

  static void heading(PrintStream out, String title) {
    out.println();
    out.println("== " + title + " " + "=".repeat(Math.max(3, 72 - title.length())));
    out.println();
  }
}
