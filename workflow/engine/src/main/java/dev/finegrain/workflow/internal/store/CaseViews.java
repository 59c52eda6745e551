package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.ReviewCase;
import java.util.Optional;

/** What a case store asks of the engine about a case's state: its open work, and its snapshot form. */
public interface CaseViews {
  /** The case's open work ({@link CaseWork}); null if the engine has not registered the case's workflow. */
  CaseWork project(ReviewCase state);

  /** The case's state as a snapshot. */
  String encode(ReviewCase state);

  /** The state a snapshot holds; empty if it is of a form this engine does not read. */
  Optional<ReviewCase> decode(String snapshot);
}
