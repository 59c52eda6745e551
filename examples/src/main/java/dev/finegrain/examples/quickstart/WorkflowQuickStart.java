package dev.finegrain.examples.quickstart;

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
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Submit;
import java.time.Instant;

/** The README's workflow quick-start, kept compiling and in sync by a test. */
public final class WorkflowQuickStart {
  public static void main(String[] args) {
    Team team = Team.builder().id("shop").name("Tea shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"))
        .addMember(Member.builder().id("lin").name("Lin").addRole("copywriter").build())
        .addMember(Member.builder().id("zhou").name("Zhou").addRole("copywriter").build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build())
        .addMember(Member.builder().id("tang").name("Tang").addRole("manager").build())
        .addMember(Member.builder().id("guo").name("Guo").addRole("manager").build())
        .build();

    // copy review by any copywriter, then 2 of the 3 managers
    ReviewWorkflow listingReview = ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()))
        .addPhase(Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
            .quorum(Quorum.atLeast(2)).build()))
        .build();

    ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team)).register(listingReview).build();
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    Artifact listing = Artifact.builder("listing").put("title", "West Lake Longjing 250 g").put("price", 388).build();

    engine.handle(Submit.builder().commandId("c1").caseId("listing-42").actor("lin").at(now).subject(listing).build());
    ReviewOutcome selfReview = engine.handle(Approve.builder().commandId("c2").caseId("listing-42").actor("lin")
        .at(now).stageId("copy").build());
    System.out.println(selfReview.refusal().orElseThrow().message());
    // lin submitted case listing-42 and may not review it

    engine.handle(Approve.builder().commandId("c3").caseId("listing-42").actor("zhou").at(now).stageId("copy").build());
    System.out.println(engine.whyBlocked("listing-42", now).text());
    // case listing-42 (workflow 'listing-review' v1, revision 1, submitted by lin): in review, version 5
    //   Manager approval [manager]: 0 of 2 approvals, 2 more needed
    //     votes so far: none
    //     can still vote: ma (Ma), tang (Tang), guo (Guo)
    //     deadline: none
  }
}
