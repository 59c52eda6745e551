/**
 * Experiments, "test small, then roll out": read an A/B test of a product page honestly.
 *
 * <ul>
 *   <li>{@link dev.finegrain.kpi.experiment.ConversionTest} compares two conversion rates: Wilson
 *       intervals per variant, the difference with its interval, the relative lift, the
 *       two-proportion z-test and a verdict sentence.
 *   <li>{@link dev.finegrain.kpi.experiment.WelchTest} compares two means (order value, time on
 *       page) from summary statistics ({@link dev.finegrain.kpi.experiment.SampleSummary}) with
 *       Welch's t-test.
 *   <li>{@link dev.finegrain.kpi.experiment.SampleRatioCheck} checks that traffic was split as
 *       intended before anyone reads the results (sample-ratio mismatch).
 * </ul>
 *
 * <p>Distribution functions (normal, Student's t, chi-square) come from Apache Commons Statistics;
 * nothing here approximates them by hand. A figure that is undefined (a lift over a control that
 * never converts, a test statistic with a zero standard error) is empty, never 0 or NaN. Bad input
 * (more conversions than visitors, a negative count, a confidence outside (0, 1)) is an
 * {@link java.lang.IllegalArgumentException} that names the field and what was expected.
 */
@KpiStyle
package dev.finegrain.kpi.experiment;

import dev.finegrain.kpi.internal.KpiStyle;
