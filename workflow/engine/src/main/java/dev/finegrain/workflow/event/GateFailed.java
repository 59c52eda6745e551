package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.standard.Violation;
import java.util.List;
import org.immutables.value.Value;

/**
 * Decided by the system: the subject does not conform to the gate standard of stage
 * {@link #stageId()}, so the stage did not open and the case went back to the submitter with the
 * violations. In JSON {@code {"type": "gate-failed", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableGateFailed.class)
@JsonDeserialize(as = ImmutableGateFailed.class)
public abstract non-sealed class GateFailed implements ReviewEvent {
  GateFailed() {}

  /** {@return the gated stage} */
  public abstract String stageId();

  /** {@return the gate standard} */
  public abstract String standardId();

  /** {@return the standard's violations (errors, and any warnings and infos reported with them)} */
  public abstract List<Violation> violations();

  /** {@return a builder of a new GateFailed; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link GateFailed}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link GateFailed#stageId() stageId},
   * {@link GateFailed#standardId() standardId}. Lists, empty unless added to (one at a time, or all
   * at once): {@link GateFailed#violations() violations}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableGateFailed.Builder {
    Builder() {}

    /**
     * Builds the GateFailed.
     *
     * @return the new GateFailed
     * @throws dev.finegrain.core.DefinitionException if the GateFailed event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public GateFailed build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
