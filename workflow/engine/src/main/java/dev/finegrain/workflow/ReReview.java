package dev.finegrain.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.standard.Artifact;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a resubmission does to the approvals a stage already has: keep them, reset them, or reset
 * them only if one of the listed fields changed between the revision they were given on and the
 * new one.
 *
 * <p>In JSON {@code "keep"}, {@code "reset"} or
 * {@code {"kind": "reset-if-changed", "fields": ["price"]}}. Rejections and change requests are
 * never kept: a resubmission answers them.
 *
 * <p>A kept approval counts toward the new revision as any approval does (see {@link Quorum}), with
 * one more rule where {@link ReviewWorkflow#lastEditorMayNotApprove()}: one cast by or for the
 * member who edited the new revision does not count toward it, whichever policy kept it, since they
 * approved an earlier revision and then changed it, and the engine would refuse their approval of
 * this one. A stage still open waits for the approvals that count. A stage approved before the case
 * was sent back stays approved unless such an approval is among its own; then it opens again when
 * its phase comes, with all its approvals, and is approved once those that count reach its quorum
 * (at once if they already do). The approval stays in the log and counts again in a later revision
 * someone else edited. Which stages open again depends on the log alone (each revision records its
 * editor), not on the team.
 *
 * @since 0.1
 */
public final class ReReview {
  /**
   * The kinds of re-review policy.
   *
   * @since 0.1
   */
  public enum Kind {
    /** Approvals survive every resubmission: {@link ReReview#keep()}. */
    KEEP("keep"),
    /** Every resubmission resets the approvals: {@link ReReview#reset()}. */
    RESET("reset"),
    /** A resubmission resets the approvals when a watched field changed: {@link ReReview#resetIfChanged(List)}. */
    RESET_IF_CHANGED("reset-if-changed");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** {@return the name in JSON, such as {@code reset-if-changed}} */
    public String json() {
      return json;
    }
  }

  /** The kinds' names in JSON, in the order of {@link Kind}, for messages. */
  private static final List<String> KINDS = Arrays.stream(Kind.values()).map(Kind::json).toList();
  private static final Artifact NO_FIELDS = Artifact.of("any", Map.of());
  private static final ReReview KEEP = new ReReview(Kind.KEEP, ImmutableList.of());
  private static final ReReview RESET = new ReReview(Kind.RESET, ImmutableList.of());

  private final Kind kind;
  private final ImmutableList<String> fields;

  private ReReview(Kind kind, ImmutableList<String> fields) {
    this.kind = kind;
    this.fields = fields;
  }

  /**
   * {@return the approvals survive every resubmission; where the last editor may not approve, one by
   * or for the new revision's editor survives but does not count toward it (see {@link ReReview})}
   */
  public static ReReview keep() {
    return KEEP;
  }

  /** {@return every resubmission resets the stage's approvals. The default} */
  public static ReReview reset() {
    return RESET;
  }

  /**
   * A resubmission resets the stage's approvals when one of {@code fields} (field paths such as
   * {@code price} or {@code images[0].url}) changed.
   *
   * @param fields the field paths watched
   * @return the re-review policy
   * @throws dev.finegrain.core.DefinitionException if no field is given or one is blank
   */
  public static ReReview resetIfChanged(List<String> fields) {
    Problems problems = new Problems();
    problems.check(!fields.isEmpty(), "fields", "list at least one field");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).isBlank()) {
        problems.add("fields[" + i + "]", "must not be blank");
        continue;
      }
      try {
        NO_FIELDS.field(fields.get(i));
      } catch (IllegalArgumentException e) {
        problems.add("fields[" + i + "]", e.getMessage());
      }
    }
    problems.throwIfAny("re-review policy");
    return new ReReview(Kind.RESET_IF_CHANGED, ImmutableList.copyOf(fields));
  }

  /**
   * See {@link #resetIfChanged(List)}.
   *
   * @param fields the field paths watched
   * @return the re-review policy
   */
  public static ReReview resetIfChanged(String... fields) {
    return resetIfChanged(List.of(fields));
  }

  /** {@return which kind of policy this is} */
  public Kind kind() {
    return kind;
  }

  /** {@return the watched fields of {@link Kind#RESET_IF_CHANGED}; empty for the others} */
  public List<String> fields() {
    return fields;
  }

  /**
   * Whether approvals given on {@code before} are reset by the revision {@code after}. Fields
   * compare by value; a field that appears or disappears counts as changed.
   *
   * @param before the revision approved
   * @param after the new revision
   * @return whether the stage's approvals are reset
   */
  public boolean resets(Artifact before, Artifact after) {
    switch (kind) {
      case KEEP:
        return false;
      case RESET:
        return true;
      default:
        for (String field : fields) {
          if (!before.field(field).equals(after.field(field))) {
            return true;
          }
        }
        return false;
    }
  }

  @JsonValue
  Object toJson() {
    return kind == Kind.RESET_IF_CHANGED ? ImmutableMap.of("kind", kind.json, "fields", fields) : kind.json;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ReReview fromJson(JsonNode node) {
    Problems problems = new Problems();
    String name;
    ImmutableList.Builder<String> fields = ImmutableList.builder();
    if (node.isTextual()) {
      name = node.asText();
    } else if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        problems.check(field.equals("kind") || field.equals("fields"), field,
            "unknown field '%s'; known fields: [fields, kind]", field);
      }
      name = KindField.read(node, KINDS, problems, "re-review policy");
      JsonNode list = node.get("fields");
      if (list != null) {
        if (!list.isArray()) {
          problems.add("fields", "expected a list of field paths").throwIfAny("re-review policy");
        }
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).isTextual()) {
            fields.add(list.get(i).asText());
          } else {
            problems.add("fields[" + i + "]", "expected a text, got %s", list.get(i).toString());
          }
        }
      }
    } else {
      problems.add("", "expected \"keep\", \"reset\" or {\"kind\": \"reset-if-changed\", \"fields\": [...]}, got %s",
          node.toString()).throwIfAny("re-review policy");
      throw new AssertionError();
    }
    if (node.isObject() && node.get("fields") != null && !name.equals("reset-if-changed")) {
      problems.add("fields", "only a \"reset-if-changed\" policy has fields; \"%s\" has none", name);
    }
    problems.throwIfAny("re-review policy");
    switch (name) {
      case "keep":
        return keep();
      case "reset":
        return reset();
      case "reset-if-changed":
        return resetIfChanged(fields.build());
      default:
        problems.add(node.isTextual() ? "" : "kind",
            "unknown re-review policy '%s'; expected one of %s", name, KINDS)
            .throwIfAny("re-review policy");
        throw new AssertionError();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReReview other && other.kind == kind && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, fields);
  }

  /** {@code keep}, {@code reset} or {@code reset-if-changed [price]}. */
  @Override
  public String toString() {
    return kind == Kind.RESET_IF_CHANGED ? kind.json + " " + fields : kind.json;
  }
}
