package dev.finegrain.examples.listing;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.RulePacks;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.examples.Resources;
import dev.finegrain.examples.TextTable;
import java.io.PrintStream;
import java.util.List;

/**
 * Checks three sample listings against the shop's China listing standard, which extends the
 * every-channel standard and adds the advertising-law rule pack on title and description. Run
 * alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.listing.ListingConformance}.
 */
public final class ListingConformance {
  /** The standard the listings are checked against. */
  public static final String STANDARD = "listing-cn";

  private ListingConformance() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** The shop's standards from JSON, with the advertising-law pack added to the China standard. */
  public static StandardCatalog standards() {
    StandardCatalog fromJson = Resources.read("shop/standards.json", StandardCatalog.class);
    Standard cn = fromJson.standard(STANDARD).orElseThrow();
    Standard withAdLaw = Standard.builder().from(cn)
        .addRule(RulePacks.chinaAdvertisingLawArticle9("title").withId("ad-law-title"))
        .addRule(RulePacks.chinaAdvertisingLawArticle9("description").withId("ad-law-description"))
        .build();
    return StandardCatalog.of(fromJson.standard("listing-base").orElseThrow(), withAdLaw);
  }

  /** The three sample listings: one clean, two with different problems. */
  public static List<Artifact> listings() {
    return Resources.read("shop/listings.json", new TypeReference<List<Artifact>>() {});
  }

  /** Prints the scenario to {@code out}. */
  public static void run(PrintStream out) {
    StandardCatalog catalog = standards();
    out.printf("Standard %s: %d rules (inherited from listing-base, overridden, plus the ad-law pack)%n",
        STANDARD, catalog.effectiveRules(STANDARD).size());
    for (Artifact listing : listings()) {
      Conformance report = catalog.check(STANDARD, listing);
      out.printf("%n%s  %s%n  %s%n", listing.field("sku").orElse("?"), listing.field("title").orElse(""),
          report.headline());
      if (!report.violations().isEmpty()) {
        TextTable table = TextTable.of("severity", "field", "rule", "problem");
        for (Violation v : report.violations()) {
          table.row(v.severity(), v.path().isEmpty() ? "(listing)" : v.path(), v.ruleId(), v.message());
        }
        out.print(table.render(4));
      }
    }
  }
}
