package dev.finegrain.workflow.testing;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.Quorum;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The events, team and workflow the contract records. */
final class ContractSamples {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private ContractSamples() {}

  /**
   * {@code count} comment events of case {@code caseId}, sequence numbers {@code after + 1} on,
   * chained from {@code previous}, recorded by command {@code commandPrefix + i}, with texts that
   * are long, empty and not ASCII.
   */
  static List<RecordedEvent> comments(String caseId, long after, Hash previous, int count, String commandPrefix) {
    List<RecordedEvent> events = new ArrayList<>(count);
    Hash head = previous;
    for (int i = 0; i < count; i++) {
      long sequence = after + 1 + i;
      ReviewEvent event = Commented.builder().caseId(caseId).sequence(sequence).at(T0.plusSeconds(sequence))
          .actor("member-" + sequence % 3).text(text(sequence)).build();
      RecordedEvent recorded = RecordedEvent.chain(event, commandPrefix + (after + i), head);
      events.add(recorded);
      head = recorded.hash();
    }
    return events;
  }

  /** {@link #comments} of a new case, from the genesis hash. */
  static List<RecordedEvent> comments(String caseId, int count, String commandPrefix) {
    return comments(caseId, 0, HashChain.GENESIS, count, commandPrefix);
  }

  private static String text(long n) {
    return switch ((int) (n % 5)) {
      case 0 -> "";
      case 1 -> "Titel für 好 tea, 全网第一? no: " + n;
      case 2 -> "x".repeat(300);
      case 3 -> "images \"front\" and 'back'\n\ttab \\ backslash";
      default -> "emoji 😀 " + n;
    };
  }

  static Team team() {
    return Team.builder().id("shop").name("Tea shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"))
        .addMember(Member.builder().id("lin").name("Lin").addRole("copywriter").build())
        .addMember(Member.builder().id("zhou").name("Zhou").addRole("copywriter").build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build())
        .addMember(Member.builder().id("tang").name("Tang").addRole("manager").build())
        .build();
  }

  static ReviewContext context() {
    return ReviewContext.of(team());
  }

  static ReviewWorkflow listingReview() {
    return ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()))
        .addPhase(Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
            .quorum(Quorum.atLeast(2)).build()))
        .build();
  }

  static Artifact listing(int n) {
    return Artifact.builder("listing").put("title", "West Lake Longjing 好 " + n).put("price", 388.5 + n)
        .put("stock", (long) n).put("organic", n % 2 == 0).put("images", List.of("front.jpg", "back.jpg"))
        .put("dimensions", Map.of("w", 12L, "h", 20L)).build();
  }
}
