package dev.finegrain.examples;

import dev.finegrain.examples.listing.ListingConformance;
import dev.finegrain.examples.review.ListingReview;
import dev.finegrain.examples.team.TeamSetup;
import java.io.PrintStream;

/**
 * The demo: runs every scenario in order with short headings. Run from a fresh clone with
 * {@code mvn -B -q -pl examples -am compile exec:java}.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Prints every scenario to {@code out}. */
  public static void run(PrintStream out) {
    heading(out, "1. Team set-up");
    TeamSetup.run(out);
    heading(out, "2. Listing standards");
    ListingConformance.run(out);
    heading(out, "3. Listing launch review");
    ListingReview.run(out);
  }

  static void heading(PrintStream out, String title) {
    out.println();
    out.println("== " + title + " " + "=".repeat(Math.max(3, 72 - title.length())));
    out.println();
  }
}
