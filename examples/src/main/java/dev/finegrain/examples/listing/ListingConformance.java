package dev.finegrain.examples.listing;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.ForbiddenTerms;
import dev.finegrain.core.standard.ForbiddenTerms.Occurrence;
import dev.finegrain.core.standard.Rule;
import dev.finegrain.core.standard.RulePacks;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.examples.Resources;
import dev.finegrain.examples.TextTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
      Conformance report = check(catalog, listing);
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

  /**
   * The listing checked against {@link #STANDARD}, as the demo presents it: a forbidden term found
   * inside a longer one at the same place ({@code 第一} inside {@code 全网第一}) is not reported a
   * second time, and each term says which characters of the field it covers, counted from 1.
   *
   * <p>{@link ForbiddenTerms} reports every occurrence of every term, overlapping ones included, at
   * a code-point index from 0; this keeps, among overlapping occurrences, the leftmost and then the
   * longest, and rewrites the message. The counts of the headline follow.
   */
  public static Conformance check(StandardCatalog catalog, Artifact listing) {
    Conformance report = catalog.check(STANDARD, listing);
    List<Violation> shown = new ArrayList<>();
    Map<String, Iterator<Optional<Occurrence>>> kept = new HashMap<>();
    for (Rule rule : catalog.effectiveRules(STANDARD)) {
      if (rule instanceof ForbiddenTerms terms && listing.field(terms.field()).orElse(null) instanceof String text) {
        kept.put(rule.id(), longestFirst(terms.occurrences(text)).iterator());
      }
    }
    for (Violation v : report.violations()) {
      Iterator<Optional<Occurrence>> next = kept.get(v.ruleId());
      if (next == null || !next.hasNext()) {
        shown.add(v);
        continue;
      }
      Optional<Occurrence> o = next.next();
      o.ifPresent(occurrence -> shown.add(Violation.builder().from(v).message(describe(occurrence)).build()));
    }
    return Conformance.builder().from(report).violations(shown).build();
  }

  /**
   * For each occurrence in order, itself if it is kept, empty if it overlaps one kept before it or a
   * longer one at the same position.
   */
  static List<Optional<Occurrence>> longestFirst(List<Occurrence> occurrences) {
    List<Optional<Occurrence>> out = new ArrayList<>();
    int coveredUntil = -1; // code points before this index are covered by a kept occurrence
    for (int i = 0; i < occurrences.size(); i++) {
      Occurrence o = occurrences.get(i);
      int end = o.position() + length(o);
      boolean longerHere = occurrences.stream()
          .anyMatch(other -> other.position() == o.position() && length(other) > length(o));
      if (o.position() < coveredUntil || longerHere) {
        out.add(Optional.empty());
      } else {
        out.add(Optional.of(o));
        coveredUntil = end;
      }
    }
    return out;
  }

  private static int length(Occurrence o) {
    return o.text().codePointCount(0, o.text().length());
  }

  /** {@code forbidden term "全网第一", characters 14-17}: positions counted from 1, as a reader counts. */
  static String describe(Occurrence o) {
    int first = o.position() + 1;
    int last = o.position() + length(o);
    String written = o.text().equals(o.term()) ? "" : " (written \"" + o.text() + "\")";
    return "forbidden term \"" + o.term() + "\"" + written + ", "
        + (first == last ? "character " + first : "characters " + first + "-" + last);
  }
}
