package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Ids;
import dev.finegrain.core.Member;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Artifact;
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
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.EventStores;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every id a workflow, its stages or a command names is at most {@link Ids#MAX_LENGTH} chars: one
 * of exactly the limit is kept, built or read from JSON, and one char more is refused with its
 * path; a case whose ids are all at the limit runs in the in-memory store as in any other.
 */
class IdLengthTest {
  private static final Instant T0 = Fixtures.T0;
  private static final String TOO_LONG = "an id of 257 chars is too long; at most 256 (Ids.MAX_LENGTH)";

  /** {@code length} CJK chars (3 bytes each in UTF-8) drawn from {@code random}: text that does not compress. */
  static String cjk(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00 + 1)));
    }
    return out.toString();
  }

  /** One id at the limit per name, each different. */
  private static Map<String, String> idsAtTheLimit(long seed, String... names) {
    Random random = new Random(seed);
    Map<String, String> ids = new LinkedHashMap<>();
    for (String name : names) {
      ids.put(name, cjk(random, Ids.MAX_LENGTH));
    }
    return ids;
  }

  private static void assertTooLong(String path, Runnable build) {
    DefinitionException e = assertThrows(DefinitionException.class, build::run, path);
    assertEquals(List.of(Problem.of(path, TOO_LONG)), e.problems(), path);
  }

  // --- definitions ------------------------------------------------------------------------------

  @Test
  void workflowAndStageIdsOfTheLimitAreKeptAndOneCharMoreIsRefusedWithThePath() {
    Map<String, String> id = idsAtTheLimit(1, "workflow", "kind", "lead", "stage", "role", "member", "gate", "director");
    Stage stage = Stage.builder().id(id.get("stage")).name("n".repeat(1_000)).addReviewerRole(id.get("role"))
        .addReviewerMember(id.get("member")).gate(id.get("gate")).deadline(Deadline.builder()
            .escalateAfter(Duration.ofHours(1)).escalationRole(id.get("director")).build()).build();
    ReviewWorkflow workflow = ReviewWorkflow.builder().id(id.get("workflow")).version(1).subjectKind(id.get("kind"))
        .addPhase(Phase.of(stage)).leadRole(id.get("lead")).build();
    assertEquals(stage, workflow.stage(id.get("stage")).orElseThrow());
    assertEquals(1_000, stage.name().length(), "a name is not an id");

    assertTooLong("id", () -> Stage.builder().from(stage).id(id.get("stage") + "x").build());
    assertTooLong("reviewerRoles[0]", () -> Stage.builder().from(stage).reviewerRoles(List.of(id.get("role") + "x"))
        .build());
    assertTooLong("reviewerMembers[0]", () -> Stage.builder().from(stage)
        .reviewerMembers(List.of(id.get("member") + "x")).build());
    assertTooLong("gate", () -> Stage.builder().from(stage).gate(id.get("gate") + "x").build());
    assertTooLong("escalationRole", () -> Deadline.builder().escalateAfter(Duration.ofHours(1))
        .escalationRole(id.get("director") + "x").build());
    assertTooLong("id", () -> ReviewWorkflow.builder().from(workflow).id(id.get("workflow") + "x").build());
    assertTooLong("subjectKind", () -> ReviewWorkflow.builder().from(workflow).subjectKind(id.get("kind") + "x")
        .build());
    assertTooLong("leadRole", () -> ReviewWorkflow.builder().from(workflow).leadRole(id.get("lead") + "x").build());
  }

  @Test
  void workflowIdsOfTheLimitAreReadFromJsonAndOneCharMoreIsRefusedWithThePath() {
    Map<String, String> id = idsAtTheLimit(2, "workflow", "kind", "lead", "stage", "role", "member", "gate", "director");
    ReviewWorkflow workflow = ReviewWorkflow.builder().id(id.get("workflow")).version(1).subjectKind(id.get("kind"))
        .addPhase(Phase.of(Stage.builder().id(id.get("stage")).name("Copy").addReviewerRole(id.get("role"))
            .addReviewerMember(id.get("member")).gate(id.get("gate")).deadline(Deadline.builder()
                .escalateAfter(Duration.ofHours(1)).escalationRole(id.get("director")).build()).build()))
        .leadRole(id.get("lead")).build();
    String json = FinegrainJson.write(workflow);
    assertEquals(workflow, FinegrainJson.read(json, ReviewWorkflow.class));

    Map<String, String> paths = Map.of("workflow", "id", "kind", "subjectKind", "lead", "leadRole",
        "stage", "phases[0].stages[0].id", "role", "phases[0].stages[0].reviewerRoles[0]",
        "member", "phases[0].stages[0].reviewerMembers[0]", "gate", "phases[0].stages[0].gate",
        "director", "phases[0].stages[0].deadline.escalationRole");
    paths.forEach((name, path) -> assertTooLong(path, () -> FinegrainJson.read(
        json.replace(id.get(name), id.get(name) + "x"), ReviewWorkflow.class)));
  }

  // --- commands ---------------------------------------------------------------------------------

  /** A command type: the ids it names, and how to build it from them. */
  private record CommandType(List<String> fields, Function<Map<String, String>, ReviewCommand> build) {
    CommandType(String fields, Function<Map<String, String>, ReviewCommand> build) {
      this(List.of(fields.split(" ")), build);
    }
  }

  private static final List<CommandType> COMMANDS = List.of(
      new CommandType("commandId caseId actor stageId onBehalfOf", i -> Approve.builder()
          .commandId(i.get("commandId")).caseId(i.get("caseId")).actor(i.get("actor")).at(T0)
          .stageId(i.get("stageId")).comment("ok").onBehalfOf(i.get("onBehalfOf")).build()),
      new CommandType("commandId caseId actor stageId onBehalfOf", i -> Reject.builder()
          .commandId(i.get("commandId")).caseId(i.get("caseId")).actor(i.get("actor")).at(T0)
          .stageId(i.get("stageId")).reason("no").onBehalfOf(i.get("onBehalfOf")).build()),
      new CommandType("commandId caseId actor stageId onBehalfOf", i -> RequestChanges.builder()
          .commandId(i.get("commandId")).caseId(i.get("caseId")).actor(i.get("actor")).at(T0)
          .stageId(i.get("stageId")).reason("shorter").onBehalfOf(i.get("onBehalfOf")).build()),
      new CommandType("commandId caseId actor editedBy", i -> Submit.builder().commandId(i.get("commandId"))
          .caseId(i.get("caseId")).actor(i.get("actor")).at(T0).subject(Artifact.builder("listing").build())
          .editedBy(i.get("editedBy")).build()),
      new CommandType("commandId caseId actor editedBy", i -> Resubmit.builder().commandId(i.get("commandId"))
          .caseId(i.get("caseId")).actor(i.get("actor")).at(T0).subject(Artifact.builder("listing").build())
          .editedBy(i.get("editedBy")).build()),
      new CommandType("commandId caseId actor", i -> Withdraw.builder().commandId(i.get("commandId"))
          .caseId(i.get("caseId")).actor(i.get("actor")).at(T0).reason("gone").build()),
      new CommandType("commandId caseId actor", i -> Comment.builder().commandId(i.get("commandId"))
          .caseId(i.get("caseId")).actor(i.get("actor")).at(T0).text("note").build()),
      new CommandType("commandId caseId actor", i -> Tick.builder().commandId(i.get("commandId"))
          .caseId(i.get("caseId")).actor(i.get("actor")).at(T0).build()),
      new CommandType("commandId caseId actor from to", i -> Delegate.builder().commandId(i.get("commandId"))
          .caseId(i.get("caseId")).actor(i.get("actor")).at(T0).from(i.get("from")).to(i.get("to")).validFrom(T0)
          .validUntil(T0.plusSeconds(60)).build()),
      new CommandType("commandId caseId actor stageId from to", i -> Reassign.builder()
          .commandId(i.get("commandId")).caseId(i.get("caseId")).actor(i.get("actor")).at(T0)
          .stageId(i.get("stageId")).from(i.get("from")).to(i.get("to")).build()));

  @Test
  void commandIdsOfTheLimitAreKeptAndOneCharMoreIsRefusedWithTheField() {
    int checked = 0;
    for (CommandType type : COMMANDS) {
      Map<String, String> ids = idsAtTheLimit(3, type.fields().toArray(String[]::new));
      ReviewCommand command = type.build().apply(ids);
      String json = FinegrainJson.write(command);
      assertEquals(command, FinegrainJson.read(json, ReviewCommand.class), json);

      for (String field : type.fields()) {
        Map<String, String> longer = new LinkedHashMap<>(ids);
        longer.put(field, ids.get(field) + "x");
        String what = command.getClass().getSimpleName() + "." + field;
        DefinitionException built = assertThrows(DefinitionException.class, () -> type.build().apply(longer), what);
        DefinitionException read = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
            json.replace(ids.get(field), ids.get(field) + "x"), ReviewCommand.class), what);
        assertEquals(List.of(Problem.of(field, TOO_LONG)), built.problems(), what);
        assertEquals(List.of(Problem.of(field, TOO_LONG)), read.problems(), what);
        assertTrue(built.getMessage().endsWith(" command: " + field + ": " + TOO_LONG), built.getMessage());
        checked++;
      }
    }
    assertEquals(43, checked, "every id of every command type");
    // texts that are not ids are not bound by the limit
    assertEquals(10_000, Comment.builder().commandId("c").caseId("l").actor("lin").at(T0).text("t".repeat(10_000))
        .build().text().length());
  }

  // --- a case in the in-memory store ------------------------------------------------------------

  @Test
  void aCaseWhoseIdsAreAllAtTheLimitRunsInTheInMemoryStore() {
    Map<String, String> id = idsAtTheLimit(4, "team", "owner", "reviewer", "director", "chen", "lin", "zhou", "boss",
        "workflow", "kind", "stage", "case");
    Team team = Team.builder().id(id.get("team")).name("Shop")
        .addRoles(Role.of(id.get("owner"), "Owner"), Role.of(id.get("reviewer"), "Reviewer"),
            Role.of(id.get("director"), "Director"))
        .addMember(Member.builder().id(id.get("chen")).name("Chen").addRole(id.get("owner")).build())
        .addMember(Member.builder().id(id.get("lin")).name("Lin").addRole(id.get("reviewer")).build())
        .addMember(Member.builder().id(id.get("zhou")).name("Zhou").addRole(id.get("reviewer")).build())
        .addMember(Member.builder().id(id.get("boss")).name("Boss").addRole(id.get("director")).build())
        .build();
    ReviewWorkflow workflow = ReviewWorkflow.builder().id(id.get("workflow")).version(1).subjectKind(id.get("kind"))
        .addPhase(Phase.of(Stage.builder().id(id.get("stage")).name("Review").addReviewerRole(id.get("reviewer"))
            .quorum(Quorum.atLeast(2)).deadline(Deadline.builder().escalateAfter(Duration.ofHours(48))
                .escalationRole(id.get("director")).build()).build()))
        .leadRole(id.get("director")).build();
    ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team)).register(workflow)
        .store(EventStores.inMemory()).build();
    String caseId = id.get("case");
    Random random = new Random(5);

    assertTrue(engine.handle(Submit.builder().commandId(cjk(random, Ids.MAX_LENGTH)).caseId(caseId)
        .actor(id.get("chen")).at(T0).subject(Artifact.builder(id.get("kind")).put("title", "Tea").build())
        .build()).isAccepted());
    assertEquals(List.of(caseId), engine.inbox(id.get("lin"), T0).stream().map(InboxItem::caseId).toList());
    assertTrue(engine.handle(Delegate.builder().commandId(cjk(random, Ids.MAX_LENGTH)).caseId(caseId)
        .actor(id.get("lin")).at(T0.plusSeconds(1)).from(id.get("lin")).to(id.get("zhou"))
        .validFrom(T0.plusSeconds(1)).validUntil(T0.plus(Duration.ofDays(7))).build()).isAccepted());
    Approve approve = Approve.builder().commandId(cjk(random, Ids.MAX_LENGTH)).caseId(caseId).actor(id.get("zhou"))
        .at(T0.plusSeconds(2)).stageId(id.get("stage")).onBehalfOf(id.get("lin")).build();
    ReviewOutcome approved = engine.handle(approve);
    assertTrue(approved.isAccepted(), approved.toString());
    assertEquals(approved, engine.handle(approve), "a retry is answered from the log, found by its command id");
    assertTrue(engine.handle(Tick.builder().commandId(cjk(random, Ids.MAX_LENGTH)).caseId(caseId)
        .actor(ReviewEvent.SYSTEM).at(T0.plus(Duration.ofHours(49))).build()).isAccepted());
    assertEquals(List.of(id.get("stage")), engine.inbox(id.get("boss"), T0.plus(Duration.ofHours(49))).stream()
        .map(InboxItem::stageId).toList(), "escalated to the director");

    ReviewEngine restarted = ReviewEngine.builder(ReviewContext.of(team)).register(workflow).store(engine.store())
        .build();
    assertEquals(engine.state(caseId), restarted.state(caseId));
    assertEquals(List.of(caseId), restarted.store().caseIds());
    assertTrue(restarted.verify(caseId, engine.headHash(caseId)).intact());
  }
}
