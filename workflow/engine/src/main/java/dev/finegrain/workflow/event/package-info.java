/**
 * What happened to a review case: the closed hierarchy of
 * {@link dev.finegrain.workflow.event.ReviewEvent}, from
 * {@link dev.finegrain.workflow.event.CaseSubmitted} to {@link dev.finegrain.workflow.event.CaseClosed}.
 * A case's state is the fold of its events. Each event is an immutable value with a stable JSON type
 * name; stores keep them wrapped in a {@code RecordedEvent} with its place in the case's hash chain.
 */
@WorkflowStyle
package dev.finegrain.workflow.event;

import dev.finegrain.workflow.internal.WorkflowStyle;
import dev.finegrain.workflow.store.RecordedEvent;
