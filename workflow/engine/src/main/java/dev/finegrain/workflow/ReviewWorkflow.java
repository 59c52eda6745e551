package dev.finegrain.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Member;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.workflow.internal.codec.DefinitionHash;
import dev.finegrain.workflow.store.Hash;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A review workflow: ordered {@link Phase phases} of {@link Stage stages} that a subject (an
 * {@link dev.finegrain.core.standard.Artifact} of {@link #subjectKind()}) passes before it is
 * approved, with separation-of-duty options.
 *
 * <pre>{@code
 * ReviewWorkflow listing = ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
 *     .addPhase(Phase.of(copy, image))          // copy and image review in parallel
 *     .addPhase(Phase.of(compliance))           // only for cosmetics and food: a stage condition
 *     .addPhase(Phase.of(manager))              // 2 of 3 managers
 *     .leadRole("manager")
 *     .build();
 * listing.validateAgainst(team);               // unknown roles, members, unreachable quorums and approvers
 * }</pre>
 *
 * A workflow is valid on its own when built (blank ids, empty phases, stages without reviewers,
 * duplicate stage ids, bad quorums and deadlines, unknown stages in
 * {@link #distinctApproverStages()}); {@link #validateAgainst(ReviewContext)} checks it against a team
 * and a standard catalog: unknown roles (reviewer, escalation and lead roles) and members, gates
 * naming standards the catalog does not know, a stage's quorum needing more approvals than members
 * could ever be eligible for it (escalation included), and {@link #distinctApproverStages()} that no
 * case can have approved each by different members (see {@link #distinctApproverStages()}). Every
 * problem is reported at once with its path, such as
 * {@code phases[1].stages[0].quorum: needs 3 approvals but only 2 members could ever be eligible}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableReviewWorkflow.class)
@JsonDeserialize(as = ImmutableReviewWorkflow.class)
public abstract class ReviewWorkflow {
  ReviewWorkflow() {}

  /**
   * Required. The workflow's id, at most {@link dev.finegrain.core.Ids#MAX_LENGTH} chars; with {@link
   * #version()} it names the definition a case is pinned to.
   *
   * @return the id
   */
  public abstract String id();

  /**
   * 1 or more; a case is pinned to the id and version it was submitted under.
   *
   * @return the version
   */
  public abstract int version();

  /** {@return the {@link dev.finegrain.core.standard.Artifact#kind() kind} of subject this workflow reviews} */
  public abstract String subjectKind();

  /** {@return the phases in order; at least one} */
  public abstract List<Phase> phases();

  /** {@return the submitter may not vote on their own case; true by default} */
  @Value.Default
  public boolean forbidSelfReview() {
    return true;
  }

  /**
   * Whether the member who last edited the subject (the editor of the current revision: the
   * {@code editedBy} of its submission or resubmission, by default its actor) may not approve it;
   * false by default. Where they may not, their approval is refused with
   * {@link RefusalReason#LAST_EDITOR}, whether they cast it (for themselves or as a delegate) or a
   * delegate casts it for them, and an approval of theirs given to an earlier revision and kept
   * through the resubmission by a stage's {@link Stage#reReview()} policy does not count toward this
   * revision: a stage that was approved with it opens again when its phase comes (see
   * {@link ReReview}). They may still reject or request changes, in a stage where they have not
   * voted: a kept approval is their vote in that stage, so they cannot vote in it again.
   *
   * @return whether the member who last edited the subject may not approve it
   */
  @Value.Default
  public boolean lastEditorMayNotApprove() {
    return false;
  }

  /**
   * The stage ids no two of which the same member may approve in one case; empty by default.
   * {@link #validateAgainst(ReviewContext)} reports these stages when no case can be approved
   * because the team has too few members to approve each of them with different ones: for example
   * two stages each needing every manager ({@link Quorum#all()}), or two each needing 3 approvals of
   * a role 5 members hold ({@code distinctApproverStages: stages 'a' and 'b' need 6 approvals (3 + 3),
   * each from a different member, but only 5 members could ever be eligible for them, so no case can
   * be approved}). It reports only what no case can do, whoever submits it: a workflow whose cases
   * can be approved when some members submit them passes. A stage with a condition is checked, with
   * the stages that have none, for the cases it applies to. Reassignments are not counted on: where
   * a member holds the {@link #leadRole()}, the message ends {@code without a lead reassigning its
   * reviewers}.
   *
   * @return the stage ids no two of which the same member may approve in one case
   */
  public abstract List<String> distinctApproverStages();

  /** {@return the role whose holders may reassign reviewers and delegate for others} */
  public abstract Optional<String> leadRole();

  /**
   * The stage with this id, if the workflow has it.
   *
   * @param stageId the stage id
   * @return the stage with this id, if the workflow has it
   */
  public Optional<Stage> stage(String stageId) {
    return Optional.ofNullable(stagesById().get(stageId));
  }

  /**
   * The index of the phase holding stage {@code stageId}.
   *
   * @param stageId the stage id
   * @return the phase index, from 0
   * @throws IllegalArgumentException for an unknown stage
   */
  public int phaseOf(String stageId) {
    Integer phase = phaseByStage().get(stageId);
    if (phase == null) {
      throw new IllegalArgumentException("workflow '" + id() + "' has no stage '" + stageId + "'");
    }
    return phase;
  }

  /** {@return every stage, phase by phase} */
  @Value.Lazy
  public List<Stage> allStages() {
    return phases().stream().flatMap(p -> p.stages().stream()).collect(ImmutableList.toImmutableList());
  }

  @Value.Lazy
  ImmutableMap<String, Stage> stagesById() {
    ImmutableMap.Builder<String, Stage> out = ImmutableMap.builder();
    for (Stage stage : allStages()) {
      out.put(stage.id(), stage);
    }
    return out.buildKeepingLast();
  }

  @Value.Lazy
  ImmutableMap<String, Integer> phaseByStage() {
    ImmutableMap.Builder<String, Integer> out = ImmutableMap.builder();
    for (int p = 0; p < phases().size(); p++) {
      for (Stage stage : phases().get(p).stages()) {
        out.put(stage.id(), p);
      }
    }
    return out.buildKeepingLast();
  }

  /**
   * The content hash of this definition: SHA-256 over its canonical JSON (keys sorted, no spaces),
   * so equal definitions have equal hashes whatever the JVM, and a definition read back from its
   * JSON has the hash it had. A case records it when submitted; an engine whose definition
   * registered under the case's workflow id and version has another hash refuses the case's
   * commands ({@link RefusalReason#DEFINITION_CHANGED}). The format is in {@code
   * docs/formats/fg-chain-3.md}.
   *
   * @return the content hash
   */
  @Value.Lazy
  public Hash definitionHash() {
    return DefinitionHash.of(this);
  }

  /**
   * {@code workflow 'listing-review' v1}, for messages.
   *
   * @return the description
   */
  public String describe() {
    return "workflow '" + id() + "' v" + version();
  }

  /** {@return a builder of a new ReviewWorkflow; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkId("id", id());
    problems.check(version() >= 1, "version", "must be 1 or more, got %s", version());
    problems.checkId("subjectKind", subjectKind());
    problems.check(!phases().isEmpty(), "phases", "a workflow needs at least one phase");
    Map<String, String> firstPath = new HashMap<>();
    for (int p = 0; p < phases().size(); p++) {
      List<Stage> stages = phases().get(p).stages();
      for (int s = 0; s < stages.size(); s++) {
        String path = "phases[" + p + "].stages[" + s + "]";
        String previous = firstPath.putIfAbsent(stages.get(s).id(), path);
        problems.check(previous == null, path + ".id", "duplicate stage id '%s' (first at %s)", stages.get(s).id(),
            previous);
      }
    }
    for (int i = 0; i < distinctApproverStages().size(); i++) {
      String stageId = distinctApproverStages().get(i);
      problems.check(firstPath.containsKey(stageId), "distinctApproverStages[" + i + "]",
          "unknown stage '%s'; known stages: %s", stageId, firstPath.keySet().stream().sorted().toList());
      for (int j = 0; j < i; j++) {
        problems.check(!stageId.equals(distinctApproverStages().get(j)), "distinctApproverStages[" + i + "]",
            "stage '%s' is listed twice", stageId);
      }
    }
    leadRole().ifPresent(lead -> problems.checkId("leadRole", lead));
    problems.throwIfAny(describe());
  }

  /**
   * Checks this workflow against a team (and, when the context has one, a standard catalog).
   *
   * @param context the team, and the standards catalog if gates are used
   * @throws DefinitionException listing every problem with its path: unknown roles (reviewer,
   *     escalation and lead roles), unknown members, quorums larger than the number of members who
   *     could ever be eligible, gates naming standards the catalog does not know, and
   *     {@link #distinctApproverStages()} that no case can have approved, each by different members
   *     (at {@code distinctApproverStages}, naming the stages)
   */
  public void validateAgainst(ReviewContext context) {
    List<Problem> problems = problemsAgainst(context);
    if (!problems.isEmpty()) {
      throw new DefinitionException(describe() + " against team '" + context.team().id() + "'", problems);
    }
  }

  /**
   * {@link #validateAgainst(ReviewContext)} with a context of only {@code team}.
   *
   * @param team the team that reviews
   */
  public void validateAgainst(Team team) {
    validateAgainst(ReviewContext.of(team));
  }

  /**
   * The problems {@link #validateAgainst(ReviewContext)} reports, in definition order; empty if none.
   *
   * @param context the team, and the standards catalog if gates are used
   * @return the problems {@link #validateAgainst(ReviewContext)} reports, in definition order; empty if none
   */
  public List<Problem> problemsAgainst(ReviewContext context) {
    Team team = context.team();
    Problems problems = new Problems();
    List<String> knownRoles = team.roles().stream().map(Role::id).toList();
    Set<String> unreachable = new HashSet<>();
    for (int p = 0; p < phases().size(); p++) {
      List<Stage> stages = phases().get(p).stages();
      for (int s = 0; s < stages.size(); s++) {
        Stage stage = stages.get(s);
        String path = "phases[" + p + "].stages[" + s + "]";
        for (int i = 0; i < stage.reviewerRoles().size(); i++) {
          String role = stage.reviewerRoles().get(i);
          problems.check(team.role(role).isPresent(), path + ".reviewerRoles[" + i + "]",
              "unknown role '%s'; known roles: %s", role, knownRoles);
        }
        for (int i = 0; i < stage.reviewerMembers().size(); i++) {
          String member = stage.reviewerMembers().get(i);
          problems.check(team.member(member).isPresent(), path + ".reviewerMembers[" + i + "]",
              "unknown member '%s' in team '%s'", member, team.id());
        }
        stage.deadline().ifPresent(d -> problems.check(team.role(d.escalationRole()).isPresent(),
            path + ".deadline.escalationRole", "unknown role '%s'; known roles: %s", d.escalationRole(), knownRoles));
        stage.gate().ifPresent(gate -> context.gateProblem(gate, subjectKind())
            .ifPresent(message -> problems.add(path + ".gate", message)));
        int possible = 0;
        for (Member member : team.members()) {
          if (couldEverReview(stage, member)) {
            possible++;
          }
        }
        int needed = stage.quorum().minimumMembers();
        if (possible < needed) {
          unreachable.add(stage.id());
          problems.add(path + ".quorum", "needs %s but %s could ever be eligible",
              plural(needed, "approval"), possible == 0 ? "no member" : "only " + plural(possible, "member"));
        }
      }
    }
    DistinctApprovers.check(this, team, unreachable, problems);
    leadRole().ifPresent(lead -> problems.check(team.role(lead).isPresent(), "leadRole",
        "unknown role '%s'; known roles: %s", lead, knownRoles));
    return problems.list();
  }

  private static boolean couldEverReview(Stage stage, Member member) {
    for (String role : stage.reviewerRoles()) {
      if (member.holds(role)) {
        return true;
      }
    }
    return stage.reviewerMembers().contains(member.id())
        || stage.deadline().map(d -> member.holds(d.escalationRole())).orElse(false);
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /**
   * Builds a {@link ReviewWorkflow}; each attribute is documented on its accessor.
   * Required: {@link ReviewWorkflow#id() id}, {@link ReviewWorkflow#version() version}, {@link
   * ReviewWorkflow#subjectKind() subjectKind}. With a default, so optional: {@link
   * ReviewWorkflow#forbidSelfReview() forbidSelfReview}, {@link
   * ReviewWorkflow#lastEditorMayNotApprove() lastEditorMayNotApprove}. Optional, absent unless set:
   * {@link ReviewWorkflow#leadRole() leadRole}. Lists, empty unless added to (one at a time, or all
   * at once): {@link ReviewWorkflow#phases() phases}, {@link ReviewWorkflow#distinctApproverStages()
   * distinctApproverStages}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableReviewWorkflow.Builder {
    Builder() {}

    /**
     * Builds the ReviewWorkflow.
     *
     * @return the new ReviewWorkflow
     * @throws dev.finegrain.core.DefinitionException if the workflow is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public ReviewWorkflow build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
