package dev.finegrain.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a rejection does to a stage; in JSON {@code "any-rejection"} or
 * {@code "unless-quorum-reachable"}.
 *
 * @since 0.1
 */
public enum VetoPolicy {
  /** Any one rejection rejects the stage, and so the case. The default. */
  ANY_REJECTION("any-rejection"),
  /**
   * A rejection rejects the stage only once the quorum can no longer be reached: the approvals that
   * count (see {@link Quorum}) and those the members who may vote and have not yet could still give
   * fall short of it. A rejection on record is checked again before every command, so a team
   * change that puts the quorum out of reach rejects the stage then, with no further vote.
   */
  UNLESS_QUORUM_REACHABLE("unless-quorum-reachable");

  private final String json;

  VetoPolicy(String json) {
    this.json = json;
  }

  /** {@return the name in JSON, such as {@code any-rejection}} */
  @JsonValue
  public String json() {
    return json;
  }

  /**
   * The policy with this JSON name.
   *
   * @param name the JSON name
   * @return the policy
   * @throws IllegalArgumentException listing the known names
   */
  @JsonCreator
  public static VetoPolicy ofJson(String name) {
    for (VetoPolicy p : values()) {
      if (p.json.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown veto policy '" + name + "'; expected one of "
        + Arrays.stream(values()).map(VetoPolicy::json).collect(Collectors.joining(", ", "[", "]")));
  }

  @Override
  public String toString() {
    return json;
  }
}
