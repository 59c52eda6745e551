package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.core.standard.Violation;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decision needs besides the workflow and the case: the team whose roles and members
 * review, and the standard catalog that stage gates are checked against. An immutable value;
 * build it once and reuse it for every decision.
 *
 * <pre>{@code
 * ReviewContext context = ReviewContext.of(team, catalog);
 * workflow.validateAgainst(context);   // roles, members, quorums, gate standards
 * }</pre>
 *
 * @since 0.1
 */
public final class ReviewContext {
  private final Team team;
  private final StandardCatalog catalog;

  private ReviewContext(Team team, StandardCatalog catalog) {
    this.team = checkNotNull(team, "team");
    this.catalog = catalog;
  }

  /**
   * A context of {@code team} and no standards: enough for workflows without gates.
   *
   * @param team the team
   * @return a context of {@code team} and no standards: enough for workflows without gates
   */
  public static ReviewContext of(Team team) {
    return new ReviewContext(team, null);
  }

  /**
   * A context of {@code team} whose stage gates are checked against {@code catalog}.
   *
   * @param team the team
   * @param catalog the standards gates are checked against
   * @return a context of {@code team} whose stage gates are checked against {@code catalog}
   */
  public static ReviewContext of(Team team, StandardCatalog catalog) {
    return new ReviewContext(team, checkNotNull(catalog, "catalog"));
  }

  /** {@return the team whose members review and whose roles the workflows name} */
  public Team team() {
    return team;
  }

  /** {@return the catalog gates are checked against, if the context has one} */
  public Optional<StandardCatalog> catalog() {
    return Optional.ofNullable(catalog);
  }

  /**
   * The violations of gate standard {@code standardId} by {@code subject} if it does not conform
   * (errors, and the warnings and infos reported with them); empty if it conforms.
   *
   * @throws IllegalStateException if the context has no catalog (the workflow was not validated against it)
   * @throws IllegalArgumentException if the catalog has no such standard, or it checks another kind
   */
  ImmutableList<Violation> gateViolations(String standardId, Artifact subject) {
    if (catalog == null) {
      throw new IllegalStateException("gate '" + standardId + "' needs a standard catalog; the review context has"
          + " none (validate workflows against the context they are decided with)");
    }
    Conformance report = catalog.check(standardId, subject);
    return report.conforms() ? ImmutableList.of() : ImmutableList.copyOf(report.violations());
  }

  /** Why the gate standard {@code standardId} cannot gate {@code subjectKind} subjects, if it cannot. */
  Optional<String> gateProblem(String standardId, String subjectKind) {
    if (catalog == null) {
      return Optional.of("gate standard '" + standardId + "' cannot be checked: the review context has no standard"
          + " catalog");
    }
    Optional<Standard> standard = catalog.standard(standardId);
    if (standard.isEmpty()) {
      return Optional.of("unknown standard '" + standardId + "'; known standards: " + catalog.ids());
    }
    if (!standard.get().artifactKind().equals(subjectKind)) {
      return Optional.of("standard '" + standardId + "' checks '" + standard.get().artifactKind()
          + "' artifacts, but the workflow reviews '" + subjectKind + "' subjects");
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReviewContext other && other.team.equals(team) && Objects.equals(other.catalog, catalog);
  }

  @Override
  public int hashCode() {
    return Objects.hash(team, catalog);
  }

  @Override
  public String toString() {
    return "ReviewContext{team " + team.id() + (catalog == null ? "" : ", standards " + catalog.ids()) + "}";
  }
}
