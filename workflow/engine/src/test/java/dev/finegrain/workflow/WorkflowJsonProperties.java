package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JSON round trip is the identity for generated workflows. */
class WorkflowJsonProperties {
  @Property
  void workflowRoundTripsThroughJson(@ForAll("workflows") ReviewWorkflow workflow) {
    String json = FinegrainJson.write(workflow);

    assertEquals(workflow, FinegrainJson.read(json, ReviewWorkflow.class), json);
  }

  @Provide
  Arbitrary<ReviewWorkflow> workflows() {
    Arbitrary<List<List<Stage>>> phases = stage().list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(phases, Arbitraries.integers().between(1, 9), Arbitraries.of(true, false),
        Arbitraries.of(true, false), Arbitraries.of("lead", "manager", "").optional(), Arbitraries.integers()
            .between(0, 3))
        .as((stageLists, version, selfReview, lastEditor, lead, distinct) -> {
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
        });
  }

  private Arbitrary<Stage> stage() {
    Arbitrary<List<String>> roles = Arbitraries.of("copywriter", "designer", "manager", "质检").set().ofMaxSize(3)
        .map(List::copyOf);
    Arbitrary<List<String>> members = Arbitraries.of("lin", "wang", "ma", "guo").set().ofMaxSize(2).map(List::copyOf);
    Arbitrary<Quorum> quorum = Arbitraries.oneOf(Arbitraries.of(Quorum.any(), Quorum.all(), Quorum.majority()),
        Arbitraries.integers().between(1, 5).map(Quorum::atLeast));
    Arbitrary<ReReview> reReview = Arbitraries.oneOf(Arbitraries.of(ReReview.keep(), ReReview.reset()),
        Arbitraries.of("price", "title", "images[0]", "a.b").set().ofMinSize(1).ofMaxSize(3)
            .map(fields -> ReReview.resetIfChanged(List.copyOf(fields))));
    Arbitrary<Optional<Condition>> condition = Arbitraries.oneOf(
        Arbitraries.of("food", "cosmetics").map(c -> Condition.eq("category", c)),
        Arbitraries.longs().between(0, 5000).map(n -> Condition.compare("amount", Comparison.GT, n)),
        Arbitraries.just(Condition.not(Condition.exists("licence")))).optional();
    Arbitrary<Optional<Deadline>> deadline = Combinators.combine(Arbitraries.integers().between(1, 72),
        Arbitraries.integers().between(0, 72).optional(), Arbitraries.of("manager", "director"))
        .as((escalate, extra, role) -> Deadline.builder().escalateAfter(Duration.ofHours(escalate))
            .escalationRole(role).expireAfter(extra.map(e -> Duration.ofHours(escalate + e + 1))).build())
        .optional();
    return Combinators.combine(roles, members, quorum, Arbitraries.of(VetoPolicy.class), reReview, condition,
        deadline, Arbitraries.of("listing-basics", "listing-cn").optional())
        .as((r, m, q, veto, re, cond, dl, gate) -> Stage.builder().id("tmp").name("Stage")
            .reviewerRoles(r.isEmpty() && m.isEmpty() ? List.of("manager") : r).reviewerMembers(m).quorum(q)
            .vetoPolicy(veto).reReview(re).condition(cond).deadline(dl).gate(gate).build());
  }
}
