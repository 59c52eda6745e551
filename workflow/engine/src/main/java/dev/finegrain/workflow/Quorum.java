package dev.finegrain.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.internal.Problems;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * How many approvals a stage needs, out of the members eligible to vote in it for this case:
 * any one, all, a majority, or at least n.
 *
 * <pre>{@code
 * Stage copy = Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter")
 *     .quorum(Quorum.any())           // the default: one approval
 *     .build();
 * Stage manager = Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
 *     .quorum(Quorum.atLeast(2))      // or Quorum.majority(), Quorum.all()
 *     .build();
 * }</pre>
 *
 * <p>Who counts: an approval counts toward a quorum while the member it was cast for (the
 * delegator, for a delegate's vote) may vote in the stage, whatever the quorum. The engine is built
 * with the team as it is now, so a member who approved and then left the team or lost the role no
 * longer counts, and neither does one who was eligible only through an escalation once a
 * resubmission reopens the stage un-escalated; their vote stays in the log, and counts again if they
 * may vote again. So {@link #all()} is approved only when every member who may vote in the stage
 * has approved it; {@link #majority()} is more than half of the members who may vote, by approvals
 * of theirs; {@link #atLeast(int)} is that many approvals of members who may vote. Where
 * {@link ReviewWorkflow#lastEditorMayNotApprove()}, an approval cast by or for the member who edited
 * the current revision, kept through the resubmission from an earlier one, does not count toward it
 * either (see {@link ReReview}). When a team change or an escalation brings a stage to its quorum
 * without a vote, the case's next accepted command (a {@link dev.finegrain.workflow.command.Tick}
 * will do) approves it.
 *
 * <p>In JSON {@code "any"}, {@code "all"}, {@code "majority"} or
 * {@code {"kind": "at-least", "count": 2}}; the object form {@code {"kind": "any"}} is read too.
 *
 * @since 0.1
 */
public final class Quorum {
  /**
   * The kinds of quorum.
   *
   * @since 0.1
   */
  public enum Kind {
    /** One approval from any eligible member: {@link Quorum#any()}. */
    ANY("any"),
    /** Every eligible member approves (at least one must be eligible): {@link Quorum#all()}. */
    ALL("all"),
    /** More than half of the eligible members approve: {@link Quorum#majority()}. */
    MAJORITY("majority"),
    /** A fixed number of approvals of eligible members: {@link Quorum#atLeast(int)}. */
    AT_LEAST("at-least");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** {@return the name in JSON, such as {@code at-least}} */
    public String json() {
      return json;
    }
  }

  /** The kinds' names in JSON, in the order of {@link Kind}, for messages. */
  private static final List<String> KINDS = Arrays.stream(Kind.values()).map(Kind::json).toList();
  private static final Quorum ANY = new Quorum(Kind.ANY, 1);
  private static final Quorum ALL = new Quorum(Kind.ALL, 0);
  private static final Quorum MAJORITY = new Quorum(Kind.MAJORITY, 0);

  private final Kind kind;
  private final int count;

  private Quorum(Kind kind, int count) {
    this.kind = kind;
    this.count = count;
  }

  /**
   * Any one eligible member's approval.
   *
   * @return a quorum
   */
  public static Quorum any() {
    return ANY;
  }

  /** {@return every eligible member's approval} */
  public static Quorum all() {
    return ALL;
  }

  /**
   * More than half of the eligible members.
   *
   * @return a quorum
   */
  public static Quorum majority() {
    return MAJORITY;
  }

  /**
   * At least {@code count} approvals of eligible members.
   *
   * @param count the number of approvals, 1 or more
   * @return a quorum
   * @throws dev.finegrain.core.DefinitionException if {@code count} is less than 1
   */
  public static Quorum atLeast(int count) {
    new Problems().check(count >= 1, "count", "must be at least 1, got %s", count).throwIfAny("quorum");
    return new Quorum(Kind.AT_LEAST, count);
  }

  /** {@return which kind of quorum this is} */
  public Kind kind() {
    return kind;
  }

  /** {@return the count of {@link Kind#AT_LEAST}; 1 for {@link Kind#ANY}, 0 (unused) for the others} */
  public int count() {
    return count;
  }

  /**
   * Approvals of eligible members needed when {@code eligible} members may vote; never less than 1
   * (so an all-quorum with nobody eligible waits), and possibly more
   * than {@code eligible} for {@link Kind#AT_LEAST}, in which case the stage waits (for an
   * escalation or a reassignment) rather than lowering the bar.
   *
   * @param eligible the number of members eligible to vote
   * @return the number of approvals needed
   */
  public int required(int eligible) {
    switch (kind) {
      case ANY:
        return 1;
      case ALL:
        return Math.max(1, eligible);
      case MAJORITY:
        return eligible / 2 + 1;
      default:
        return count;
    }
  }

  /** {@return the smallest number of members that could ever satisfy this quorum} */
  public int minimumMembers() {
    return kind == Kind.AT_LEAST ? count : 1;
  }

  @JsonValue
  Object toJson() {
    return kind == Kind.AT_LEAST ? ImmutableMap.of("kind", kind.json, "count", count) : kind.json;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Quorum fromJson(JsonNode node) {
    Problems problems = new Problems();
    if (node.isTextual()) {
      return ofName(node.asText(), problems, "", 0);
    }
    if (!node.isObject()) {
      problems.add("", "expected \"any\", \"all\", \"majority\" or {\"kind\": \"at-least\", \"count\": n}, got %s",
          node.toString()).throwIfAny("quorum");
    }
    JsonNode count = node.get("count");
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      problems.check(name.equals("kind") || name.equals("count"), name, "unknown field '%s'; known fields: [count, kind]",
          name);
    }
    String kind = KindField.read(node, KINDS, problems, "quorum");
    if (count != null && !(count.isIntegralNumber() && count.canConvertToInt())) {
      problems.add("count", "expected a whole number, got %s", count.toString()).throwIfAny("quorum");
    }
    if (count != null && !kind.equals("at-least")) {
      problems.add("count", "only an \"at-least\" quorum has a count; \"%s\" has none", kind).throwIfAny("quorum");
    }
    return ofName(kind, problems, "kind", count == null ? 0 : count.intValue());
  }

  private static Quorum ofName(String name, Problems problems, String path, int count) {
    switch (name) {  // as written, as a JSON enum's name is matched: "ALL" is no quorum
      case "any":
        return any();
      case "all":
        return all();
      case "majority":
        return majority();
      case "at-least":
        problems.check(count >= 1, "count", "must be at least 1, got %s", count).throwIfAny("quorum");
        return atLeast(count);
      default:
        problems.add(path, "unknown quorum '%s'; expected one of %s", name, KINDS)
            .throwIfAny("quorum");
        throw new AssertionError();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quorum other && other.kind == kind && other.count == count;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, count);
  }

  /** {@code any}, {@code all}, {@code majority} or {@code at least 2}. */
  @Override
  public String toString() {
    return kind == Kind.AT_LEAST ? "at least " + count : kind.json;
  }
}
