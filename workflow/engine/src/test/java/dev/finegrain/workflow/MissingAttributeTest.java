package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Delegate;
import dev.finegrain.workflow.command.Reassign;
import dev.finegrain.workflow.command.Reject;
import dev.finegrain.workflow.command.RequestChanges;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.command.Withdraw;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A required attribute that is not set is an invalid definition like any other: every builder of
 * the API throws a {@link DefinitionException} with one problem per attribute, never the generated
 * code's {@code IllegalStateException}.
 */
class MissingAttributeTest {
  private static final List<String> COMMAND = List.of("commandId", "caseId", "actor", "at");
  private static final List<String> EVENT = List.of("caseId", "sequence", "at", "actor");

  @Test
  void aStageWithoutIdNamesTheMissingAttribute() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Stage.builder().name("Copy").addReviewerRole("copywriter").build());

    assertEquals("invalid Stage: id: required, not set", e.getMessage());
    assertEquals(List.of(Problem.of("id", "required, not set")), e.problems());
  }

  @Test
  void aWorkflowReadFromJsonNamesTheMissingAttributeAtItsPath() {
    String json = """
        {"id": "w", "version": 1, "subjectKind": "listing",
         "phases": [{"stages": [{"id": "copy", "reviewerRoles": ["copywriter"]}]}]}
        """;

    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(json, ReviewWorkflow.class));

    assertEquals(List.of(Problem.of("phases[0].stages[0].name", "required, not set")), e.problems());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("emptyBuilders")
  void anEmptyBuilderReportsEveryRequiredAttribute(String type, Supplier<?> build, List<String> required) {
    DefinitionException e = assertThrows(DefinitionException.class, build::get);

    assertEquals(type, e.subject());
    assertEquals(required.stream().map(name -> Problem.of(name, "required, not set")).toList(), e.problems());
  }

  static Stream<Arguments> emptyBuilders() {
    return Stream.of(
        Arguments.of("ReviewWorkflow", (Supplier<?>) () -> ReviewWorkflow.builder().build(),
            List.of("id", "version", "subjectKind")),
        Arguments.of("Stage", (Supplier<?>) () -> Stage.builder().build(), List.of("id", "name")),
        Arguments.of("Deadline", (Supplier<?>) () -> Deadline.builder().build(),
            List.of("escalateAfter", "escalationRole")),
        command("Submit", () -> Submit.builder().build(), "subject"),
        command("Approve", () -> Approve.builder().build(), "stageId"),
        command("Reject", () -> Reject.builder().build(), "stageId", "reason"),
        command("RequestChanges", () -> RequestChanges.builder().build(), "stageId", "reason"),
        command("Resubmit", () -> Resubmit.builder().build(), "subject"),
        command("Withdraw", () -> Withdraw.builder().build()),
        command("Comment", () -> Comment.builder().build(), "text"),
        command("Delegate", () -> Delegate.builder().build(), "from", "to", "validFrom", "validUntil"),
        command("Reassign", () -> Reassign.builder().build(), "stageId", "from", "to"),
        command("Tick", () -> Tick.builder().build()),
        event("CaseSubmitted", () -> CaseSubmitted.builder().build(), "workflowId", "workflowVersion", "subject",
            "editor"),
        event("StageOpened", () -> StageOpened.builder().build(), "stageId", "phase"),
        event("StageSkipped", () -> StageSkipped.builder().build(), "stageId", "phase", "reason"),
        event("GateFailed", () -> GateFailed.builder().build(), "stageId", "standardId"),
        event("VoteCast", () -> VoteCast.builder().build(), "stageId", "vote"),
        event("StageApproved", () -> StageApproved.builder().build(), "stageId"),
        event("StageRejected", () -> StageRejected.builder().build(), "stageId"),
        event("ChangesRequested", () -> ChangesRequested.builder().build(), "stageId", "reason"),
        event("Resubmitted", () -> Resubmitted.builder().build(), "revision", "subject", "editor"),
        event("Commented", () -> Commented.builder().build(), "text"),
        event("Delegated", () -> Delegated.builder().build(), "from", "to", "validFrom", "validUntil"),
        event("Reassigned", () -> Reassigned.builder().build(), "stageId", "from", "to"),
        event("Escalated", () -> Escalated.builder().build(), "stageId", "role"),
        event("CaseClosed", () -> CaseClosed.builder().build(), "outcome", "reason"));
  }

  private static Arguments command(String type, Supplier<? extends ReviewCommand> build, String... own) {
    return Arguments.of(type, build, Stream.concat(COMMAND.stream(), Stream.of(own)).toList());
  }

  private static Arguments event(String type, Supplier<?> build, String... own) {
    return Arguments.of(type, build, Stream.concat(EVENT.stream(), Stream.of(own)).toList());
  }
}
