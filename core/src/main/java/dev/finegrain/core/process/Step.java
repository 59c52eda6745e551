package dev.finegrain.core.process;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.time.Duration;
import java.util.List;
import org.immutables.value.Value;

/**
 * One step of a {@link ProcessDefinition}: who owns it (a role id), which artifacts it consumes and
 * produces, how long it is expected to take and which steps must finish before it starts. A final
 * step's outputs are the deliverables of the process.
 *
 * <pre>{@code
 * Step photos = Step.builder().id("shoot-photos").name("Shoot photos").ownerRole("photographer")
 *     .addInput("product-sample").addOutput("raw-photos")
 *     .expectedDuration(Duration.ofHours(3))
 *     .addDependsOn("receive-sample")
 *     .build();
 * }</pre>
 *
 * <p>In JSON: {@code {"id": "shoot-photos", "name": "Shoot photos", "ownerRole": "photographer",
 * "inputs": ["product-sample"], "outputs": ["raw-photos"], "expectedDuration": "PT3H",
 * "dependsOn": ["receive-sample"], "final": false}}. A step checks only itself; whether the steps it
 * depends on exist, and whether the steps form a cycle, is checked by the process.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStep.class)
@JsonDeserialize(as = ImmutableStep.class)
public abstract class Step {
  Step() {}

  /**
   * Stable id, unique within the process, that other steps name in {@link #dependsOn()}. Required, not blank.
   *
   * @return stable id, unique within the process, that other steps name in {@link #dependsOn()}
   */
  public abstract String id();

  /**
   * Readable name. Required, not blank.
   *
   * @return readable name
   */
  public abstract String name();

  /**
   * Id of the role that owns (does) this step. Required.
   *
   * @return id of the role that owns (does) this step
   */
  public abstract String ownerRole();

  /**
   * Names of the artifacts this step consumes. Default: none.
   *
   * @return the names of the artifacts this step consumes
   */
  public abstract List<String> inputs();

  /**
   * Names of the artifacts this step produces. Default: none.
   *
   * @return the names of the artifacts this step produces
   */
  public abstract List<String> outputs();

  /**
   * How long the step is expected to take once started; positive, and at most
   * {@link ProcessDefinition#MAX_TOTAL_DURATION}. In JSON ISO-8601 text such as
   * {@code "PT4H"}; a bare number is rejected, since its unit would be a guess. Required.
   *
   * @return how long the step is expected to take once started; positive
   */
  public abstract Duration expectedDuration();

  /**
   * Ids of the steps that must finish before this one starts, each listed once.
   * Default: none (the step can start at once).
   *
   * @return ids of the steps that must finish before this one starts, each listed once
   */
  public abstract List<String> dependsOn();

  /**
   * Whether this step's outputs are deliverables of the process; {@code "final"} in JSON, false if absent.
   *
   * @return whether this step's outputs are deliverables of the process; {@code "final"} in JSON, false if absent
   */
  @Value.Default
  @JsonProperty("final")
  public boolean isFinal() {
    return false;
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    problems.checkNotBlank("name", name());
    problems.checkNotBlank("ownerRole", ownerRole());
    checkNames(problems, "inputs", inputs());
    checkNames(problems, "outputs", outputs());
    problems.check(!expectedDuration().isNegative() && !expectedDuration().isZero(), "expectedDuration",
        "must be positive, got %s", expectedDuration());
    problems.check(expectedDuration().compareTo(ProcessDefinition.MAX_TOTAL_DURATION) <= 0, "expectedDuration",
        "must be at most %s (ProcessDefinition.MAX_TOTAL_DURATION, about 292 million years), got %s",
        ProcessDefinition.MAX_TOTAL_DURATION, expectedDuration());
    for (int i = 0; i < dependsOn().size(); i++) {
      problems.checkNotBlank("dependsOn[" + i + "]", dependsOn().get(i));
      problems.check(!dependsOn().subList(0, i).contains(dependsOn().get(i)), "dependsOn[" + i + "]",
          "step '%s' is listed twice", dependsOn().get(i));
    }
    problems.throwIfAny("step '" + id() + "'");
  }

  private static void checkNames(Problems problems, String path, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      problems.checkNotBlank(path + "[" + i + "]", names.get(i));
    }
  }

  /**
   * Builds a {@link Step}.
   *
   * <p>Required: {@link Step#id() id}, {@link Step#name() name}, {@link Step#ownerRole() ownerRole}, {@link
   * Step#expectedDuration() expectedDuration}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStep.Builder {
    Builder() {}
  }
}
