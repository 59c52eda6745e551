package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.optionals;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.sets;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.testing.Gens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** JSON round trip is the identity for generated workflows. */
class WorkflowJsonProperties {
  @Test
  void workflowRoundTripsThroughJson() {
    qt().forAll(workflows()).checkAssert(WorkflowJsonProperties::workflowRoundTripsThroughJson);
  }

  private static void workflowRoundTripsThroughJson(ReviewWorkflow workflow) {
    String json = FinegrainJson.write(workflow);

    assertEquals(workflow, FinegrainJson.read(json, ReviewWorkflow.class), json);
  }

  /**
   * The definition hash is a content hash: a workflow read back from its JSON, or rebuilt with its
   * attributes given in another order, has the same one; another version or another stage name a
   * different one.
   */
  @Test
  void theDefinitionHashIsTheContentsAndSurvivesJson() {
    qt().forAll(workflows()).checkAssert(WorkflowJsonProperties::theDefinitionHashIsTheContentsAndSurvivesJson);
  }

  private static void theDefinitionHashIsTheContentsAndSurvivesJson(ReviewWorkflow workflow) {
    ReviewWorkflow back = FinegrainJson.read(FinegrainJson.write(workflow), ReviewWorkflow.class);
    ReviewWorkflow rebuilt = ReviewWorkflow.builder().leadRole(workflow.leadRole())
        .distinctApproverStages(workflow.distinctApproverStages()).phases(workflow.phases())
        .lastEditorMayNotApprove(workflow.lastEditorMayNotApprove()).forbidSelfReview(workflow.forbidSelfReview())
        .subjectKind(workflow.subjectKind()).version(workflow.version()).id(workflow.id()).build();
    List<Phase> phases = new ArrayList<>(workflow.phases());
    List<Stage> first = new ArrayList<>(phases.get(0).stages());
    first.set(0, Stage.builder().from(first.get(0)).name(first.get(0).name() + " (renamed)").build());
    phases.set(0, Phase.builder().addAllStages(first).build());
    ReviewWorkflow renamed = ReviewWorkflow.builder().from(workflow).phases(phases).build();

    assertEquals(workflow.definitionHash(), back.definitionHash());
    assertEquals(workflow.definitionHash(), rebuilt.definitionHash());
    assertNotEquals(workflow.definitionHash(),
        ReviewWorkflow.builder().from(workflow).version(workflow.version() + 1).build().definitionHash());
    assertNotEquals(workflow.definitionHash(), renamed.definitionHash());
  }

  static Gen<ReviewWorkflow> workflows() {
    Gen<List<List<Stage>>> phases = lists(lists(stage(), 1, 3), 1, 3);
    Gen<Integer> versions = ints(1, 9);
    Gen<Boolean> flags = booleans();
    Gen<Optional<String>> leads = optionals(pick("lead", "manager", ""));
    Gen<Integer> distinctCounts = ints(0, 3);
    return in -> {
      List<List<Stage>> stageLists = phases.generate(in);
      int version = versions.generate(in);
      boolean selfReview = flags.generate(in);
      boolean lastEditor = flags.generate(in);
      Optional<String> lead = leads.generate(in);
      int distinct = distinctCounts.generate(in);
      List<Phase> built = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (List<Stage> stages : stageLists) {
        List<Stage> renamed = new ArrayList<>();
        for (Stage stage : stages) {
          String id = "s" + ids.size();
          ids.add(id);
          renamed.add(Stage.builder().from(stage).id(id).build());
        }
        built.add(Phase.builder().addAllStages(renamed).build());
      }
      return ReviewWorkflow.builder().id("w").version(version).subjectKind("listing").phases(built)
          .forbidSelfReview(selfReview).lastEditorMayNotApprove(lastEditor)
          .distinctApproverStages(ids.subList(0, Math.min(distinct, ids.size())))
          .leadRole(lead.filter(l -> !l.isEmpty())).build();
    };
  }

  private static Gen<Stage> stage() {
    Gen<List<String>> roles = sets(pick("copywriter", "designer", "manager", "质检"), 0, 3).map(List::copyOf);
    Gen<List<String>> members = sets(pick("lin", "wang", "ma", "guo"), 0, 2).map(List::copyOf);
    Gen<Quorum> quorum = oneOf(pick(Quorum.any(), Quorum.all(), Quorum.majority()), ints(1, 5).map(Quorum::atLeast));
    Gen<ReReview> reReview = oneOf(pick(ReReview.keep(), ReReview.reset()),
        sets(pick("price", "title", "images[0]", "a.b"), 1, 3)
            .map(fields -> ReReview.resetIfChanged(List.copyOf(fields))));
    Gen<Optional<Condition>> condition = optionals(oneOf(
        pick("food", "cosmetics").map(c -> Condition.eq("category", c)),
        Gens.longs(0, 5000).map(n -> Condition.compare("amount", Comparison.GT, n)),
        pick(Condition.not(Condition.exists("licence")))));
    Gen<Integer> escalations = ints(1, 72);
    Gen<Optional<Integer>> extras = optionals(ints(0, 72));
    Gen<String> escalationRoles = pick("manager", "director");
    Gen<Deadline> deadlines = in -> {
      int escalate = escalations.generate(in);
      Optional<Integer> extra = extras.generate(in);
      String role = escalationRoles.generate(in);
      return Deadline.builder().escalateAfter(Duration.ofHours(escalate)).escalationRole(role)
          .expireAfter(extra.map(e -> Duration.ofHours(escalate + e + 1))).build();
    };
    Gen<Optional<Deadline>> deadline = optionals(deadlines);
    Gen<VetoPolicy> vetoes = pick(VetoPolicy.values());
    Gen<Optional<String>> gates = optionals(pick("listing-basics", "listing-cn"));
    return in -> {
      List<String> r = roles.generate(in);
      List<String> m = members.generate(in);
      return Stage.builder().id("tmp").name("Stage")
          .reviewerRoles(r.isEmpty() && m.isEmpty() ? List.of("manager") : r).reviewerMembers(m)
          .quorum(quorum.generate(in)).vetoPolicy(vetoes.generate(in)).reReview(reReview.generate(in))
          .condition(condition.generate(in)).deadline(deadline.generate(in)).gate(gates.generate(in)).build();
    };
  }
}
