package dev.finegrain.workflow;

import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import java.util.Locale;
import java.util.stream.Collectors;

/** Events in words, for audit trails: who did what, "B for A" for delegated votes. */
final class EventDescriptions {
  private EventDescriptions() {}

  static String describe(ReviewEvent event) {
    String who = event.actor().equals(ReviewEvent.SYSTEM) ? "the engine" : event.actor();
    if (event instanceof CaseSubmitted e) {
      return who + " submitted " + e.subject().kind() + " revision 1 for review under workflow '" + e.workflowId()
          + "' v" + e.workflowVersion() + (e.editor().equals(e.actor()) ? "" : " (edited by " + e.editor() + ")");
    } else if (event instanceof GateFailed e) {
      return "gate '" + e.standardId() + "' of stage '" + e.stageId() + "' failed ("
          + e.violations().stream().map(Violation::ruleId).distinct().collect(Collectors.joining(", "))
          + "); sent back to the submitter";
    } else if (event instanceof StageOpened e) {
      return "stage '" + e.stageId() + "' opened (phase " + (e.phase() + 1) + ")";
    } else if (event instanceof StageSkipped e) {
      return "stage '" + e.stageId() + "' skipped: " + e.reason();
    } else if (event instanceof VoteCast e) {
      String voter = e.onBehalfOf().map(p -> e.actor() + " for " + p).orElse(e.actor());
      String verb = switch (e.vote()) {
        case APPROVE -> "approved";
        case REJECT -> "rejected";
        case REQUEST_CHANGES -> "requested changes in";
      };
      return voter + " " + verb + " stage '" + e.stageId() + "'" + e.note().map(n -> ": " + n).orElse("");
    } else if (event instanceof StageApproved e) {
      return "stage '" + e.stageId() + "' approved";
    } else if (event instanceof StageRejected e) {
      return "stage '" + e.stageId() + "' rejected";
    } else if (event instanceof ChangesRequested e) {
      return "stage '" + e.stageId() + "' sent the case back to the submitter for changes";
    } else if (event instanceof Resubmitted e) {
      return who + " resubmitted revision " + e.revision()
          + (e.editor().equals(e.actor()) ? "" : " (edited by " + e.editor() + ")")
          + (e.resetStages().isEmpty() ? "" : "; approvals reset in " + e.resetStages());
    } else if (event instanceof Commented e) {
      return who + " commented: " + e.text();
    } else if (event instanceof Delegated e) {
      return who + " delegated " + e.from() + "'s votes to " + e.to() + " from " + e.validFrom() + " until "
          + e.validUntil();
    } else if (event instanceof Reassigned e) {
      return who + " reassigned stage '" + e.stageId() + "' from " + e.from() + " to " + e.to();
    } else if (event instanceof Escalated e) {
      return "stage '" + e.stageId() + "' escalated: holders of '" + e.role() + "' may vote too";
    } else if (event instanceof CaseClosed e) {
      return "case closed as " + e.outcome().name().toLowerCase(Locale.ROOT) + ": " + e.reason();
    }
    return who + " " + event.getClass().getSimpleName();
  }
}
