package dev.finegrain.core.standard;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A detailed standard for one kind of artifact — product copy, images, a service script,
 * packaging — as a versioned list of {@link Rule rules} that checks an {@link Artifact} and gives a
 * {@link Conformance} report listing every violation.
 *
 * <pre>{@code
 * Standard listing = Standard.builder().id("listing-cn").version(2).artifactKind("listing")
 *     .name("Listing copy, China")
 *     .addRule(Rules.required("title"))
 *     .addRule(Rules.textLength("title", 10, 60))
 *     .addRule(RulePacks.chinaAdvertisingLawArticle9("title").withId("ad-law"))
 *     .addRule(Rules.eachElement("images", Rules.numberRange("width", 800, 10_000)).withId("image-width"))
 *     .addRule(Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence")))
 *     .build();
 * Conformance report = listing.check(artifact);
 * report.conforms();   // false if any ERROR violation
 * }</pre>
 *
 * <p>A standard may extend another ({@code "extends"} in JSON): it inherits the parent's rules and
 * may override one by giving a rule with the same id. Such a standard is checked through a
 * {@link StandardCatalog}, which knows its parent. Validation reports every problem at once: blank
 * id, name or kind, a version below 1, repeated rule ids ({@code rules[3].id}), and a rule at the
 * top of the standard with an empty field.
 *
 * <p>In JSON:
 * <pre>{@code
 * {"id": "listing-cn", "version": 2, "artifactKind": "listing", "name": "Listing copy, China",
 *  "extends": "listing-base",
 *  "rules": [{"type": "required", "id": "title", "field": "title"},
 *            {"type": "text-length", "id": "title-length", "field": "title", "max": 60}]}
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStandard.class)
@JsonDeserialize(as = ImmutableStandard.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"id", "version", "artifactKind", "name", "description", "extends", "rules"})
public abstract class Standard {
  Standard() {}

  /**
   * Stable id that catalogs and child standards refer to. Required, not blank.
   *
   * @return stable id that catalogs and child standards refer to
   */
  public abstract String id();

  /**
   * The version of this standard, 1 or more; reported with every conformance. Required.
   *
   * @return the version of this standard, 1 or more; reported with every conformance
   */
  public abstract int version();

  /**
   * The kind of artifact this standard checks, such as {@code listing}. Required, not blank.
   *
   * @return the kind of artifact this standard checks, such as {@code listing}
   */
  public abstract String artifactKind();

  /**
   * Readable name. Required, not blank.
   *
   * @return readable name
   */
  public abstract String name();

  /**
   * What the standard is for, for the people who follow it. Optional.
   *
   * @return what the standard is for, for the people who follow it
   */
  public abstract Optional<String> description();

  /**
   * The id of the standard this one extends; in JSON {@code "extends"}.
   * Optional: a standard without a parent stands alone.
   *
   * @return the id of the standard this one extends; in JSON {@code "extends"}
   */
  @JsonProperty("extends")
  public abstract Optional<String> parent();

  /**
   * This standard's own rules, in order; inherited rules are not included. Default: none.
   *
   * @return the rules, unmodifiable
   */
  public abstract List<Rule> rules();

  /**
   * This standard's own rule with this id, if it has one.
   *
   * @param ruleId the id of the rule
   * @return the rule, or empty if this standard has none with that id
   */
  public Optional<Rule> rule(String ruleId) {
    return rules().stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }

  /**
   * Checks {@code artifact} against this standard's rules.
   *
   * @param artifact the artifact to check
   * @return the conformance report: every violation and the rules evaluated
   * @throws IllegalStateException if this standard extends another; check it through a
   *     {@link StandardCatalog} instead
   * @throws IllegalArgumentException if the artifact is of another kind
   */
  public Conformance check(Artifact artifact) {
    checkNotNull(artifact, "artifact");
    if (parent().isPresent()) {
      throw new IllegalStateException("standard '" + id() + "' extends '" + parent().get()
          + "'; check it through a StandardCatalog that holds both, so that the inherited rules apply");
    }
    return Conformance.evaluate(this, rules(), artifact);
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** This standard with other rules and no parent: how a catalog resolves inheritance. */
  Standard withResolvedRules(List<Rule> resolved) {
    return builder().from(this).parent(Optional.empty()).rules(resolved).build();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    problems.check(version() >= 1, "version", "must be 1 or more, got %s", version());
    problems.checkNotBlank("artifactKind", artifactKind());
    problems.checkNotBlank("name", name());
    parent().ifPresent(p -> {
      problems.checkNotBlank("extends", p);
      problems.check(!p.equals(id()), "extends", "a standard cannot extend itself");
    });
    problems.checkUniqueIds("rules", rules(), Rule::id, "rule");
    for (int i = 0; i < rules().size(); i++) {
      checkTopLevelField(problems, "rules[" + i + "]", rules().get(i));
    }
    problems.throwIfAny("standard '" + id() + "'");
  }

  /** A rule that reads the artifact itself must name a field; only an element may be checked whole. */
  private static void checkTopLevelField(Problems problems, String path, Rule rule) {
    if (rule instanceof FieldRule fieldRule) {
      problems.check(!fieldRule.field().isEmpty(), path + ".field",
          "a field path is required; only a rule inside each-element may check the element itself");
    } else if (rule instanceof Conditional conditional) {
      checkTopLevelField(problems, path + ".rule", conditional.rule());
    }
  }

  static void checkSameKind(Standard standard, Artifact artifact) {
    checkArgument(standard.artifactKind().equals(artifact.kind()),
        "standard '%s' checks '%s' artifacts, but this artifact is a '%s'",
        standard.id(), standard.artifactKind(), artifact.kind());
  }


  /**
   * Builds a {@link Standard}.

   *

   * <p>Required: {@link Standard#id() id}, {@link Standard#version() version}, {@link Standard#artifactKind()
   * artifactKind}, {@link Standard#name() name}.

   * Every other attribute is optional or has a default, as its accessor says.

   * {@code build()} validates the value; anything missing or invalid fails with one

   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStandard.Builder {
    Builder() {}
  }
}
