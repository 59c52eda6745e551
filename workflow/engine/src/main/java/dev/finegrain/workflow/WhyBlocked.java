package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Why a case is not decided yet, from {@link ReviewEngine#whyBlocked}: per open stage a
 * {@link BlockedStage}; or, while the case waits for its submitter, why it was sent back; or, for a
 * closed case, its outcome. {@link #text()} says it all in words.
 *
 * @param caseId the case
 * @param status the case's status at the instant asked about
 * @param headline one line: the case, its workflow, status and version
 * @param stages the open stages, in workflow order; empty unless the case is in review
 * @param sentBack why the case waits for its submitter; empty unless it does
 * @param notes further lines: deadlines due but not yet recorded, the outcome of a closed case
 *
 * @since 0.1
 */
public record WhyBlocked(String caseId, CaseStatus status, String headline, List<BlockedStage> stages,
    List<SentBack> sentBack, List<String> notes) {
  /**
   * Checks the components: copies the lists, none may be null.
   *
   * @param caseId the case
   * @param status the case's status at the instant asked about
   * @param headline one line: the case, its workflow, status and version
   * @param stages the open stages, in workflow order; empty unless the case is in review
   * @param sentBack why the case waits for its submitter; empty unless it does
   * @param notes further lines: deadlines due but not yet recorded, the outcome of a closed case
   */
  public WhyBlocked {
    checkNotNull(caseId, "caseId");
    checkNotNull(status, "status");
    checkNotNull(headline, "headline");
    stages = ImmutableList.copyOf(checkNotNull(stages, "stages"));  // no copy of an immutable list
    sentBack = ImmutableList.copyOf(checkNotNull(sentBack, "sentBack"));  // no copy of an immutable list
    notes = ImmutableList.copyOf(checkNotNull(notes, "notes"));  // no copy of an immutable list
  }

  /** {@return the explanation as lines of text, stages indented under the headline} */
  public List<String> lines() {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    out.add(headline);
    for (String note : notes) {
      out.add("  " + note);
    }
    for (SentBack back : sentBack) {
      out.add("  waits for the submitter: " + (back.kind() == SentBack.Kind.GATE_FAILED
          ? "the gate of stage '" + back.stageId() + "' failed"
          : back.by() + " requested changes in stage '" + back.stageId() + "'"));
      for (String reason : back.reasons()) {
        out.add("    " + reason);
      }
    }
    for (BlockedStage stage : stages) {
      for (int i = 0; i < stage.lines().size(); i++) {
        out.add((i == 0 ? "  " : "    ") + stage.lines().get(i));
      }
    }
    return out.build();
  }

  /**
   * {@link #lines()} joined by newlines, ending with one.
   *
   * @return the text
   */
  public String text() {
    return String.join("\n", lines()) + "\n";
  }

  @Override
  public String toString() {
    return text();
  }
}
