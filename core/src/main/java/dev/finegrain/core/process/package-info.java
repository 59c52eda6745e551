/**
 * Processes and who is responsible for them: a {@link dev.finegrain.core.process.ProcessDefinition}
 * is a DAG of steps, a {@link dev.finegrain.core.process.ResponsibilityMatrix} assigns RACI letters
 * to roles per step and is validated against a team, and
 * {@link dev.finegrain.core.process.ProcessAnalysis} counts hand-offs, finds the critical path and
 * the steps nobody needs, and {@link dev.finegrain.core.process.ProcessComparison} shows what a
 * change to a process gained or lost.
 */
@FinegrainStyle
package dev.finegrain.core.process;

import dev.finegrain.core.internal.FinegrainStyle;
