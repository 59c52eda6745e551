/**
 * What actors ask of a review case: {@link dev.finegrain.workflow.command.Submit},
 * {@link dev.finegrain.workflow.command.Approve}, {@link dev.finegrain.workflow.command.Reject},
 * {@link dev.finegrain.workflow.command.RequestChanges}, {@link dev.finegrain.workflow.command.Resubmit},
 * {@link dev.finegrain.workflow.command.Withdraw}, {@link dev.finegrain.workflow.command.Comment},
 * {@link dev.finegrain.workflow.command.Delegate}, {@link dev.finegrain.workflow.command.Reassign} and
 * {@link dev.finegrain.workflow.command.Tick}: the closed hierarchy of
 * {@link dev.finegrain.workflow.command.ReviewCommand}. Each is an immutable value with a builder and a
 * JSON form; the engine answers each with events or a refusal.
 */
@WorkflowStyle
package dev.finegrain.workflow.command;

import dev.finegrain.workflow.internal.WorkflowStyle;
