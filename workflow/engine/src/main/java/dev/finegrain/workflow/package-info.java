/**
 * finegrain-workflow: the multi-stage review engine that shop platforms embed for listing and
 * order reviews.
 *
 * <p>Definitions are data: a {@link dev.finegrain.workflow.ReviewWorkflow} of
 * {@link dev.finegrain.workflow.Phase phases} of {@link dev.finegrain.workflow.Stage stages}, validated
 * when built and against a team, with a JSON form. Cases are decided, then evolved:
 * {@link dev.finegrain.workflow.Reviews#decide Reviews.decide} turns a
 * {@link dev.finegrain.workflow.command.ReviewCommand command} into {@link dev.finegrain.workflow.event.ReviewEvent events}
 * or a {@link dev.finegrain.workflow.Refusal refusal}, and {@link dev.finegrain.workflow.Reviews#evolve
 * Reviews.evolve} folds events into a {@link dev.finegrain.workflow.ReviewCase}. Nothing here reads
 * the clock or runs a thread: every command carries its instant.
 */
@WorkflowStyle
package dev.finegrain.workflow;

import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.WorkflowStyle;
