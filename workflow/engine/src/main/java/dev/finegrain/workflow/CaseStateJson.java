package dev.finegrain.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.store.Hash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A case's state as JSON, for the snapshots a store keeps of long cases so that loading one reads
 * its snapshot and the events after it, not its whole log. A snapshot is derived data: it is read
 * only if its {@link #FORMAT} is this code's (a change to what {@link Reviews#evolve} folds, or to
 * this form, must increase it, so that older snapshots are ignored and the case replayed), and
 * {@link ReviewEngine#verify} never reads it.
 */
final class CaseStateJson {
  /** The form of a snapshot this code writes and reads. */
  static final int FORMAT = 1;  // with the workflow definition's hash

  // one mapper for every snapshot: a new mapper has empty caches and would build its readers and
  // writers again for each snapshot (milliseconds each)
  private static final ObjectMapper MAPPER = FinegrainJson.mapper();
  private static final ObjectWriter WRITER = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private CaseStateJson() {}

  /** The form written; every field of {@link ReviewCase}. */
  record Form(int format, String caseId, String workflowId, int workflowVersion, String submitter,
      Optional<Artifact> subject, int revision, String lastEditor, CaseStatus status, Optional<Outcome> outcome,
      String closeReason, int phase, List<StageState> stages, List<Delegation> delegations,
      List<Reassignment> reassignments, List<SentBack> sentBack, long version, Optional<Instant> updatedAt,
      Optional<Hash> definitionHash) {}

  static String write(ReviewCase state) {
    Form form = new Form(FORMAT, state.caseId(), state.workflowId(), state.workflowVersion(),
        state.submitter(), state.isSubmitted() ? Optional.of(state.subject()) : Optional.empty(), state.revision(),
        state.lastEditor(), state.status(), state.outcome(), state.closeReason().orElse(""), state.phase(),
        state.stageList(), state.delegations(), state.reassignments(), state.sentBack(), state.version(),
        state.updatedAt(), state.definitionHash());
    try {
      return WRITER.writeValueAsString(form);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the snapshot of case " + state.caseId(), e);
    }
  }

  /** The state {@code json} holds; empty if it is of another {@link #FORMAT}, or not a snapshot at all. */
  static Optional<ReviewCase> read(String json) {
    Form form;
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || tree.path("format").asInt(-1) != FORMAT) {
        return Optional.empty();
      }
      form = MAPPER.treeToValue(tree, Form.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();  // derived data: the case is replayed from its events instead
    }
    return Optional.of(ReviewCase.restore(form.caseId(), form.workflowId(), form.workflowVersion(), form.submitter(),
        form.subject().orElse(null), form.revision(), form.lastEditor(), form.status(), form.outcome().orElse(null),
        form.closeReason(), form.phase(), form.stages(), form.delegations(), form.reassignments(), form.sentBack(),
        form.version(), form.updatedAt().orElse(null), form.definitionHash().orElse(null)));
  }
}
