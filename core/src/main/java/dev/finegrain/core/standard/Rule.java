package dev.finegrain.core.standard;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One check of a {@link Standard}, as data: a field must be present, a title at most 60
 * characters, every image at least 800 px wide. Build rules with {@link Rules} or each kind's
 * builder; in JSON each rule has a stable {@code type}:
 *
 * <table>
 *   <caption>Rule kinds</caption>
 *   <tr><th>type</th><th>class</th><th>checks</th></tr>
 *   <tr><td>{@code required}</td><td>{@link Required}</td><td>the field is present; a text is not blank</td></tr>
 *   <tr><td>{@code text-length}</td><td>{@link TextLength}</td><td>length in code points within min..max</td></tr>
 *   <tr><td>{@code pattern}</td><td>{@link TextPattern}</td><td>a regex (linear-time, RE2/J) is found (or not found) in the text</td></tr>
 *   <tr><td>{@code forbidden-terms}</td><td>{@link ForbiddenTerms}</td><td>no term occurs, after Unicode normalisation and case folding</td></tr>
 *   <tr><td>{@code number-range}</td><td>{@link NumberRange}</td><td>a number within min..max, inclusive</td></tr>
 *   <tr><td>{@code allowed-values}</td><td>{@link AllowedValues}</td><td>the value is one of a list</td></tr>
 *   <tr><td>{@code list-size}</td><td>{@link ListSize}</td><td>a list has min..max elements</td></tr>
 *   <tr><td>{@code each-element}</td><td>{@link EachElement}</td><td>a nested rule holds for every element of a
 * list</td></tr>
 *   <tr><td>{@code conditional}</td><td>{@link Conditional}</td><td>a nested rule, only when a condition
 * holds</td></tr>
 * </table>
 *
 * <p>Semantics shared by every kind:
 * <ul>
 *   <li>Only {@code required} reports an absent field; every other kind skips it, so combine them
 *       with {@code required} when the field is mandatory.
 *   <li>A present value of the wrong kind (a number where a text is expected) is a violation with
 *       a message naming both kinds, never an exception.
 *   <li>A rule nested in {@code each-element} or {@code conditional} reports its violations under
 *       the id and severity of the enclosing rule, the one listed in the standard; so a nested
 *       rule's severity must stay {@link Severity#ERROR} (the default) and its id is free.
 *   <li>When no id is given, the id is the kind and the field, such as {@code text-length:title}.
 *   <li>Rules nest ({@code each-element} and {@code conditional} hold a rule) at most
 *       {@link #MAX_DEPTH} levels deep, a rule without a nested rule counting as one; a deeper one
 *       is refused when it is built or read from JSON, with a
 *       {@link dev.finegrain.core.DefinitionException} naming the path of its deepest rule.
 * </ul>
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableRequired.class, name = "required"),
    @JsonSubTypes.Type(value = ImmutableTextLength.class, name = "text-length"),
    @JsonSubTypes.Type(value = ImmutableTextPattern.class, name = "pattern"),
    @JsonSubTypes.Type(value = ImmutableForbiddenTerms.class, name = "forbidden-terms"),
    @JsonSubTypes.Type(value = ImmutableNumberRange.class, name = "number-range"),
    @JsonSubTypes.Type(value = ImmutableAllowedValues.class, name = "allowed-values"),
    @JsonSubTypes.Type(value = ImmutableListSize.class, name = "list-size"),
    @JsonSubTypes.Type(value = ImmutableEachElement.class, name = "each-element"),
    @JsonSubTypes.Type(value = ImmutableConditional.class, name = "conditional"),
})
public abstract sealed class Rule permits FieldRule, Conditional {
  /** How many levels rules may nest, a rule without a nested rule counting as one: {@value}. */
  public static final int MAX_DEPTH = 64;

  Rule() {}

  /**
   * The rule's id, unique within a standard; a child standard's rule with the same id overrides
   * the parent's. Defaults to the kind and field, such as {@code required:title}.
   *
   * @return the id, such as {@code required:title}
   */
  @Value.Default
  public String id() {
    return defaultId();
  }

  /**
   * How serious a violation of this rule is; {@link Severity#ERROR} unless given.
   *
   * @return how serious a violation of this rule is; {@link Severity#ERROR} unless given
   */
  @Value.Default
  public Severity severity() {
    return Severity.ERROR;
  }

  /**
   * Why the rule exists, for people reading the standard. Optional.
   *
   * @return why the rule exists, for people reading the standard
   */
  public abstract Optional<String> description();

  /**
   * The JSON type name of this kind of rule, such as {@code forbidden-terms}.
   *
   * @return the JSON type name of this kind of rule, such as {@code forbidden-terms}
   */
  public abstract String type();

  /**
   * Checks the fields of {@code artifact}, ignoring its kind.
   *
   * @param artifact the artifact to check
   * @return every violation, in the order of the artifact; empty if the rule holds
   */
  public final List<Violation> check(Artifact artifact) {
    checkNotNull(artifact, "artifact");
    return evaluateTop(artifact.fields());
  }

  /**
   * Checks a value tree: a map of fields, a list or a single value, made of texts, numbers,
   * booleans, lists and maps.
   *
   * @param tree the value to check
   * @return every violation, in the order of the tree; empty if the rule holds
   * @throws IllegalArgumentException naming the path of an unsupported or null value
   */
  public final List<Violation> checkValue(Object tree) {
    checkNotNull(tree, "tree");
    return evaluateTop(Values.normalize("", tree));
  }

  /**
   * A copy of this rule with another id.
   *
   * @param id the new id
   * @return a copy of this rule with another id
   */
  public abstract Rule withId(String id);

  /**
   * A copy of this rule with another severity.
   *
   * @param severity the new severity
   * @return a copy of this rule with another severity
   */
  public abstract Rule withSeverity(Severity severity);

  final ImmutableList<Violation> evaluateTop(Object root) {
    Evaluation out = new Evaluation(id(), severity());
    evaluate(root, "", out);
    return out.violations();
  }

  /** Adds the violations of {@code root} (at path {@code at} in the artifact) to {@code out}. */
  abstract void evaluate(Object root, String at, Evaluation out);

  /** How deep this rule nests, counting itself: 1 unless it holds a nested rule. */
  int depth() {
    return 1;
  }

  /** The nested rule, for the kinds that hold one. */
  Optional<Rule> nested() {
    return Optional.empty();
  }

  /**
   * Refuses {@code rule}, holding {@code nested}, when it nests deeper than {@link #MAX_DEPTH}; the
   * problem names the path of the deepest rule ({@code rule.rule.rule...}).
   */
  static void checkDepth(Problems problems, Rule rule) {
    if (rule.depth() > MAX_DEPTH) {
      StringBuilder path = new StringBuilder("rule");
      for (Rule at = rule.nested().orElseThrow(); at.nested().isPresent(); at = at.nested().get()) {
        path.append(".rule");
      }
      problems.add(path.toString(), "rules nested %s deep; at most %s levels of each-element/conditional are"
          + " allowed (Rule.MAX_DEPTH)", rule.depth(), MAX_DEPTH);
    }
  }

  /** The id used when none is given. */
  abstract String defaultId();
}
