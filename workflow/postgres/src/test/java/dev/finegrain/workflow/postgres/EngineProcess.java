package dev.finegrain.workflow.postgres;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.Quorum;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A review engine in a process of its own over a shared PostgreSQL database, for
 * {@link SeparateJvmEnginesTest}: {@code main(jdbcUrl, actor, cases, notes)} comments on each case
 * {@code notes} times and prints the command id of every accepted comment, one per line, and
 * "refused <reason>" for each refusal.
 */
public final class EngineProcess {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private EngineProcess() {}

  /** The engine both processes run: the same team and workflow over the same database. */
  static ReviewEngine engine(DataSource dataSource) {
    Team team = Team.builder().id("shop").name("Tea shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"))
        .addMember(Member.builder().id("lin").name("Lin").addRole("copywriter").build())
        .addMember(Member.builder().id("zhou").name("Zhou").addRole("copywriter").build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build())
        .addMember(Member.builder().id("tang").name("Tang").addRole("manager").build())
        .build();
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()))
        .addPhase(Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
            .quorum(Quorum.atLeast(2)).build()))
        .build();
    return ReviewEngine.builder(ReviewContext.of(team)).register(workflow).store(PostgresEventStore.of(dataSource))
        .build();
  }

  static Submit submit(String caseId) {
    return Submit.builder().commandId("submit-" + caseId).caseId(caseId).actor("lin").at(T0)
        .subject(Artifact.builder("listing").put("title", "Tea " + caseId).put("price", 388).build()).build();
  }

  static Comment comment(String actor, int caseIndex, int note) {
    return Comment.builder().commandId(actor + "-" + caseIndex + "-" + note).caseId("listing-" + caseIndex)
        .actor(actor).at(T0.plusSeconds(60 + note)).text(actor + " note " + note).build();
  }

  /**
   * The PostgreSQL driver's DataSource for {@code jdbcUrl}, made reflectively: its supertypes are in
   * java.naming, which the module under test does not read.
   */
  static DataSource dataSource(String jdbcUrl) {
    try {
      Class<?> type = Class.forName("org.postgresql.ds.PGSimpleDataSource");
      DataSource dataSource = (DataSource) type.getConstructor().newInstance();
      type.getMethod("setURL", String.class).invoke(dataSource, jdbcUrl);
      return dataSource;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) {
    DataSource dataSource = dataSource(args[0]);
    String actor = args[1];
    int cases = Integer.parseInt(args[2]);
    int notes = Integer.parseInt(args[3]);
    ReviewEngine engine = engine(dataSource);
    for (int note = 0; note < notes; note++) {
      for (int c = 0; c < cases; c++) {
        ReviewOutcome outcome = engine.handle(comment(actor, c, note));
        System.out.println(outcome.isAccepted() ? outcome.commandId()
            : "refused " + outcome.refusal().orElseThrow().reason());
      }
    }
  }
}
