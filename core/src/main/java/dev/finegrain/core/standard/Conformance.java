package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * How an artifact measures up to a standard: every violation, and how many rules passed.
 *
 * <pre>{@code
 * Conformance report = catalog.check("listing-cn", listing);
 * report.conforms();                      // no ERROR violation; warnings and infos do not fail
 * report.passRate();                      // 0.7: 7 of 10 rules found nothing
 * report.violations(Severity.WARNING);
 * System.out.println(report);
 * // listing-cn v2: FAILS (2 errors, 1 warning; 7 of 10 rules passed)
 * // ERROR  title  ad-law: forbidden term "最佳" at 5
 * // ...
 * }</pre>
 *
 * <p>Violations come in rule order (inherited rules first, as {@link StandardCatalog} orders them),
 * and within a rule in the order of the artifact: list elements by index, occurrences by position.
 * A rule passes when it reports no violation of any severity; a conditional rule whose condition
 * does not hold passes.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableConformance.class)
@JsonDeserialize(as = ImmutableConformance.class)
public abstract class Conformance {
  Conformance() {}

  /**
   * The id of the standard checked.
   *
   * @return the id of the standard checked
   */
  public abstract String standardId();

  /**
   * The version of the standard checked.
   *
   * @return the version of the standard checked
   */
  public abstract int standardVersion();

  /**
   * How many rules were checked, inherited ones included.
   *
   * @return how many rules were checked, inherited ones included
   */
  public abstract int rulesEvaluated();

  /**
   * How many of them reported no violation.
   *
   * @return how many of them reported no violation
   */
  public abstract int rulesPassed();

  /**
   * Every violation, in rule order, then in the order of the artifact.
   *
   * @return every violation, in rule order, then in the order of the artifact
   */
  public abstract List<Violation> violations();

  /**
   * Whether the artifact conforms: no violation of severity {@link Severity#ERROR}.
   *
   * @return whether the artifact conforms: no violation of severity {@link Severity#ERROR}
   */
  public boolean conforms() {
    return count(Severity.ERROR) == 0;
  }

  /**
   * The share of rules that reported no violation, from 0 to 1; 1.0 for a standard without rules,
   * which nothing can fail.
   *
   * @return the share of rules that reported no violation, from 0 to 1; 1.0 for a standard without rules, which nothing
   *     can fail
   */
  public double passRate() {
    return rulesEvaluated() == 0 ? 1.0 : (double) rulesPassed() / rulesEvaluated();
  }

  /**
   * The violations of one severity, in report order.
   *
   * @param severity the severity to select
   * @return the violations of one severity, in report order
   */
  public List<Violation> violations(Severity severity) {
    return violations().stream().filter(v -> v.severity() == severity).collect(ImmutableList.toImmutableList());
  }

  /**
   * How many violations have this severity.
   *
   * @param severity the severity to select
   * @return how many violations have this severity
   */
  public int count(Severity severity) {
    return (int) violations().stream().filter(v -> v.severity() == severity).count();
  }

  /**
   * The first line of the report: {@code listing-cn v2: FAILS (2 errors, 1 warning; 7 of 10 rules
   * passed)}, or {@code CONFORMS (no violations; ...)}.
   *
   * @return the first line of the report: {@code listing-cn v2: FAILS (2 errors, 1 warning; 7 of 10 rules passed)}, or
   *     {@code CONFORMS (no violations; ...)}
   */
  public String headline() {
    List<String> counts = new ArrayList<>();
    addCount(counts, count(Severity.ERROR), "error");
    addCount(counts, count(Severity.WARNING), "warning");
    addCount(counts, count(Severity.INFO), "info");
    return standardId() + " v" + standardVersion() + ": " + (conforms() ? "CONFORMS" : "FAILS") + " ("
        + (counts.isEmpty() ? "no violations" : String.join(", ", counts)) + "; " + rulesPassed() + " of "
        + rulesEvaluated() + " rules passed)";
  }

  /**
   * The headline, then one line per violation: {@code ERROR  title  ad-law: forbidden term "最佳" at 5}.
   *
   * @return the headline, then one line per violation: {@code ERROR  title  ad-law: forbidden term "最佳" at 5}
   */
  public String summary() {
    return violations().isEmpty() ? headline()
        : headline() + "\n" + violations().stream().map(Violation::toString).collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return summary();
  }

  private static void addCount(List<String> counts, int n, String noun) {
    if (n > 0) {
      counts.add(n + " " + noun + (n == 1 ? "" : "s"));
    }
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks {@code artifact} against {@code rules}, on behalf of {@code standard}. */
  static Conformance evaluate(Standard standard, List<Rule> rules, Artifact artifact) {
    Standard.checkSameKind(standard, artifact);
    Builder report = builder().standardId(standard.id()).standardVersion(standard.version())
        .rulesEvaluated(rules.size());
    int passed = 0;
    for (Rule rule : rules) {
      List<Violation> found = rule.evaluateTop(artifact.fields());
      if (found.isEmpty()) {
        passed++;
      }
      report.addAllViolations(found);
    }
    return report.rulesPassed(passed).build();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("standardId", standardId());
    problems.check(standardVersion() >= 1, "standardVersion", "must be 1 or more, got %s", standardVersion());
    problems.check(rulesPassed() >= 0 && rulesPassed() <= rulesEvaluated(), "rulesPassed",
        "must be 0 to rulesEvaluated (%s), got %s", rulesEvaluated(), rulesPassed());
    long failing = violations().stream().map(Violation::ruleId).distinct().count();
    problems.check(failing == rulesEvaluated() - rulesPassed(), "violations",
        "%s rules have violations, but %s of %s rules did not pass", failing, rulesEvaluated() - rulesPassed(),
        rulesEvaluated());
    problems.throwIfAny("conformance of '" + standardId() + "'");
  }

  /**
   * Builds a {@link Conformance}; reports are normally made by {@link Standard#check}.
   *
   * <p>Required: {@link Conformance#standardId() standardId}, {@link Conformance#standardVersion() standardVersion},
   * {@link Conformance#rulesEvaluated() rulesEvaluated}, {@link Conformance#rulesPassed() rulesPassed}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableConformance.Builder {
    Builder() {}
  }
}
